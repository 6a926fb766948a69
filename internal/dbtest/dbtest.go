// Package dbtest opens a migrated store.DB on a fresh database per test.
package dbtest

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"tkpkbot"
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
	if o.Log == nil {
		o.Log = quiet()
	}
	if o.Location == nil {
		loc, err := time.LoadLocation("Asia/Makassar")
		if err != nil {
			t.Fatal(err)
		}
		o.Location = loc
	}
	if o.Clock == nil {
		o.Clock = tkpkbot.SystemClock{}
	}
	db, err := store.Open(context.Background(), URL(t), o)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(db.Close)
	return db
}

func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }
