package store_test

import (
	"context"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/dbtest"
	"tkpkbot/store"
)

func TestTouchCreatesAndUpdatesUser(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{})
	u, err := db.Touch(ctx, tkpkbot.User{ID: 42, FirstName: "Sari", Username: "sari"})
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != 42 || u.FirstName != "Sari" || u.Role != tkpkbot.RoleNone {
		t.Fatalf("new user = %+v", u)
	}
	u, err = db.Touch(ctx, tkpkbot.User{ID: 42, FirstName: "Sari W."})
	if err != nil {
		t.Fatal(err)
	}
	if u.FirstName != "Sari W." {
		t.Fatalf("name not updated: %+v", u)
	}
	if _, err := db.FindUser(ctx, 43); tkpkbot.ErrorCode(err) != tkpkbot.ENOTFOUND {
		t.Fatalf("unknown user: err = %v", err)
	}
}

func TestConfiguredAdminIsPromotedOnceAndAudited(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{AdminIDs: []int64{7}})
	for i := 0; i < 3; i++ {
		u, err := db.Touch(ctx, tkpkbot.User{ID: 7, FirstName: "Admin"})
		if err != nil {
			t.Fatal(err)
		}
		if u.Role != tkpkbot.RoleAdmin {
			t.Fatalf("role = %q", u.Role)
		}
	}
	var n int
	if err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM role_audit WHERE user_id = 7 AND new_role = 'admin'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("audit rows = %d, want 1", n)
	}
}

func TestMarkUpdateOnce(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{})
	if seen, err := db.SeenUpdates(ctx, []int64{1001}); err != nil || seen[1001] {
		t.Fatalf("before marking: seen = %v, %v", seen, err)
	}
	for i := 0; i < 2; i++ { // marking again (a second replica) is harmless
		if err := db.MarkUpdates(ctx, []int64{1001}); err != nil {
			t.Fatalf("mark %d: %v", i+1, err)
		}
	}
	seen, err := db.SeenUpdates(ctx, []int64{1001, 1002})
	if err != nil || !seen[1001] || seen[1002] {
		t.Fatalf("seen = %v, %v", seen, err)
	}
}

func TestHandledUpdatesAreKeptPerBot(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{})
	db.BotID = 111
	if err := db.MarkUpdates(ctx, []int64{5}); err != nil {
		t.Fatal(err)
	}
	db.BotID = 222 // a new token on the same database starts its own sequence
	if seen, err := db.SeenUpdates(ctx, []int64{5, 6}); err != nil || seen[5] || seen[6] {
		t.Fatalf("new bot sees old bot's updates: %v, %v", seen, err)
	}
	if err := db.MarkUpdates(ctx, []int64{5, 6}); err != nil {
		t.Fatal(err)
	}
	if seen, err := db.SeenUpdates(ctx, []int64{5, 6, 7}); err != nil || !seen[5] || !seen[6] || seen[7] {
		t.Fatalf("seen = %v, %v", seen, err)
	}
}

func TestTouchAllRecordsABatchOfUsers(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{AdminIDs: []int64{9}})
	if _, err := db.Touch(ctx, tkpkbot.User{ID: 2, FirstName: "Budi"}); err != nil {
		t.Fatal(err)
	}
	err := db.TouchAll(ctx, []tkpkbot.User{
		{ID: 1, FirstName: "Sari", Username: "sari"},
		{ID: 2, FirstName: "Budi S."},                   // changed name
		{ID: 1, FirstName: "Sari W.", Username: "sari"}, // same user later in the batch
		{ID: 9, FirstName: "Admin"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]string{1: "Sari W.", 2: "Budi S.", 9: "Admin"} {
		u, err := db.FindUser(ctx, id)
		if err != nil || u.FirstName != want {
			t.Fatalf("user %d = %+v, %v; want name %q", id, u, err, want)
		}
	}
	// The configured admin is promoted, and audited, by their Touch.
	if u, err := db.Touch(ctx, tkpkbot.User{ID: 9, FirstName: "Admin"}); err != nil || u.Role != tkpkbot.RoleAdmin {
		t.Fatalf("admin after TouchAll and Touch = %+v, %v", u, err)
	}
	if err := db.TouchAll(ctx, nil); err != nil {
		t.Fatalf("empty batch: %v", err)
	}
}

// After TouchAll, each update's Touch is answered without a database
// round trip.
func TestTouchAfterTouchAllNeedsNoRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{})
	stop := db.WatchUsers(ctx)
	defer stop()
	batch := []tkpkbot.User{{ID: 11, FirstName: "Ani"}, {ID: 12, FirstName: "Eko"}}
	waitFor(t, func() bool {
		// The cache is used once the change listener is up.
		if err := db.TouchAll(ctx, batch); err != nil {
			t.Fatal(err)
		}
		before := db.Pool.Stat().AcquireCount()
		_, _ = db.Touch(ctx, batch[0])
		return db.Pool.Stat().AcquireCount() == before
	})
	before := db.Pool.Stat().AcquireCount()
	for _, u := range batch {
		got, err := db.Touch(ctx, u)
		if err != nil || got.FirstName != u.FirstName {
			t.Fatalf("Touch(%d) = %+v, %v", u.ID, got, err)
		}
	}
	if n := db.Pool.Stat().AcquireCount() - before; n != 0 {
		t.Fatalf("%d database round trips for users TouchAll had just recorded", n)
	}
}

func TestNewestUpdateIsPerBot(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{})
	db.BotID = 1
	if n, err := db.NewestUpdate(ctx); err != nil || n != 0 {
		t.Fatalf("no updates yet: %d, %v", n, err)
	}
	if err := db.MarkUpdates(ctx, []int64{40, 7}); err != nil {
		t.Fatal(err)
	}
	db.BotID = 2
	if err := db.MarkUpdates(ctx, []int64{90}); err != nil {
		t.Fatal(err)
	}
	db.BotID = 1
	if n, err := db.NewestUpdate(ctx); err != nil || n != 40 {
		t.Fatalf("newest = %d, %v; want 40", n, err)
	}
}

// BenchmarkTouchNewUsers compares recording a batch of 100 first-time
// users one by one (Touch) and in one statement (TouchAll).
func BenchmarkTouchNewUsers(b *testing.B) {
	ctx := context.Background()
	db := dbtest.Open(b, store.Options{})
	next := int64(1)
	batch := func() []tkpkbot.User {
		us := make([]tkpkbot.User, 100)
		for i := range us {
			us[i] = tkpkbot.User{ID: next, FirstName: "Pengguna"}
			next++
		}
		return us
	}
	b.Run("Touch", func(b *testing.B) {
		for b.Loop() {
			for _, u := range batch() {
				if _, err := db.Touch(ctx, u); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("TouchAll", func(b *testing.B) {
		for b.Loop() {
			if err := db.TouchAll(ctx, batch()); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestCachedUserFollowsChangesFromAnotherReplica revokes a member through
// one store and checks the other store's cached Touch sees it at once.
func TestCachedUserFollowsChangesFromAnotherReplica(t *testing.T) {
	ctx := context.Background()
	a, b := dbtest.Pair(t, store.Options{AdminIDs: []int64{1}})
	stop := a.WatchUsers(ctx)
	defer stop()
	if _, err := b.Touch(ctx, tkpkbot.User{ID: 1, FirstName: "Admin"}); err != nil {
		t.Fatal(err)
	}
	inv, err := b.CreateInvite(ctx, 1, tkpkbot.RolePengamat, "6472")
	if err != nil {
		t.Fatal(err)
	}
	// a caches user 2 with no role...
	waitFor(t, func() bool { u, _ := a.Touch(ctx, tkpkbot.User{ID: 2, FirstName: "Budi"}); return u.Role == "" })
	// ...b registers and then revokes them; a must follow both changes.
	if _, err := b.Touch(ctx, tkpkbot.User{ID: 2, FirstName: "Budi"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.RedeemInvite(ctx, 2, inv.Code, false); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		u, _ := a.Touch(ctx, tkpkbot.User{ID: 2, FirstName: "Budi"})
		return u.Role == tkpkbot.RolePengamat
	})
	if _, err := b.Revoke(ctx, 1, 2); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		u, _ := a.Touch(ctx, tkpkbot.User{ID: 2, FirstName: "Budi"})
		return u.Role == tkpkbot.RoleNone
	})
	// a name change is written through, not served from the cache
	if u, _ := a.Touch(ctx, tkpkbot.User{ID: 2, FirstName: "Budi S."}); u.FirstName != "Budi S." {
		t.Fatalf("name = %q", u.FirstName)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 3 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
