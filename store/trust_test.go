package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/dbtest"
	"tkpkbot/store"
)

// coordinator registers id as the coordinator of region through an invite
// made by the configured admin 1.
func coordinator(t *testing.T, db *store.DB, id int64, region string) {
	t.Helper()
	ctx := context.Background()
	for _, u := range []int64{1, id} {
		if _, err := db.Touch(ctx, tkpkbot.User{ID: u, FirstName: "P"}); err != nil {
			t.Fatal(err)
		}
	}
	inv, err := db.CreateInvite(ctx, 1, tkpkbot.RoleKoordinator, region)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.RedeemInvite(ctx, id, inv.Code, false); err != nil {
		t.Fatal(err)
	}
}

// samarindaForm opens a store whose configured admin 1 invited coordinator
// 2 of Samarinda, and starts 2's form for week w.
func samarindaForm(t *testing.T, w tkpkbot.Week) (*store.DB, tkpkbot.ReportForm) {
	t.Helper()
	db := dbtest.Open(t, store.Options{AdminIDs: []int64{1}})
	coordinator(t, db, 2, "6472")
	f, err := db.StartForm(context.Background(), 2, "6472", w)
	if err != nil {
		t.Fatal(err)
	}
	return db, f
}

func TestTwoAnswersToOneStepNeverLandInTheNextField(t *testing.T) {
	ctx := context.Background()
	db, f := samarindaForm(t, tkpkbot.Week{Year: 2024, Week: 50})
	// Two messages read the form at step 1 at the same time.
	a, b := f, f
	a.Draft.Activities, a.Filled[1], a.Step, a.LastUpdateID = "Pendataan", true, 2, 10
	b.Draft.Activities, b.Filled[1], b.Step, b.LastUpdateID = "12", true, 2, 11
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, g := range []tkpkbot.ReportForm{a, b} {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = db.SaveForm(ctx, g, 1) }()
	}
	wg.Wait()
	moved := 0
	for _, err := range errs {
		switch {
		// the later update refused as moved, or the earlier one as
		// already covered by a newer update: either way not applied
		case errors.Is(err, tkpkbot.ErrFormMoved), tkpkbot.ErrorCode(err) == tkpkbot.ECONFLICT:
			moved++
		case err != nil:
			t.Fatalf("save: %v", err)
		}
	}
	if moved != 1 {
		t.Fatalf("%d saves refused as moved, want exactly 1 (errs %v)", moved, errs)
	}
	got, err := db.Form(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if got.Step != 2 || got.Filled[2] || (got.Draft.Activities != "Pendataan" && got.Draft.Activities != "12") {
		t.Fatalf("form after the race: %+v", got)
	}
}

func TestSubmitChecksTheReporterAtSendTime(t *testing.T) {
	ctx := context.Background()
	db, f := samarindaForm(t, tkpkbot.Week{Year: 2024, Week: 50})
	from := f.Step
	f.Draft = tkpkbot.Report{Activities: "Pendataan", Households: 3, Obstacles: "-", NextPlan: "Lanjut"}
	for s := tkpkbot.StepActivities; s <= tkpkbot.StepNextPlan; s++ {
		f.Filled[s] = true
	}
	f.Step, f.LastUpdateID = tkpkbot.StepSummary, 5
	if err := db.SaveForm(ctx, f, from); err != nil {
		t.Fatal(err)
	}
	// the role moves on without the form being cleaned up
	if _, err := db.Pool.Exec(ctx, `UPDATE users SET role = 'pengamat' WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.SubmitForm(ctx, 2, f.Token, time.Now().Add(time.Hour)); !errors.Is(err, tkpkbot.ErrNotReporter) {
		t.Fatalf("submit by a former coordinator: %v", err)
	}
	if _, err := db.Form(ctx, 2); tkpkbot.ErrorCode(err) != tkpkbot.ENOTFOUND {
		t.Fatalf("form kept after refusal: %v", err)
	}
	var n int
	if err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM reports`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("reports: %d, %v", n, err)
	}
	// someone else's form token never finds a report either
	if _, _, err := db.SubmitForm(ctx, 3, f.Token, time.Now()); tkpkbot.ErrorCode(err) != tkpkbot.ENOTFOUND {
		t.Fatalf("submit with another's token: %v", err)
	}
}

func TestInviteStates(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{AdminIDs: []int64{1}})
	coordinator(t, db, 2, "6472")
	inv, err := db.CreateInvite(ctx, 1, tkpkbot.RolePengamat, "6403")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.RedeemInvite(ctx, 2, inv.Code, false); !errors.Is(err, tkpkbot.ErrRoleChange) {
		t.Fatalf("a change without confirmation: %v", err)
	}
	if got, _ := db.Invite(ctx, inv.Code); got.UsedBy != 0 {
		t.Fatal("the code was spent by a refused change")
	}
	ch, err := db.RedeemInvite(ctx, 2, inv.Code, true)
	if err != nil {
		t.Fatal(err)
	}
	if ch.Before.Role != tkpkbot.RoleKoordinator || ch.After.Role != tkpkbot.RolePengamat || !ch.Uncovered {
		t.Fatalf("change = %+v", ch)
	}
	var notices int
	if err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM reminders WHERE kind = 'region_uncovered' AND region_code = '6472'`).Scan(&notices); err != nil || notices != 1 {
		t.Fatalf("notices %d, %v", notices, err)
	}
	c, err := db.CreateInvite(ctx, 1, tkpkbot.RoleKoordinator, "6401")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CancelInvite(ctx, 1, c.Code); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CancelInvite(ctx, 1, c.Code); !errors.Is(err, tkpkbot.ErrInviteCancelled) {
		t.Fatalf("second cancel: %v", err)
	}
	if _, err := db.RedeemInvite(ctx, 3, c.Code, false); !errors.Is(err, tkpkbot.ErrInviteCancelled) {
		if _, err2 := db.Touch(ctx, tkpkbot.User{ID: 3}); err2 != nil {
			t.Fatal(err2)
		}
		if _, err := db.RedeemInvite(ctx, 3, c.Code, false); !errors.Is(err, tkpkbot.ErrInviteCancelled) {
			t.Fatalf("redeem cancelled: %v", err)
		}
	}
	open, err := db.OpenInvites(ctx)
	if err != nil || len(open) != 0 {
		t.Fatalf("open invites %+v, %v", open, err)
	}
}
