// Package dbtest opens a migrated store.DB on a fresh database per test.
package dbtest

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/clocktest"
	"tkpkbot/internal/pgtest"
	"tkpkbot/store"
)

// Migrate is the pgtest.Migrator for this program's schema.
func Migrate(ctx context.Context, url string) error {
	db, err := store.Open(ctx, url, store.Options{ConnectTimeout: 10 * time.Second, Log: quiet()})
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Migrate(ctx)
	return err
}

// URL returns a fresh migrated database's URL.
func URL(t testing.TB) string { return pgtest.NewDatabase(t, Migrate) }

// Open returns a store on a fresh migrated database, closed at cleanup.
func Open(t testing.TB, o store.Options) *store.DB {
	t.Helper()
	return OpenURL(t, URL(t), o)
}

// Pair returns two stores (two pools) on one fresh migrated database, as
// two replicas of the bot would be; both are closed at cleanup.
func Pair(t testing.TB, o store.Options) (*store.DB, *store.DB) {
	t.Helper()
	url := URL(t)
	return OpenURL(t, url, o), OpenURL(t, url, o)
}

// OpenURL returns a store on a database the test already has, such as the
// one a child process serves, closed at cleanup; o's Log, Location and
// Clock default as in Open.
func OpenURL(t testing.TB, url string, o store.Options) *store.DB {
	t.Helper()
	if o.Log == nil {
		o.Log = quiet()
	}
	if o.Location == nil {
		o.Location = clocktest.WITA
	}
	if o.Clock == nil {
		o.Clock = tkpkbot.SystemClock{}
	}
	db, err := store.Open(context.Background(), url, o)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(db.Close)
	return db
}

func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }
