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
	return db.watch(ctx, FiguresChannel, onChange, func(ctx context.Context, _ string) { onChange(ctx) }, nil)
}

// watch LISTENs on channel, calling onConnect each time the connection is
// (re)established, onNotify for each notification, and onLost when the
// connection fails (notifications may be missed until onConnect).
func (db *DB) watch(ctx context.Context, channel string, onConnect func(context.Context),
	onNotify func(ctx context.Context, payload string), onLost func()) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		db.watchLoop(ctx, channel, onConnect, onNotify, onLost)
	}()
	return func() { cancel(); <-done }
}

func (db *DB) watchLoop(ctx context.Context, channel string, onConnect func(context.Context),
	onNotify func(ctx context.Context, payload string), onLost func()) {
	wait := 250 * time.Millisecond
	for {
		err := db.listen(ctx, channel, onConnect, onNotify, func() { wait = 250 * time.Millisecond })
		if onLost != nil {
			onLost()
		}
		if ctx.Err() != nil {
			return
		}
		db.Log.Warn("change listener lost; reconnecting", "channel", channel, "err", err, "wait", wait.String())
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return
		}
		wait = min(wait*2, watchMaxWait)
	}
}

// listen holds one LISTEN connection until it fails or ctx ends.
func (db *DB) listen(ctx context.Context, channel string, onConnect func(context.Context),
	onNotify func(ctx context.Context, payload string), connected func()) error {
	conn, err := db.dedicatedConn(ctx, "tkpkbot-listen")
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, `LISTEN `+pgx.Identifier{channel}.Sanitize()); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	connected()
	onConnect(ctx)
	for {
		wctx, cancel := context.WithTimeout(ctx, watchPing)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			onNotify(ctx, n.Payload)
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
