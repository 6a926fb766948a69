package store_test

import (
	"context"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/dbtest"
	"tkpkbot/internal/reportseed"
	"tkpkbot/store"
)

func TestImportTargetsReplacesTheSameKey(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{})
	first := []tkpkbot.Target{
		tgt(2025, "6472", tkpkbot.TargetKK, 1200, "RKPD"),
		tgt(2025, "6472", tkpkbot.TargetBudget, 5_000_000_000, "APBD"),
		tgt(2026, "6472", tkpkbot.TargetKK, 900, "RKPD"),
	}
	if res, err := db.ImportTargets(ctx, first, 1); err != nil || res != (tkpkbot.ImportResult{Added: 3}) {
		t.Fatalf("first import: %+v, %v", res, err)
	}
	again := []tkpkbot.Target{first[0], tgt(2025, "6472", tkpkbot.TargetBudget, 6_000_000_000, "APBD-P")}
	if res, err := db.ImportTargets(ctx, again, 1); err != nil || res != (tkpkbot.ImportResult{Changed: 1, Unchanged: 1}) {
		t.Fatalf("second import: %+v, %v", res, err)
	}
	got, err := db.Targets(ctx, 2025)
	want := []tkpkbot.Target{tgt(2025, "6472", tkpkbot.TargetBudget, 6_000_000_000, "APBD-P"), first[0]}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("targets 2025 = %+v, %v", got, err)
	}
	// A bad row the parser would have caught is refused by the table as a
	// whole: nothing of the set is stored.
	bad := []tkpkbot.Target{tgt(2027, "6472", tkpkbot.TargetKK, 5, "x"), tgt(2027, "6472", tkpkbot.TargetKK, -1, "x")}
	if _, err := db.ImportTargets(ctx, bad, 1); err == nil {
		t.Fatal("negative target stored")
	}
	if got, _ := db.Targets(ctx, 2027); len(got) != 0 {
		t.Fatalf("half an import stored: %+v", got)
	}
}

// TestTotalsAreTheSumOfTheWeeksLatestVersions checks the one place totals
// are computed against adding up the weekly reports by hand, for random
// data over ranges that start and end inside a month, across the quarter
// boundaries that cut an ISO week (2025-W14 starts on 31 March but its
// Thursday is in April, so it belongs to Q2).
func TestTotalsAreTheSumOfTheWeeksLatestVersions(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{})
	loc := time.FixedZone("WITA", 8*3600)
	rng := rand.New(rand.NewPCG(15, 2025))
	if err := reportseed.Insert(ctx, db.Pool, reportseed.Weeks(rng, tkpkbot.Week{Year: 2024, Week: 48}, tkpkbot.Week{Year: 2025, Week: 30}, loc)); err != nil {
		t.Fatal(err)
	}
	ranges := [][2]tkpkbot.Week{}
	for _, q := range []tkpkbot.Quarter{{Year: 2024, Q: 4}, {Year: 2025, Q: 1}, {Year: 2025, Q: 2}} {
		from, to := q.Weeks()
		ranges = append(ranges, [2]tkpkbot.Week{from, to})
	}
	for range 20 {
		a := tkpkbot.Week{Year: 2025, Week: 1 + rng.IntN(30)}
		b := tkpkbot.Week{Year: 2025, Week: a.Week + rng.IntN(31-a.Week)}
		ranges = append(ranges, [2]tkpkbot.Week{a, b})
	}
	for _, rg := range ranges {
		byHand := map[string]tkpkbot.Totals{}
		choice := map[[3]string]tkpkbot.Totals{}
		add := func(t *tkpkbot.Totals, r tkpkbot.Report) {
			t.Reports++
			t.Households += r.Households
			t.Budget += r.Budget
			if r.Late {
				t.Late++
			}
		}
		for w := rg[0]; !rg[1].Before(w); w = w.Next() {
			rs, err := db.LatestReports(ctx, w) // week by week, as /rekap reads them
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				tt := byHand[r.RegionCode]
				add(&tt, r)
				byHand[r.RegionCode] = tt
				for kind, codes := range map[string][]string{tkpkbot.ChoiceStrategy: r.Strategies, tkpkbot.ChoiceFunding: r.Funding} {
					for _, c := range codes {
						k := [3]string{r.RegionCode, kind, c}
						ct := choice[k]
						add(&ct, r)
						choice[k] = ct
					}
				}
			}
		}
		got, err := db.RegionTotals(ctx, rg[0], rg[1])
		if err != nil {
			t.Fatal(err)
		}
		var all tkpkbot.Totals
		for _, tt := range byHand {
			all.Reports, all.Late, all.Households, all.Budget = all.Reports+tt.Reports, all.Late+tt.Late, all.Households+tt.Households, all.Budget+tt.Budget
		}
		byHand[tkpkbot.ProvinceCode] = all
		if len(got) != len(byHand) || got[0].RegionCode != tkpkbot.ProvinceCode {
			t.Fatalf("%s..%s: %d regions, by hand %d; first %s", rg[0], rg[1], len(got), len(byHand), got[0].RegionCode)
		}
		marks, err := db.WeekMarks(ctx, rg[0], rg[1])
		if err != nil || len(marks) != all.Reports {
			t.Fatalf("%s..%s: %d marks for %d reports, %v", rg[0], rg[1], len(marks), all.Reports, err)
		}
		for _, g := range got {
			if g.Totals != byHand[g.RegionCode] {
				t.Fatalf("%s..%s %s: %+v, by hand %+v", rg[0], rg[1], g.RegionCode, g.Totals, byHand[g.RegionCode])
			}
		}
		cs, err := db.ChoiceTotals(ctx, rg[0], rg[1])
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) != len(choice) {
			t.Fatalf("%s..%s: %d choice rows, by hand %d", rg[0], rg[1], len(cs), len(choice))
		}
		for _, c := range cs {
			if c.Totals != choice[[3]string{c.RegionCode, c.Kind, c.Code}] {
				t.Fatalf("%s..%s %s %s %s: %+v", rg[0], rg[1], c.RegionCode, c.Kind, c.Code, c.Totals)
			}
		}
	}
	// The quarters of a year add up to the year.
	var year tkpkbot.Totals
	for q := 1; q <= 2; q++ {
		from, to := tkpkbot.Quarter{Year: 2025, Q: q}.Weeks()
		ts, _ := db.RegionTotals(ctx, from, to)
		for _, x := range ts {
			if x.RegionCode == "6472" {
				year.Reports += x.Reports
				year.Households += x.Households
			}
		}
	}
	_, endQ2 := tkpkbot.Quarter{Year: 2025, Q: 2}.Weeks()
	half, _ := db.RegionTotals(ctx, tkpkbot.Week{Year: 2025, Week: 1}, endQ2)
	i := slices.IndexFunc(half, func(x tkpkbot.RegionTotals) bool { return x.RegionCode == "6472" })
	if i < 0 || half[i].Reports != year.Reports || half[i].Households != year.Households {
		t.Fatalf("Q1+Q2 %+v, first half %+v", year, half)
	}
}

func tgt(year int, region string, kind tkpkbot.TargetKind, value int64, source string) tkpkbot.Target {
	return tkpkbot.Target{Year: year, RegionCode: region, Kind: kind, Value: value, Source: source}
}
