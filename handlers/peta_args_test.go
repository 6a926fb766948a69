package handlers

import (
	"testing"
	"time"
	"unicode/utf8"

	"tkpkbot"
)

func TestParsePetaArgs(t *testing.T) {
	now := time.Date(2024, 12, 11, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in      string
		ind     tkpkbot.Indicator
		period  tkpkbot.Period
		problem string // "period", "unknown", "region"
	}{
		{in: "", ind: tkpkbot.IndP0},
		{in: "p1 2023", ind: tkpkbot.IndP1, period: tkpkbot.Period{Year: 2023}},
		{in: "2023 p1", ind: tkpkbot.IndP1, period: tkpkbot.Period{Year: 2023}},
		{in: "miskin maret 2024", ind: tkpkbot.IndMiskin, period: tkpkbot.Period{Year: 2024, Month: 3}},
		{in: "P0 2024-03", ind: tkpkbot.IndP0, period: tkpkbot.Period{Year: 2024, Month: 3}},
		{in: "garis kemiskinan", ind: tkpkbot.IndGK},
		{in: "2022", ind: tkpkbot.IndP0, period: tkpkbot.Period{Year: 2022}},
		{in: "  kedalaman   kemiskinan  2023 ", ind: tkpkbot.IndP1, period: tkpkbot.Period{Year: 2023}},
		{in: "p1 maret", problem: "period"},
		{in: "p1 2023-13", problem: "period"},
		{in: "samarinda", problem: "region"},
		{in: "cuaca", problem: "unknown"},
		{in: "p9 2024", problem: "unknown"},
	} {
		got, prob := parsePetaArgs(tc.in, now)
		kind := ""
		switch {
		case prob == nil:
		case prob.Period != nil:
			kind = "period"
		case prob.RegionWas.Code != "":
			kind = "region"
		default:
			kind = "unknown"
		}
		if kind != tc.problem {
			t.Errorf("%q: problem %q (%v), want %q", tc.in, kind, prob, tc.problem)
			continue
		}
		if prob == nil && (got.Indicator.Indicator != tc.ind || got.Period != tc.period) {
			t.Errorf("%q: got %s %+v, want %s %+v", tc.in, got.Indicator.Indicator, got.Period, tc.ind, tc.period)
		}
	}
}

func FuzzParsePetaArgs(f *testing.F) {
	for _, s := range []string{"", "p1 2023", "miskin maret 2024", "samarinda", "p0 2024-03-01", "2023 p1", "ekstrem 31 desember 2024"} {
		f.Add(s)
	}
	now := time.Date(2024, 12, 11, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		got, prob := parsePetaArgs(s, now)
		if prob == nil {
			if _, ok := tkpkbot.IndicatorByCode(got.Indicator.Indicator); !ok {
				t.Fatalf("%q: indicator %q is not in the domain list", s, got.Indicator.Indicator)
			}
			return
		}
		if !utf8.ValidString(prob.Error()) && utf8.ValidString(s) {
			t.Fatalf("%q: problem text is not UTF-8", s)
		}
	})
}
