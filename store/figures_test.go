package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"tkpkbot"
	"tkpkbot/figures"
	"tkpkbot/internal/dbtest"
	"tkpkbot/internal/figtest"
	"tkpkbot/store"
)

func TestRegionsTableMatchesTheProgram(t *testing.T) {
	db := dbtest.Open(t, store.Options{})
	type row struct{ Code, KD, Kind, Name, Official string }
	rows := collect(t, db, pgx.RowToStructByPos[row], `SELECT code, kemendagri_code, kind, name, official_name FROM regions ORDER BY code`)
	for _, x := range rows {
		r, ok := tkpkbot.RegionByCode(x.Code)
		if !ok || r.KemendagriCode != x.KD || string(r.Kind) != x.Kind || r.Name != x.Name || r.Official != x.Official {
			t.Errorf("row %s %s %s %s %s differs from %+v", x.Code, x.KD, x.Kind, x.Name, x.Official, r)
		}
	}
	if len(rows) != len(tkpkbot.Regions) {
		t.Fatalf("%d rows, program has %d regions", len(rows), len(tkpkbot.Regions))
	}
}

func TestSeedLoadsTheShippedDatasetOnceEvenWhenReplicasRace(t *testing.T) {
	ctx := context.Background()
	db, other := dbtest.Pair(t, store.Options{})
	var wg sync.WaitGroup
	added := make([]int, 2)
	for i, d := range []*store.DB{db, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := d.SeedFigures(ctx)
			if err != nil {
				t.Error(err)
			}
			added[i] = n
		}()
	}
	wg.Wait()
	want := len(figtest.Figures(t))
	if added[0]+added[1] != want || added[0] != 0 && added[1] != 0 {
		t.Fatalf("seeded %v, want %d once", added, want)
	}
	if n, err := db.SeedFigures(ctx); n != 0 || err != nil {
		t.Fatalf("second seed: %d %v", n, err)
	}
	figs, err := db.Figures(ctx)
	if err != nil || len(figs) != want {
		t.Fatalf("%d figures stored, %v", len(figs), err)
	}
}

func TestStoredFiguresReadBackExactly(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{})
	want := figtest.Figures(t)
	if _, err := db.ImportFigures(ctx, want); err != nil {
		t.Fatal(err)
	}
	got, err := db.Figures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	key := func(f tkpkbot.Figure) string {
		return f.RegionCode + f.Period.Key() + string(f.Indicator) + f.Source
	}
	stored := map[string]tkpkbot.Figure{}
	for _, f := range got {
		stored[key(f)] = f
	}
	for _, f := range want {
		if stored[key(f)] != f {
			t.Errorf("stored %+v, imported %+v", stored[key(f)], f)
		}
	}
}

func TestImportCountsAddedChangedAndKeepsBothSources(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{})
	mar := tkpkbot.Period{Year: 2025, Month: 3}
	fig := func(v float64, dec int, src string) tkpkbot.Figure {
		return tkpkbot.Figure{RegionCode: "6472", Period: mar, Indicator: tkpkbot.IndMiskin, Value: v, Decimals: dec, Unit: tkpkbot.UnitRibuJiwa, Source: src}
	}
	bps, dinsos := fig(35.6, 2, "BPS, uji"), fig(40.1, 1, "Dinas Sosial Kaltim, uji")
	steps := []struct {
		figs []tkpkbot.Figure
		want tkpkbot.ImportResult
	}{
		{[]tkpkbot.Figure{bps, dinsos}, tkpkbot.ImportResult{Added: 2}},
		{[]tkpkbot.Figure{bps, dinsos}, tkpkbot.ImportResult{Unchanged: 2}},
		{[]tkpkbot.Figure{fig(35.6, 1, "BPS, uji"), dinsos}, tkpkbot.ImportResult{Changed: 1, Unchanged: 1}}, // decimals alone
		{[]tkpkbot.Figure{fig(35.7, 1, "BPS, uji")}, tkpkbot.ImportResult{Changed: 1}},
	}
	for i, s := range steps {
		got, err := db.ImportFigures(ctx, s.figs)
		if err != nil || got != s.want {
			t.Fatalf("step %d: %+v, %v; want %+v", i, got, err, s.want)
		}
	}
	all, err := db.Figures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c := figures.NewIndex(all).Card("6472", mar)
	if len(c.Figures) != 1 || c.Figures[0].Value != 35.7 || len(c.Others) != 1 || c.Others[0].Value != 40.1 {
		t.Fatalf("card figures %+v others %+v", c.Figures, c.Others)
	}
}

// TestNewIndicatorsStore: migration 00014 lets IPM, TPT and Gini (with its
// unit, rasio) into the table, and they read back exactly.
func TestNewIndicatorsStore(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{})
	in := []tkpkbot.Figure{
		{RegionCode: "6472", Period: tkpkbot.Period{Year: 2024}, Indicator: tkpkbot.IndIPM, Value: 83.11, Decimals: 2, Unit: tkpkbot.UnitIndeks, Source: "BPS"},
		{RegionCode: "6474", Period: tkpkbot.Period{Year: 2023, Month: 8}, Indicator: tkpkbot.IndTPT, Value: 7.74, Decimals: 2, Unit: tkpkbot.UnitPersen, Source: "BPS"},
		{RegionCode: "6400", Period: tkpkbot.Period{Year: 2024, Month: 9}, Indicator: tkpkbot.IndGini, Value: 0.31, Decimals: 3, Unit: tkpkbot.UnitRasio, Source: "BPS"},
	}
	if res, err := db.ImportFigures(ctx, in); err != nil || res.Added != 3 {
		t.Fatalf("import = %+v, %v", res, err)
	}
	got, err := db.Figures(ctx)
	if err != nil || len(got) != 3 {
		t.Fatalf("figures = %+v, %v", got, err)
	}
	for _, w := range in {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found {
			t.Errorf("%+v did not read back", w)
		}
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{})
	good := tkpkbot.Figure{RegionCode: "6472", Period: tkpkbot.Period{Year: 2025, Month: 3}, Indicator: tkpkbot.IndP0, Value: 4, Decimals: 2, Unit: tkpkbot.UnitPersen, Source: "BPS"}
	for name, bad := range map[string]func(*tkpkbot.Figure){
		"unknown region":    func(f *tkpkbot.Figure) { f.RegionCode = "9999" },
		"unknown indicator": func(f *tkpkbot.Figure) { f.Indicator = "persen" },
		"no source":         func(f *tkpkbot.Figure) { f.Source = "" },
		"bad unit":          func(f *tkpkbot.Figure) { f.Unit = "%" },
		"bad period":        func(f *tkpkbot.Figure) { f.Period.Month = 13 },
		"not a P0 round":    func(f *tkpkbot.Figure) { f.Period.Month = 8 },
		"not a TPT round":   func(f *tkpkbot.Figure) { f.Indicator = tkpkbot.IndTPT },
		"IPM is yearly":     func(f *tkpkbot.Figure) { f.Indicator, f.Unit = tkpkbot.IndIPM, tkpkbot.UnitIndeks },
		"duplicate":         func(f *tkpkbot.Figure) {},
	} {
		f := good
		bad(&f)
		if name != "duplicate" {
			f.Period.Year = 2026 // so only the bad field makes it bad
		}
		_, err := db.ImportFigures(ctx, []tkpkbot.Figure{good, f})
		var rejected *tkpkbot.FigureRejectedError
		if tkpkbot.ErrorCode(err) != tkpkbot.EINVALID || !errors.As(err, &rejected) || rejected.N != 2 {
			t.Errorf("%s: err = %v, want figure 2 rejected", name, err)
		}
	}
	if figs, err := db.Figures(ctx); err != nil || len(figs) != 0 {
		t.Fatalf("rejected imports stored %d figures (%v)", len(figs), err)
	}
}

func TestWatchFiguresHearsOtherReplicasAndReconnects(t *testing.T) {
	defer store.SetWatchPing(100 * time.Millisecond)()
	ctx := context.Background()
	db, other := dbtest.Pair(t, store.Options{})

	calls := make(chan struct{}, 16)
	stop := db.WatchFigures(ctx, func(context.Context) { calls <- struct{}{} })
	defer stop()
	wait := func(what string) {
		t.Helper()
		select {
		case <-calls:
		case <-time.After(10 * time.Second):
			t.Fatalf("no reload after %s", what)
		}
	}
	wait("connecting") // catching up on whatever happened before
	fig := tkpkbot.Figure{RegionCode: "6474", Period: tkpkbot.Period{Year: 2025, Month: 3}, Indicator: tkpkbot.IndP0, Value: 3.5, Decimals: 2, Unit: tkpkbot.UnitPersen, Source: "BPS"}
	if _, err := other.ImportFigures(ctx, []tkpkbot.Figure{fig}); err != nil {
		t.Fatal(err)
	}
	wait("another replica's import")
	if _, err := other.ImportFigures(ctx, []tkpkbot.Figure{fig}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // several idle pings
	select {
	case <-calls:
		t.Fatal("an import that changed nothing, or an idle ping, caused a reload")
	default:
	}

	// Kill the listening session, as a database restart would.
	if _, err := other.Pool.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE application_name = 'tkpkbot-listen' AND datname = current_database()`); err != nil {
		t.Fatal(err)
	}
	wait("reconnecting")
	fig.Value = 3.4
	if _, err := other.ImportFigures(ctx, []tkpkbot.Figure{fig}); err != nil {
		t.Fatal(err)
	}
	wait("an import after reconnecting")
}
