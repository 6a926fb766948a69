// Package store implements tkpkbot's services on PostgreSQL with pgx. All
// SQL of the program lives here; migrations are embedded and applied at
// start-up under a Postgres advisory lock so replicas can start together.
package store

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"tkpkbot"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is the connection pool plus the clock and zone every service shares.
type DB struct {
	Pool     *pgxpool.Pool
	Clock    tkpkbot.Clock
	Location *time.Location
	Log      *slog.Logger
	AdminIDs map[int64]bool
	// BotID scopes handled-update records to one bot (set from getMe).
	BotID int64
	users *userCache
}

// Options tune Open; zero values are sensible.
type Options struct {
	ConnectTimeout time.Duration // total time to keep retrying; default 30s
	Log            *slog.Logger
	Clock          tkpkbot.Clock
	Location       *time.Location
	AdminIDs       []int64
	MaxConns       int32
}

// Open connects to PostgreSQL, retrying with backoff because on a fresh
// server the database often comes up a few seconds after the bot.
func Open(ctx context.Context, url string, o Options) (*DB, error) {
	if o.ConnectTimeout == 0 {
		o.ConnectTimeout = 30 * time.Second
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.Clock == nil {
		o.Clock = tkpkbot.SystemClock{}
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, errors.New("DATABASE_URL is not a valid PostgreSQL URL")
	}
	switch {
	case o.MaxConns > 0:
		cfg.MaxConns = o.MaxConns
	case !strings.Contains(url, "pool_max_conns"):
		// pgx's default (4 on a 2-core host) starves the update workers
		cfg.MaxConns = 20
	}
	cfg.ConnConfig.ConnectTimeout = 5 * time.Second
	cfg.ConnConfig.RuntimeParams["timezone"] = "UTC"
	cfg.ConnConfig.RuntimeParams["application_name"] = "tkpkbot"

	deadline := time.Now().Add(o.ConnectTimeout)
	wait := 250 * time.Millisecond
	for attempt := 1; ; attempt++ {
		pool, err := pgxpool.NewWithConfig(ctx, cfg)
		if err == nil {
			pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			err = pool.Ping(pctx)
			cancel()
			if err == nil {
				db := &DB{Pool: pool, Clock: o.Clock, Location: o.Location, Log: o.Log, AdminIDs: map[int64]bool{}, users: newUserCache()}
				for _, id := range o.AdminIDs {
					db.AdminIDs[id] = true
				}
				return db, nil
			}
			pool.Close()
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("connect to database: %w", ctx.Err())
		}
		if time.Now().Add(wait).After(deadline) {
			return nil, fmt.Errorf("database not reachable after %d attempts in %s (check DATABASE_URL and that PostgreSQL is running): %w",
				attempt, o.ConnectTimeout.Round(time.Second), err)
		}
		o.Log.Warn("database not reachable yet, retrying", "attempt", attempt, "wait", wait.String(), "err", err)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return nil, fmt.Errorf("connect to database: %w", ctx.Err())
		}
		wait = min(wait*2, 5*time.Second)
	}
}

// Close releases the pool.
func (db *DB) Close() { db.Pool.Close() }

// Migrate applies pending migrations; concurrent callers serialise on a
// session advisory lock, so several replicas may start at once.
func (db *DB) Migrate(ctx context.Context) (applied int, err error) {
	p, closeFn, err := db.provider()
	if err != nil {
		return 0, err
	}
	defer closeFn()
	res, err := p.Up(ctx)
	if err != nil {
		return len(res), fmt.Errorf("apply migrations: %w", err)
	}
	for _, r := range res {
		db.Log.Info("migration applied", "version", r.Source.Version, "file", r.Source.Path, "took", r.Duration.String())
	}
	return len(res), nil
}

// Pending reports whether migrations remain to be applied (for readiness).
func (db *DB) Pending(ctx context.Context) (bool, error) {
	p, closeFn, err := db.provider()
	if err != nil {
		return false, err
	}
	defer closeFn()
	return p.HasPending(ctx)
}

func (db *DB) provider() (*goose.Provider, func(), error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, nil, fmt.Errorf("migrations fs: %w", err)
	}
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return nil, nil, fmt.Errorf("migration locker: %w", err)
	}
	sqldb := stdlib.OpenDBFromPool(db.Pool)
	p, err := goose.NewProvider(goose.DialectPostgres, sqldb, sub, goose.WithSessionLocker(locker))
	if err != nil {
		sqldb.Close()
		return nil, nil, fmt.Errorf("migration provider: %w", err)
	}
	return p, func() { sqldb.Close() }, nil
}

// Ping checks the database answers (for readiness probes).
func (db *DB) Ping(ctx context.Context) error { return db.Pool.Ping(ctx) }

// unavailable turns connection-level failures into an error the handlers
// show as "sedang gangguan" rather than a generic failure.
func (db *DB) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var te *tkpkbot.Error
	if errors.As(err, &te) {
		return err
	}
	if isConnErr(err) {
		return fmt.Errorf("%s: %w", op, errors.Join(tkpkbot.ErrUnavailable, err))
	}
	return fmt.Errorf("%s: %w", op, err)
}
