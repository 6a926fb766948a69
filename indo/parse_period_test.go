package indo

import (
	"strings"
	"testing"

	"tkpkbot"
)

var periodOK = []accepts[tkpkbot.Period]{
	{"2023", tkpkbot.Period{Year: 2023}},
	{"tahun 2023", tkpkbot.Period{Year: 2023}},
	{"maret 2023", tkpkbot.Period{Year: 2023, Month: 3}},
	{"Mar 2023", tkpkbot.Period{Year: 2023, Month: 3}},
	{"MARET 2023", tkpkbot.Period{Year: 2023, Month: 3}},
	{"Maret, 2023", tkpkbot.Period{Year: 2023, Month: 3}},
	{"mar. 2023", tkpkbot.Period{Year: 2023, Month: 3}},
	{"march 2023", tkpkbot.Period{Year: 2023, Month: 3}},
	{"bulan maret 2023", tkpkbot.Period{Year: 2023, Month: 3}},
	{"2023-03", tkpkbot.Period{Year: 2023, Month: 3}},
	{"2023/3", tkpkbot.Period{Year: 2023, Month: 3}},
	{"03/2023", tkpkbot.Period{Year: 2023, Month: 3}},
	{"3-2023", tkpkbot.Period{Year: 2023, Month: 3}},
	{"september 2022", tkpkbot.Period{Year: 2022, Month: 9}},
	{"sept 2022", tkpkbot.Period{Year: 2022, Month: 9}},
	{"Sep 2022", tkpkbot.Period{Year: 2022, Month: 9}},
	{"agt 2022", tkpkbot.Period{Year: 2022, Month: 8}},
	{"Nopember 2022", tkpkbot.Period{Year: 2022, Month: 11}},
	{"2024-12-03", tkpkbot.Period{Year: 2024, Month: 12, Day: 3}},
	{"3 Desember 2024", tkpkbot.Period{Year: 2024, Month: 12, Day: 3}},
	{"03-12-2024", tkpkbot.Period{Year: 2024, Month: 12, Day: 3}},
	{"2000", tkpkbot.Period{Year: 2000}},
	{"2100", tkpkbot.Period{Year: 2100}},
}

var periodBad = []refuses{
	{"", "Tulis periodenya, misalnya 2023, Maret 2023, atau 2024-12-03."},
	{"abc", "Tulis periodenya, misalnya 2023, Maret 2023, atau 2024-12-03."},
	{"maret", "Tulis periodenya, misalnya 2023, Maret 2023, atau 2024-12-03."},
	{"23", "Tulis periodenya, misalnya 2023, Maret 2023, atau 2024-12-03."},
	{"semester 1 2023", "Tulis periodenya, misalnya 2023, Maret 2023, atau 2024-12-03."},
	{"1999", "Tahun harus antara 2000 dan 2100, misalnya 2024."},
	{"2101", "Tahun harus antara 2000 dan 2100, misalnya 2024."},
	{"maret 1999", "Tahun harus antara 2000 dan 2100, misalnya 2024."},
	{"2023-13", "Bulan 13 tidak ada. Tulis bulan 1 sampai 12, misalnya 2023-03."},
	{"00/2023", "Bulan 0 tidak ada. Tulis bulan 1 sampai 12, misalnya 2023-03."},
	{"ma 2023", "Nama bulannya tidak dikenal. Tulis periode, misalnya Maret 2023."},
	{"smarch 2023", "Nama bulannya tidak dikenal. Tulis periode, misalnya Maret 2023."},
	{"2024-02-30", "Tanggal 30 Februari 2024 tidak ada karena Februari 2024 hanya sampai tanggal 29. Tulis tanggal yang benar, misalnya 29 Februari 2024."},
	{strings.Repeat("2", 101), "Periodenya terlalu panjang. Tulis misalnya 2023, Maret 2023, atau 2024-12-03."},
}

func TestParsePeriod(t *testing.T) {
	checkParse(t, "ParsePeriod", ParsePeriod, periodOK, periodBad)
}

func FuzzParsePeriod(f *testing.F) {
	fuzzParse(f, ParsePeriod, periodOK, periodBad, func(t *testing.T, s string, p tkpkbot.Period) {
		if p.Year < minYear || p.Year > maxYear || p.Month < 0 || p.Month > 12 || p.Day < 0 || p.Day > 31 ||
			(p.Month == 0 && p.Day != 0) {
			t.Fatalf("ParsePeriod(%q) = %+v out of bounds", s, p)
		}
		if p.Day > 0 {
			if _, err := ParseDate(p.Key(), exampleNow, wita); err != nil {
				t.Fatalf("ParsePeriod(%q) = %+v, not a real date: %v", s, p, err)
			}
		}
		for _, back := range []string{PeriodLabel(p), p.Key()} {
			if b, err := ParsePeriod(back); err != nil || b != p {
				t.Fatalf("ParsePeriod(%q) = %+v but ParsePeriod(%q) = %+v, %v", s, p, back, b, err)
			}
		}
	})
}
