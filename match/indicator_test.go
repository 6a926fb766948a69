package match

import (
	"strings"
	"testing"

	"tkpkbot"
)

func TestEveryIndicatorNameIsFound(t *testing.T) {
	for _, in := range tkpkbot.Indicators {
		for _, s := range append([]string{string(in.Indicator), in.Name, in.Short}, in.Aliases...) {
			if got, ok := Indicator(s); !ok || got.Indicator != in.Indicator {
				t.Errorf("Indicator(%q) = %s, %v, want %s", s, got.Indicator, ok, in.Indicator)
			}
		}
	}
}

// indicatorHit is text an indicator finder must read, and what it names.
type indicatorHit struct {
	in   string
	want tkpkbot.Indicator
}

// checkFinds holds Indicator and IndicatorInText to the one contract they
// share: each hit finds its indicator, each miss finds none.
func checkFinds(t *testing.T, name string, find func(string) (tkpkbot.IndicatorInfo, bool), hits []indicatorHit, misses []string) {
	t.Helper()
	for _, tt := range hits {
		got, ok := find(tt.in)
		if !ok || got.Indicator != tt.want {
			t.Errorf("%s(%q) = %q, %v, want %q", name, tt.in, got.Indicator, ok, tt.want)
		}
	}
	for _, in := range misses {
		if got, ok := find(in); ok {
			t.Errorf("%s(%q) = %q, want none", name, in, got.Indicator)
		}
	}
}

func TestIndicator(t *testing.T) {
	hits := []indicatorHit{
		{"P0", tkpkbot.IndP0},
		{" p0 ", tkpkbot.IndP0},
		{"Persentase", tkpkbot.IndP0},
		{"%", tkpkbot.IndP0},
		{"kemiskinan", tkpkbot.IndP0},
		{"Persentase penduduk miskin (P0)", tkpkbot.IndP0},
		{"miskin", tkpkbot.IndMiskin},
		{"Penduduk-Miskin", tkpkbot.IndMiskin},
		{"JIWA", tkpkbot.IndMiskin},
		{"p1", tkpkbot.IndP1},
		{"Kedalaman", tkpkbot.IndP1},
		{"p2", tkpkbot.IndP2},
		{"keparahan", tkpkbot.IndP2},
		{"GK", tkpkbot.IndGK},
		{"garis kemiskinan", tkpkbot.IndGK},
		{"garis", tkpkbot.IndGK},
		{"ekstrem", tkpkbot.IndEkstremPersen},
		{"ekstrem_persen", tkpkbot.IndEkstremPersen},
		{"ekstrem %", tkpkbot.IndEkstremPersen},
		{"Miskin ekstrem %", tkpkbot.IndEkstremPersen},
		{"ekstrem_jiwa", tkpkbot.IndEkstremJiwa},
		{"Miskin ekstrem", tkpkbot.IndEkstremJiwa},
		{"jumlah penduduk miskin ekstrem", tkpkbot.IndEkstremJiwa},
		{"ipm", tkpkbot.IndIPM},
		{"IPM", tkpkbot.IndIPM},
		{"indeks pembangunan manusia", tkpkbot.IndIPM},
		{"Indeks Pembangunan Manusia (IPM)", tkpkbot.IndIPM},
		{"pengangguran", tkpkbot.IndTPT},
		{"tpt", tkpkbot.IndTPT},
		{"tingkat pengangguran terbuka", tkpkbot.IndTPT},
		{"gini", tkpkbot.IndGini},
		{"rasio gini", tkpkbot.IndGini},
		{"Rasio-Gini", tkpkbot.IndGini},
		{"gini ratio", tkpkbot.IndGini},
		{"ketimpangan", tkpkbot.IndGini},
	}
	checkFinds(t, "Indicator", Indicator, hits, []string{"", "xyz", "p3", "samarinda", strings.Repeat("p0", 200)})
}
