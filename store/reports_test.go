package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/dbtest"
	"tkpkbot/store"
)

// submitted fills and sends a form for userID and returns the report.
func submitted(t *testing.T, db *store.DB, f tkpkbot.ReportForm) tkpkbot.Report {
	t.Helper()
	rep, _, err := db.SubmitForm(context.Background(), f.UserID, f.Token, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatalf("submit: %v", err)
	}
	return rep
}

// filled starts userID's form for a complete report of region and week;
// the report tests vary its activities, the follow-up tests its obstacles.
func filled(t *testing.T, db *store.DB, userID int64, region string, week tkpkbot.Week, activities, obstacles string) tkpkbot.ReportForm {
	t.Helper()
	f, err := db.StartRevision(context.Background(), userID, tkpkbot.Report{RegionCode: region, Week: week,
		Activities: activities, Households: 10, Budget: 1_250_000, Obstacles: obstacles, NextPlan: "Lanjut",
		Strategies: []string{"pendapatan"}, Funding: []string{"apbd_kab", "csr"}})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestRevisionFormHoldsTheReportAndVersionsStack(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{AdminIDs: []int64{1}})
	coordinator(t, db, 2, "6472")
	coordinator(t, db, 3, "6472")
	w := tkpkbot.Week{Year: 2024, Week: 50}

	if vs, err := db.ReportVersions(ctx, "6472", w); err != nil || len(vs) != 0 {
		t.Fatalf("versions before any report = %v, %v", vs, err)
	}
	first := submitted(t, db, filled(t, db, 2, "6472", w, "Pendataan", "-"))

	f, err := db.StartRevision(ctx, 3, first)
	if err != nil {
		t.Fatal(err)
	}
	if f.Step != tkpkbot.StepSummary || f.Editing || f.Week != w || f.RegionCode != "6472" ||
		f.Draft.Activities != "Pendataan" || f.Draft.Households != 10 || f.Draft.Budget != 1_250_000 {
		t.Fatalf("revision form = %+v", f)
	}
	for step := tkpkbot.StepActivities; step <= tkpkbot.StepNextPlan; step++ {
		if !f.Filled[step] {
			t.Fatalf("step %d not filled in the revision form", step)
		}
	}
	// The form is what Form reads back, so it survives a restart.
	if again, err := db.Form(ctx, 3); err != nil || again.Token != f.Token || again.Step != tkpkbot.StepSummary {
		t.Fatalf("Form = %+v, %v", again, err)
	}
	second := submitted(t, db, f)
	if second.Version != 2 || second.SubmittedBy != 3 {
		t.Fatalf("revision = %+v", second)
	}

	// Two coordinators revising at once each get their own version.
	a, b := filled(t, db, 2, "6472", w, "Revisi A", "-"), filled(t, db, 3, "6472", w, "Revisi B", "-")
	var wg sync.WaitGroup
	for _, g := range []tkpkbot.ReportForm{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := db.SubmitForm(ctx, g.UserID, g.Token, time.Now().Add(time.Hour)); err != nil {
				t.Errorf("concurrent submit: %v", err)
			}
		}()
	}
	wg.Wait()
	vs, err := db.ReportVersions(ctx, "6472", w)
	if err != nil || len(vs) != 4 {
		t.Fatalf("versions = %+v, %v", vs, err)
	}
	for i, v := range vs {
		if v.Version != i+1 || v.RegionCode != "6472" || v.Week != w {
			t.Fatalf("version %d = %+v", i+1, v)
		}
	}
	if vs[0].Activities != "Pendataan" {
		t.Fatalf("the first version changed: %+v", vs[0])
	}
	if other, err := db.ReportVersions(ctx, "6472", w.Prev()); err != nil || len(other) != 0 {
		t.Fatalf("another week's versions = %v, %v", other, err)
	}
}
