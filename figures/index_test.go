package figures_test

import (
	"math"
	"reflect"
	"testing"

	"tkpkbot"
	"tkpkbot/figures"
	"tkpkbot/internal/figtest"
)

var (
	mar21 = tkpkbot.Period{Year: 2021, Month: 3}
	mar22 = tkpkbot.Period{Year: 2022, Month: 3}
	mar23 = tkpkbot.Period{Year: 2023, Month: 3}
	mar24 = tkpkbot.Period{Year: 2024, Month: 3}
	mar25 = tkpkbot.Period{Year: 2025, Month: 3}
	sep25 = tkpkbot.Period{Year: 2025, Month: 9}
	des24 = tkpkbot.Period{Year: 2024, Month: 12, Day: 3}
	y2023 = tkpkbot.Period{Year: 2023}
)

const dinsos = "Dinas Sosial Kaltim, rapat TKPK 3 Desember 2024"

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestCardSamarindaLatest(t *testing.T) {
	c := figtest.Index(t).Card("6472", tkpkbot.Period{})
	if c.Period != mar24 || c.Region.Official != "Kota Samarinda" {
		t.Fatalf("period %v region %v", c.Period, c.Region.Official)
	}
	if len(c.Figures) != 2 || c.Figures[0].Indicator != tkpkbot.IndMiskin || c.Figures[1].Indicator != tkpkbot.IndP0 {
		t.Fatalf("figures = %+v", c.Figures)
	}
	if ch := c.Changes[0]; ch == nil || !near(ch.Delta, -4.09) || ch.Decimals != 2 || ch.From.Period != mar23 {
		t.Fatalf("miskin change = %+v", ch)
	}
	if ch := c.Changes[1]; ch == nil || !near(ch.Delta, -0.51) {
		t.Fatalf("p0 change = %+v", ch)
	}
	if c.Rank == nil || !reflect.DeepEqual(*c.Rank, tkpkbot.Rank{Position: 8, Count: 10, Total: 10, Families: []string{"BPS"}}) {
		t.Fatalf("rank = %+v", c.Rank)
	}
	if c.Share == nil || math.Abs(c.Share.Percent-37.80/221.34*100) > 1e-9 || c.Share.Province.Source != "BPS Kaltim, rilis 1 Juli 2024" {
		t.Fatalf("share = %+v", c.Share)
	}
	if len(c.Others) != 1 || c.Others[0].Source != dinsos || c.Others[0].Value != 44524 || c.Others[0].Period != des24 {
		t.Fatalf("others = %+v", c.Others)
	}
	if !reflect.DeepEqual(c.Missing, []tkpkbot.Indicator{tkpkbot.IndP1, tkpkbot.IndP2, tkpkbot.IndGK}) {
		t.Fatalf("missing = %v", c.Missing)
	}
	if c.Prev != mar23 || !c.Next.IsZero() || !reflect.DeepEqual(c.Periods, []tkpkbot.Period{mar21, mar22, mar23, mar24, des24}) {
		t.Fatalf("prev %v next %v periods %v", c.Prev, c.Next, c.Periods)
	}
}

func TestCardProvinceAgreeingSourcesAndYearlyFigures(t *testing.T) {
	x := figtest.Index(t)
	c := x.Card(tkpkbot.ProvinceCode, mar24)
	if len(c.Figures) != 5 || !reflect.DeepEqual(c.Agreeing, []string{dinsos}) || len(c.Others) != 0 {
		t.Fatalf("figures %d agreeing %v others %+v", len(c.Figures), c.Agreeing, c.Others)
	}
	if c.Rank != nil || c.Share != nil {
		t.Fatal("the province has no rank or share")
	}
	if ch := c.Changes[0]; !near(ch.Delta, -9.73) || ch.From.Source != "BPS, via mediaborneo.net" {
		t.Fatalf("miskin change = %+v", ch)
	}
	// Asking for a year gives its survey round plus the year's own figures.
	c = x.Card(tkpkbot.ProvinceCode, y2023)
	last := c.Figures[len(c.Figures)-1]
	if c.Period != mar23 || last.Period != y2023 || last.Indicator != tkpkbot.IndEkstremJiwa || c.Changes[len(c.Changes)-1] != nil {
		t.Fatalf("2023: period %v, last %+v", c.Period, last)
	}
	// Latest: the newest survey round, never a dated report or a year.
	if c := x.Card(tkpkbot.ProvinceCode, tkpkbot.Period{}); c.Period != sep25 || c.Prev != mar25 {
		t.Fatalf("latest = %v prev %v", c.Period, c.Prev)
	}
}

func TestCardPeriodWithoutData(t *testing.T) {
	x := figtest.Index(t)
	c := x.Card("6472", tkpkbot.Period{Year: 2023, Month: 9})
	if len(c.Figures) != 0 || !c.Period.IsZero() || len(c.Periods) != 5 {
		t.Fatalf("card = %+v", c)
	}
	if c := x.Card("6472", tkpkbot.Period{Year: 2019}); len(c.Figures) != 0 {
		t.Fatal("a year without data has no card")
	}
	if c := x.Card("6472", des24); len(c.Figures) != 1 || c.Figures[0].Source != dinsos {
		t.Fatalf("the dated report asked for by date: %+v", c.Figures)
	} else if len(c.Missing) != 0 || len(c.Changes) != 1 || c.Changes[0] != nil {
		t.Fatalf("a dated report is no survey round: missing %v, changes %v", c.Missing, c.Changes)
	}
	if c := x.Card("9999", tkpkbot.Period{}); len(c.Figures) != 0 || len(c.Periods) != 0 {
		t.Fatal("unknown region")
	}
}

func TestCardRankWithGapsAndTies(t *testing.T) {
	x := figtest.Index(t)
	if r := x.Card("6401", mar23).Rank; r == nil || r.Position != 3 || r.Count != 9 {
		t.Fatalf("Paser 2023 rank = %+v", r)
	}
	p0 := func(code string, v float64) tkpkbot.Figure {
		return tkpkbot.Figure{RegionCode: code, Period: mar24, Indicator: tkpkbot.IndP0, Value: v, Decimals: 2, Unit: tkpkbot.UnitPersen, Source: "BPS"}
	}
	x = figures.NewIndex([]tkpkbot.Figure{p0("6401", 9), p0("6402", 7), p0("6403", 9), p0("6404", 5)})
	for code, want := range map[string]int{"6401": 1, "6403": 1, "6402": 3, "6404": 4} {
		if r := x.Card(code, tkpkbot.Period{}).Rank; r.Position != want || r.Count != 4 {
			t.Errorf("%s rank = %+v, want %d", code, r, want)
		}
	}
	rk := x.Ranking(tkpkbot.IndP0, tkpkbot.Period{})
	var got []int
	for _, e := range rk.Entries {
		got = append(got, e.Position)
	}
	if !reflect.DeepEqual(got, []int{1, 1, 3, 4}) || rk.Entries[0].Region.Code != "6401" {
		t.Fatalf("ranking positions %v first %v", got, rk.Entries[0].Region.Code)
	}
	if alone := figures.NewIndex([]tkpkbot.Figure{p0("6401", 9)}).Card("6401", tkpkbot.Period{}); alone.Rank != nil {
		t.Fatal("first of one is no ranking")
	}
}

func TestChangeOnlyWithinASourceFamily(t *testing.T) {
	f := func(p tkpkbot.Period, v float64, unit, src string) tkpkbot.Figure {
		return tkpkbot.Figure{RegionCode: "6472", Period: p, Indicator: tkpkbot.IndMiskin, Value: v, Decimals: 0, Unit: unit, Source: src}
	}
	x := figures.NewIndex([]tkpkbot.Figure{
		f(mar23, 50000, tkpkbot.UnitJiwa, "Dinas Sosial Kaltim, data"),
		f(mar24, 44524, tkpkbot.UnitJiwa, "Dinas Sosial Kaltim, rapat"),
	})
	c := x.Card("6472", tkpkbot.Period{})
	if ch := c.Changes[0]; ch == nil || ch.Delta != -5476 || ch.Decimals != 0 {
		t.Fatalf("same family = %+v", ch)
	}
	x = figures.NewIndex([]tkpkbot.Figure{
		f(mar23, 41.89, tkpkbot.UnitRibuJiwa, "BPS"),
		f(mar24, 44524, tkpkbot.UnitJiwa, "Dinas Sosial Kaltim, rapat"),
	})
	if ch := x.Card("6472", tkpkbot.Period{}).Changes[0]; ch != nil {
		t.Fatalf("BPS and Dinsos were subtracted: %+v", ch)
	}
	ribu := f(mar24, 37.80, tkpkbot.UnitRibuJiwa, "BPS")
	ribu.Decimals = 2
	x = figures.NewIndex([]tkpkbot.Figure{f(mar23, 41890, tkpkbot.UnitJiwa, "BPS, tabel"), ribu})
	if ch := x.Card("6472", tkpkbot.Period{}).Changes[0]; ch == nil || !near(ch.Delta, -4.09) || ch.Decimals != 2 {
		t.Fatalf("jiwa against ribu jiwa = %+v", ch)
	}
}

func TestRankingPicksALatePeriodMostHave(t *testing.T) {
	x := figtest.Index(t)
	for _, c := range []struct {
		ind   tkpkbot.Indicator
		at    tkpkbot.Period
		want  tkpkbot.Period
		n     int
		first string
	}{
		{tkpkbot.IndP0, tkpkbot.Period{}, mar24, 10, "Mahakam Ulu"},
		// Dinsos's two dated head counts of December are newer but few.
		{tkpkbot.IndMiskin, tkpkbot.Period{}, mar24, 9, "Kutai Kartanegara"},
		// No period has half the districts' P1: the one with most wins.
		{tkpkbot.IndP1, tkpkbot.Period{}, mar23, 4, "Samarinda"},
		{tkpkbot.IndP0, y2023, mar23, 9, "Mahakam Ulu"},
		{tkpkbot.IndP0, mar22, mar22, 6, "Paser"},
	} {
		rk := x.Ranking(c.ind, c.at)
		if rk.Period != c.want || len(rk.Entries) != c.n || rk.Entries[0].Region.Name != c.first || len(rk.Missing) != 10-c.n {
			t.Errorf("%s at %v: period %v, %d entries, first %v", c.ind, c.at, rk.Period, len(rk.Entries), rk.Entries[0].Region.Name)
		}
	}
	rk := x.Ranking(tkpkbot.IndP0, tkpkbot.Period{Year: 2022, Month: 9})
	if !rk.Period.IsZero() || len(rk.Periods) != 5 {
		t.Fatalf("period without data: %+v", rk)
	}
	if rk := x.Ranking(tkpkbot.IndMiskin, tkpkbot.Period{}); rk.Province.Source != "BPS Kaltim, rilis 1 Juli 2024" {
		t.Fatalf("province reference = %+v", rk.Province)
	}
	if rk := x.Ranking(tkpkbot.IndEkstremPersen, tkpkbot.Period{}); !rk.Period.IsZero() || len(rk.Entries) != 0 {
		t.Fatalf("no district has extreme poverty: %+v", rk)
	}
}

func TestSeriesPrefersBPSAndSkipsDatedReports(t *testing.T) {
	x := figtest.Index(t)
	s := x.Series("6472", tkpkbot.IndMiskin)
	var periods []tkpkbot.Period
	for _, p := range s.Points {
		periods = append(periods, p.Period)
	}
	if s.Unit != tkpkbot.UnitRibuJiwa || !reflect.DeepEqual(periods, []tkpkbot.Period{mar21, mar22, mar23, mar24}) {
		t.Fatalf("series %s %v", s.Unit, periods)
	}
	s = x.Series(tkpkbot.ProvinceCode, tkpkbot.IndMiskin)
	for _, p := range s.Points {
		if p.Period == mar24 && (p.Source != "BPS Kaltim, rilis 1 Juli 2024" || p.Value != 221.34) {
			t.Fatalf("Maret 2024 point = %+v", p)
		}
	}
	jiwa := figures.NewIndex([]tkpkbot.Figure{{RegionCode: "6472", Period: mar24, Indicator: tkpkbot.IndMiskin, Value: 37800, Unit: tkpkbot.UnitJiwa, Source: "X"}})
	if p := jiwa.Series("6472", tkpkbot.IndMiskin).Points[0]; p.Value != 37.8 || p.Unit != tkpkbot.UnitRibuJiwa || p.Decimals != 3 {
		t.Fatalf("converted point = %+v", p)
	}
}
