package handlers

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"tkpkbot"
)

func TestParseMeetingArgs(t *testing.T) {
	at := func(y int, m time.Month, d, hh, mm int) time.Time { return time.Date(y, m, d, hh, mm, 0, 0, witaLoc) }
	ok := []struct {
		in       string
		starts   time.Time
		title    string
		location string
	}{
		{"2024-12-16 09:00 Rakor TKPK kabupaten/kota | Kantor Gubernur Kaltim", at(2024, 12, 16, 9, 0), "Rakor TKPK kabupaten/kota", "Kantor Gubernur Kaltim"},
		{"2024-12-16 09.00 Rakor", at(2024, 12, 16, 9, 0), "Rakor", ""},
		{"16-12-2024 pukul 14.30 WITA Evaluasi   triwulan |  Ruang   Rapat  Bappeda ", at(2024, 12, 16, 14, 30), "Evaluasi triwulan", "Ruang Rapat Bappeda"},
		{"16 Desember 2024 09:00 Rakor", at(2024, 12, 16, 9, 0), "Rakor", ""},
		{"Senin, 16 Desember 2024 jam 9:00 Rakor <b>&</b>", at(2024, 12, 16, 9, 0), "Rakor <b>&</b>", ""},
		{"2024-12-11 10:01 Segera", at(2024, 12, 11, 10, 1), "Segera", ""},
		{"2024-12-16 09:00 Rakor |", at(2024, 12, 16, 9, 0), "Rakor", ""},
		{"2024-12-16 09:00 A | B | C", at(2024, 12, 16, 9, 0), "A", "B | C"},
	}
	for _, c := range ok {
		m, err := parseMeetingArgs(c.in, testNow, witaLoc)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if !m.StartsAt.Equal(c.starts) || m.Title != c.title || m.Location != c.location {
			t.Errorf("%q = %v %q %q, want %v %q %q", c.in, m.StartsAt, m.Title, m.Location, c.starts, c.title, c.location)
		}
	}
	bad := []struct{ in, want string }{
		{"", "Tulis tanggal, jam"},
		{"   | Kantor", "Tulis tanggal, jam"},
		{"2024-02-30 09:00 Rakor", "tidak ada karena Februari 2024 hanya sampai tanggal 29"},
		{"2024-13-01 09:00 Rakor", "Bulan 13 tidak ada"},
		{"besok 09:00 Rakor", "Tulis tanggalnya"},
		{"2024-12-16", "Jam rapat belum ditulis"},
		{"2024-12-16 25:00 Rakor", "Jam harus antara"},
		{"2024-12-16 sembilan Rakor", "format jam:menit"},
		{"2024-12-16 09:00", "Judul rapat belum ditulis"},
		{"2024-12-16 09:00 | Kantor", "Judul rapat belum ditulis"},
		{"2024-12-11 10:00 Rakor", "sudah lewat"},
		{"2024-12-10 09:00 Rakor", "sudah lewat"},
		{"2026-12-16 09:00 Rakor", "satu tahun"},
		{"2024-12-16 09:00 " + strings.Repeat("x", 201), "Judul rapat terlalu panjang"},
		{"2024-12-16 09:00 Rakor | " + strings.Repeat("y", 201), "Lokasi rapat terlalu panjang"},
		{"Jumat, 16 Desember 2024 09:00 Rakor", "jatuh pada hari Senin, bukan Jumat"},
	}
	for _, c := range bad {
		_, err := parseMeetingArgs(c.in, testNow, witaLoc)
		wantInvalid(t, c.in, err, c.want)
	}
}

func FuzzParseMeetingArgs(f *testing.F) {
	for _, s := range []string{
		"2024-12-16 09:00 Rakor TKPK | Kantor Gubernur", "16 Desember 2024 pukul 09.00 WITA Rapat", "2024-02-30 09:00 x",
		"Senin, 16 Desember 2024 9:00 a|b", "|", "2024-12-16 jam", "2024-12-16 09:00 " + strings.Repeat("é", 300),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		m, err := parseMeetingArgs(in, testNow, witaLoc)
		if refusedClearly(t, in, err) {
			return
		}
		if m.Title == "" || strings.TrimSpace(m.Title) != m.Title || strings.ContainsAny(m.Title, "\n\t|") {
			t.Fatalf("%q: bad title %q", in, m.Title)
		}
		if utf8.RuneCountInString(m.Title) > tkpkbot.MaxMeetingTitle || utf8.RuneCountInString(m.Location) > tkpkbot.MaxMeetingLocation {
			t.Fatalf("%q: too long title/location", in)
		}
		if !m.StartsAt.After(testNow) || m.StartsAt.Sub(testNow) > tkpkbot.MaxMeetingAhead {
			t.Fatalf("%q: start %v out of range", in, m.StartsAt)
		}
		if m.StartsAt.Location() != witaLoc || m.StartsAt.Second() != 0 {
			t.Fatalf("%q: start %v not a WITA minute", in, m.StartsAt)
		}
		if utf8.ValidString(in) && (!utf8.ValidString(m.Title) || !utf8.ValidString(m.Location)) {
			t.Fatalf("%q: invalid UTF-8 out of valid input", in)
		}
	})
}

func TestParseHolidayArgs(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, witaLoc) }
	ok := []struct {
		in   string
		day  time.Time
		week tkpkbot.Week
		note string
	}{
		{"2024-12-27 Cuti bersama", day(2024, 12, 27), tkpkbot.Week{}, "Cuti bersama"},
		{"27 Desember 2024", day(2024, 12, 27), tkpkbot.Week{}, ""},
		{"Jumat, 27 Desember 2024 Cuti   bersama", day(2024, 12, 27), tkpkbot.Week{}, "Cuti bersama"},
		{"27/12/2024 x", day(2024, 12, 27), tkpkbot.Week{}, "x"},
		{"2024-W52 Cuti bersama akhir tahun", time.Time{}, tkpkbot.Week{Year: 2024, Week: 52}, "Cuti bersama akhir tahun"},
		{"minggu depan Rapat kerja", time.Time{}, tkpkbot.Week{Year: 2024, Week: 51}, "Rapat kerja"},
		{"minggu ke 52", time.Time{}, tkpkbot.Week{Year: 2024, Week: 52}, ""},
		{"W1", time.Time{}, tkpkbot.Week{Year: 2024, Week: 1}, ""},
		{"2025-w1 Tahun baru", time.Time{}, tkpkbot.Week{Year: 2025, Week: 1}, "Tahun baru"},
	}
	for _, c := range ok {
		h, err := parseHolidayArgs(c.in, testNow, witaLoc)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if !h.Day.Equal(c.day) || h.Week != c.week || h.Note != c.note {
			t.Errorf("%q = %v %v %q, want %v %v %q", c.in, h.Day, h.Week, h.Note, c.day, c.week, c.note)
		}
	}
	bad := []struct{ in, want string }{
		{"", "Tulis tanggal atau minggu"},
		{"libur panjang", "Tulis tanggal (misalnya"},
		{"2024-02-30", "hanya sampai tanggal 29"},
		{"2024-12-28 Sabtu", "hari Sabtu, yang memang bukan hari kerja"},
		{"2024-12-25 Natal", "sudah libur nasional (Hari Raya Natal)"},
		{"2024-W53", "hanya punya 52 minggu"},
		{"2020-06-02", "terlalu jauh"},
		{"2024-12-27 " + strings.Repeat("z", 201), "Keterangan terlalu panjang"},
	}
	for _, c := range bad {
		_, err := parseHolidayArgs(c.in, testNow, witaLoc)
		wantInvalid(t, c.in, err, c.want)
	}
}

func FuzzParseHolidayArgs(f *testing.F) {
	for _, s := range []string{"2024-12-27 Cuti bersama", "2024-W52", "minggu depan x", "27 Desember 2024", "52 2024 a", "Senin, 1 Jan 2024", "ini"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		h, err := parseHolidayArgs(in, testNow, witaLoc)
		if refusedClearly(t, in, err) {
			return
		}
		if h.IsWeek() == (h.Week == tkpkbot.Week{}) {
			t.Fatalf("%q: neither or both of day and week: %+v", in, h)
		}
		if !h.IsWeek() {
			if wd := h.Day.Weekday(); wd == time.Saturday || wd == time.Sunday || tkpkbot.IsFixedHoliday(h.Day) {
				t.Fatalf("%q: accepted a day that is already off: %v", in, h.Day)
			}
			if h.Day.Hour() != 0 || h.Day.Location() != witaLoc {
				t.Fatalf("%q: day %v is not a WITA midnight", in, h.Day)
			}
		}
		if utf8.RuneCountInString(h.Note) > tkpkbot.MaxHolidayNote || strings.TrimSpace(h.Note) != h.Note {
			t.Fatalf("%q: note %q", in, h.Note)
		}
	})
}

func TestParseMeetingID(t *testing.T) {
	for in, want := range map[string]int64{"3": 3, " #12 ": 12, "0": 0, "-1": 0, "x": 0, "": 0, "99999999999999999999": 0} {
		got, ok := parseMeetingID(in)
		if ok != (want > 0) || ok && got != want {
			t.Errorf("parseMeetingID(%q) = %d, %v", in, got, ok)
		}
	}
}
