package main

import (
	"strings"
	"testing"
	"time"
)

// TestLaporFormTakesKKWordsAndStatesTheLengthRule fills /lapor the way
// coordinators type on a phone: "ok" gets the step's exact rule, and
// "sekitar 12 KK." is 12.
func TestLaporFormTakesKKWordsAndStatesTheLengthRule(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")
	h.say(coordID, "Sari", "/lapor")
	for _, s := range []struct{ say, want, next string }{
		{"ok", "Kegiatan minggu ini wajib diisi, minimal 3 karakter.", "Langkah 1/7"},
		{"Rapat koordinasi", "", "Langkah 2/7"},
		{"12 orang", "Yang ditanyakan jumlah KK, bukan jumlah orang.", "Langkah 2/7"},
		{"sekitar 12 KK.", "", "Langkah 3/7"},
		{"0", "", "Langkah 4/7"},
		{"ok", "Kendala diisi minimal 3 karakter, atau ketik - jika tidak ada kendala.", "Langkah 4/7"},
		{"–", "", "Langkah 5/7"},
		{"ok", "Rencana minggu depan wajib diisi, minimal 3 karakter.", "Langkah 5/7"},
		{"-", "Rencana minggu depan wajib diisi, minimal 3 karakter. Tanda - hanya dipakai di langkah Kendala", "Langkah 5/7"},
		{"Pendataan", "", "Langkah 6/7"},
	} {
		got := texts(h.say(coordID, "Sari", s.say))
		if s.want != "" {
			mustContain(t, got, "⚠️ "+s.want)
		}
		mustContain(t, got, s.next)
	}
	// A typed answer at a button step says to use the buttons.
	mustContain(t, texts(h.say(coordID, "Sari", "Peningkatan pendapatan")), "dijawab dengan tombol", "Langkah 6/7")
	chooseDefaults(t, h, coordID, "Sari")
	mustContain(t, lastText(h.fake.Messages(coordID)), "KK dijangkau minggu ini: 12 KK", "Kendala: -")
}

// TestAngkaMonthWithoutYearAsksForTheYear: "/angka samarinda maret" is a
// period missing its year, not an unknown region, and the line offered
// carries the clock's year.
func TestAngkaMonthWithoutYearAsksForTheYear(t *testing.T) {
	h := newHarness(t)
	for _, c := range []struct{ say, want string }{
		{"/angka samarinda maret", "Maret tahun berapa?\nContoh: /angka samarinda maret 2024"},
		{"/angka samarinda september", "September tahun berapa?\nContoh: /angka samarinda september 2024"},
		{"/angka kukar 3 desember", "3 Desember tahun berapa?\nContoh: /angka kukar 3 desember 2024"},
		{"/peringkat p0 maret", "Maret tahun berapa?\nContoh: /peringkat p0 maret 2024"},
		{"/peringkat p0 1850", "Contoh: /peringkat p0 2024"},
	} {
		m := one(t, h.say(42, "Rahmat", c.say))
		mustContain(t, m.Text, c.want)
		if strings.Contains(m.Text, "tidak dikenal") || m.ReplyMarkup != nil {
			t.Fatalf("%s: answered as an unknown region:\n%s", c.say, m.Text)
		}
	}
	// The year offered follows the clock, not the year the code was written.
	h.clock.Set(time.Date(2027, 1, 4, 9, 0, 0, 0, wita))
	mustContain(t, one(t, h.say(42, "Rahmat", "/angka samarinda maret")).Text, "Contoh: /angka samarinda maret 2027")
	mustContain(t, one(t, h.say(42, "Rahmat", "/angka samarinda 1850")).Text, "Contoh: /angka Samarinda 2027")
	// The answer typed as offered is a card.
	h.clock.Set(time.Date(2024, 12, 11, 10, 0, 0, 0, wita))
	mustContain(t, one(t, h.say(42, "Rahmat", "/angka samarinda maret 2024")).Text, "Kota Samarinda — Maret 2024")
}

// TestAngkaDatedReportShowsNoSurveyLines: the Dinsos count of 3 December
// 2024 is a one-off, so its card has no yearly change and no "belum ada
// data P0, P1" — whether typed or reached by the period buttons.
func TestAngkaDatedReportShowsNoSurveyLines(t *testing.T) {
	h := newHarness(t)
	check := func(text string) {
		t.Helper()
		mustContain(t, text, "Kota Samarinda — 3 Desember 2024", "Penduduk miskin: 44.524 jiwa", "Sumber: Dinas Sosial Kaltim, rapat TKPK 3 Desember 2024")
		for _, bad := range []string{"Perubahan tahunan", "Belum ada data", "perubahan dari"} {
			if strings.Contains(text, bad) {
				t.Fatalf("dated card shows %q:\n%s", bad, text)
			}
		}
	}
	check(one(t, h.say(42, "Rahmat", "/angka samarinda 3 desember 2024")).Text)
	h.say(42, "Rahmat", "/angka samarinda september 2023")
	msgs := h.press(42, "Rahmat", "3 Desember 2024")
	check(msgs[len(msgs)-1].Text)
	// A survey round still says what it lacks.
	mustContain(t, one(t, h.say(42, "Rahmat", "/angka samarinda")).Text, "Belum ada data Maret 2024: P1, P2, garis kemiskinan.")
}

// TestErrorExamplesFollowTheClock: the examples under a refused
// /rapat_baru or /libur are dates ahead of today, whatever today is.
func TestErrorExamplesFollowTheClock(t *testing.T) {
	h := newHarness(t)
	h.clock.Set(time.Date(2026, 3, 4, 10, 0, 0, 0, wita)) // a Wednesday
	mustContain(t, texts(h.say(adminID, "Admin", "/rapat_baru besok")), "⚠️", "Contoh:\n/rapat_baru 2026-03-09 09:00 Rakor TKPK")
	got := texts(h.say(adminID, "Admin", "/libur libur panjang"))
	mustContain(t, got, "Tulis tanggal (misalnya 2026-03-09) atau minggu (misalnya 2026-W11) yang libur.",
		"/libur 2026-W11 Cuti bersama (satu minggu)", "/libur 2026-03-09 Hari libur daerah (satu hari)")
	mustContain(t, texts(h.say(adminID, "Admin", "/libur")), "Tambah: /libur 2026-W11 Cuti bersama atau /libur 2026-03-09 Hari libur daerah")
	for _, stale := range []string{"2024", "2025"} {
		if strings.Contains(got, stale) {
			t.Fatalf("a fixed year %s in the examples:\n%s", stale, got)
		}
	}
	// The example, typed as shown, is taken.
	mustContain(t, texts(h.say(adminID, "Admin", "/libur 2026-03-09 Hari libur daerah")), "Senin, 9 Maret 2026 ditandai libur")
}
