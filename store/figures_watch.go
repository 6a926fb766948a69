package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// A silent LISTEN connection is pinged every watchPing, so a dead network
// is noticed even when nobody imports anything; reconnection backs off up
// to watchMaxWait. Variables only so tests can shorten them.
var (
	watchPing    = 30 * time.Second
	watchMaxWait = 30 * time.Second
)

// WatchFigures calls onChange whenever figures change in the database,
// from this replica or any other, and also every time its listening
// connection is (re)established: a notification sent while it was down is
// lost, so a reload then catches up. onChange runs on the watching
// goroutine, one call at a time. The returned stop ends the watch and
// waits for it.
func (db *DB) WatchFigures(ctx context.Context, onChange func(context.Context)) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		db.watchFigures(ctx, onChange)
	}()
	return func() { cancel(); <-done }
}

func (db *DB) watchFigures(ctx context.Context, onChange func(context.Context)) {
	wait := 250 * time.Millisecond
	for {
		err := db.listenFigures(ctx, onChange, func() { wait = 250 * time.Millisecond })
		if ctx.Err() != nil {
			return
		}
		db.Log.Warn("figures: change listener lost; reconnecting", "err", err, "wait", wait.String())
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return
		}
		wait = min(wait*2, watchMaxWait)
	}
}

// listenFigures holds one LISTEN connection until it fails or ctx ends.
func (db *DB) listenFigures(ctx context.Context, onChange func(context.Context), connected func()) error {
	cfg := db.Pool.Config().ConnConfig.Copy()
	cfg.RuntimeParams["application_name"] = "tkpkbot-listen"
	// Let the server drop a peer that vanished without closing.
	cfg.RuntimeParams["tcp_keepalives_idle"] = "10"
	cfg.RuntimeParams["tcp_keepalives_interval"] = "5"
	cfg.RuntimeParams["tcp_keepalives_count"] = "3"
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	conn, err := pgx.ConnectConfig(cctx, cfg)
	cancel()
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, `LISTEN `+FiguresChannel); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	connected()
	onChange(ctx)
	for {
		wctx, cancel := context.WithTimeout(ctx, watchPing)
		_, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			onChange(ctx)
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, context.DeadlineExceeded):
			// Quiet for a while: make sure the connection is still alive.
			pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			err := conn.Ping(pctx)
			cancel()
			if err != nil {
				return fmt.Errorf("ping: %w", err)
			}
		default:
			return fmt.Errorf("wait for notification: %w", err)
		}
	}
}
