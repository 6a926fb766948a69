package main

import (
	"testing"
)

// TestLaporFormTakesKKWordsAndStatesTheLengthRule fills /lapor the way
// coordinators type on a phone: "ok" gets the step's exact rule, and
// "sekitar 12 KK." is 12.
func TestLaporFormTakesKKWordsAndStatesTheLengthRule(t *testing.T) {
	h := newHarness(t)
	joinCoordinator(t, h, "Samarinda")
	h.say(coordID, "Sari", "/lapor")
	for _, s := range []struct{ say, want, next string }{
		{"ok", "Kegiatan minggu ini wajib diisi, minimal 3 karakter.", "Langkah 1/5"},
		{"Rapat koordinasi", "", "Langkah 2/5"},
		{"12 orang", "Yang ditanyakan jumlah KK, bukan jumlah orang.", "Langkah 2/5"},
		{"sekitar 12 KK.", "", "Langkah 3/5"},
		{"0", "", "Langkah 4/5"},
		{"ok", "Kendala diisi minimal 3 karakter, atau ketik - jika tidak ada kendala.", "Langkah 4/5"},
		{"–", "", "Langkah 5/5"},
		{"ok", "Rencana minggu depan wajib diisi, minimal 3 karakter.", "Langkah 5/5"},
		{"-", "Rencana minggu depan wajib diisi, minimal 3 karakter. Tanda - hanya dipakai di langkah Kendala", "Langkah 5/5"},
		{"Pendataan", "", "Ringkasan laporan"},
	} {
		got := texts(h.say(coordID, "Sari", s.say))
		if s.want != "" {
			mustContain(t, got, "⚠️ "+s.want)
		}
		mustContain(t, got, s.next)
	}
	mustContain(t, lastText(h.fake.Messages(coordID)), "KK dijangkau: 12 KK", "Kendala: -")
}
