package main

import (
	"strings"
	"testing"
	"time"
)

// sendReport fills and sends id's report for the week of the clock.
func sendReport(t *testing.T, h *harness, id int64, name string, answers ...string) {
	t.Helper()
	h.say(id, name, "/lapor")
	// Last week's open kendala and tasks are asked first (issue #14):
	// this helper answers "not yet", without a note.
	for i := 0; i < 20 && strings.Contains(lastText(h.fake.Messages(id)), "Tindak lanjut "); i++ {
		if strings.Contains(lastText(h.fake.Messages(id)), "Catatan singkat") {
			h.press(id, name, "Tanpa catatan")
		} else {
			h.press(id, name, "⏳")
		}
	}
	mustContain(t, lastText(h.fake.Messages(id)), "Langkah 1/7")
	submitForm(t, h, id, name, answers...)
}

// answerForm types the five answers of an open /lapor form and takes the
// default buttons, up to the summary.
func answerForm(t *testing.T, h *harness, id int64, name string, answers ...string) {
	t.Helper()
	for _, a := range answers {
		h.say(id, name, a)
	}
	chooseDefaults(t, h, id, name)
	mustContain(t, lastText(h.fake.Messages(id)), "Ringkasan laporan")
}

// submitForm answers the open form as answerForm does and sends it.
func submitForm(t *testing.T, h *harness, id int64, name string, answers ...string) {
	t.Helper()
	answerForm(t, h, id, name, answers...)
	h.press(id, name, "Kirim")
	mustContain(t, lastText(h.fake.Messages(id)), "terkirim")
}

// chooseDefaults answers the two button steps after the five typed ones:
// strategy "Peningkatan pendapatan", funding "APBD Kabupaten/Kota".
func chooseDefaults(t *testing.T, h *harness, id int64, name string) {
	t.Helper()
	h.press(id, name, "Peningkatan pendapatan")
	h.press(id, name, "Lanjut ▶")
	mustContain(t, lastText(h.fake.Messages(id)), "Langkah 7/7", "Sumber dana")
	h.press(id, name, "APBD Kabupaten/Kota")
	h.press(id, name, "Lanjut ▶")
}

func TestLaporankuShowsTheWholeReportAndStepsWeeks(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")
	h.clock.Set(time.Date(2024, 12, 4, 9, 30, 0, 0, wita)) // Wednesday of 2024-W49
	sendReport(t, h, coordID, "Sari", "Sosialisasi DTSEN di Sungai Kunjang", "44.524", "Rp1.250.000", "Data ganda", "Verifikasi lapangan")
	h.clock.Set(time.Date(2024, 12, 11, 10, 0, 0, 0, wita))

	// This week has none yet: it says so and shows the latest one.
	got := texts(h.say(coordID, "Sari", "/laporanku"))
	mustContain(t, got, "Minggu 50/2024", "belum dikirim", "tenggat Jumat, 13 Desember 2024 pukul 16.00 WITA",
		"Laporan terakhir yang dikirim", "Laporan Kota Samarinda", "Minggu 49/2024 (2–8 Des 2024)",
		"Dikirim oleh Sari, Rabu, 4 Desember 2024 pukul 09.30 WITA", "terkirim tepat waktu",
		"Kegiatan: Sosialisasi DTSEN di Sungai Kunjang", "44.524 KK", "Rp1.250.000", "Kendala: Data ganda", "Rencana minggu depan: Verifikasi lapangan")

	sendReport(t, h, coordID, "Sari", "Rapat koordinasi dengan <Dinsos>", "120", "0", "-", "Pendataan lanjutan")
	got = texts(h.say(coordID, "Sari", "/laporanku"))
	mustContain(t, got, "Laporan Kota Samarinda", "Minggu 50/2024", "Dikirim oleh Sari, Rabu, 11 Desember 2024 pukul 10.00 WITA",
		"Kegiatan: Rapat koordinasi dengan <Dinsos>", "120 KK", "Rp0", "Rencana minggu depan: Pendataan lanjutan")
	if strings.Contains(got, "Minggu 51") {
		t.Fatalf("a button leads past this week:\n%s", got)
	}

	h.press(coordID, "Sari", "◀ Minggu 49")
	mustContain(t, lastText(h.fake.Messages(coordID)), "Minggu 49/2024", "44.524 KK", "Sosialisasi DTSEN")
	h.press(coordID, "Sari", "◀ Minggu 48")
	mustContain(t, lastText(h.fake.Messages(coordID)), "Tidak ada laporan Kota Samarinda untuk Minggu 48/2024")
	h.press(coordID, "Sari", "Minggu ini")
	mustContain(t, lastText(h.fake.Messages(coordID)), "Minggu 50/2024", "120 KK")

	// The button names only a week: another region's coordinator who
	// presses it sees their own region, never Samarinda's report.
	const berau = 602
	h.say(berau, "Budi", "/daftar "+invite(t, h, "Berau"))
	msgs := h.fake.Messages(berau)
	h.settle(h.fake.PressButtonByID(berau, msgs[len(msgs)-1].ID, "laporanku:2024-W50"))
	got = lastText(h.fake.Messages(berau))
	mustContain(t, got, "Kabupaten Berau")
	if strings.Contains(got, "Samarinda") || strings.Contains(got, "120 KK") {
		t.Fatalf("a copied button showed another region's report:\n%s", got)
	}
}

func TestLaporanForReadersWithWeeksVersionsAndRevision(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")
	const pengamat = 77
	joinPengamat(t, h, pengamat, "Budi", "Berau")
	sendReport(t, h, coordID, "Sari", "Kegiatan rutin pendataan", "10", "Rp500.000", "-", "Lanjut pendataan")

	got := texts(h.say(adminID, "Admin", "/laporan Samarinda"))
	mustContain(t, got, "Laporan Kota Samarinda", "Minggu 50/2024", "Dikirim oleh Sari, Rabu, 11 Desember 2024 pukul 10.00 WITA",
		"terkirim tepat waktu", "Kegiatan rutin pendataan", "10 KK", "Rp500.000")
	mustContain(t, lastMarkup(h, adminID), "laporan:6472:2024-W49")
	h.press(adminID, "Admin", "◀ Minggu 49")
	mustContain(t, lastText(h.fake.Messages(adminID)), "Belum ada laporan Kota Samarinda untuk Minggu 49/2024")
	h.press(adminID, "Admin", "Minggu 50 ▶")
	mustContain(t, lastText(h.fake.Messages(adminID)), "Kegiatan rutin pendataan")

	// lenient names, near misses, weeks and the province
	mustContain(t, texts(h.say(pengamat, "Budi", "/laporan kota samarinda minggu ini")), "Kegiatan rutin pendataan")
	mustContain(t, texts(h.say(pengamat, "Budi", "/laporan samarinda minggu lalu")), "Belum ada laporan Kota Samarinda untuk Minggu 49/2024")
	mustContain(t, texts(h.say(pengamat, "Budi", "/laporan smarinda")), "Wilayah smarinda tidak dikenali", "Mungkin maksud Anda Samarinda?")
	h.press(pengamat, "Budi", "Samarinda")
	mustContain(t, lastText(h.fake.Messages(pengamat)), "Laporan Kota Samarinda", "10 KK")
	mustContain(t, texts(h.say(pengamat, "Budi", "/laporan samarinda 2024-W60")), "Contoh: /laporan Samarinda")
	mustContain(t, texts(h.say(pengamat, "Budi", "/laporan Kaltim")), "/rekap")
	mustContain(t, texts(h.say(pengamat, "Budi", "/laporan")), "Laporan wilayah mana")
	h.press(pengamat, "Budi", "Samarinda")
	mustContain(t, lastText(h.fake.Messages(pengamat)), "Kegiatan rutin pendataan")

	// A coordinator reads only their own region, typed or by a copied button.
	mustContain(t, texts(h.say(coordID, "Sari", "/laporan Samarinda")), "Maaf, perintah /laporan hanya untuk admin atau pengamat")
	msgs := h.fake.Messages(coordID)
	h.settle(h.fake.PressButtonByID(coordID, msgs[len(msgs)-1].ID, "laporan:6472:2024-W50"))
	mustContain(t, h.lastAnswer(), "hanya untuk admin atau pengamat")

	// /lapor over the sent report: who and when, then Revisi pre-fills.
	h.clock.Advance(2 * time.Hour)
	got = texts(h.say(coordID, "Sari", "/lapor"))
	mustContain(t, got, "Laporan Kota Samarinda untuk Minggu 50/2024 (9–15 Des 2024) sudah dikirim oleh Anda pada Rabu, 11 Desember 2024 pukul 10.00 WITA",
		"Kegiatan rutin pendataan", "tidak ada yang diganti")
	if strings.Contains(got, "Langkah 1/7") {
		t.Fatalf("/lapor started a fresh form over the sent report:\n%s", got)
	}
	h.press(coordID, "Sari", "Revisi laporan ini")
	sum := lastText(h.fake.Messages(coordID))
	mustContain(t, sum, "Ringkasan laporan Kota Samarinda", "Kegiatan rutin pendataan", "10 KK", "Rp500.000", "Lanjut pendataan")
	h.press(coordID, "Sari", "Ubah")
	h.press(coordID, "Sari", "2. KK dijangkau")
	mustContain(t, texts(h.say(coordID, "Sari", "25")), "25 KK", "Kegiatan rutin pendataan")
	h.press(coordID, "Sari", "Kirim")
	mustContain(t, lastText(h.fake.Messages(coordID)), "Laporan Kota Samarinda terkirim", "25 KK", "revisi ke-1")

	got = texts(h.say(pengamat, "Budi", "/laporan Samarinda"))
	mustContain(t, got, "revisi ke-1 (versi 2 dari 2)", "Rabu, 11 Desember 2024 pukul 12.00 WITA", "25 KK", "Kegiatan rutin pendataan")
	mustContain(t, lastMarkup(h, pengamat), "laporan:6472:2024-W50:1", "laporan:6472:2024-W50:2")
	h.press(pengamat, "Budi", "Versi 1")
	mustContain(t, lastText(h.fake.Messages(pengamat)), "versi 1 dari 2 — versi lama; yang berlaku versi 2", "10 KK", "pukul 10.00 WITA")
	h.press(pengamat, "Budi", "Versi 2")
	mustContain(t, lastText(h.fake.Messages(pengamat)), "versi 2 dari 2", "25 KK")

	// Batal on the offer replaces nothing.
	h.say(coordID, "Sari", "/lapor")
	h.press(coordID, "Sari", "Batal")
	mustContain(t, lastText(h.fake.Messages(coordID)), "Tidak ada yang diubah")
	mustContain(t, texts(h.say(coordID, "Sari", "25")), "belum paham") // no form took the text
	var n int
	if err := h.app.db.Pool.QueryRow(t.Context(), `SELECT count(*) FROM reports`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("reports after Batal = %d (%v), want the 2 versions", n, err)
	}
	mustContain(t, texts(h.say(coordID, "Sari", "/laporanku")), "versi 2 dari 2", "25 KK")
}

func TestTwoCoordinatorsOfARegionReviseAtOnce(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")
	const budi = 602
	h.say(budi, "Budi", "/daftar "+invite(t, h, "Samarinda"))
	sendReport(t, h, coordID, "Sari", "Kegiatan pertama", "10", "0", "-", "Rencana pertama")

	// Budi is offered version 1; Sari revises before he presses.
	mustContain(t, texts(h.say(budi, "Budi", "/lapor")), "sudah dikirim oleh Sari pada")
	h.clock.Advance(time.Minute)
	h.say(coordID, "Sari", "/lapor")
	h.press(coordID, "Sari", "Revisi laporan ini")
	h.press(coordID, "Sari", "Kirim")
	mustContain(t, lastText(h.fake.Messages(coordID)), "revisi ke-1")
	h.press(budi, "Budi", "Revisi laporan ini")
	mustContain(t, texts(h.fake.Messages(budi)), "Sementara itu Sari mengirim versi 2")

	// Both have a revision open; each Kirim becomes its own version and
	// the later one is told what came in meanwhile.
	h.say(coordID, "Sari", "/lapor")
	h.press(coordID, "Sari", "Revisi laporan ini")
	h.clock.Advance(time.Minute)
	h.press(coordID, "Sari", "Kirim")
	h.press(budi, "Budi", "Kirim")
	got := lastText(h.fake.Messages(budi))
	mustContain(t, got, "revisi ke-3", "Saat Anda mengisi formulir ini, Sari mengirim versi 3", "versi 4 yang berlaku")
	mustContain(t, texts(h.say(adminID, "Admin", "/laporan samarinda")), "versi 4 dari 4", "Dikirim oleh Budi")
}
