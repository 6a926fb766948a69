package handlers

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"tkpkbot"
)

func TestParseBahanArgs(t *testing.T) {
	at := func(m time.Month, d, hh, mm int) time.Time { return time.Date(2024, m, d, hh, mm, 0, 0, witaLoc) }
	cases := []struct {
		in       string
		meeting  int64
		deadline time.Time // zero: no deadline read
		request  string
		rest     string
	}{
		{"3", 3, time.Time{}, "", ""},
		{"#3", 3, time.Time{}, "", ""},
		{"3 2024-12-13 Paparan capaian penanggulangan kemiskinan 2024", 3, at(12, 13, 16, 0), "Paparan capaian penanggulangan kemiskinan 2024",
			"2024-12-13 Paparan capaian penanggulangan kemiskinan 2024"},
		{"3 13-12-2024 14.30 Data P3KE", 3, at(12, 13, 14, 30), "Data P3KE", "13-12-2024 14.30 Data P3KE"},
		{"3 13 Desember 2024 pukul 09:00 WITA Paparan", 3, at(12, 13, 9, 0), "Paparan", "13 Desember 2024 pukul 09:00 WITA Paparan"},
		{"3  2024-12-13   2024 data", 3, at(12, 13, 16, 0), "2024 data", "2024-12-13 2024 data"},
		{"3 2024-12-13", 3, at(12, 13, 16, 0), "", "2024-12-13"},
		{"3 Link paparan: https://example.org/a", 3, time.Time{}, "", "Link paparan: https://example.org/a"},
		// A time only right after the date, and only as a time is written.
		{"3 2025-09-05 2.000 KK data", 3, at(9, 5, 16, 0).AddDate(1, 0, 0), "2.000 KK data", "2025-09-05 2.000 KK data"},
		{"3 2024-12-13 10.000 KK sasaran", 3, at(12, 13, 16, 0), "10.000 KK sasaran", "2024-12-13 10.000 KK sasaran"},
		{"3 2024-12-13 12.5 juta anggaran", 3, at(12, 13, 16, 0), "12.5 juta anggaran", "2024-12-13 12.5 juta anggaran"},
		{"3 2024-12-13 9:00 Data", 3, at(12, 13, 9, 0), "Data", "2024-12-13 9:00 Data"},
		{"3 2024-12-13 09.00 WITA Data", 3, at(12, 13, 9, 0), "Data", "2024-12-13 09.00 WITA Data"},
		{"3 2024-12-13 09.00, Data", 3, at(12, 13, 9, 0), "Data", "2024-12-13 09.00, Data"},
		{"3 2024-12-13 pukul 9 Data", 3, at(12, 13, 9, 0), "Data", "2024-12-13 pukul 9 Data"},
		{"3 2024-12-13 Pukul 9 wita Data", 3, at(12, 13, 9, 0), "Data", "2024-12-13 Pukul 9 wita Data"},
		{"3 2024-12-13 pkl. 13.30 Data", 3, at(12, 13, 13, 30), "Data", "2024-12-13 pkl. 13.30 Data"},
		{"3 2024-12-13 jam 8 Data", 3, at(12, 13, 8, 0), "Data", "2024-12-13 jam 8 Data"},
		{"3 2024-12-13 jam kerja posyandu", 3, at(12, 13, 16, 0), "jam kerja posyandu", "2024-12-13 jam kerja posyandu"},
		{"3 2024-12-13 Data 09.00", 3, at(12, 13, 16, 0), "Data 09.00", "2024-12-13 Data 09.00"},
		{"3 2024-12-13 2024 data", 3, at(12, 13, 16, 0), "2024 data", "2024-12-13 2024 data"},
	}
	for _, c := range cases {
		a, err := parseBahanArgs(c.in, testNow, witaLoc)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if a.Meeting != c.meeting || !a.Deadline.Equal(c.deadline) || a.Request != c.request || a.Rest != c.rest {
			t.Errorf("%q = %+v, want %d %v %q %q", c.in, a, c.meeting, c.deadline, c.request, c.rest)
		}
		if c.deadline.IsZero() && c.rest != "" && a.DateErr == nil {
			t.Errorf("%q: no deadline but no reason", c.in)
		}
	}
	for _, in := range []string{"", "   ", "tiga", "0", "-2", "2024-12-13 Paparan"} {
		if _, err := parseBahanArgs(in, testNow, witaLoc); err == nil || !strings.Contains(tkpkbot.ErrorMessage(err), "nomor rapat") {
			t.Errorf("%q: want the meeting-number error, got %v", in, err)
		}
	}
	for in, want := range map[string]string{
		"3 2024-12-13 25:00 Paparan": "Jam harus antara",
		"3 2024-02-30 Paparan":       "hanya sampai tanggal 29",
		"3 2024-12-13 pukul x Bahan": "format jam:menit",
		"3 2024-12-13 pukul":         "format jam:menit",
		"3 2024-12-13 pukul 24 Data": "Jam harus antara",
		"3 2024-12-13 9.75 Data":     "Jam harus antara",
	} {
		a, err := parseBahanArgs(in, testNow, witaLoc)
		if err != nil || a.DateErr == nil || !strings.Contains(tkpkbot.ErrorMessage(a.DateErr), want) {
			t.Errorf("%q: DateErr %v, want %q", in, a.DateErr, want)
		}
	}
}

func TestParseAgendaArgs(t *testing.T) {
	for in, want := range map[string]struct {
		id   int64
		item string
	}{
		"3 Evaluasi  data P3KE": {3, "Evaluasi data P3KE"},
		"#12":                   {12, ""},
		" 4   Penutup ":         {4, "Penutup"},
	} {
		id, item, err := parseAgendaArgs(in)
		if err != nil || id != want.id || item != want.item {
			t.Errorf("%q = %d %q %v", in, id, item, err)
		}
	}
	for _, in := range []string{"", "Evaluasi 3", "3.5 x"} {
		if _, _, err := parseAgendaArgs(in); err == nil {
			t.Errorf("%q: accepted", in)
		}
	}
}

func TestBahanExampleIsAValidRequestNow(t *testing.T) {
	for _, starts := range []time.Time{testNow.Add(7 * 24 * time.Hour), testNow.Add(30 * time.Hour), testNow.Add(5 * time.Hour)} {
		m := tkpkbot.Meeting{ID: 3, Title: "Rakor", StartsAt: starts}
		ex := bahanExample(3, &m, testNow, witaLoc)
		a, err := parseBahanArgs(strings.TrimPrefix(ex, "/bahan "), testNow, witaLoc)
		if err != nil || a.DateErr != nil {
			t.Fatalf("%q: %v %v", ex, err, a.DateErr)
		}
		q := tkpkbot.MaterialsRequest{MeetingID: 3, Request: a.Request, Deadline: a.Deadline}
		if err := q.Validate(m, testNow); err != nil {
			t.Errorf("meeting at %v: example %q is refused: %v", starts, ex, err)
		}
	}
}

func TestFileSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 820: "820 B", 122880: "120 KB", 1468006: "1,4 MB"} {
		if got := fileSize(n); got != want {
			t.Errorf("fileSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func FuzzParseBahanArgs(f *testing.F) {
	for _, s := range []string{"3", "3 2024-12-13 Paparan", "3 13 Desember 2024 pukul 09.00 WITA Data", "#3 13-12-2024 14.30 x",
		"3 2024-12-13 25:00 y", "x", "99999999999999999999 a", "3 \x00\xff pukul", strings.Repeat("3 ", 200),
		"3 2025-09-05 2.000 KK data", "3 2024-12-13 pukul 9 WITA x", "3 2024-12-13 jam kerja", "3 2024-12-13 09.00, x",
		"3 2024-12-13 pukul", "3 2024-12-13 9:00 wita"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := parseBahanArgs(s, testNow, witaLoc)
		if refusedClearly(t, s, err) {
			return
		}
		if a.Meeting <= 0 {
			t.Fatalf("%q: meeting %d", s, a.Meeting)
		}
		if a.Deadline.IsZero() == (a.DateErr == nil) && a.Rest != "" {
			t.Fatalf("%q: deadline %v and reason %v", s, a.Deadline, a.DateErr)
		}
		if a.DateErr != nil && tkpkbot.ErrorMessage(a.DateErr) == "" {
			t.Fatalf("%q: date error without a message", s)
		}
		if !a.Deadline.IsZero() && (a.Deadline.Location() != witaLoc || a.Deadline.Second() != 0) {
			t.Fatalf("%q: deadline %v", s, a.Deadline)
		}
		if utf8.ValidString(s) && (!utf8.ValidString(a.Rest) || !utf8.ValidString(a.Request)) {
			t.Fatalf("%q: invalid UTF-8 out", s)
		}
		if !strings.Contains(strings.Join(strings.Fields(s), " "), a.Request) {
			t.Fatalf("%q: request %q not from the input", s, a.Request)
		}
	})
}

func FuzzParseAgendaArgs(f *testing.F) {
	for _, s := range []string{"3 Evaluasi", "#3", "", "x 3", "3\tA\nB", "99999999999999999999 a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, item, err := parseAgendaArgs(s)
		if err != nil {
			if tkpkbot.ErrorMessage(err) == "" {
				t.Fatalf("%q: unclear error", s)
			}
			return
		}
		if id <= 0 || item != strings.Join(strings.Fields(item), " ") {
			t.Fatalf("%q = %d %q", s, id, item)
		}
	})
}
