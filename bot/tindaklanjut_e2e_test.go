package main

import (
	"strings"
	"testing"
	"time"

	"tkpkbot/internal/telegramtest"
)

// minutesWithTwoTasks holds meeting #1 and sends its minutes with a task
// for Samarinda and one for Berau.
func minutesWithTwoTasks(t *testing.T, h *harness) {
	t.Helper()
	mustContain(t, texts(h.say(adminID, "Admin", "/rapat_baru 2024-12-12 09:00 Rakor TKPK")), "Rapat #1 dijadwalkan")
	h.clock.Set(time.Date(2024, 12, 12, 11, 0, 0, 0, wita))
	got := texts(h.say(adminID, "Admin", "/notulen 1\nKeputusan: Data P3KE diverifikasi\n- Samarinda: Verifikasi 500 KK data P3KE (20-12-2024)\n- Berau: Rapat koordinasi desa (16-12-2024)"))
	mustContain(t, got, "Pratinjau notulen rapat #1")
	h.press(adminID, "Admin", "Kirim notulen")
	mustContain(t, lastText(h.fake.Messages(adminID)), "Notulen rapat #1 terkirim")
	h.sweep()
}

func TestTindaklanjutSelesaiWithANoteRecheckedAtEveryStep(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")
	joinBerau(t, h)
	joinPengamat(t, h, 77, "Budi", "Kaltim")
	minutesWithTwoTasks(t, h)

	// Each sees what is theirs: a coordinator only the region's, with
	// Selesai; the pengamat every region, without.
	got := texts(h.say(berauID, "Bayu", "/tindaklanjut"))
	mustContain(t, got, "Tindak lanjut terbuka Kabupaten Berau", "Rapat koordinasi desa", "tenggat 16 Des 2024 (4 hari lagi)")
	if strings.Contains(got, "Verifikasi 500 KK") {
		t.Fatalf("Berau's coordinator sees Samarinda's task:\n%s", got)
	}
	mustContain(t, texts(h.say(berauID, "Bayu", "/tindaklanjut Samarinda")), "Anda koordinator wilayah lain", "Kabupaten Berau")
	got = texts(h.say(77, "Budi", "/tindaklanjut"))
	mustContain(t, got, "Berau", "Rapat koordinasi desa", "Samarinda", "Verifikasi 500 KK data P3KE", "Terbuka: 2")
	if msgs := h.fake.Messages(77); msgs[len(msgs)-1].ReplyMarkup != nil {
		t.Fatalf("the pengamat got Selesai buttons: %+v", msgs[len(msgs)-1].ReplyMarkup)
	}
	mustContain(t, texts(h.say(77, "Budi", "/tindaklanjut Samrinda")), "Samrinda tidak dikenali", "Samarinda")

	// A copied Berau button pressed by Samarinda's coordinator is refused.
	_, berauDone := h.buttonData(berauID, "Selesai")
	samMsgs := h.fake.Messages(coordID)
	h.settle(h.fake.PressButtonByID(coordID, samMsgs[len(samMsgs)-1].ID, berauDone))
	mustContain(t, lastText(h.fake.Messages(coordID)), "Hanya koordinator wilayah tugas ini atau admin")
	// A pengamat reads the list but no tl: button is theirs.
	pMsgs := h.fake.Messages(77)
	h.settle(h.fake.PressButtonByID(77, pMsgs[len(pMsgs)-1].ID, berauDone))
	mustContain(t, lastText(h.fake.Messages(77)), "Maaf, tombol ini hanya untuk admin atau koordinator. Peran Anda: pengamat.")

	// A Selesai left pending does not swallow a /lapor answer.
	mustContain(t, texts(h.press(berauID, "Bayu", "Selesai")), "Tulis catatan singkat")
	mustContain(t, texts(h.say(berauID, "Bayu", "/lapor")), "Tugas dari rapat: 'Rapat koordinasi desa' — sudah selesai?")
	h.press(berauID, "Bayu", "Masih berjalan")
	mustContain(t, texts(h.press(berauID, "Bayu", "Tanpa catatan")), "Langkah 1/7")
	mustContain(t, texts(h.say(berauID, "Bayu", "Persiapan rapat desa")), "Langkah 2/7")
	h.say(berauID, "Bayu", "/batal")
	mustContain(t, texts(h.say(berauID, "Bayu", "/tindaklanjut")), "Rapat koordinasi desa", "Terbuka: 1")

	// Selesai asks for a one-line note.
	mustContain(t, texts(h.press(berauID, "Bayu", "Selesai")), "Tulis catatan singkat satu baris")
	mustContain(t, texts(h.say(berauID, "Bayu", "Rapat digelar\ndi balai desa")), "Catatan cukup satu baris")
	got = texts(h.say(berauID, "Bayu", "Rapat digelar 14 Des di balai desa"))
	mustContain(t, got, "Tindak lanjut selesai", "Rapat koordinasi desa", "selesai Kamis, 12 Desember 2024 pukul 11.00 WITA oleh Bayu — Rapat digelar 14 Des di balai desa")
	id, _ := h.buttonData(berauID, "Selesai")
	h.settle(h.fake.PressButtonByID(berauID, id, berauDone))
	mustContain(t, lastText(h.fake.Messages(berauID)), "sudah ditandai selesai")
	// The next message is not a note any more.
	if got := texts(h.say(berauID, "Bayu", "terima kasih")); strings.Contains(got, "Tindak lanjut selesai") {
		t.Fatalf("a later message closed something again:\n%s", got)
	}

	// A coordinator who presses Selesai and then loses the role closes
	// nothing with the note.
	h.say(coordID, "Sari", "/tindaklanjut")
	mustContain(t, texts(h.press(coordID, "Sari", "Selesai")), "Tulis catatan singkat")
	h.say(adminID, "Admin", "/cabut 601")
	h.say(coordID, "Sari", "Sudah diverifikasi")
	mustContain(t, texts(h.say(adminID, "Admin", "/tindaklanjut")), "Verifikasi 500 KK data P3KE", "Terbuka: 1")

	// An admin closes without a note.
	h.press(adminID, "Admin", "Selesai")
	got = texts(h.press(adminID, "Admin", "Tanpa catatan"))
	mustContain(t, got, "Tindak lanjut selesai", "oleh Admin")
	got = texts(h.say(77, "Budi", "/tindaklanjut semua"))
	mustContain(t, got, "Semua tindak lanjut", "oleh Bayu — Rapat digelar 14 Des di balai desa", "oleh Admin", "Terbuka: 0")

	// Nothing per region in a group: the pointer to the private chat.
	before := len(h.fake.Messages(groupID))
	h.settle(h.fake.SendGroupText(groupID, berauID, "Bayu", "/tindaklanjut@"+telegramtest.BotUsername))
	mustContain(t, texts(h.fake.Messages(groupID)[before:]), "Perintah ini hanya di chat pribadi dengan bot")

	// /bantuan lists the commands to the right roles.
	help := texts(h.say(adminID, "Admin", "/bantuan"))
	mustContain(t, help, "Tindak lanjut", "/notulen <nomor>", "/tindaklanjut [wilayah|semua]")
	help = texts(h.say(berauID, "Bayu", "/bantuan"))
	mustContain(t, help, "/tindaklanjut [wilayah|semua]")
	if strings.Contains(help, "/notulen") {
		t.Fatalf("a coordinator is offered /notulen:\n%s", help)
	}
	mustContain(t, texts(h.say(berauID, "Bayu", "/notulen 1")), "hanya untuk")

	// The export carries both histories.
	h.say(adminID, "Admin", "/ekspor")
	wb := openWorkbook(t, lastDocument(t, h).Data)
	rows, err := wb.GetRows("Tindak lanjut")
	if err != nil || len(rows) != 3 {
		t.Fatalf("Tindak lanjut sheet = %v, %v", rows, err)
	}
	sheet := strings.Join([]string{strings.Join(rows[0], "|"), strings.Join(rows[1], "|"), strings.Join(rows[2], "|")}, "\n")
	mustContain(t, sheet, "Wilayah|Kode BPS|Rapat|Tugas|Tenggat", "Berau|6405|#1|Rapat koordinasi desa", "selesai", "Bayu",
		"Rapat digelar 14 Des di balai desa", "Samarinda|6472|#1|Verifikasi 500 KK data P3KE")
	if rows, err := wb.GetRows("Kendala"); err != nil || len(rows) != 1 || rows[0][3] != "Kendala" {
		t.Fatalf("Kendala sheet = %v, %v", rows, err)
	}

	// An export of weeks before the meeting holds none of its tasks.
	h.say(adminID, "Admin", "/ekspor 2024-W40 2024-W45")
	wb = openWorkbook(t, lastDocument(t, h).Data)
	if rows, err := wb.GetRows("Tindak lanjut"); err != nil || len(rows) != 1 {
		t.Fatalf("weeks 40–45 export lists later tasks: %v, %v", rows, err)
	}
}

// TestPendingSelesaiGivesWayToWhatWasStartedAfter: a pressed Selesai
// waits for its note only until the person starts something else; what
// was started last takes the next message.
func TestPendingSelesaiGivesWayToWhatWasStartedAfter(t *testing.T) {
	h := newHarness(t)
	joinBerau(t, h)
	mustContain(t, texts(h.say(adminID, "Admin", "/rapat_baru 2024-12-12 09:00 Rakor TKPK")), "Rapat #1 dijadwalkan")
	mustContain(t, texts(h.say(adminID, "Admin", "/rapat_baru 2024-12-12 10:00 Rapat evaluasi")), "Rapat #2 dijadwalkan")
	h.clock.Set(time.Date(2024, 12, 12, 11, 0, 0, 0, wita))
	h.say(adminID, "Admin", "/notulen 1\n- Samarinda: Verifikasi 500 KK data P3KE (20-12-2024)\n- Berau: Rapat koordinasi desa (16-12-2024)")
	mustContain(t, texts(h.press(adminID, "Admin", "Kirim notulen")), "Notulen rapat #1 terkirim")

	// Admin: Selesai, then /notulen 2: the next message is the minutes.
	h.say(adminID, "Admin", "/tindaklanjut")
	mustContain(t, texts(h.press(adminID, "Admin", "Selesai 2")), "Tulis catatan singkat", "Samarinda")
	mustContain(t, texts(h.say(adminID, "Admin", "/notulen 2")), "Tugas belum ditandai selesai; tekan Selesai lagi bila perlu.", "Notulen rapat #2")
	got := texts(h.say(adminID, "Admin", "Keputusan: Evaluasi diteruskan\nRapat ditutup pukul 11.00"))
	mustContain(t, got, "Pratinjau notulen rapat #2", "Evaluasi diteruskan")
	if strings.Contains(got, "Catatan cukup satu baris") {
		t.Fatalf("the minutes were read as a Selesai note:\n%s", got)
	}
	// Symmetric: Ubah (minutes wanted), then Selesai: the newest, the
	// Selesai, takes the next message; the minutes come after it.
	h.press(adminID, "Admin", "Ubah")
	h.say(adminID, "Admin", "/tindaklanjut")
	mustContain(t, texts(h.press(adminID, "Admin", "Selesai 2")), "Tulis catatan singkat", "Samarinda")
	mustContain(t, texts(h.say(adminID, "Admin", "Sudah diverifikasi 480 KK")), "Tindak lanjut selesai", "Sudah diverifikasi 480 KK")
	mustContain(t, texts(h.say(adminID, "Admin", "Keputusan: Evaluasi diteruskan tahun depan")), "Pratinjau notulen rapat #2", "tahun depan")

	// Coordinator: Selesai pressed, then a /lapor follow-up button: the
	// form goes on and its answer is no note.
	mustContain(t, texts(h.say(berauID, "Bayu", "/lapor")), "Tugas dari rapat: 'Rapat koordinasi desa' — sudah selesai?")
	h.say(berauID, "Bayu", "/tindaklanjut")
	mustContain(t, texts(h.press(berauID, "Bayu", "Selesai 1")), "Tulis catatan singkat")
	mustContain(t, texts(h.press(berauID, "Bayu", "Masih berjalan")), "Tugas belum ditandai selesai")
	mustContain(t, texts(h.press(berauID, "Bayu", "Tanpa catatan")), "Langkah 1/7")
	got = texts(h.say(berauID, "Bayu", "Sosialisasi DTSEN di 3 kelurahan"))
	mustContain(t, got, "Langkah 2/7")
	if strings.Contains(got, "Tindak lanjut selesai") {
		t.Fatalf("the form answer closed the task:\n%s", got)
	}
	// Selesai pressed mid-form is the newest: its note, then the form.
	h.say(berauID, "Bayu", "/tindaklanjut")
	mustContain(t, texts(h.press(berauID, "Bayu", "Selesai 1")), "Tulis catatan singkat")
	mustContain(t, texts(h.say(berauID, "Bayu", "Rapat digelar di balai desa")), "Tindak lanjut selesai", "Rapat digelar di balai desa")
	mustContain(t, texts(h.say(berauID, "Bayu", "12")), "Langkah 3/7")
}

// TestLaporCountsFollowUpsAndNamesTheKendalaWeek: the opening line counts
// the follow-up questions, and a kendala older than last week says its
// week instead of "Minggu lalu".
func TestLaporCountsFollowUpsAndNamesTheKendalaWeek(t *testing.T) {
	h := newHarness(t) // Wednesday of 2024-W50
	joinBerau(t, h)
	mustContain(t, texts(h.say(berauID, "Bayu", "/lapor")), "Jawab 7 pertanyaan berikut.", "Langkah 1/7")
	submitForm(t, h, berauID, "Bayu", "Verifikasi P3KE", "12", "0", "Sinyal lemah di pedalaman", "Rapat lanjutan")

	h.clock.Set(time.Date(2024, 12, 24, 10, 0, 0, 0, wita)) // 2024-W52: W50 is two weeks back
	got := texts(h.say(berauID, "Bayu", "/lapor"))
	mustContain(t, got, "Jawab 1 pertanyaan tindak lanjut, lalu 7 pertanyaan laporan.",
		"Tindak lanjut 1/1 — Minggu 50 (9 Des 2024): 'Sinyal lemah di pedalaman' — sudah teratasi?")
	if strings.Contains(got, "Minggu lalu") {
		t.Fatalf("a kendala of two weeks ago is called last week's:\n%s", got)
	}
}
