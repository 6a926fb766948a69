package indo

import (
	"strings"
	"testing"
	"time"

	"tkpkbot"
)

// weekNow is Monday 16 December 2024, 09:00 WITA: ISO week 2024-W51.
var weekNow = time.Date(2024, 12, 16, 9, 0, 0, 0, wita)

var weekOK = []accepts[tkpkbot.Week]{
	{"", tkpkbot.Week{Year: 2024, Week: 51}},
	{"minggu ini", tkpkbot.Week{Year: 2024, Week: 51}},
	{"Pekan ini", tkpkbot.Week{Year: 2024, Week: 51}},
	{"minggu lalu", tkpkbot.Week{Year: 2024, Week: 50}},
	{"MINGGU LALU", tkpkbot.Week{Year: 2024, Week: 50}},
	{"minggu depan", tkpkbot.Week{Year: 2024, Week: 52}},
	{"2024-W50", tkpkbot.Week{Year: 2024, Week: 50}},
	{"2024-w5", tkpkbot.Week{Year: 2024, Week: 5}},
	{"2024W05", tkpkbot.Week{Year: 2024, Week: 5}},
	{"W50", tkpkbot.Week{Year: 2024, Week: 50}},
	{"w 3", tkpkbot.Week{Year: 2024, Week: 3}},
	{"50", tkpkbot.Week{Year: 2024, Week: 50}},
	{"minggu 50", tkpkbot.Week{Year: 2024, Week: 50}},
	{"minggu ke-50", tkpkbot.Week{Year: 2024, Week: 50}},
	{"minggu ke 50", tkpkbot.Week{Year: 2024, Week: 50}},
	{"pekan 50", tkpkbot.Week{Year: 2024, Week: 50}},
	{"week 50", tkpkbot.Week{Year: 2024, Week: 50}},
	{"2024 50", tkpkbot.Week{Year: 2024, Week: 50}},
	{"50/2024", tkpkbot.Week{Year: 2024, Week: 50}},
	{"Minggu 50/2024", tkpkbot.Week{Year: 2024, Week: 50}},
	{"minggu 2023-W10", tkpkbot.Week{Year: 2023, Week: 10}},
	{"2020-W53", tkpkbot.Week{Year: 2020, Week: 53}},
	{"2026-W53", tkpkbot.Week{Year: 2026, Week: 53}},
	{"16-12-2024", tkpkbot.Week{Year: 2024, Week: 51}},
	{"31 Des 2024", tkpkbot.Week{Year: 2025, Week: 1}},
	{"minggu 16-12-2024", tkpkbot.Week{Year: 2024, Week: 51}},
	{"Minggu, 15 Desember 2024", tkpkbot.Week{Year: 2024, Week: 50}},
}

var weekBad = []refuses{
	{"W54", "Nomor minggu harus 1 sampai 52, misalnya 2024-W51."},
	{"W0", "Nomor minggu harus 1 sampai 52, misalnya 2024-W51."},
	{"2020-W54", "Nomor minggu harus 1 sampai 53, misalnya 2020-W51."},
	{"2025-W53", "Tahun 2025 hanya punya 52 minggu. Tulis minggu 1 sampai 52, misalnya 2025-W52."},
	{"53", "Tahun 2024 hanya punya 52 minggu. Tulis minggu 1 sampai 52, misalnya 2024-W52."},
	{"1999-W10", "Tahun harus antara 2000 dan 2100, misalnya 2024."},
	{"1.1.2000", "Tahun harus antara 2000 dan 2100, misalnya 2024."}, // in 1999-W52
	{"2024-W100", "Tulis minggunya, misalnya 2024-W51, minggu 51, atau minggu lalu."},
	{"abc", "Tulis minggunya, misalnya 2024-W51, minggu 51, atau minggu lalu."},
	{"minggu", "Tulis minggunya, misalnya 2024-W51, minggu 51, atau minggu lalu."},
	{"2024", "Tulis minggunya, misalnya 2024-W51, minggu 51, atau minggu lalu."},
	{"-5", "Tulis minggunya, misalnya 2024-W51, minggu 51, atau minggu lalu."},
	{"30-02-2024", "Tanggal 30 Februari 2024 tidak ada karena Februari 2024 hanya sampai tanggal 29. Tulis tanggal yang benar, misalnya 29 Februari 2024."},
	{strings.Repeat("5", 101), "Teksnya terlalu panjang. Tulis minggunya, misalnya 2024-W51 atau minggu lalu."},
}

// weekAt is ParseWeek on weekNow in WITA, the day the tables are written for.
func weekAt(s string) (tkpkbot.Week, error) { return ParseWeek(s, weekNow, wita) }

func TestParseWeek(t *testing.T) {
	checkParse(t, "ParseWeek", weekAt, weekOK, weekBad)
}

// At the turn of the year the current week may belong to the next ISO
// year, and a bare number follows it.
func TestParseWeekYearBoundary(t *testing.T) {
	now := time.Date(2024, 12, 30, 8, 0, 0, 0, wita) // Monday of 2025-W01
	onNow := func(s string) (tkpkbot.Week, error) { return ParseWeek(s, now, wita) }
	checkParse(t, "ParseWeek", onNow, []accepts[tkpkbot.Week]{
		{"", tkpkbot.Week{Year: 2025, Week: 1}},
		{"1", tkpkbot.Week{Year: 2025, Week: 1}},
		{"minggu lalu", tkpkbot.Week{Year: 2024, Week: 52}},
		{"2024-W52", tkpkbot.Week{Year: 2024, Week: 52}},
	}, nil)
	// 23:30 UTC on Sunday is already Monday in WITA: the week follows loc.
	utcSunday := time.Date(2024, 12, 15, 23, 30, 0, 0, time.UTC)
	if got, _ := ParseWeek("", utcSunday, wita); got != (tkpkbot.Week{Year: 2024, Week: 51}) {
		t.Errorf("ParseWeek at %v in WITA = %v, want 2024-W51", utcSunday, got)
	}
	if got, _ := ParseWeek("", utcSunday, nil); got != (tkpkbot.Week{Year: 2024, Week: 50}) {
		t.Errorf("ParseWeek at %v with nil loc = %v, want 2024-W50", utcSunday, got)
	}
}

func FuzzParseWeek(f *testing.F) {
	fuzzParse(f, weekAt, weekOK, weekBad, func(t *testing.T, s string, w tkpkbot.Week) {
		if w.Year < minYear || w.Year > maxYear || w.Week < 1 || w.Week > weeksIn(w.Year) {
			t.Fatalf("ParseWeek(%q) = %v out of bounds", s, w)
		}
		if tkpkbot.WeekOf(w.Start(wita), wita) != w {
			t.Fatalf("ParseWeek(%q) = %v, which does not start in itself", s, w)
		}
		back := w.String()
		if b, err := weekAt(back); err != nil || b != w {
			t.Fatalf("ParseWeek(%q) = %v but ParseWeek(%q) = %v, %v", s, w, back, b, err)
		}
		label, _, _ := strings.Cut(WeekLabel(w, wita), " (")
		if b, err := weekAt(label); err != nil || b != w {
			t.Fatalf("ParseWeek(%q) = %v but ParseWeek(%q) = %v, %v", s, w, label, b, err)
		}
	})
}
