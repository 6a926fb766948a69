package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/dbtest"
	"tkpkbot/store"
)

func TestChoicesGoFromFormToReportAndIntoARevision(t *testing.T) {
	ctx := context.Background()
	w := tkpkbot.Week{Year: 2025, Week: 14}
	db, f := samarindaForm(t, w)
	f.Draft = tkpkbot.Report{Activities: "Pendataan", Households: 5, Budget: 10, Obstacles: "-", NextPlan: "Lanjut"}
	for s := tkpkbot.StepActivities; s <= tkpkbot.StepNextPlan; s++ {
		f.Filled[s] = true
	}
	f.Step = tkpkbot.StepStrategy
	for i, code := range []string{"kantong", "beban"} {
		if err := f.Toggle(tkpkbot.StepStrategy, code); err != nil {
			t.Fatal(err)
		}
		f.LastUpdateID = int64(10 + i)
		if err := db.SaveForm(ctx, f, 1+i*(tkpkbot.StepStrategy-1)); err != nil {
			t.Fatalf("save toggle %s: %v", code, err)
		}
	}
	// A toggle meant for a step the form has left is refused, not applied.
	stale := f
	stale.Step, stale.LastUpdateID = tkpkbot.StepFunding, 20
	if err := db.SaveForm(ctx, stale, tkpkbot.StepFunding); !errors.Is(err, tkpkbot.ErrFormMoved) {
		t.Fatalf("toggle for another step: %v, want ErrFormMoved", err)
	}
	back, err := db.Form(ctx, 2)
	if err != nil || !slices.Equal(back.Draft.Strategies, []string{"beban", "kantong"}) || !back.Filled[tkpkbot.StepStrategy] || back.Filled[tkpkbot.StepFunding] {
		t.Fatalf("form read back: %+v, %v", back, err)
	}
	// Sending without funding names the missing step.
	if _, _, err := db.SubmitForm(ctx, 2, f.Token, time.Now().Add(time.Hour)); !errors.Is(err, tkpkbot.ErrFormIncomplete) {
		t.Fatalf("submit without funding: %v", err)
	}
	back.Draft.Funding, back.Filled[tkpkbot.StepFunding] = []string{"apbdes"}, true
	back.Step, back.LastUpdateID = tkpkbot.StepSummary, 30
	if err := db.SaveForm(ctx, back, tkpkbot.StepStrategy); err != nil {
		t.Fatal(err)
	}
	rep := submitted(t, db, back)
	if !slices.Equal(rep.Strategies, []string{"beban", "kantong"}) || !slices.Equal(rep.Funding, []string{"apbdes"}) {
		t.Fatalf("report = %+v", rep)
	}
	rev, err := db.StartRevision(ctx, 2, rep)
	if err != nil || !slices.Equal(rev.Draft.Funding, []string{"apbdes"}) || !rev.Filled[tkpkbot.StepFunding] || !rev.Filled[tkpkbot.StepStrategy] {
		t.Fatalf("revision form = %+v, %v", rev, err)
	}
}

func TestOldReportWithoutChoicesStaysValidAndItsRevisionAsksThem(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{AdminIDs: []int64{1}})
	coordinator(t, db, 2, "6472")
	w := tkpkbot.Week{Year: 2024, Week: 40}
	// As written before the form asked: no strategies, no funding.
	if _, err := db.Pool.Exec(ctx, `INSERT INTO reports (region_code, iso_year, iso_week, version, activities,
		households, budget, obstacles, next_plan, submitted_by, submitted_at, late, form_token)
		VALUES ('6472', 2024, 40, 1, 'Lama', 3, 0, '-', 'Lanjut', 2, now(), false, 'old')`); err != nil {
		t.Fatal(err)
	}
	rs, err := db.LatestReports(ctx, w)
	if err != nil || len(rs) != 1 || rs[0].Strategies != nil || rs[0].Funding != nil {
		t.Fatalf("old report = %+v, %v", rs, err)
	}
	rev, err := db.StartRevision(ctx, 2, rs[0])
	if err != nil || rev.Filled[tkpkbot.StepStrategy] || rev.Filled[tkpkbot.StepFunding] || !rev.Filled[tkpkbot.StepNextPlan] {
		t.Fatalf("revision of an old report = %+v, %v", rev, err)
	}
	_, _, err = db.SubmitForm(ctx, 2, rev.Token, time.Now().Add(time.Hour))
	var n *tkpkbot.NumberedError
	if !errors.As(err, &n) || n.N != tkpkbot.StepStrategy {
		t.Fatalf("submit = %v, want ErrFormIncomplete about step %d", err, tkpkbot.StepStrategy)
	}
}
