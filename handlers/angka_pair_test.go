package handlers

import (
	"strings"
	"testing"

	"tkpkbot"
	"tkpkbot/internal/figtest"
)

// TestPairHTML: a year with both rounds shows them side by side, one line
// per indicator, sources per round, and what belongs to the whole year
// once.
func TestPairHTML(t *testing.T) {
	x := figtest.Index(t)
	c := x.Card("6400", tkpkbot.Period{Year: 2024})
	rounds := yearRounds(c.Periods, 2024)
	if len(rounds) != 2 {
		t.Fatalf("rounds of 2024 = %v", rounds)
	}
	a, b := x.Card("6400", rounds[0]), x.Card("6400", rounds[1])
	got := pairHTML(2024, a, b)
	want := `<b>Provinsi Kalimantan Timur</b> — 2024
<i>Maret 2024 | September 2024</i>
• Penduduk miskin: <b>221,34</b> | <b>211,88</b> ribu jiwa
• Persentase (P0): <b>5,78%</b> | <b>5,51%</b>
• Kedalaman (P1): <b>0,799</b> | <b>0,606</b>
• Keparahan (P2): <b>0,154</b> | <b>0,104</b>
• Garis kemiskinan: <b>Rp833.955</b> | <b>Rp853.997</b> per kapita per bulan
• Rasio Gini: <b>0,321</b> | <b>0,310</b>
<i>Sumber Maret: BPS Kaltim, rilis 1 Juli 2024; BPS, via kaltim.antaranews.com</i>
<i>Sumber September: BPS, via kaltim.akurasi.id; BPS, via kalimantan.bisnis.com; BPS, via katakaltim.com; BPS, via niaga.asia</i>

<b>Indikator lain</b>
• IPM 2024: <b>78,79</b>
<i>Sumber: BPS, via katakaltim.com</i>
• TPT Agustus 2024: <b>5,14%</b>
<i>Sumber: BPS, via kaltim.antaranews.com</i>

Perubahan tahunan, peringkat dan sumber lain: buka kartu per periode di bawah.`
	if got != want {
		t.Errorf("pair:\n%s\n\nwant:\n%s", got, want)
	}
	// Every value line fits a phone screen's width of about 65
	// characters (source lines may wrap; they are small print).
	for _, line := range strings.Split(stripTags(got), "\n") {
		if n := len([]rune(line)); strings.HasPrefix(line, "•") && n > 65 {
			t.Errorf("line of %d characters: %q", n, line)
		}
	}
	if got := renderButtons(pairButtons(a, b)); got != "[Kartu Maret 2024=angka:6400:2024-03 Kartu September 2024=angka:6400:2024-09] [📈 Grafik=grafik:6400:p0]" {
		t.Errorf("buttons = %s", got)
	}

	// A district with one round a year keeps the single card.
	if c := x.Card("6472", tkpkbot.Period{Year: 2024}); len(yearRounds(c.Periods, 2024)) != 1 {
		t.Errorf("Samarinda 2024 rounds = %v", yearRounds(c.Periods, 2024))
	}
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}
