package store_test

import (
	"context"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/dbtest"
	"tkpkbot/store"
)

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
