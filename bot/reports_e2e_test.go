package main

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var inviteRe = regexp.MustCompile(`/daftar ([A-Z2-7]{16})`)

// invite has the admin create a code and returns it.
func invite(t *testing.T, h *harness, args string) string {
	t.Helper()
	got := texts(h.say(adminID, "Admin", "/undang "+args))
	m := inviteRe.FindStringSubmatch(got)
	if m == nil {
		t.Fatalf("no invite code in:\n%s", got)
	}
	mustContain(t, got, "https://t.me/tkpk_kaltim_bot?start="+m[1])
	return m[1]
}

const coordID = 601

func joinCoordinator(t *testing.T, h *harness, region string) {
	t.Helper()
	code := invite(t, h, region)
	got := texts(h.say(coordID, "Sari", "/start "+code))
	mustContain(t, got, "Selamat datang, Sari!", "koordinator")
}

// coordinatorHarness is a fresh bot where Sari has joined as region's
// coordinator, the start of most tests of the coordinators' commands.
func coordinatorHarness(t *testing.T, region string) *harness {
	t.Helper()
	h := newHarness(t)
	joinCoordinator(t, h, region)
	return h
}

func TestInviteJoinReportRecapEndToEnd(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")

	mustContain(t, texts(h.say(coordID, "Sari", "/lapor")), "Laporan mingguan Kota Samarinda", "Langkah 1/7", "Kegiatan minggu ini")
	// every step refuses one bad answer and re-asks the same step
	steps := []struct{ bad, wantErr, good, next string }{
		{"-", "wajib diisi", "Verifikasi DTSEN di 3 kelurahan & rapat <b>Dinsos</b>", "Langkah 2/7"},
		{"banyak", "angka", "1.250", "Langkah 3/7"},
		{"sejuta", "", "1,25 jt", "Langkah 4/7"},
		{strings.Repeat("x", 2001), "terlalu panjang", "-", "Langkah 5/7"},
		{"", "", "Pendataan lanjutan di Sungai Kunjang", "Langkah 6/7"},
	}
	for i, s := range steps {
		if s.bad != "" {
			got := texts(h.say(coordID, "Sari", s.bad))
			mustContain(t, got, "⚠️", "Langkah "+string(rune('1'+i))+"/7")
			if s.wantErr != "" {
				mustContain(t, got, s.wantErr)
			}
		}
		mustContain(t, texts(h.say(coordID, "Sari", s.good)), s.next)
	}
	chooseDefaults(t, h, coordID, "Sari")
	sum := lastText(h.fake.Messages(coordID))
	mustContain(t, sum, "1.250 KK", "Rp1.250.000", "<b>Dinsos</b>") // user's tags shown literally
	h.press(coordID, "Sari", "Kirim")
	mustContain(t, lastText(h.fake.Messages(coordID)), "Laporan Kota Samarinda terkirim")

	rekap := texts(h.say(adminID, "Admin", "/rekap"))
	mustContain(t, rekap, "Samarinda — ✅ terkirim, Rabu, 11 Desember 2024 pukul 10.00 WITA",
		"Bontang — ⬜ belum", "1 dari 10 wilayah (10%)", "1.250 KK", "Rp1.250.000")
}

func TestDoubleKirimStoresOneReport(t *testing.T) {
	h := coordinatorHarness(t, "Berau")
	fillForm(t, h)
	msgs := h.fake.Messages(coordID)
	sum := msgs[len(msgs)-1]
	var kirim string
	for _, b := range sum.ReplyMarkup.InlineKeyboard[0] {
		if strings.Contains(b.Text, "Kirim") {
			kirim = b.CallbackData
		}
	}
	a := h.fake.PressButtonByID(coordID, sum.ID, kirim)
	b := h.fake.PressButtonByID(coordID, sum.ID, kirim)
	h.settle(a)
	h.settle(b)
	h.restart()
	h.fake.PushDuplicate(a)
	mustContain(t, texts(h.say(adminID, "Admin", "/rekap")), "Berau — ✅ terkirim", "1 dari 10 wilayah")
	reports, err := h.app.db.RegionReports(t.Context(), "6405", 10)
	if err != nil || len(reports) != 1 || reports[0].Version != 1 {
		t.Fatalf("reports = %+v, %v", reports, err)
	}
	if n := strings.Count(texts(h.fake.Messages(coordID)), "Laporan Kabupaten Berau terkirim"); n != 1 {
		t.Fatalf("confirmation shown %d times, want once (the summary edited in place)", n)
	}
}

func fillForm(t *testing.T, h *harness) {
	t.Helper()
	h.say(coordID, "Sari", "/lapor")
	fillFormAnswers(t, h)
}

func TestFormSurvivesRestart(t *testing.T) {
	h := coordinatorHarness(t, "Paser")
	h.say(coordID, "Sari", "/lapor")
	h.say(coordID, "Sari", "Sosialisasi program")
	h.say(coordID, "Sari", "25")
	h.restart()
	mustContain(t, texts(h.say(coordID, "Sari", "Rp500.000")), "Langkah 4/7")
	h.say(coordID, "Sari", "-")
	mustContain(t, texts(h.say(coordID, "Sari", "Rapat evaluasi")), "Langkah 6/7")
	chooseDefaults(t, h, coordID, "Sari")
	mustContain(t, lastText(h.fake.Messages(coordID)), "Sosialisasi program", "25 KK", "Rp500.000")
}

func TestFormExpiresAfterADay(t *testing.T) {
	h := coordinatorHarness(t, "Bontang")
	h.say(coordID, "Sari", "/lapor")
	h.clock.Advance(25 * time.Hour)
	mustContain(t, texts(h.say(coordID, "Sari", "Kegiatan")), "kedaluwarsa", "/lapor")
	mustContain(t, texts(h.say(coordID, "Sari", "Kegiatan")), "belum paham")
}

func TestResubmitIsRevisionAndLateIsMarked(t *testing.T) {
	h := coordinatorHarness(t, "Kutai Timur")
	fillForm(t, h)
	h.press(coordID, "Sari", "Kirim")
	h.clock.Set(time.Date(2024, 12, 14, 9, 0, 0, 0, wita)) // Saturday, after Friday 16:00
	mustContain(t, texts(h.say(coordID, "Sari", "/lapor")), "sudah dikirim oleh Anda")
	h.press(coordID, "Sari", "Revisi laporan ini")
	h.press(coordID, "Sari", "Kirim")
	mustContain(t, lastText(h.fake.Messages(coordID)), "revisi ke-1", "terlambat")
	mustContain(t, texts(h.say(adminID, "Admin", "/rekap 2024-W50")), "Kutai Timur — 🔁 revisi, Sabtu, 14 Desember 2024 pukul 09.00 WITA (terlambat)")
	mustContain(t, texts(h.say(coordID, "Sari", "/laporanku")), "revisi")
}

func TestRefusals(t *testing.T) {
	h := newHarness(t)
	mustContain(t, texts(h.say(77, "Budi", "/lapor")), "hanya untuk anggota TKPK")
	mustContain(t, texts(h.say(77, "Budi", "/rekap")), "hanya untuk anggota TKPK")
	mustContain(t, texts(h.say(77, "Budi", "/daftar AAAAAAAAAAAAAAAA")), "tidak dikenal")

	code := invite(t, h, "Balikpapan pengamat")
	h.clock.Advance(8 * 24 * time.Hour)
	mustContain(t, texts(h.say(77, "Budi", "/daftar "+code)), "kedaluwarsa")

	code = invite(t, h, "Balikpapan pengamat")
	mustContain(t, texts(h.say(77, "Budi", "/daftar "+strings.ToLower(code))), "pengamat")
	mustContain(t, texts(h.say(78, "Ani", "/daftar "+code)), "sudah dipakai")
	mustContain(t, texts(h.say(77, "Budi", "/lapor")), "hanya untuk koordinator")
	mustContain(t, texts(h.say(77, "Budi", "/undang Berau")), "hanya untuk admin")
	mustContain(t, texts(h.say(77, "Budi", "/rekap")), "Rekap laporan mingguan")

	mustContain(t, texts(h.say(adminID, "Admin", "/anggota")), "Kota Balikpapan", "Budi — pengamat, ID 77")
	mustContain(t, texts(h.say(adminID, "Admin", "/cabut 77")), "sudah dicabut")
	mustContain(t, texts(h.say(77, "Budi", "/rekap")), "hanya untuk anggota TKPK")
}

func TestExportHoldsSubmittedValues(t *testing.T) {
	h := coordinatorHarness(t, "Mahulu")
	sendReport(t, h, coordID, "Sari", "=HYPERLINK(\"http://x\") kegiatan", "1.250", "Rp2.500.000", "Jalan rusak", "Distribusi bantuan")
	h.say(adminID, "Admin", "/ekspor")
	docs := h.fake.CallsTo("sendDocument")
	if len(docs) != 1 {
		t.Fatalf("sendDocument calls = %d", len(docs))
	}
	file := lastDocument(t, h)
	if !strings.HasSuffix(file.Name, ".xlsx") {
		t.Fatalf("file name %q", file.Name)
	}
	wb := openWorkbook(t, file.Data)
	rows, err := wb.GetRows("Laporan")
	if err != nil || len(rows) != 2 {
		t.Fatalf("rows = %v, %v", rows, err)
	}
	line := strings.Join(rows[1], "|")
	mustContain(t, line, "Mahakam Ulu", "6411", "2024-W50", "=HYPERLINK", "Jalan rusak", "Distribusi bantuan")
	if v, _ := wb.GetCellValue("Laporan", "G2", excelize.Options{RawCellValue: true}); v != "2500000" {
		t.Fatalf("budget cell = %q", v)
	}
	h.say(adminID, "Admin", "/ekspor csv")
	if docs := h.fake.CallsTo("sendDocument"); len(docs) != 2 {
		t.Fatalf("csv not sent")
	}
}

func TestAdminDaysOffMoveTheDeadlineForLateness(t *testing.T) {
	h := coordinatorHarness(t, "Paser")
	mustContain(t, texts(h.say(adminID, "Admin", "/libur 2024-12-13 Cuti daerah")), "2024")
	h.clock.Set(time.Date(2024, 12, 13, 9, 0, 0, 0, wita)) // Friday, now off: deadline was Thursday 16:00
	mustContain(t, texts(h.say(coordID, "Sari", "/lapor")), "Kamis, 12 Desember 2024 pukul 16.00 WITA")
	fillFormAnswers(t, h)
	h.press(coordID, "Sari", "Kirim")
	mustContain(t, lastText(h.fake.Messages(coordID)), "terlambat")

	mustContain(t, texts(h.say(adminID, "Admin", "/libur 2024-W51 Cuti bersama")), "2024")
	h.clock.Set(time.Date(2024, 12, 22, 9, 0, 0, 0, wita)) // Sunday of the week off
	mustContain(t, texts(h.say(coordID, "Sari", "/lapor")), "Minggu ini libur")
	fillFormAnswers(t, h)
	h.press(coordID, "Sari", "Kirim")
	if got := lastText(h.fake.Messages(coordID)); strings.Contains(got, "terlambat") {
		t.Fatalf("report in a week off marked late:\n%s", got)
	}
}

func fillFormAnswers(t *testing.T, h *harness) {
	t.Helper()
	answerForm(t, h, coordID, "Sari", "Kegiatan rutin pendataan", "10", "0", "-", "Lanjut pendataan")
}

func TestSubmittedReportIsPostedToReportChat(t *testing.T) {
	const group = -1009876
	h := newHarness(t, func(c *Config) { c.ReportChatID = group })
	joinCoordinator(t, h, "Kutai Barat")
	fillForm(t, h)
	h.press(coordID, "Sari", "Kirim")
	msgs := h.fake.Messages(group)
	if len(msgs) != 1 {
		t.Fatalf("group got %d messages", len(msgs))
	}
	mustContain(t, msgs[0].Text, "Laporan mingguan Kabupaten Kutai Barat", "Oleh Sari", "Kegiatan rutin pendataan", "10 KK")
}

func TestExportRecapSheetShowsEveryRegionAndWeek(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")
	fillForm(t, h)
	h.press(coordID, "Sari", "Kirim")
	h.say(adminID, "Admin", "/ekspor 2024-W49 2024-W50")
	docs := h.fake.CallsTo("sendDocument")
	if len(docs) != 1 {
		t.Fatalf("sendDocument calls = %d", len(docs))
	}
	mustContain(t, sheetText(t, openWorkbook(t, lastDocument(t, h).Data), "Rekap"), "2024-W49", "2024-W50", "Samarinda|belum|terkirim", "Bontang|belum|belum")
}

// TestAnswersSentBackToBackApplyInOrder sends all five answers without
// waiting: per-chat ordering must apply them to steps 1..5 in turn.
func TestAnswersSentBackToBackApplyInOrder(t *testing.T) {
	h := coordinatorHarness(t, "Berau")
	h.say(coordID, "Sari", "/lapor")
	var last int64
	for _, a := range []string{"Kegiatan pertama", "77", "Rp300.000", "Tidak ada", "Rencana berikut"} {
		last = h.fake.SendText(coordID, "Sari", a)
	}
	h.settle(last)
	chooseDefaults(t, h, coordID, "Sari")
	mustContain(t, lastText(h.fake.Messages(coordID)), "Kegiatan pertama", "77 KK", "Rp300.000", "Tidak ada", "Rencana berikut")
}

// TestAnswerRedeliveredAfterCrashIsNotAppliedTwiceButAskedAgain replays
// the crash window: the answer was saved but the process died before the
// update was recorded (or the next question sent). The redelivery must
// not apply it to the next step, and must show the next question.
func TestAnswerRedeliveredAfterCrashIsNotAppliedTwiceButAskedAgain(t *testing.T) {
	h := coordinatorHarness(t, "Paser")
	h.say(coordID, "Sari", "/lapor")
	id := h.fake.SendText(coordID, "Sari", "Sosialisasi program")
	h.settle(id)
	if _, err := h.app.db.Pool.Exec(t.Context(), `DELETE FROM processed_updates WHERE update_id = $1`, id); err != nil {
		t.Fatal(err)
	}
	h.restart()
	before := len(h.fake.Messages(coordID))
	h.fake.PushDuplicate(id)
	h.say(coordID, "Sari", "/laporanku") // handled after the redelivery
	replies := texts(h.fake.Messages(coordID)[before:])
	mustContain(t, replies, "Langkah 2/7")
	f, err := h.app.db.Form(t.Context(), coordID)
	if err != nil || f.Step != 2 || f.Draft.Activities != "Sosialisasi program" {
		t.Fatalf("form after redelivery: step %d, %+v, %v", f.Step, f.Draft, err)
	}
}
