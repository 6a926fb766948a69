package indo

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// dayOf is ParseDate on exampleNow, as the day it read ("2024-12-16") so
// the table can list days; a result that is not midnight in WITA comes out
// in full and so matches no row.
func dayOf(s string) (string, error) {
	d, err := ParseDate(s, exampleNow, wita)
	if d.Location() != wita || d.Format("15:04:05") != "00:00:00" {
		return d.String(), err
	}
	return d.Format("2006-01-02"), err
}

var dateOK = []accepts[string]{
	{"2024-12-16", "2024-12-16"},
	{"16-12-2024", "2024-12-16"},
	{"16/12/2024", "2024-12-16"},
	{"16.12.2024", "2024-12-16"},
	{"1-2-2024", "2024-02-01"},
	{"2024/2/1", "2024-02-01"},
	{"16 Desember 2024", "2024-12-16"},
	{"16 des 2024", "2024-12-16"},
	{"16 Des. 2024", "2024-12-16"},
	{"16-des-2024", "2024-12-16"},
	{"16 december 2024", "2024-12-16"},
	{"29 Februari 2024", "2024-02-29"},
	{"1 Agt 2025", "2025-08-01"},
	{"Senin, 16 Desember 2024", "2024-12-16"},
	{"senin 16-12-2024", "2024-12-16"},
	{"  16  Desember\u00a02024 ", "2024-12-16"},
}

var dateBad = []refuses{
	{"2024-02-30", "Tanggal 30 Februari 2024 tidak ada karena Februari 2024 hanya sampai tanggal 29. Tulis tanggal yang benar, misalnya 29 Februari 2024."},
	{"29-02-2023", "Tanggal 29 Februari 2023 tidak ada karena Februari 2023 hanya sampai tanggal 28. Tulis tanggal yang benar, misalnya 28 Februari 2023."},
	{"31 April 2024", "Tanggal 31 April 2024 tidak ada karena April 2024 hanya sampai tanggal 30. Tulis tanggal yang benar, misalnya 30 April 2024."},
	{"0-12-2024", "Tanggal harus 1 sampai 31 untuk Desember 2024, misalnya 1 Desember 2024."},
	{"16-13-2024", "Bulan 13 tidak ada. Tulis bulan 1 sampai 12, misalnya 16-12-2024."},
	{"16/12/24", "Tulis tahunnya lengkap 4 angka, misalnya 16-12-2024."},
	{"16-12-1999", "Tahun harus antara 2000 dan 2100, misalnya 2024."},
	{"16 foo 2024", "Nama bulannya tidak dikenal. Tulis misalnya 16 Desember 2024."},
	{"Selasa, 16 Desember 2024", "16 Desember 2024 jatuh pada hari Senin, bukan Selasa. Periksa lagi tanggalnya, atau tulis tanpa nama hari, misalnya 16 Desember 2024."},
	{"", "Tulis tanggalnya, misalnya 16-12-2024 atau 16 Desember 2024."},
	{"besok", "Tulis tanggalnya, misalnya 16-12-2024 atau 16 Desember 2024."},
	{"12-2024", "Tulis tanggalnya, misalnya 16-12-2024 atau 16 Desember 2024."},
	{"2024-12-16T00:00", "Tulis tanggalnya, misalnya 16-12-2024 atau 16 Desember 2024."},
	{strings.Repeat("1", 101), "Tanggalnya terlalu panjang. Tulis misalnya 16-12-2024 atau 16 Desember 2024."},
}

func TestParseDate(t *testing.T) {
	checkParse(t, "ParseDate", dayOf, dateOK, dateBad)
	if got, err := ParseDate("16-12-2024", exampleNow, nil); err != nil || got.Location() != time.UTC {
		t.Errorf("ParseDate with nil loc = %v, %v; want UTC", got, err)
	}
}

// exampleNow is Wednesday 11 December 2024: the examples in messages are
// next Monday, 16 December 2024, and this year.
var exampleNow = time.Date(2024, 12, 11, 10, 0, 0, 0, wita)

func TestParseDateExamplesFollowToday(t *testing.T) {
	now := time.Date(2026, 3, 4, 10, 0, 0, 0, wita) // a Wednesday
	for in, want := range map[string]string{
		"besok":      "Tulis tanggalnya, misalnya 09-03-2026 atau 9 Maret 2026.",
		"16/12/24":   "Tulis tahunnya lengkap 4 angka, misalnya 09-03-2026.",
		"16-12-1999": "Tahun harus antara 2000 dan 2100, misalnya 2026.",
	} {
		if _, err := ParseDate(in, now, wita); err == nil || err.Error() != want {
			t.Errorf("ParseDate(%q) on 4 March 2026: %v, want %q", in, err, want)
		}
	}
	if _, err := ParseWeek("xyz", now, wita); err == nil || err.Error() != "Tulis minggunya, misalnya 2026-W10, minggu 10, atau minggu lalu." {
		t.Errorf("ParseWeek example on 4 March 2026: %v", err)
	}
}

func FuzzParseDate(f *testing.F) {
	parse := func(s string) (time.Time, error) { return ParseDate(s, exampleNow, wita) }
	fuzzParse(f, parse, dateOK, dateBad, func(t *testing.T, s string, d time.Time) {
		if d.Location() != wita || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("ParseDate(%q) = %v, not midnight in WITA", s, d)
		}
		if d.Year() < minYear || d.Year() > maxYear {
			t.Fatalf("ParseDate(%q) = %v, year out of range", s, d)
		}
		for _, back := range []string{d.Format("2006-01-02"), d.Format("2/1/2006"), Date(d), ShortDate(d)} {
			if b, err := parse(back); err != nil || !b.Equal(d) {
				t.Fatalf("ParseDate(%q) = %v but ParseDate(%q) = %v, %v", s, d, back, b, err)
			}
		}
	})
}

// clockTime is what ParseClock reads.
type clockTime struct{ h, m int }

// clockOf is ParseClock with its results as one value, for the tables.
func clockOf(s string) (clockTime, error) {
	h, m, err := ParseClock(s)
	return clockTime{h, m}, err
}

var clockOK = []accepts[clockTime]{
	{"09:00", clockTime{9, 0}},
	{"9:00", clockTime{9, 0}},
	{"09.00", clockTime{9, 0}},
	{"9.00", clockTime{9, 0}},
	{"00:00", clockTime{0, 0}},
	{"23:59", clockTime{23, 59}},
	{"16.30", clockTime{16, 30}},
	{"pukul 16.30", clockTime{16, 30}},
	{"Jam 7:05", clockTime{7, 5}},
	{"16:30 WITA", clockTime{16, 30}},
	{" 08:15 ", clockTime{8, 15}},
}

var clockBad = []refuses{
	{"24:00", "Jam harus antara 00.00 dan 23.59, misalnya 16.00."},
	{"9:60", "Jam harus antara 00.00 dan 23.59, misalnya 16.00."},
	{"99.99", "Jam harus antara 00.00 dan 23.59, misalnya 16.00."},
	{"0900", "Tulis jam dengan format jam:menit, misalnya 09.00 atau 16:30."},
	{"9", "Tulis jam dengan format jam:menit, misalnya 09.00 atau 16:30."},
	{"9:5", "Tulis jam dengan format jam:menit, misalnya 09.00 atau 16:30."},
	{"-1:00", "Tulis jam dengan format jam:menit, misalnya 09.00 atau 16:30."},
	{"9:00 pagi", "Tulis jam dengan format jam:menit, misalnya 09.00 atau 16:30."},
	{"16:30 WIB", "Tulis jam dengan format jam:menit, misalnya 09.00 atau 16:30."},
	{"", "Tulis jam dengan format jam:menit, misalnya 09.00 atau 16:30."},
	{strings.Repeat("9", 101), "Jamnya terlalu panjang. Tulis misalnya 09.00 atau 16:30."},
}

func TestParseClock(t *testing.T) {
	checkParse(t, "ParseClock", clockOf, clockOK, clockBad)
}

func FuzzParseClock(f *testing.F) {
	fuzzParse(f, clockOf, clockOK, clockBad, func(t *testing.T, s string, c clockTime) {
		if c.h < 0 || c.h > 23 || c.m < 0 || c.m > 59 {
			t.Fatalf("ParseClock(%q) = %d, %d out of bounds", s, c.h, c.m)
		}
		for _, back := range []string{fmt.Sprintf("%02d:%02d", c.h, c.m), Time(time.Date(2024, 1, 1, c.h, c.m, 0, 0, wita))} {
			if b, err := clockOf(back); err != nil || b != c {
				t.Fatalf("ParseClock(%q) = %d, %d but ParseClock(%q) = %d, %d, %v", s, c.h, c.m, back, b.h, b.m, err)
			}
		}
	})
}

// weeklyTime is what ParseWeekdayTime reads.
type weeklyTime struct {
	day  time.Weekday
	h, m int
}

// weeklyOf is ParseWeekdayTime with its results as one value, for the
// tables.
func weeklyOf(s string) (weeklyTime, error) {
	d, h, m, err := ParseWeekdayTime(s)
	return weeklyTime{d, h, m}, err
}

var weekdayTimeOK = []accepts[weeklyTime]{
	{"Fri 16:00", weeklyTime{time.Friday, 16, 0}},
	{"fri 16:00", weeklyTime{time.Friday, 16, 0}},
	{"Friday 16:00", weeklyTime{time.Friday, 16, 0}},
	{"Jumat 16:00", weeklyTime{time.Friday, 16, 0}},
	{"jum'at 16.00", weeklyTime{time.Friday, 16, 0}},
	{"Jum’at, 16.00", weeklyTime{time.Friday, 16, 0}},
	{"JUMAT pukul 16.00 WITA", weeklyTime{time.Friday, 16, 0}},
	{"senin 08:00", weeklyTime{time.Monday, 8, 0}},
	{"Sunday 0:00", weeklyTime{time.Sunday, 0, 0}},
	{"minggu 7.30", weeklyTime{time.Sunday, 7, 30}},
	{"thurs 9:15", weeklyTime{time.Thursday, 9, 15}},
	{"Sab 12:00", weeklyTime{time.Saturday, 12, 0}},
}

var weekdayTimeBad = []refuses{
	{"Fri", "Tulis hari dan jam, misalnya Jumat 16:00."},
	{"", "Tulis hari dan jam, misalnya Jumat 16:00."},
	{"16:00 Fri", "Nama harinya tidak dikenal. Tulis hari dan jam, misalnya Jumat 16:00."},
	{"Xyz 16:00", "Nama harinya tidak dikenal. Tulis hari dan jam, misalnya Jumat 16:00."},
	{"Fr 16:00", "Nama harinya tidak dikenal. Tulis hari dan jam, misalnya Jumat 16:00."},
	{"Fri 25:00", "Jam harus antara 00.00 dan 23.59, misalnya 16.00."},
	{"Fri 4pm", "Tulis jam dengan format jam:menit, misalnya 09.00 atau 16:30."},
	{strings.Repeat("x ", 60), "Teksnya terlalu panjang. Tulis hari dan jam, misalnya Jumat 16:00."},
}

func TestParseWeekdayTime(t *testing.T) {
	checkParse(t, "ParseWeekdayTime", weeklyOf, weekdayTimeOK, weekdayTimeBad)
}

func FuzzParseWeekdayTime(f *testing.F) {
	fuzzParse(f, weeklyOf, weekdayTimeOK, weekdayTimeBad, func(t *testing.T, s string, w weeklyTime) {
		if w.day < time.Sunday || w.day > time.Saturday || w.h < 0 || w.h > 23 || w.m < 0 || w.m > 59 {
			t.Fatalf("ParseWeekdayTime(%q) = %v, %d, %d out of bounds", s, w.day, w.h, w.m)
		}
		back := fmt.Sprintf("%s %02d.%02d", DayName(w.day), w.h, w.m)
		if b, err := weeklyOf(back); err != nil || b != w {
			t.Fatalf("ParseWeekdayTime(%q) = %v %d:%d but ParseWeekdayTime(%q) = %v %d:%d, %v", s, w.day, w.h, w.m, back, b.day, b.h, b.m, err)
		}
	})
}

func TestMonthWord(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Month
		ok   bool
	}{
		{"maret", time.March, true},
		{"Maret", time.March, true},
		{"SEPTEMBER", time.September, true},
		{"sept", time.September, true},
		{"Des.", time.December, true},
		{"Nopember", time.November, true},
		{"march", time.March, true},
		{"ma", 0, false},
		{"samarinda", 0, false},
		{"", 0, false},
	} {
		got, ok := MonthWord(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("MonthWord(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
