package handlers

import (
	"strings"
	"testing"
	"time"

	"tkpkbot"
)

func TestHolidayReason(t *testing.T) {
	day := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, witaLoc) }
	cal := tkpkbot.Calendar{Holidays: []tkpkbot.Holiday{
		{ID: 3, Day: day(2024, 12, 20, 0), Note: "Hari libur <daerah>"},
		{ID: 4, Day: day(2024, 12, 19, 0)},
		{ID: 1, Week: tkpkbot.Week{Year: 2024, Week: 52}, Note: "Cuti bersama"},
		{ID: 7, Week: tkpkbot.Week{Year: 2025, Week: 2}},
	}}
	// Five marked days make 2025-W03 a week off, yet its Saturday is no holiday.
	for d := 13; d <= 17; d++ {
		cal.Holidays = append(cal.Holidays, tkpkbot.Holiday{ID: int64(10 + d), Day: day(2025, 1, d, 0)})
	}
	for _, c := range []struct {
		at   time.Time
		want string // "" for a working day
	}{
		{day(2024, 12, 16, 9), ""},
		{day(2024, 12, 25, 9), "<b>Rabu, 25 Desember 2024</b> adalah hari libur nasional: <b>Hari Raya Natal</b>."},
		{day(2025, 8, 17, 9), "<b>Minggu, 17 Agustus 2025</b> adalah hari libur nasional: <b>Hari Kemerdekaan RI</b>."},
		{day(2024, 12, 20, 9), "<b>Jumat, 20 Desember 2024</b> ditandai libur (/libur #3): <b>Hari libur &lt;daerah&gt;</b>."},
		{day(2024, 12, 19, 23), "<b>Kamis, 19 Desember 2024</b> ditandai libur (/libur #4)."},
		{day(2024, 12, 24, 9), "<b>Selasa, 24 Desember 2024</b> jatuh pada minggu libur Minggu 52/2024 (23–29 Des 2024) (/libur #1): <b>Cuti bersama</b>."},
		{day(2025, 1, 8, 9), "<b>Rabu, 8 Januari 2025</b> jatuh pada minggu libur Minggu 2/2025 (6–12 Jan 2025) (/libur #7)."},
		{day(2025, 1, 15, 9), "<b>Rabu, 15 Januari 2025</b> ditandai libur (/libur #25)."},
		{day(2025, 1, 18, 9), ""},
		{day(2024, 12, 21, 9), ""},
	} {
		got, ok := holidayReason(cal, c.at, witaLoc)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("holidayReason(%v) = %q, %v; want %q", c.at, got, ok, c.want)
		}
	}
	// The fixed holidays need no stored marks.
	if got, ok := holidayReason(tkpkbot.Calendar{}, day(2025, 1, 1, 10), witaLoc); !ok || got != "<b>Rabu, 1 Januari 2025</b> adalah hari libur nasional: <b>Tahun Baru Masehi</b>." {
		t.Errorf("1 January without marks = %q, %v", got, ok)
	}
}

var rapatLiburData = []struct {
	in, action, token string
	ok                bool
}{
	{"ya:Zm9vYmFyYmF6cXV4MTIzNA", "ya", "Zm9vYmFyYmF6cXV4MTIzNA", true},
	{"batal:abc-_XYZ09", "batal", "abc-_XYZ09", true},
	{"ya:", "", "", false},
	{"ya", "", "", false},
	{"kirim:abc", "", "", false},
	{"YA:abc", "", "", false},
	{"ya:abc:def", "", "", false},
	{"ya:abc def", "", "", false},
	{"ya:abc'; DROP TABLE meetings", "", "", false},
	{"ya:" + strings.Repeat("a", 44), "", "", false},
	{"", "", "", false},
}

func TestParseRapatLiburData(t *testing.T) {
	for _, c := range rapatLiburData {
		action, token, ok := parseRapatLiburData(c.in)
		if action != c.action || token != c.token || ok != c.ok {
			t.Errorf("parseRapatLiburData(%q) = %q, %q, %v; want %q, %q, %v", c.in, action, token, ok, c.action, c.token, c.ok)
		}
	}
}

func FuzzParseRapatLiburData(f *testing.F) {
	for _, c := range rapatLiburData {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		action, token, ok := parseRapatLiburData(s)
		if !ok {
			if action != "" || token != "" {
				t.Fatalf("%q refused but returned %q, %q", s, action, token)
			}
			return
		}
		if s != action+":"+token || (action != "ya" && action != "batal") || token == "" {
			t.Fatalf("%q read as %q, %q", s, action, token)
		}
		if len(rapatLiburPrefix+":"+s) > 64 {
			t.Fatalf("%q accepted but could never be button data", s)
		}
	})
}
