package handlers

import (
	"strings"
	"testing"

	"tkpkbot"
	"tkpkbot/peta"
)

func TestMapDirectionDarkensTheWorseEnd(t *testing.T) {
	for _, tc := range []struct {
		info tkpkbot.IndicatorInfo
		want peta.Direction
	}{
		{indicatorInfo(tkpkbot.IndP0), peta.HigherWorse},
		{indicatorInfo(tkpkbot.IndMiskin), peta.HigherWorse},
		{indicatorInfo(tkpkbot.IndGK), peta.Neutral},
		{indicatorInfo(tkpkbot.IndIPM), peta.LowerWorse},
		{indicatorInfo(tkpkbot.IndTPT), peta.HigherWorse},
	} {
		if got := mapDirection(tc.info); got != tc.want {
			t.Errorf("%s: direction %d, want %d", tc.info.Indicator, got, tc.want)
		}
	}
}

func TestMapOfOneUnitAndCaptionWithTies(t *testing.T) {
	p := tkpkbot.Period{Year: 2024, Month: 3}
	entry := func(code string, v float64, dec int, unit string) tkpkbot.RankEntry {
		reg, _ := tkpkbot.RegionByCode(code)
		return tkpkbot.RankEntry{Region: reg, Figure: tkpkbot.Figure{RegionCode: code, Period: p, Indicator: tkpkbot.IndMiskin,
			Value: v, Decimals: dec, Unit: unit, Source: "BPS"}}
	}
	rk := tkpkbot.Ranking{Indicator: tkpkbot.IndMiskin, Period: p, Entries: []tkpkbot.RankEntry{
		entry("6403", 59, 2, tkpkbot.UnitRibuJiwa), entry("6472", 59000, 0, tkpkbot.UnitJiwa), entry("6474", 8.41, 2, tkpkbot.UnitRibuJiwa),
	}}
	info := indicatorInfo(tkpkbot.IndMiskin)
	m, entries := mapOf(info, rk)
	if v := m.Values["6472"]; v.V != 59 || v.Text != "59,000 ribu jiwa" {
		t.Fatalf("Samarinda in jiwa drawn as %+v, want 59 ribu jiwa", v)
	}
	got := mapCaption(info, rk, entries)
	for _, want := range []string{
		"Jumlah penduduk miskin per kabupaten/kota, Maret 2024.",
		"Tertinggi: Kutai Kartanegara, Samarinda 59,00 ribu jiwa",
		"Terendah: Bontang 8,41 ribu jiwa",
		"Tidak ada data: Paser, Kutai Barat",
		"/peringkat miskin 2024-03",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("caption lacks %q:\n%s", want, got)
		}
	}
}
