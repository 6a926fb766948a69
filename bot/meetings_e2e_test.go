package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"tkpkbot/internal/telegramtest"
)

const groupID = -1001234567890

// sweep runs the reminder sweep now and waits for it, so a test sees what
// the minute tick would have sent.
func (h *harness) sweep() {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := h.app.sched.RunNow(ctx, "reminders"); err != nil {
		h.t.Fatalf("reminder sweep: %v", err)
	}
}

// restartSendsNothing restarts the bot and sweeps: whatever was due has
// been sent and recorded, so nothing goes out again.
func (h *harness) restartSendsNothing() {
	h.t.Helper()
	before := len(h.fake.CallsTo("sendMessage"))
	h.restart()
	h.sweep()
	if after := len(h.fake.CallsTo("sendMessage")); after != before {
		h.t.Fatalf("restart sent %d more messages", after-before)
	}
}

// botTexts is every bot message in chat, oldest first.
func (h *harness) botTexts(chat int64) string { return texts(h.fake.Messages(chat)) }

// lastAnswer is the text of the latest answerCallbackQuery (the toast).
func (h *harness) lastAnswer() string {
	calls := h.fake.CallsTo("answerCallbackQuery")
	if len(calls) == 0 {
		return ""
	}
	return calls[len(calls)-1].Params["text"]
}

func count(s, sub string) int { return strings.Count(s, sub) }

func joinPengamat(t *testing.T, h *harness, id int64, name, region string) {
	t.Helper()
	code := invite(t, h, region+" pengamat")
	mustContain(t, texts(h.say(id, name, "/daftar "+code)), "pengamat")
}

func TestMeetingAnnounceRSVPCancelAttendance(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.ReportChatID = groupID })
	joinCoordinator(t, h, "Samarinda")
	joinPengamat(t, h, 77, "Budi", "Berau")

	got := texts(h.say(adminID, "Admin", "/rapat_baru 2024-12-16 09:00 Rakor TKPK <kabupaten/kota> | Kantor Gubernur Kaltim"))
	mustContain(t, got, "Rapat #1 dijadwalkan", "Rakor TKPK <kabupaten/kota>", "Senin, 16 Desember 2024 pukul 09.00 WITA",
		"Kantor Gubernur Kaltim", "grup laporan")
	h.sweep()
	for _, chat := range []int64{adminID, coordID, 77, groupID} {
		msgs := h.fake.Messages(chat)
		if n := count(texts(msgs), "Undangan rapat"); n != 1 {
			t.Fatalf("chat %d got %d announcements:\n%s", chat, n, texts(msgs))
		}
	}
	ann := h.botTexts(coordID)
	mustContain(t, ann, "Rakor TKPK <kabupaten/kota>", "Senin, 16 Desember 2024 pukul 09.00 WITA", "📍 Kantor Gubernur Kaltim")

	// RSVP: a toast, idempotent, and changeable.
	h.press(coordID, "Sari", "Hadir")
	mustContain(t, h.lastAnswer(), "Tercatat: Hadir")
	h.press(coordID, "Sari", "Hadir")
	mustContain(t, h.lastAnswer(), "sudah tercatat: Hadir")
	h.press(77, "Budi", "Tidak hadir")
	h.press(77, "Budi", "Belum pasti")
	mustContain(t, h.lastAnswer(), "Tercatat: Belum pasti")

	// The calendar file is one tap away.
	h.press(coordID, "Sari", "Tambah ke kalender")
	docs := h.fake.CallsTo("sendDocument")
	if len(docs) != 1 {
		t.Fatalf("sendDocument calls = %d", len(docs))
	}
	for _, f := range docs[0].Files {
		mustContain(t, f.Name, "rapat-1.ics")
		mustContain(t, string(f.Data), "BEGIN:VCALENDAR", "UID:meeting-1@", "TZID:Asia/Makassar",
			"DTSTART;TZID=Asia/Makassar:20241216T090000", "SUMMARY:Rakor TKPK <kabupaten/kota>")
	}

	mustContain(t, texts(h.say(coordID, "Sari", "/rapat")), "#1 Rakor TKPK", "Jawaban Anda: Hadir")
	mustContain(t, texts(h.say(77, "Budi", "/rapat")), "Jawaban Anda: Belum pasti")
	hadir := texts(h.say(adminID, "Admin", "/hadir 1"))
	mustContain(t, hadir, "Kehadiran rapat #1", "Total: ✅ 1 · ❌ 0 · ❔ 1 · ⬜ 1",
		"Kota Samarinda: ✅ 1 · ❌ 0 · ❔ 0 · ⬜ 0", "hadir: Sari", "Kabupaten Berau: ✅ 0 · ❌ 0 · ❔ 1 · ⬜ 0")
	mustContain(t, texts(h.say(coordID, "Sari", "/hadir 1")), "hanya untuk admin")
	mustContain(t, texts(h.say(adminID, "Admin", "/hadir 9")), "Rapat #9 tidak ditemukan")

	// Cancelling tells everyone, the group included, once.
	mustContain(t, texts(h.say(adminID, "Admin", "/rapat_batal 1")), "Rapat #1 dibatalkan")
	h.sweep()
	for _, chat := range []int64{adminID, coordID, 77, groupID} {
		if n := count(h.botTexts(chat), "Rapat dibatalkan"); n != 1 {
			t.Fatalf("chat %d got %d cancellations", chat, n)
		}
	}
	mustContain(t, texts(h.say(adminID, "Admin", "/rapat_batal 1")), "sudah dibatalkan sebelumnya")
	h.press(coordID, "Sari", "Tidak hadir")
	mustContain(t, h.lastAnswer(), "sudah dibatalkan")
	mustContain(t, texts(h.say(coordID, "Sari", "/rapat")), "Belum ada rapat")
	h.restartSendsNothing()
}

func TestRapatBaruRefusals(t *testing.T) {
	h := coordinatorHarness(t, "Bontang")
	cases := []struct{ args, want string }{
		{"", "Tulis tanggal, jam (WITA) dan judul rapatnya"},
		{"2024-12-10 09:00 Rakor", "sudah lewat"},
		{"2024-12-11 09:59 Rakor", "sudah lewat"},
		{"2024-02-30 09:00 Rakor", "Tanggal 30 Februari 2024 tidak ada"},
		{"2025-02-29 09:00 Rakor", "Februari 2025 hanya sampai tanggal 28"},
		{"2024-12-16 09:00", "Judul rapat belum ditulis"},
		{"2024-12-16 09:00 | Kantor Gubernur", "Judul rapat belum ditulis"},
		{"2024-12-16 Rakor", "format jam:menit"},
		{"16 Desember 09:00 Rakor", "Tulis tanggalnya"},
	}
	for _, c := range cases {
		got := texts(h.say(adminID, "Admin", "/rapat_baru "+c.args))
		mustContain(t, got, "⚠️", c.want, "Contoh:", "/rapat_baru 2024-12-16 09:00 Rakor TKPK kabupaten/kota | Kantor Gubernur Kaltim")
	}
	mustContain(t, texts(h.say(coordID, "Sari", "/rapat_baru 2024-12-16 09:00 Rakor")), "hanya untuk admin")
	h.sweep()
	if n := count(h.botTexts(coordID), "Undangan rapat"); n != 0 {
		t.Fatalf("a refused meeting was announced")
	}
	mustContain(t, texts(h.say(77, "Budi", "/rapat")), "hanya untuk anggota TKPK")
	mustContain(t, texts(h.say(adminID, "Admin", "/bantuan")), "/rapat_baru", "/rapat_batal", "/hadir", "/libur", "/pengingat")
}

func TestLiburMarksWeekOffAndRekapShowsIt(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")
	got := texts(h.say(adminID, "Admin", "/libur 2024-W50 Cuti bersama <akhir> tahun"))
	mustContain(t, got, "Minggu 50/2024 (9–15 Des 2024) ditandai libur (#1) — Cuti bersama <akhir> tahun")
	mustContain(t, texts(h.say(adminID, "Admin", "/libur 2024-W50")), "sudah ditandai libur")
	mustContain(t, texts(h.say(adminID, "Admin", "/libur 2024-12-28")), "hari Sabtu")
	// A day off moves next week's deadline from Friday 20 to Thursday 19.
	mustContain(t, texts(h.say(adminID, "Admin", "/libur 20-12-2024 Hari libur daerah")),
		"Jumat, 20 Desember 2024 ditandai libur (#", "Tenggat laporan minggu itu: Kamis, 19 Desember 2024 pukul 16.00 WITA")
	list := texts(h.say(adminID, "Admin", "/libur"))
	mustContain(t, list, "#1 Minggu 50/2024", " Jumat, 20 Desember 2024 — Hari libur daerah", "25 Desember")

	rekap := texts(h.say(adminID, "Admin", "/rekap"))
	mustContain(t, rekap, "🏖 Minggu libur (Cuti bersama <akhir> tahun)", "Samarinda — 🏖 libur")
	if strings.Contains(rekap, "⬜ belum") {
		t.Fatalf("a week off still counts regions as missing:\n%s", rekap)
	}
	mustContain(t, texts(h.say(adminID, "Admin", "/rekap minggu depan")), "Tenggat: Kamis, 19 Desember 2024 pukul 16.00 WITA", "Samarinda — ⬜ belum")

	// No report reminders nor summary in the week off.
	for _, ts := range []time.Time{time.Date(2024, 12, 12, 16, 0, 0, 0, wita), time.Date(2024, 12, 13, 13, 0, 0, 0, wita), time.Date(2024, 12, 13, 16, 30, 0, 0, wita)} {
		h.clock.Set(ts)
		h.sweep()
	}
	if strings.Contains(h.botTexts(coordID), "Pengingat laporan") || strings.Contains(h.botTexts(adminID), "Tenggat laporan lewat") {
		t.Fatalf("reminders went out in a week off:\n%s\n%s", h.botTexts(coordID), h.botTexts(adminID))
	}
	// Next week, with its moved deadline, reminds again.
	h.clock.Set(time.Date(2024, 12, 18, 16, 0, 0, 0, wita))
	h.sweep()
	mustContain(t, h.botTexts(coordID), "Pengingat laporan mingguan", "Tenggat: Kamis, 19 Desember 2024 pukul 16.00 WITA")

	mustContain(t, texts(h.say(adminID, "Admin", "/libur_hapus 1")), "Tanda libur #1", "dihapus")
	mustContain(t, texts(h.say(adminID, "Admin", "/libur_hapus 1")), "tidak ditemukan")
	mustContain(t, texts(h.say(coordID, "Sari", "/libur 2024-W51")), "hanya untuk admin")
}

func TestPengingatOffStopsReminders(t *testing.T) {
	h := coordinatorHarness(t, "Paser")
	mustContain(t, texts(h.say(coordID, "Sari", "/pengingat")), "menyala")
	mustContain(t, texts(h.say(coordID, "Sari", "/pengingat off")), "dimatikan", "/pengingat on")
	mustContain(t, texts(h.say(coordID, "Sari", "/pengingat")), "mati")
	mustContain(t, texts(h.say(adminID, "Admin", "/anggota")), "🔕")

	// A meeting: the muted person still gets the invitation, not reminders.
	h.say(adminID, "Admin", "/rapat_baru 2024-12-13 10:00 Evaluasi")
	h.sweep()
	h.clock.Set(time.Date(2024, 12, 12, 10, 0, 0, 0, wita)) // 24 h before
	h.sweep()
	h.clock.Set(time.Date(2024, 12, 12, 16, 0, 0, 0, wita)) // report reminder due
	h.sweep()
	got := h.botTexts(coordID)
	mustContain(t, got, "Undangan rapat")
	if strings.Contains(got, "Pengingat rapat —") || strings.Contains(got, "Pengingat laporan mingguan") {
		t.Fatalf("muted person got a reminder:\n%s", got)
	}
	mustContain(t, h.botTexts(adminID), "Pengingat rapat — 24 jam lagi")

	mustContain(t, texts(h.say(coordID, "Sari", "/pengingat on")), "dinyalakan")
	h.clock.Set(time.Date(2024, 12, 13, 13, 0, 0, 0, wita)) // 3 h before the deadline
	h.sweep()
	if n := count(h.botTexts(coordID), "Pengingat laporan mingguan"); n != 1 {
		t.Fatalf("after /pengingat on: %d report reminders", n)
	}
}

func Test403MarksPersonUnreachable(t *testing.T) {
	h := coordinatorHarness(t, "Berau")
	// Sari blocks the bot: every message to her chat now answers 403.
	h.fake.SetHandler("sendMessage", func(c telegramtest.Call) (any, *telegramtest.APIError) {
		if c.Params["chat_id"] == "601" {
			return nil, &telegramtest.APIError{Code: 403, Description: "Forbidden: bot was blocked by the user"}
		}
		return nil, nil
	})
	h.say(adminID, "Admin", "/rapat_baru 2024-12-16 09:00 Rakor")
	h.sweep()
	h.sweep()
	tries := 0
	for _, c := range h.fake.CallsTo("sendMessage") {
		if c.Params["chat_id"] == "601" && strings.Contains(c.Params["text"], "Undangan rapat") {
			tries++
		}
	}
	if tries != 1 {
		t.Fatalf("403 retried: %d sends to the blocked chat", tries)
	}
	mustContain(t, texts(h.say(adminID, "Admin", "/anggota")), "Sari — koordinator, ID 601 ⚠️ tidak bisa dihubungi")
	// Further reminders skip her instead of hammering Telegram.
	h.clock.Set(time.Date(2024, 12, 15, 9, 0, 0, 0, wita))
	h.sweep()
	for _, c := range h.fake.CallsTo("sendMessage")[1:] {
		if c.Params["chat_id"] == "601" && strings.Contains(c.Params["text"], "Pengingat") {
			t.Fatal("reminder sent to an unreachable person")
		}
	}
}

func Test429IsRetriedWithTheSameMessage(t *testing.T) {
	h := coordinatorHarness(t, "Kutai Timur")
	first := true
	h.fake.SetHandler("sendMessage", func(c telegramtest.Call) (any, *telegramtest.APIError) {
		if c.Params["chat_id"] == "601" && strings.Contains(c.Params["text"], "Undangan rapat") && first {
			first = false
			return nil, &telegramtest.APIError{Code: 429, RetryAfter: 1}
		}
		return nil, nil
	})
	h.say(adminID, "Admin", "/rapat_baru 2024-12-16 09:00 Rakor")
	h.sweep()
	var to601 []telegramtest.Call
	for _, c := range h.fake.CallsTo("sendMessage") {
		if c.Params["chat_id"] == "601" && strings.Contains(c.Params["text"], "Undangan rapat") {
			to601 = append(to601, c)
		}
	}
	if len(to601) != 2 || to601[0].Err == nil || to601[0].Err.Code != 429 || to601[1].Err != nil {
		t.Fatalf("calls to the rate-limited chat: %+v", to601)
	}
	if wait := to601[1].At.Sub(to601[0].At); wait < time.Second {
		t.Fatalf("retried after %v, before retry_after", wait)
	}
	if to601[0].Params["text"] != to601[1].Params["text"] {
		t.Fatal("the retry changed the message")
	}
	if n := count(h.botTexts(coordID), "Undangan rapat"); n != 1 {
		t.Fatalf("announcements arrived: %d", n)
	}
}

// Reminders due while the bot was stopped go out at start-up if still
// relevant, and are dropped (with a log line) if their event has passed.
func TestRemindersCaughtUpOrDroppedAtRestart(t *testing.T) {
	h := coordinatorHarness(t, "Balikpapan")
	h.say(adminID, "Admin", "/rapat_baru 2024-12-12 09:00 Rakor pagi")    // 2 h reminder Thu 07:00
	h.say(adminID, "Admin", "/rapat_baru 2024-12-11 14:00 Rapat singkat") // 2 h reminder Wed 12:00
	h.sweep()
	h.stop()

	// Down from Wednesday 10:00 to 15:00: "Rapat singkat" has happened.
	h.clock.Set(time.Date(2024, 12, 11, 15, 0, 0, 0, wita))
	h.start()
	h.sweep()
	if strings.Contains(h.botTexts(coordID), "Pengingat rapat") {
		t.Fatalf("stale reminder sent:\n%s", h.botTexts(coordID))
	}
	// Down again until Thursday 08:00: the 2 h reminder of "Rakor pagi"
	// is late but still useful, and says how long is really left.
	h.stop()
	mustContain(t, h.logs.String(), "reminder dropped", "reason=\"sudah lewat\"")
	h.clock.Set(time.Date(2024, 12, 12, 8, 0, 0, 0, wita))
	h.start()
	h.sweep()
	got := h.botTexts(coordID)
	if n := count(got, "Pengingat rapat — 1 jam lagi"); n != 1 {
		t.Fatalf("late reminder arrived %d times:\n%s", n, got)
	}
	mustContain(t, got, "Rakor pagi")

	// Report reminders: down from Thursday 15:00 to Friday 14:00, so the
	// 24 h and the 3 h reminder are both due; one message, not two.
	h.stop()
	h.clock.Set(time.Date(2024, 12, 13, 14, 0, 0, 0, wita))
	h.start()
	h.sweep()
	h.sweep()
	if n := count(h.botTexts(coordID), "Pengingat laporan mingguan"); n != 1 {
		t.Fatalf("report reminders after the outage: %d", n)
	}
	// Down over the deadline until Saturday: the summary still comes once.
	h.stop()
	h.clock.Set(time.Date(2024, 12, 14, 9, 0, 0, 0, wita))
	h.start()
	h.sweep()
	h.restart()
	h.sweep()
	if n := count(h.botTexts(adminID), "Tenggat laporan lewat"); n != 1 {
		t.Fatalf("summaries: %d", n)
	}
	mustContain(t, h.botTexts(adminID), "Belum melapor (10 dari 10 wilayah)")
}

// TestAnnouncementGoesOutAtOnce waits for the announcement without
// running a sweep: the NOTIFY from /rapat_baru wakes the sweeper, so
// nobody waits for the minute tick.
func TestAnnouncementGoesOutAtOnce(t *testing.T) {
	h := newHarness(t)
	n := len(h.fake.Messages(adminID))
	h.say(adminID, "Admin", "/rapat_baru 2024-12-16 09:00 Rakor")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	msgs, err := h.fake.WaitMessages(ctx, adminID, n+2)
	if err != nil {
		t.Fatalf("announcement did not arrive without a sweep: %v", err)
	}
	var ann *models.Message
	for _, m := range msgs {
		if strings.Contains(m.Text, "Undangan rapat") {
			ann = &m
		}
	}
	if ann == nil {
		t.Fatal("no announcement")
	}
	if got := strings.Join(buttonTexts(*ann), "|"); got != "✅ Hadir|❌ Tidak hadir|❔ Belum pasti|📅 Tambah ke kalender" {
		t.Fatalf("buttons = %s", got)
	}
}
