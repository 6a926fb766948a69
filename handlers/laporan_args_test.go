package handlers

import (
	"strings"
	"testing"

	"tkpkbot"
	"tkpkbot/match"
)

func TestSplitRegionWeek(t *testing.T) {
	wk := func(y, n int) tkpkbot.Week { return tkpkbot.Week{Year: y, Week: n} }
	cur := wk(2024, 50)
	for _, c := range []struct {
		in, region string
		week       tkpkbot.Week
		err        bool
	}{
		{"", "", cur, false},
		{"Samarinda", "Samarinda", cur, false},
		{"samarinda minggu lalu", "samarinda", wk(2024, 49), false},
		{"Kutai Kartanegara minggu ini", "Kutai Kartanegara", cur, false},
		{"berau 2024-W45", "berau", wk(2024, 45), false},
		{"berau 2024-w5", "berau", wk(2024, 5), false},
		{"kukar minggu ke-48", "kukar", wk(2024, 48), false},
		{"kukar W48", "kukar", wk(2024, 48), false},
		{"kutai timur 48/2024", "kutai timur", wk(2024, 48), false},
		{"penajam paser utara 3 desember 2024", "penajam paser utara", wk(2024, 49), false},
		{"bontang 2024-12-03", "bontang", wk(2024, 49), false},
		{"minggu lalu samarinda", "samarinda", wk(2024, 49), false},
		{"2024-W45 kutai barat", "kutai barat", wk(2024, 45), false},
		{"minggu lalu", "", wk(2024, 49), false},
		{"2024-W50", "", cur, false},
		{"6472", "6472", cur, false},
		{"64.72 minggu lalu", "64.72", wk(2024, 49), false},
		{"Kota Samarinda", "Kota Samarinda", cur, false},
		{"samarinda 2024-W60", "samarinda", cur, true},
		{"samarinda 31-02-2024", "samarinda", cur, true},
		{strings.Repeat("samarinda ", 20) + "minggu lalu", strings.TrimSpace(strings.Repeat("samarinda ", 20) + "minggu lalu"), cur, false},
	} {
		region, w, err := splitRegionWeek(c.in, testNow, witaLoc)
		if region != c.region || w != c.week || (err != nil) != c.err {
			t.Errorf("splitRegionWeek(%q) = %q, %v, %v; want %q, %v, err %v", c.in, region, w, err, c.region, c.week, c.err)
		}
	}
}

// No region name or alias may be taken for a week, or /laporan Paser
// would show the wrong thing.
func TestRegionNamesAreNoWeeks(t *testing.T) {
	for _, reg := range tkpkbot.Regions {
		for _, name := range append([]string{reg.Name, reg.Official, reg.Code, reg.KemendagriCode}, reg.Aliases...) {
			region, w, err := splitRegionWeek(name, testNow, witaLoc)
			if err != nil || region != name || w != (tkpkbot.Week{Year: 2024, Week: 50}) {
				t.Errorf("splitRegionWeek(%q) = %q, %v, %v", name, region, w, err)
			}
			if m := match.Region(region); m.Kind != match.Exact || m.Region.Code != reg.Code {
				t.Errorf("%q matched %v %s", name, m.Kind, m.Region.Code)
			}
		}
	}
}

func TestLaporanDataRoundTrip(t *testing.T) {
	for _, c := range []struct {
		region  string
		week    tkpkbot.Week
		version int
	}{{"6472", tkpkbot.Week{Year: 2024, Week: 50}, 0}, {"6401", tkpkbot.Week{Year: 2025, Week: 1}, 3}, {"6474", tkpkbot.Week{Year: 2020, Week: 53}, 12}} {
		data := laporanData(c.region, c.week, c.version)
		if len(data) > 64 {
			t.Fatalf("%q exceeds Telegram's 64 bytes", data)
		}
		reg, w, v, ok := parseLaporanData(strings.TrimPrefix(data, "laporan:"))
		if !ok || reg.Code != c.region || w != c.week || v != c.version {
			t.Fatalf("%q read back as %s %v %d %v", data, reg.Code, w, v, ok)
		}
	}
	for _, bad := range []string{"", "x", "6472", "6400:2024-W50", "9999:2024-W50", "6472:2024-W60", "6472:minggu lalu",
		"6472:2024-W50:0", "6472:2024-W50:-1", "6472:2024-W50:01", "6472:2024-W50:1:2", "6472:2024-w50", "6472: 2024-W50"} {
		if reg, w, v, ok := parseLaporanData(bad); ok {
			t.Errorf("%q accepted as %s %v %d", bad, reg.Code, w, v)
		}
	}
}

func FuzzSplitRegionWeek(f *testing.F) {
	for _, s := range []string{"samarinda minggu lalu", "kukar 2024-W50", "minggu ke-48 berau", "bontang 3 desember 2024",
		"samarinda 2024-W60", "６４７２ minggu ini", "\x00\xff 50/2024", strings.Repeat("w1 ", 30)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		region, w, err := splitRegionWeek(s, testNow, witaLoc)
		if refusedClearly(t, s, err) {
			return
		}
		if w.Week < 1 || w.Week > 53 || tkpkbot.WeekOf(w.Start(witaLoc), witaLoc) != w {
			t.Fatalf("%q: impossible week %+v", s, w)
		}
		if _, ok := parseWeekKey(w.String()); !ok {
			t.Fatalf("%q: week %v cannot go into a button", s, w)
		}
		wantRegionFromInput(t, s, region)
	})
}

// Button data comes back from the client and may be forged.
func FuzzLaporanData(f *testing.F) {
	for _, s := range []string{"6472:2024-W50", "6472:2024-W50:2", "6400:2024-W50", "x:y:z", "6472:2024-W50:99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		reg, w, v, ok := parseLaporanData(s)
		if !ok {
			return
		}
		if got := strings.TrimPrefix(laporanData(reg.Code, w, v), "laporan:"); got != s {
			t.Fatalf("%q read as %s %v %d, written back as %q", s, reg.Code, w, v, got)
		}
		if reg.Code == tkpkbot.ProvinceCode {
			t.Fatalf("%q: the province has no weekly report", s)
		}
	})
}
