package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/clocktest"
	"tkpkbot/internal/dbtest"
	"tkpkbot/store"
)

func addUser(t *testing.T, db *store.DB, id int64, role tkpkbot.Role, region string) {
	t.Helper()
	if _, err := db.Pool.Exec(context.Background(), `INSERT INTO users (id, first_name, role, region_code) VALUES ($1, 'U', $2, $3)`,
		id, string(role), region); err != nil {
		t.Fatal(err)
	}
}

func fig(region string, ind tkpkbot.Indicator, v float64, unit string) tkpkbot.Figure {
	return tkpkbot.Figure{RegionCode: region, Period: tkpkbot.Period{Year: 2025, Month: 3}, Indicator: ind,
		Value: v, Decimals: 2, Unit: unit, Source: "BPS"}
}

func count(t *testing.T, db *store.DB, sql string) int {
	t.Helper()
	var n int
	if err := db.Pool.QueryRow(context.Background(), sql).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportRecordsItsChangesAndOneNotice(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{})
	addUser(t, db, 1, tkpkbot.RoleKoordinator, "6472")
	first := []tkpkbot.Figure{fig("6472", tkpkbot.IndP0, 4.40, tkpkbot.UnitPersen), fig("6474", tkpkbot.IndP0, 3.74, tkpkbot.UnitPersen)}
	if _, err := db.ImportFigures(ctx, first); err != nil {
		t.Fatal(err)
	}
	// The same file again changes nothing: no import, no change, no notice.
	if _, err := db.ImportFigures(ctx, first); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM figure_imports`); n != 1 {
		t.Fatalf("%d imports recorded after an import and its no-op repeat, want 1", n)
	}
	second := []tkpkbot.Figure{fig("6472", tkpkbot.IndP0, 4.21, tkpkbot.UnitPersen), fig("6474", tkpkbot.IndP0, 3.74, tkpkbot.UnitPersen),
		fig("6472", tkpkbot.IndMiskin, 40.1, tkpkbot.UnitRibuJiwa)}
	if _, err := db.ImportFigures(ctx, second); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM reminders WHERE kind = 'figures_notice'`); n != 2 {
		t.Fatalf("%d notices, want one per import that changed something (2)", n)
	}
	var last int64
	if err := db.Pool.QueryRow(ctx, `SELECT max(id) FROM figure_imports`).Scan(&last); err != nil {
		t.Fatal(err)
	}
	// The coordinator of Samarinda follows it by default: Bontang's
	// unchanged value is not news, and was not recorded either.
	got, err := db.NoticeChanges(ctx, last, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := []tkpkbot.FigureChange{
		{RegionCode: "6472", Indicator: tkpkbot.IndMiskin, Period: tkpkbot.Period{Year: 2025, Month: 3}, Source: "BPS", New: 40.1, Decimals: 2, Unit: tkpkbot.UnitRibuJiwa},
		{RegionCode: "6472", Indicator: tkpkbot.IndP0, Period: tkpkbot.Period{Year: 2025, Month: 3}, Source: "BPS", HadOld: true, Old: 4.40, New: 4.21, Decimals: 2, Unit: tkpkbot.UnitPersen},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("changes\n got %+v\nwant %+v", got, want)
	}
	if n := count(t, db, `SELECT count(*) FROM figure_changes`); n != 4 { // 2 new, then 1 changed + 1 new
		t.Fatalf("%d changes recorded, want 4", n)
	}
}

func TestRejectedImportRecordsNothing(t *testing.T) {
	db := dbtest.Open(t, store.Options{})
	bad := fig("6472", tkpkbot.IndP0, 4.40, tkpkbot.UnitPersen)
	bad.Source = ""
	if _, err := db.ImportFigures(context.Background(), []tkpkbot.Figure{fig("6474", tkpkbot.IndP0, 3.74, tkpkbot.UnitPersen), bad}); err == nil {
		t.Fatal("import with an empty source accepted")
	}
	if n := count(t, db, `SELECT count(*) FROM figure_changes`) + count(t, db, `SELECT count(*) FROM figure_imports`); n != 0 {
		t.Fatalf("rejected import left %d rows", n)
	}
}

func TestSeedIsNoNews(t *testing.T) {
	db := dbtest.Open(t, store.Options{})
	if _, err := db.SeedFigures(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM figure_imports`) + count(t, db, `SELECT count(*) FROM reminders WHERE kind = 'figures_notice'`); n != 0 {
		t.Fatalf("the first-start seed recorded %d rows: a fresh install would notify", n)
	}
}

func TestSubscriptionDefaultsAndChoices(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t, store.Options{Clock: clocktest.New(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))})
	addUser(t, db, 1, tkpkbot.RoleKoordinator, "6472")
	addUser(t, db, 2, tkpkbot.RolePengamat, "")
	for _, tc := range []struct {
		id   int64
		want tkpkbot.Subscription
	}{
		{1, tkpkbot.Subscription{Regions: []string{"6472"}, Default: true}},
		{2, tkpkbot.Subscription{Regions: []string{}, Default: true}},
		{99, tkpkbot.Subscription{Default: true}},
	} {
		got, err := db.Subscription(ctx, tc.id)
		if err != nil || !slices.Equal(got.Regions, tc.want.Regions) || got.Default != tc.want.Default {
			t.Errorf("user %d: %+v, %v; want %+v", tc.id, got, err, tc.want)
		}
	}
	// Off is remembered: the coordinator's default does not come back.
	if _, err := db.SetSubscription(ctx, 1, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Subscription(ctx, 1); len(got.Regions) != 0 || got.Default {
		t.Fatalf("after off: %+v", got)
	}
	got, err := db.SetSubscription(ctx, 2, []string{"6474", "6400", "6474"})
	if err != nil || !slices.Equal(got.Regions, []string{"6400", "6474"}) {
		t.Fatalf("set: %+v, %v", got, err)
	}
	if _, err := db.SetSubscription(ctx, 2, []string{"9999"}); err == nil {
		t.Fatal("unknown region accepted")
	}
}
