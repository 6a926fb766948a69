package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// PollerLock is the advisory-lock key of the replica that polls Telegram;
// getUpdates allows one poller per bot.
const PollerLock int64 = 0x746b706b_706f6c6c // "tkpkpoll"

// RunAsLeader runs f while this process holds the session advisory lock
// key on a dedicated connection, and waits its turn before that. When the
// connection is lost f's context is cancelled and the election starts
// again; when ctx ends the lock is released. A dead leader's session ends
// with its connection (TCP keepalives bound that to ~25 s on a silent
// network), and waiting replicas retry every `retry`.
func (db *DB) RunAsLeader(ctx context.Context, key int64, retry time.Duration, f func(ctx context.Context) error) error {
	waiting := false
	for ctx.Err() == nil {
		conn, err := db.leaderConn(ctx)
		if err == nil {
			var got bool
			if err = conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&got); err == nil && got {
				db.Log.Info("leader: this replica polls Telegram")
				err = db.lead(ctx, conn, key, retry, f)
				if ctx.Err() != nil {
					return err
				}
				db.Log.Warn("leader: lost the lock connection; electing again", "err", err)
				waiting = false
				continue
			}
			conn.Close(context.WithoutCancel(ctx))
		}
		if err != nil {
			db.Log.Warn("leader: election failed; retrying", "err", err)
		} else if !waiting {
			db.Log.Info("leader: another replica polls Telegram; standing by")
			waiting = true
		}
		select {
		case <-time.After(retry):
		case <-ctx.Done():
		}
	}
	return nil
}

func (db *DB) leaderConn(ctx context.Context) (*pgx.Conn, error) {
	conn, err := db.dedicatedConn(ctx, "tkpkbot-leader")
	if err != nil {
		return nil, fmt.Errorf("leader connection: %w", err)
	}
	return conn, nil
}

// dedicatedConn opens a connection outside the pool, for a session that
// must last (a held lock, a LISTEN). Keepalives let the server drop a
// peer that vanished without closing, which ends that session.
func (db *DB) dedicatedConn(ctx context.Context, name string) (*pgx.Conn, error) {
	cfg := db.Pool.Config().ConnConfig.Copy()
	cfg.RuntimeParams["application_name"] = name
	cfg.RuntimeParams["tcp_keepalives_idle"] = "10"
	cfg.RuntimeParams["tcp_keepalives_interval"] = "5"
	cfg.RuntimeParams["tcp_keepalives_count"] = "3"
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	return pgx.ConnectConfig(cctx, cfg)
}

// lead runs f and watches the lock's connection; losing it cancels f so
// two replicas never poll at once for longer than one check interval.
func (db *DB) lead(ctx context.Context, conn *pgx.Conn, key int64, check time.Duration, f func(ctx context.Context) error) error {
	lctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	done := make(chan error, 1)
	go func() { done <- f(lctx) }()
	t := time.NewTicker(check)
	defer t.Stop()
	for {
		select {
		case err := <-done:
			release(conn, key)
			if err == nil && ctx.Err() == nil {
				err = errors.New("leader task ended")
			}
			return err
		case <-t.C:
			pctx, pcancel := context.WithTimeout(ctx, check)
			err := conn.Ping(pctx)
			pcancel()
			if err != nil && ctx.Err() == nil {
				cancel(err)
				<-done
				conn.Close(context.Background())
				return fmt.Errorf("leader connection lost: %w", err)
			}
		}
	}
}

func release(conn *pgx.Conn, key int64) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_, _ = conn.Exec(ctx, `SELECT pg_advisory_unlock($1)`, key)
	conn.Close(ctx)
}
