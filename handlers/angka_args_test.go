package handlers

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"tkpkbot"
	"tkpkbot/match"
)

func TestSplitRegionPeriod(t *testing.T) {
	p := func(y, m, d int) tkpkbot.Period { return tkpkbot.Period{Year: y, Month: m, Day: d} }
	for _, c := range []struct {
		in, region string
		period     tkpkbot.Period
		err        bool
	}{
		{"", "", p(0, 0, 0), false},
		{"Samarinda", "Samarinda", p(0, 0, 0), false},
		{"samarinda 2023", "samarinda", p(2023, 0, 0), false},
		{"kutai kartanegara maret 2023", "kutai kartanegara", p(2023, 3, 0), false},
		{"kukar 2023-03", "kukar", p(2023, 3, 0), false},
		{"Kota Samarinda, Maret 2023.", "Kota Samarinda,", p(2023, 3, 0), false},
		{"kukar 3 desember 2024", "kukar", p(2024, 12, 3), false},
		{"2023 samarinda", "samarinda", p(2023, 0, 0), false},
		{"maret 2023 kutai barat", "kutai barat", p(2023, 3, 0), false},
		{"samarinda tahun 2023", "samarinda", p(2023, 0, 0), false},
		{"maret 2023", "", p(2023, 3, 0), false},
		{"6472", "6472", p(0, 0, 0), false},
		{"64.72", "64.72", p(0, 0, 0), false},
		{"6472 2024", "6472", p(2024, 0, 0), false},
		{"samarinda 1850", "samarinda", p(0, 0, 0), true},
		{"samarinda 2023-13", "samarinda", p(0, 0, 0), true},
	} {
		region, period, err := splitRegionPeriod(c.in, argsNow)
		if region != c.region || period != c.period || (err != nil) != c.err {
			t.Errorf("splitRegionPeriod(%q) = %q, %v, %v; want %q, %v, err %v", c.in, region, period, err, c.region, c.period, c.err)
		}
	}
}

// argsNow is the clock the examples take their year from.
var argsNow = time.Date(2026, 12, 1, 10, 0, 0, 0, time.FixedZone("WITA", 8*3600))

// A month without a year is asked about with the line to type, the year
// from the clock; the region is never read as "samarinda maret".
func TestSplitRegionPeriodMonthWithoutYear(t *testing.T) {
	for _, c := range []struct{ in, msg, example string }{
		{"samarinda maret", "Maret tahun berapa?", "samarinda maret 2026"},
		{"Samarinda September", "September tahun berapa?", "Samarinda September 2026"},
		{"kukar sept.", "September tahun berapa?", "kukar sept 2026"},
		{"kukar 3 desember", "3 Desember tahun berapa?", "kukar 3 desember 2026"},
		{"maret samarinda", "Maret tahun berapa?", "maret 2026 samarinda"},
		{"3 desember kukar", "3 Desember tahun berapa?", "3 desember 2026 kukar"},
		{"maret", "Maret tahun berapa?", "maret 2026"},
		{"p0 march", "Maret tahun berapa?", "p0 march 2026"},
	} {
		region, p, err := splitRegionPeriod(c.in, argsNow)
		var ym *yearMissingError
		if !errors.As(err, &ym) || tkpkbot.ErrorCode(err) != tkpkbot.EINVALID {
			t.Errorf("splitRegionPeriod(%q) = %q, %v, %v; want the year asked for", c.in, region, p, err)
			continue
		}
		if got := tkpkbot.ErrorMessage(err); got != c.msg || ym.example != c.example {
			t.Errorf("splitRegionPeriod(%q): %q, example %q; want %q, %q", c.in, got, ym.example, c.msg, c.example)
		}
		want := c.msg + "\nContoh: <code>/angka " + c.example + "</code>"
		if got := argsProblem(err, "/angka", "Samarinda 2026"); got != want {
			t.Errorf("argsProblem(%q) = %q, want %q", c.in, got, want)
		}
	}
	// Region names and indicators are never taken for months.
	for _, reg := range tkpkbot.Regions {
		for _, name := range append([]string{reg.Name, reg.Official}, reg.Aliases...) {
			if _, _, err := splitRegionPeriod(name, argsNow); err != nil {
				t.Errorf("region %q: %v", name, err)
			}
		}
	}
	for _, ind := range []string{"p0", "p1", "p2", "gk", "miskin", "jumlah", "garis kemiskinan", "kedalaman", "keparahan"} {
		if _, _, err := splitRegionPeriod(ind, argsNow); err != nil {
			t.Errorf("indicator %q: %v", ind, err)
		}
	}
	if got, want := argsProblem(tkpkbot.Errorf(tkpkbot.EINVALID, "Tahun <1850>."), "/angka", "Samarinda 2026"),
		"Tahun &lt;1850&gt;.\nContoh: <code>/angka Samarinda 2026</code>"; got != want {
		t.Errorf("argsProblem fallback = %q, want %q", got, want)
	}
}

func TestParseQuestion(t *testing.T) {
	for _, c := range []struct {
		in, region string
		ind        tkpkbot.Indicator
		period     tkpkbot.Period
	}{
		{"berapa penduduk miskin di kukar 2023?", "6403", tkpkbot.IndMiskin, tkpkbot.Period{Year: 2023}},
		{"Berapa persen penduduk miskin Samarinda maret 2024", "6472", tkpkbot.IndP0, tkpkbot.Period{Year: 2024, Month: 3}},
		{"garis kemiskinan balikpapan", "6471", tkpkbot.IndGK, tkpkbot.Period{}},
		{"p0 kaltim tahun 2023", tkpkbot.ProvinceCode, tkpkbot.IndP0, tkpkbot.Period{Year: 2023}},
		{"kemiskinan ekstrem kaltim 2023?", tkpkbot.ProvinceCode, tkpkbot.IndEkstremPersen, tkpkbot.Period{Year: 2023}},
		{"halo, saya dari samarinda", "", "", tkpkbot.Period{}},
		{"berapa penduduk miskin?", "", "", tkpkbot.Period{}},
		{"penduduk miskin di smarinda", "", "", tkpkbot.Period{}},
		{strings.Repeat("samarinda p0 ", 40), "", "", tkpkbot.Period{}},
	} {
		q, ok := parseQuestion(c.in)
		if ok != (c.region != "") {
			t.Errorf("parseQuestion(%q) ok = %v", c.in, ok)
			continue
		}
		if ok && (q.Region.Code != c.region || q.Indicator.Indicator != c.ind || q.Period != c.period) {
			t.Errorf("parseQuestion(%q) = %s %s %v", c.in, q.Region.Code, q.Indicator.Indicator, q.Period)
		}
	}
}

func TestButtonDataRoundTrip(t *testing.T) {
	for _, p := range []tkpkbot.Period{{}, {Year: 2024, Month: 3}, {Year: 2023}, {Year: 2024, Month: 12, Day: 3}} {
		data := angkaData("6472", p)
		if len(data) > 64 {
			t.Fatalf("%q exceeds Telegram's 64 bytes", data)
		}
		reg, rest, ok := parseRegionData(strings.TrimPrefix(data, "angka:"))
		got, pok := parsePeriodData(rest)
		if !ok || !pok || reg.Code != "6472" || got != p {
			t.Fatalf("%q read back as %v %v", data, reg.Code, got)
		}
	}
	for _, bad := range []string{"", "9999", "6472:x", "6472:2024-13", ":2024-03"} {
		reg, rest, ok := parseRegionData(bad)
		_, pok := parsePeriodData(rest)
		if ok && pok {
			t.Errorf("%q accepted as %v %q", bad, reg.Code, rest)
		}
	}
}

func TestSplitRegionIndicator(t *testing.T) {
	for _, c := range []struct {
		in, region string
		ind        tkpkbot.Indicator
	}{
		{"samarinda", "samarinda", tkpkbot.IndP0},
		{"samarinda garis kemiskinan", "samarinda", tkpkbot.IndGK},
		{"kutai kartanegara jumlah penduduk miskin", "kutai kartanegara", tkpkbot.IndMiskin},
		{"kaltim p2", "kaltim", tkpkbot.IndP2},
		{"p1", "", tkpkbot.IndP1},
		{"", "", tkpkbot.IndP0},
	} {
		region, info := splitRegionIndicator(c.in)
		if region != c.region || info.Indicator != c.ind {
			t.Errorf("splitRegionIndicator(%q) = %q, %s", c.in, region, info.Indicator)
		}
	}
}

// The parsers of user input must never panic and always give a clear
// outcome: a region text that is part of the input and a valid period,
// or an error whose message can be shown as is.
func FuzzSplitRegionPeriod(f *testing.F) {
	for _, s := range []string{"samarinda 2023", "kutai kartanegara maret 2023", "kukar 2023-03", "2023 bontang",
		"3 desember 2024", "samarinda 1850", "６４７２", "kota   samarinda,, mar.2023", "\x00\xff 2023", "samarinda maret", "3 desember kukar"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		region, p, err := splitRegionPeriod(s, argsNow)
		if refusedClearly(t, s, err) {
			return
		}
		if !p.IsZero() && (p.Year < 1 || p.Month < 0 || p.Month > 12 || p.Day < 0 || p.Day > 31) {
			t.Fatalf("%q: impossible period %+v", s, p)
		}
		if !p.IsZero() {
			if _, ok := tkpkbot.ParsePeriodKey(p.Key()); !ok {
				t.Fatalf("%q: period %+v cannot go into a button", s, p)
			}
		}
		wantRegionFromInput(t, s, region)
	})
}

func FuzzParseQuestion(f *testing.F) {
	for _, s := range []string{"berapa penduduk miskin di kukar 2023?", "p0 samarinda maret 2024", "garis kemiskinan kaltim",
		"halo samarinda", "kemiskinan ekstrem % kaltim 2023", "ＫＵＫＡＲ miskin", strings.Repeat("a ", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, ok := parseQuestion(s)
		if !ok {
			return
		}
		if _, known := tkpkbot.RegionByCode(q.Region.Code); !known {
			t.Fatalf("%q: unknown region %+v", s, q.Region)
		}
		if info, known := tkpkbot.IndicatorByCode(q.Indicator.Indicator); !known || info.Indicator != q.Indicator.Indicator {
			t.Fatalf("%q: unknown indicator %q", s, q.Indicator.Indicator)
		}
		if !q.Period.IsZero() {
			if _, ok := tkpkbot.ParsePeriodKey(q.Period.Key()); !ok {
				t.Fatalf("%q: period %+v", s, q.Period)
			}
		}
		if !utf8.ValidString(q.Region.Name) {
			t.Fatal("region name")
		}
	})
}

func TestParseRegionOnly(t *testing.T) {
	for _, c := range []struct {
		in, code string
		p        tkpkbot.Period
	}{
		{"samarinda", "6472", tkpkbot.Period{}},
		{"Samarinda!", "6472", tkpkbot.Period{}},
		{"kota bontang", "6474", tkpkbot.Period{}},
		{"smd", "6472", tkpkbot.Period{}},
		{"tenggarong", "6403", tkpkbot.Period{}},
		{"Tanjung Redeb", "6405", tkpkbot.Period{}},
		{"kaltim 2024", "6400", tkpkbot.Period{Year: 2024}},
		{"sangatta maret 2023", "6404", tkpkbot.Period{Year: 2023, Month: 3}},
	} {
		reg, p, ok := parseRegionOnly(c.in)
		if !ok || reg.Code != c.code || p != c.p {
			t.Errorf("parseRegionOnly(%q) = %s %+v %v, want %s %+v", c.in, reg.Code, p, ok, c.code, c.p)
		}
	}
	for _, in := range []string{"", "halo", "halo, saya dari samarinda", "sama", "smarinda", "kutai", "samarinda bagus sekali",
		"rapat di balikpapan besok", "2024", "samarinda 1850", strings.Repeat("samarinda ", 40)} {
		if reg, p, ok := parseRegionOnly(in); ok {
			t.Errorf("parseRegionOnly(%q) = %s %+v, want small talk", in, reg.Code, p)
		}
	}
}

func FuzzParseRegionOnly(f *testing.F) {
	for _, s := range []string{"samarinda", "kota bontang 2023", "halo samarinda", "ｓｍｄ", "tanjung redeb maret 2024", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		reg, p, ok := parseRegionOnly(s)
		if !ok {
			return
		}
		if _, known := tkpkbot.RegionByCode(reg.Code); !known {
			t.Fatalf("%q: unknown region %+v", s, reg)
		}
		if !p.IsZero() {
			if _, ok := tkpkbot.ParsePeriodKey(p.Key()); !ok {
				t.Fatalf("%q: period %+v", s, p)
			}
		}
		if m, _ := match.RegionInText(s); m.Region.Code != reg.Code {
			t.Fatalf("%q: %s, but the text names %s", s, reg.Code, m.Region.Code)
		}
	})
}

// tkpkbot.Button data comes back from the client and may be forged.
func FuzzButtonData(f *testing.F) {
	for _, s := range []string{"6472", "6472:2024-03", "6400:2023", "6403:2024-12-03", "x:y:z", "6472:p0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		reg, rest, ok := parseRegionData(s)
		p, pok := parsePeriodData(rest)
		if ok && pok {
			if _, known := tkpkbot.RegionByCode(reg.Code); !known {
				t.Fatalf("%q: region %q", s, reg.Code)
			}
			if !p.IsZero() && p.Key() != rest {
				t.Fatalf("%q: period %+v from %q", s, p, rest)
			}
		}
		region, info := splitRegionIndicator(s)
		if info.Indicator == "" || len(region) > len(s) {
			t.Fatalf("%q: %q %+v", s, region, info)
		}
	})
}
