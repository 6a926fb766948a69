package handlers

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplitRegionYear(t *testing.T) {
	for _, c := range []struct {
		in, region string
		year       int
		problem    string
	}{
		{"", "", 2025, ""},
		{"Samarinda", "Samarinda", 2025, ""},
		{"samarinda 2024", "samarinda", 2024, ""},
		{"2024 kutai kartanegara", "kutai kartanegara", 2024, ""},
		{"2023", "", 2023, ""},
		{"  Penajam   Paser Utara  2025 ", "Penajam Paser Utara", 2025, ""},
		{"samarinda 2026", "", 0, "Tahun 2026 belum berjalan"},
		{"samarinda 25", "", 0, "Tahun “25” tidak dikenali"},
		{"1999", "", 0, "tidak dikenali"},
		{"samarinda 99999999999999999999", "", 0, "tidak dikenali"},
		{"6472", "6472", 2025, ""}, // a BPS code is the region, not a year
		{"6472 2024", "6472", 2024, ""},
		{"2030", "", 0, "Tahun 2030 belum berjalan"},
	} {
		region, year, problem := splitRegionYear(c.in, 2025)
		if region != c.region || year != c.year || !strings.Contains(problem, c.problem) || (c.problem == "") != (problem == "") {
			t.Errorf("%q: %q %d %q, want %q %d %q", c.in, region, year, problem, c.region, c.year, c.problem)
		}
	}
}

func FuzzSplitRegionYear(f *testing.F) {
	for _, s := range []string{"", "samarinda 2024", "2024 kukar", "samarinda 25", "0000", "\u00a0 2025", "a b c d e f g h 2025", "samarinda <b>25"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		region, year, problem := splitRegionYear(in, 2025)
		if problem != "" {
			if !utf8.ValidString(problem) || !safeHTML(problem) || region != "" || year != 0 {
				t.Fatalf("%q: problem %q with %q %d", in, problem, region, year)
			}
			return
		}
		if year < 2000 || year > 2025 {
			t.Fatalf("%q: year %d", in, year)
		}
		if len(region) > len(in) {
			t.Fatalf("%q: region %q longer than the input", in, region)
		}
	})
}
