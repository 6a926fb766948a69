package handlers

import (
	"testing"

	"tkpkbot"
)

// A kendala is "Minggu lalu" only when it was; older ones name their week
// and its Monday, across a year's end too.
func TestKendalaWhen(t *testing.T) {
	w := func(y, n int) tkpkbot.Week { return tkpkbot.Week{Year: y, Week: n} }
	for _, tc := range []struct {
		k, form tkpkbot.Week
		want    string
	}{
		{w(2024, 50), w(2024, 51), "Minggu lalu"},
		{w(2024, 48), w(2024, 51), "Minggu 48 (25 Nov 2024)"},
		{w(2024, 52), w(2025, 1), "Minggu lalu"},
		{w(2024, 51), w(2025, 2), "Minggu 51 (16 Des 2024)"},
	} {
		if got := kendalaWhen(tc.k, tc.form, witaLoc); got != tc.want {
			t.Errorf("kendala of %s asked in %s: %q, want %q", tc.k, tc.form, got, tc.want)
		}
	}
}

// The opening line counts the follow-up questions asked before the steps.
func TestQuestionsLine(t *testing.T) {
	for n, want := range map[int]string{
		0: "Jawab 7 pertanyaan berikut.",
		2: "Jawab 2 pertanyaan tindak lanjut, lalu 7 pertanyaan laporan.",
	} {
		if got := questionsLine(n); got != want {
			t.Errorf("%d follow-ups: %q, want %q", n, got, want)
		}
	}
}
