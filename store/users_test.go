package store_test

import (
	"context"
	"testing"

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
