package main

import (
	"context"
	"strings"
	"testing"
	"time"
)

const berauID = 602

// buttonData finds the button whose text contains label on the latest bot
// message in chat that has it, so a test can press it again after the
// message was edited (a second tap, a copied button).
func (h *harness) buttonData(chat int64, label string) (int, string) {
	h.t.Helper()
	msgs := h.fake.Messages(chat)
	id, data, ok := findButton(msgs, label)
	if !ok {
		h.t.Fatalf("no button %q in chat %d; last message: %q", label, chat, lastText(msgs))
	}
	return id, data
}

func joinBerau(t *testing.T, h *harness) {
	t.Helper()
	code := invite(t, h, "Berau")
	mustContain(t, texts(h.say(berauID, "Bayu", "/start "+code)), "Selamat datang, Bayu!")
}

// TestMinutesFollowUpLoop drives the loop: a meeting, minutes with
// two tasks (Samarinda, Berau) → preview → Kirim (twice) → every member
// and the group get the minutes once, across a restart and a second
// replica → reminders before due to the owner region's coordinator only
// (downtime: only the latest) → Samarinda's task closed from /lapor (on
// Kirim, not before) → Berau's overdue, reminded once, in the admins'
// deadline summary and in the agenda lines.
func TestMinutesFollowUpLoop(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.ReportChatID = groupID })
	joinCoordinator(t, h, "Samarinda")
	joinBerau(t, h)
	joinPengamat(t, h, 77, "Budi", "Kaltim")

	// Week 50: Samarinda reports a kendala.
	sendReport(t, h, coordID, "Sari", "Sosialisasi DTSEN", "120", "0", "Sinyal lemah di pedalaman", "Verifikasi lapangan")

	mustContain(t, texts(h.say(adminID, "Admin", "/rapat_baru 2024-12-12 09:00 Rakor TKPK")), "Rapat #1 dijadwalkan")
	h.sweep()
	h.press(coordID, "Sari", "Hadir")
	mustContain(t, texts(h.say(adminID, "Admin", "/notulen 1")), "Rapat #1 belum berlangsung")
	// The minutes typed anyway are not taken, and the admin is told why.
	stray := texts(h.say(adminID, "Admin", "Keputusan: Pendataan ulang\n- Samarinda: Verifikasi 500 KK (20-12-2024)"))
	mustContain(t, stray, "tampak seperti notulen", "belum disimpan", "/notulen <nomor rapat>")

	h.clock.Set(time.Date(2024, 12, 12, 11, 0, 0, 0, wita))
	mustContain(t, texts(h.say(adminID, "Admin", "/notulen 9")), "Rapat #9 tidak ditemukan")
	mustContain(t, texts(h.say(adminID, "Admin", "/notulen 1")), "Kirim isi notulennya sebagai pesan berikutnya")
	got := texts(h.say(adminID, "Admin", "Keputusan: Pendataan ulang\n- Samrinda: Verifikasi 500 KK (20-12-2024)\n- Berau: Rapat desa (10-12-2024)\n- Berau: Rapat desa (30-02-2025)"))
	mustContain(t, got, "Notulen belum bisa dipakai",
		"Baris 2: wilayah Samrinda tidak dikenali. Mungkin maksud Anda Samarinda?",
		"Baris 3: tenggat Selasa, 10 Desember 2024 sudah lewat",
		"Baris 4: tenggat 30-02-2025 tidak terbaca.")
	minutes := "Keputusan: Pendataan ulang P3KE selesai Desember\n" +
		"- Samarinda: Verifikasi 500 KK data P3KE (20-12-2024)\n" +
		"- kab berau: Rapat koordinasi desa (16 Desember 2024)\n" +
		"Rapat ditutup pukul 12.00"
	got = texts(h.say(adminID, "Admin", minutes))
	mustContain(t, got, "Pratinjau notulen rapat #1", "Hadir (1 wilayah): Samarinda", "Pendataan ulang P3KE selesai Desember",
		"Samarinda: Verifikasi 500 KK data P3KE — tenggat 20 Des 2024", "Berau: Rapat koordinasi desa — tenggat 16 Des 2024", "Rapat ditutup pukul 12.00")
	got = texts(h.press(adminID, "Admin", "⬜ Berau"))
	mustContain(t, got, "Hadir (2 wilayah): Berau, Samarinda")
	// Ubah offers the text back to correct; attendance stays.
	mustContain(t, texts(h.press(adminID, "Admin", "Ubah")), "Kirim lagi seluruh notulen",
		"- Samarinda: Verifikasi 500 KK data P3KE (20-12-2024)", "- Berau: Rapat koordinasi desa (16-12-2024)")
	got = texts(h.say(adminID, "Admin", strings.Replace(minutes, "Rapat ditutup", "Rapat resmi ditutup", 1)))
	mustContain(t, got, "Pratinjau notulen rapat #1", "Rapat resmi ditutup pukul 12.00", "Hadir (2 wilayah): Berau, Samarinda")
	if n := countActions(t, h); n != 0 {
		t.Fatalf("%d tasks before Kirim", n)
	}

	id, kirim := h.buttonData(adminID, "Kirim notulen")
	h.settle(h.fake.PressButtonByID(adminID, id, kirim))
	mustContain(t, h.lastAnswer(), "Terkirim")
	mustContain(t, lastText(h.fake.Messages(adminID)), "Notulen rapat #1 terkirim", "2 tindak lanjut tercatat")
	h.settle(h.fake.PressButtonByID(adminID, id, kirim)) // a second tap
	mustContain(t, h.lastAnswer(), "sudah terkirim")
	mustContain(t, texts(h.say(adminID, "Admin", "/notulen 1")), "Rapat #1 sudah punya notulen")

	h.sweep()
	h.restart()
	h.sweep()
	twin := h.twin()
	twin.sweep()
	h.sweep()
	for _, chat := range []int64{adminID, coordID, berauID, 77, groupID} {
		if n := count(h.botTexts(chat), "Notulen rapat\n"); n != 1 {
			t.Fatalf("chat %d got the minutes %d times:\n%s", chat, n, h.botTexts(chat))
		}
	}
	mustContain(t, h.botTexts(groupID), "Keputusan", "Pendataan ulang P3KE selesai Desember", "Berau: Rapat koordinasi desa")
	if n := countActions(t, h); n != 2 {
		t.Fatalf("%d tasks after two Kirim, a restart and a replica; want 2", n)
	}

	// Down from Thursday to Sunday afternoon: Berau's 72h and 24h reminders
	// are both due; only the latest goes, to Berau's coordinator only.
	h.clock.Set(time.Date(2024, 12, 15, 16, 30, 0, 0, wita))
	h.sweep()
	twin.sweep()
	if n := count(h.botTexts(berauID), "Pengingat tindak lanjut"); n != 1 {
		t.Fatalf("Berau's coordinator got %d task reminders after downtime; want 1:\n%s", n, h.botTexts(berauID))
	}
	mustContain(t, h.botTexts(berauID), "Kabupaten Berau: Rapat koordinasi desa", "Senin, 16 Desember 2024 pukul 16.00 WITA", "Rakor TKPK")
	for _, chat := range []int64{coordID, adminID, 77} {
		if strings.Contains(h.botTexts(chat), "Pengingat tindak lanjut") {
			t.Fatalf("chat %d got Berau's task reminder:\n%s", chat, h.botTexts(chat))
		}
	}

	// Week 51: /lapor asks about last week's kendala and the open task first.
	h.clock.Set(time.Date(2024, 12, 16, 10, 0, 0, 0, wita))
	got = texts(h.say(coordID, "Sari", "/lapor"))
	mustContain(t, got, "Tindak lanjut 1/2", "Minggu lalu: 'Sinyal lemah di pedalaman' — sudah teratasi?")
	mustContain(t, texts(h.say(coordID, "Sari", "Sudah kok")), "Jawab dulu dengan tombol")
	got = texts(h.press(coordID, "Sari", "Belum"))
	mustContain(t, got, "Catatan singkat (opsional)")
	got = texts(h.press(coordID, "Sari", "Tanpa catatan"))
	mustContain(t, got, "Tindak lanjut 2/2", "Tugas dari rapat: 'Verifikasi 500 KK data P3KE' — sudah selesai?")
	h.press(coordID, "Sari", "✅ Selesai")
	got = texts(h.say(coordID, "Sari", "480 KK terverifikasi"))
	mustContain(t, got, "Langkah 1/7")
	answerForm(t, h, coordID, "Sari", "Verifikasi P3KE", "480", "0", "Anggaran belum cair", "Rapat lanjutan")
	mustContain(t, lastText(h.fake.Messages(coordID)), "Tindak lanjut minggu lalu",
		"Kendala 'Sinyal lemah di pedalaman': ⏳ belum teratasi", "Tugas rapat 'Verifikasi 500 KK data P3KE': ✅ selesai — 480 KK terverifikasi")
	// Not closed before Kirim.
	mustContain(t, texts(h.say(adminID, "Admin", "/tindaklanjut Samarinda")), "Verifikasi 500 KK data P3KE", "Terbuka: 1")
	h.press(coordID, "Sari", "Kirim")
	mustContain(t, lastText(h.fake.Messages(coordID)), "terkirim", "✅ selesai — 480 KK terverifikasi")
	mustContain(t, texts(h.say(coordID, "Sari", "/tindaklanjut")), "Tidak ada tindak lanjut")
	mustContain(t, texts(h.say(coordID, "Sari", "/laporanku")), "Tugas rapat 'Verifikasi 500 KK data P3KE': ✅ selesai — 480 KK terverifikasi")

	// Berau's task passes its due time: one overdue message, however
	// many sweeps; Samarinda's closed task is not chased.
	h.clock.Set(time.Date(2024, 12, 16, 16, 5, 0, 0, wita))
	h.sweep()
	twin.sweep()
	h.clock.Set(time.Date(2024, 12, 17, 16, 5, 0, 0, wita)) // Samarinda's 72h reminder falls due
	h.sweep()
	twin.sweep()
	if n := count(h.botTexts(berauID), "Tindak lanjut lewat tenggat"); n != 1 {
		t.Fatalf("Berau's coordinator got %d overdue messages; want 1:\n%s", n, h.botTexts(berauID))
	}
	if strings.Contains(h.botTexts(coordID), "Pengingat tindak lanjut") || strings.Contains(h.botTexts(coordID), "lewat tenggat") {
		t.Fatalf("Samarinda's coordinator was chased for a closed task:\n%s", h.botTexts(coordID))
	}

	got = texts(h.say(adminID, "Admin", "/tindaklanjut semua"))
	mustContain(t, got, "Semua tindak lanjut", "Berau", "Rapat koordinasi desa", "lewat tenggat 16 Des 2024",
		"Samarinda", "selesai Senin, 16 Desember 2024 pukul 10.00 WITA oleh Sari (lewat laporan mingguan) — 480 KK terverifikasi")
	if strings.Index(got, "Berau") > strings.Index(got, "Samarinda") {
		t.Fatalf("regions out of order:\n%s", got)
	}
	got = texts(h.say(adminID, "Admin", "/rekap"))
	mustContain(t, got, "Samarinda — ✅ terkirim", "🧩 2", "Berau — ⬜ belum · 📌 1 (⚠️ 1)")

	// Friday's deadline summary to admins carries the overdue count.
	h.clock.Set(time.Date(2024, 12, 20, 16, 1, 0, 0, wita))
	h.sweep()
	twin.sweep() // whichever replica holds the sender lock sends it
	mustContain(t, h.botTexts(adminID), "Tenggat laporan lewat", "Tindak lanjut lewat tenggat: Berau 1")

	// The next meeting's agenda lists the open kendala and the overdue task.
	lines, err := h.app.h.FollowUpAgenda(context.Background(), h.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	agenda := strings.Join(lines, "\n")
	mustContain(t, agenda, "Tindak lanjut <b>Berau</b> lewat tenggat 16 Des 2024: Rapat koordinasi desa",
		"Kendala <b>Samarinda</b> (minggu 50): Sinyal lemah di pedalaman", "Kendala <b>Samarinda</b> (minggu 51): Anggaran belum cair")
	if strings.Contains(agenda, "Verifikasi 500 KK") {
		t.Fatalf("the closed task is on the agenda:\n%s", agenda)
	}

	// ...and so do the next meeting's /rapat and the reminder before it.
	// (The second replica goes: woken by the new meeting it would race
	// this sweep for the sender lock.)
	twin.stop()
	h.say(adminID, "Admin", "/agenda 2 Evaluasi P3KE") // no meeting #2 yet: refused
	mustContain(t, texts(h.say(adminID, "Admin", "/rapat_baru 2024-12-23 09:00 Rakor akhir tahun")), "Rapat #2 dijadwalkan")
	h.say(adminID, "Admin", "/agenda 2 Evaluasi P3KE")
	got = texts(h.say(adminID, "Admin", "/rapat 2"))
	mustContain(t, got, "Agenda", "1. Evaluasi P3KE", "2. ⚠️ Tindak lanjut Berau lewat tenggat 16 Des 2024: Rapat koordinasi desa",
		"Kendala Samarinda (minggu 50): Sinyal lemah di pedalaman")
	h.sweep()
	h.clock.Set(time.Date(2024, 12, 22, 9, 5, 0, 0, wita))
	h.sweep()
	mustContain(t, h.botTexts(berauID), "Pengingat rapat", "Tindak lanjut Berau lewat tenggat 16 Des 2024: Rapat koordinasi desa")
}

func countActions(t *testing.T, h *harness) int {
	t.Helper()
	var n int
	if err := h.app.db.Pool.QueryRow(context.Background(), `SELECT count(*) FROM actions`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestMinutesKirimRechecksDueDates: a preview kept past a task's due
// moment is refused at Kirim with the line to correct through Ubah.
func TestMinutesKirimRechecksDueDates(t *testing.T) {
	h := newHarness(t)
	joinBerau(t, h)
	mustContain(t, texts(h.say(adminID, "Admin", "/rapat_baru 2024-12-12 09:00 Rakor TKPK")), "Rapat #1 dijadwalkan")
	h.clock.Set(time.Date(2024, 12, 12, 11, 0, 0, 0, wita))
	got := texts(h.say(adminID, "Admin", "/notulen 1\nKeputusan: Data P3KE diverifikasi\n- Samarinda: Verifikasi 500 KK (20-12-2024)\n- Berau: Rapat koordinasi desa (12-12-2024)"))
	mustContain(t, got, "Pratinjau notulen rapat #1", "Rapat koordinasi desa")
	h.clock.Set(time.Date(2024, 12, 12, 16, 30, 0, 0, wita))
	got = texts(h.press(adminID, "Admin", "Kirim notulen"))
	mustContain(t, got, "Notulen belum dikirim.", "Baris 3: tenggat Kamis, 12 Desember 2024 untuk Rapat koordinasi desa sudah lewat", "Tekan Ubah")
	h.sweep()
	if strings.Contains(h.botTexts(berauID)+h.botTexts(groupID), "Notulen") {
		t.Fatal("refused minutes reached someone")
	}
	mustContain(t, texts(h.press(adminID, "Admin", "Ubah")), "- Berau: Rapat koordinasi desa (12-12-2024)")
	mustContain(t, texts(h.say(adminID, "Admin", "Keputusan: Data P3KE diverifikasi\n- Samarinda: Verifikasi 500 KK (20-12-2024)\n- Berau: Rapat koordinasi desa (13-12-2024)")), "Pratinjau notulen rapat #1")
	mustContain(t, texts(h.press(adminID, "Admin", "Kirim notulen")), "Notulen rapat #1 terkirim", "2 tindak lanjut tercatat")
	mustContain(t, texts(h.say(adminID, "Admin", "/tindaklanjut")), "tenggat 13 Des 2024 (besok)")
}

// The pointer to /notulen is for admins in private only: a stranger or a
// pengamat typing minutes-like text gets the usual reply, and nobody's
// text in a group is answered.
func TestStrayMinutesPointerOnlyForAdminsInPrivate(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.ReportChatID = groupID })
	joinPengamat(t, h, 77, "Budi", "Berau")
	minutes := "Keputusan: Pendataan ulang\n- Samarinda: Verifikasi 500 KK (20-12-2024)"
	mustContain(t, texts(h.say(adminID, "Admin", minutes)), "tampak seperti notulen")
	for _, p := range []struct {
		id   int64
		name string
	}{{42, "Rahmat"}, {77, "Budi"}} {
		got := texts(h.say(p.id, p.name, minutes))
		if strings.Contains(got, "notulen") {
			t.Errorf("%s got the admins' pointer:\n%s", p.name, got)
		}
		mustContain(t, got, "Saya belum paham")
	}
	before := len(h.fake.Messages(groupID))
	h.settle(h.fake.SendGroupText(groupID, adminID, "Admin", minutes))
	if got := h.fake.Messages(groupID)[before:]; len(got) != 0 {
		t.Fatalf("a group message was answered:\n%s", texts(got))
	}
}
