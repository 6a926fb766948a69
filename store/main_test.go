package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"tkpkbot/internal/clocktest"
	"tkpkbot/internal/dbtest"
	"tkpkbot/internal/pgtest"
	"tkpkbot/store"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// wita is the zone dbtest.Open gives a store unless told otherwise.
var wita = clocktest.WITA

// start is Wednesday 2024-12-11 10:00 WITA, as in the bot's end-to-end tests.
var start = time.Date(2024, 12, 11, 10, 0, 0, 0, wita)

// atStart opens a store whose clock stands at start until the test moves
// it, with admins as the configured admin IDs.
func atStart(t *testing.T, admins ...int64) (*store.DB, *clocktest.Clock) {
	t.Helper()
	clock := clocktest.New(start)
	return dbtest.Open(t, store.Options{Clock: clock, AdminIDs: admins}), clock
}

// collect runs a test's query and reads every row with to.
func collect[T any](t *testing.T, db *store.DB, to pgx.RowToFunc[T], sql string, args ...any) []T {
	t.Helper()
	rows, err := db.Pool.Query(context.Background(), sql, args...)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, to)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
