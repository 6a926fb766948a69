package indo

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

var dateOK = []struct {
	in   string
	want string // 2006-01-02
}{
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

var dateBad = []struct{ in, want string }{
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
	for _, tc := range dateOK {
		got, err := ParseDate(tc.in, exampleNow, wita)
		if err != nil || got.Format("2006-01-02 15:04:05") != tc.want+" 00:00:00" || got.Location() != wita {
			t.Errorf("ParseDate(%q) = %v, %v; want %s 00:00 WITA", tc.in, got, err, tc.want)
		}
	}
	for _, tc := range dateBad {
		got, err := ParseDate(tc.in, exampleNow, wita)
		if err == nil {
			t.Errorf("ParseDate(%q) = %v, want error %q", tc.in, got, tc.want)
			continue
		}
		checkFriendly(t, tc.in, err)
		if err.Error() != tc.want {
			t.Errorf("ParseDate(%q) error = %q, want %q", tc.in, err, tc.want)
		}
	}
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
	for _, tc := range dateOK {
		f.Add(tc.in)
	}
	for _, tc := range dateBad {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s, exampleNow, wita)
		if err != nil {
			checkFriendly(t, s, err)
			return
		}
		if d.Location() != wita || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("ParseDate(%q) = %v, not midnight in WITA", s, d)
		}
		if d.Year() < minYear || d.Year() > maxYear {
			t.Fatalf("ParseDate(%q) = %v, year out of range", s, d)
		}
		for _, back := range []string{d.Format("2006-01-02"), d.Format("2/1/2006"), Date(d), ShortDate(d)} {
			if b, err := ParseDate(back, exampleNow, wita); err != nil || !b.Equal(d) {
				t.Fatalf("ParseDate(%q) = %v but ParseDate(%q) = %v, %v", s, d, back, b, err)
			}
		}
	})
}

var clockOK = []struct {
	in   string
	h, m int
}{
	{"09:00", 9, 0},
	{"9:00", 9, 0},
	{"09.00", 9, 0},
	{"9.00", 9, 0},
	{"00:00", 0, 0},
	{"23:59", 23, 59},
	{"16.30", 16, 30},
	{"pukul 16.30", 16, 30},
	{"Jam 7:05", 7, 5},
	{"16:30 WITA", 16, 30},
	{" 08:15 ", 8, 15},
}

var clockBad = []struct{ in, want string }{
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
	for _, tc := range clockOK {
		h, m, err := ParseClock(tc.in)
		if err != nil || h != tc.h || m != tc.m {
			t.Errorf("ParseClock(%q) = %d, %d, %v; want %d, %d", tc.in, h, m, err, tc.h, tc.m)
		}
	}
	for _, tc := range clockBad {
		h, m, err := ParseClock(tc.in)
		if err == nil {
			t.Errorf("ParseClock(%q) = %d, %d; want error %q", tc.in, h, m, tc.want)
			continue
		}
		checkFriendly(t, tc.in, err)
		if err.Error() != tc.want {
			t.Errorf("ParseClock(%q) error = %q, want %q", tc.in, err, tc.want)
		}
	}
}

func FuzzParseClock(f *testing.F) {
	for _, tc := range clockOK {
		f.Add(tc.in)
	}
	for _, tc := range clockBad {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, m, err := ParseClock(s)
		if err != nil {
			checkFriendly(t, s, err)
			return
		}
		if h < 0 || h > 23 || m < 0 || m > 59 {
			t.Fatalf("ParseClock(%q) = %d, %d out of bounds", s, h, m)
		}
		for _, back := range []string{fmt.Sprintf("%02d:%02d", h, m), Time(time.Date(2024, 1, 1, h, m, 0, 0, wita))} {
			if bh, bm, err := ParseClock(back); err != nil || bh != h || bm != m {
				t.Fatalf("ParseClock(%q) = %d, %d but ParseClock(%q) = %d, %d, %v", s, h, m, back, bh, bm, err)
			}
		}
	})
}

var weekdayTimeOK = []struct {
	in   string
	day  time.Weekday
	h, m int
}{
	{"Fri 16:00", time.Friday, 16, 0},
	{"fri 16:00", time.Friday, 16, 0},
	{"Friday 16:00", time.Friday, 16, 0},
	{"Jumat 16:00", time.Friday, 16, 0},
	{"jum'at 16.00", time.Friday, 16, 0},
	{"Jum’at, 16.00", time.Friday, 16, 0},
	{"JUMAT pukul 16.00 WITA", time.Friday, 16, 0},
	{"senin 08:00", time.Monday, 8, 0},
	{"Sunday 0:00", time.Sunday, 0, 0},
	{"minggu 7.30", time.Sunday, 7, 30},
	{"thurs 9:15", time.Thursday, 9, 15},
	{"Sab 12:00", time.Saturday, 12, 0},
}

var weekdayTimeBad = []struct{ in, want string }{
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
	for _, tc := range weekdayTimeOK {
		d, h, m, err := ParseWeekdayTime(tc.in)
		if err != nil || d != tc.day || h != tc.h || m != tc.m {
			t.Errorf("ParseWeekdayTime(%q) = %v, %d, %d, %v; want %v, %d, %d", tc.in, d, h, m, err, tc.day, tc.h, tc.m)
		}
	}
	for _, tc := range weekdayTimeBad {
		d, h, m, err := ParseWeekdayTime(tc.in)
		if err == nil {
			t.Errorf("ParseWeekdayTime(%q) = %v, %d, %d; want error %q", tc.in, d, h, m, tc.want)
			continue
		}
		checkFriendly(t, tc.in, err)
		if err.Error() != tc.want {
			t.Errorf("ParseWeekdayTime(%q) error = %q, want %q", tc.in, err, tc.want)
		}
	}
}

func FuzzParseWeekdayTime(f *testing.F) {
	for _, tc := range weekdayTimeOK {
		f.Add(tc.in)
	}
	for _, tc := range weekdayTimeBad {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, h, m, err := ParseWeekdayTime(s)
		if err != nil {
			checkFriendly(t, s, err)
			return
		}
		if d < time.Sunday || d > time.Saturday || h < 0 || h > 23 || m < 0 || m > 59 {
			t.Fatalf("ParseWeekdayTime(%q) = %v, %d, %d out of bounds", s, d, h, m)
		}
		back := fmt.Sprintf("%s %02d.%02d", DayName(d), h, m)
		if bd, bh, bm, err := ParseWeekdayTime(back); err != nil || bd != d || bh != h || bm != m {
			t.Fatalf("ParseWeekdayTime(%q) = %v %d:%d but ParseWeekdayTime(%q) = %v %d:%d, %v", s, d, h, m, back, bd, bh, bm, err)
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
