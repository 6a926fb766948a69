package handlers

import (
	"strings"
	"testing"
	"unicode/utf8"

	"tkpkbot"
)

func TestParseQuarter(t *testing.T) {
	cur := tkpkbot.Quarter{Year: 2025, Q: 2}
	for _, c := range []struct {
		in      string
		want    tkpkbot.Quarter
		problem string
	}{
		{"", tkpkbot.Quarter{Year: 2025, Q: 1}, ""},
		{"triwulan lalu", tkpkbot.Quarter{Year: 2025, Q: 1}, ""},
		{"Triwulan  Ini", cur, ""},
		{"2025-Q1", tkpkbot.Quarter{Year: 2025, Q: 1}, ""},
		{"2024 q4", tkpkbot.Quarter{Year: 2024, Q: 4}, ""},
		{"Q3 2024", tkpkbot.Quarter{Year: 2024, Q: 3}, ""},
		{"triwulan 1 2025", tkpkbot.Quarter{Year: 2025, Q: 1}, ""},
		{"triwulan ke-2 2024", tkpkbot.Quarter{Year: 2024, Q: 2}, ""},
		{"triwulan IV 2024", tkpkbot.Quarter{Year: 2024, Q: 4}, ""},
		{"tw 1", tkpkbot.Quarter{Year: 2025, Q: 1}, ""},
		{"1/2025", tkpkbot.Quarter{Year: 2025, Q: 1}, ""},
		{"2025-Q3", tkpkbot.Quarter{}, "Triwulan 3 2025 belum dimulai"},
		{"triwulan 1 2026", tkpkbot.Quarter{}, "belum dimulai"},
		{"2025-Q5", tkpkbot.Quarter{}, "tidak dikenali"},
		{"triwulan 0 2025", tkpkbot.Quarter{}, "tidak dikenali"},
		{"1999-Q1", tkpkbot.Quarter{}, "terlalu lama"},
		{"kemarin", tkpkbot.Quarter{}, "tidak dikenali"},
	} {
		got, problem := parseQuarter(c.in, cur)
		if got != c.want || !strings.Contains(problem, c.problem) || (c.problem == "") != (problem == "") {
			t.Errorf("%q: %v %q, want %v %q", c.in, got, problem, c.want, c.problem)
		}
	}
}

func FuzzParseQuarter(f *testing.F) {
	for _, s := range []string{"", "2025-Q1", "triwulan 1 2025", "triwulan lalu", "tw iv 2024", "q9", "2025 / q 3", "<b>x", "a&b <i>"} {
		f.Add(s)
	}
	cur := tkpkbot.Quarter{Year: 2025, Q: 2}
	f.Fuzz(func(t *testing.T, in string) {
		q, problem := parseQuarter(in, cur)
		if problem != "" {
			if q != (tkpkbot.Quarter{}) || !utf8.ValidString(problem) || !safeHTML(problem) {
				t.Fatalf("%q: %v with problem %q", in, q, problem)
			}
			return
		}
		if q.Q < 1 || q.Q > 4 || q.Year < 2000 || cur.Year < q.Year || (cur.Year == q.Year && cur.Q < q.Q) {
			t.Fatalf("%q: accepted %v", in, q)
		}
	})
}
