package main

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"
)

// buttonData is the callback data of the button labelled text on m.
func buttonData(t *testing.T, m models.Message, text string) string {
	t.Helper()
	if m.ReplyMarkup != nil {
		for _, row := range m.ReplyMarkup.InlineKeyboard {
			for _, b := range row {
				if b.Text == text {
					return b.CallbackData
				}
			}
		}
	}
	t.Fatalf("no button %q on %q", text, m.Text)
	return ""
}

func (h *harness) meetingCount() int {
	h.t.Helper()
	var n int
	if err := h.app.db.Pool.QueryRow(h.t.Context(), `SELECT count(*) FROM meetings`).Scan(&n); err != nil {
		h.t.Fatal(err)
	}
	return n
}

// TestRapatBaruOnAHolidayAsksFirst: a meeting on Christmas is created
// only after "Ya, tetap jadwalkan", exactly as it would have been on a
// working day, once however often the button or the command arrives.
func TestRapatBaruOnAHolidayAsksFirst(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")
	id := h.fake.SendText(adminID, "Admin", "/rapat_baru 2024-12-25 09:00 Rakor <akhir> tahun | Kantor Gubernur")
	h.settle(id)
	msgs := h.fake.Messages(adminID)
	q := msgs[len(msgs)-1]
	mustContain(t, q.Text, "⚠️ Rabu, 25 Desember 2024 adalah hari libur nasional: Hari Raya Natal.", "Tetap jadwalkan rapat ini?",
		"Rakor <akhir> tahun", "Rabu, 25 Desember 2024 pukul 09.00 WITA", "Kantor Gubernur")
	if got := strings.Join(buttonTexts(q), "|"); got != "Ya, tetap jadwalkan|Batal" {
		t.Fatalf("buttons = %s", got)
	}
	ya := buttonData(t, q, "Ya, tetap jadwalkan")
	if len(ya) > 64 {
		t.Fatalf("button data %q exceeds 64 bytes", ya)
	}
	h.sweep()
	if n := h.meetingCount(); n != 0 || strings.Contains(h.botTexts(coordID), "Undangan rapat") {
		t.Fatalf("asked, yet %d meetings exist or invitations went out", n)
	}

	// Someone else's press decides nothing: a coordinator replaying the
	// data on a message in their own chat is refused as not an admin.
	coordMsgs := h.fake.Messages(coordID)
	h.settle(h.fake.PressButton(coordID, coordMsgs[len(coordMsgs)-1], ya))
	mustContain(t, h.lastAnswer(), "perintah /rapat_baru hanya untuk admin") // the command's own refusal

	h.press(adminID, "Admin", "Ya, tetap jadwalkan")
	mustContain(t, h.lastAnswer(), "Dijadwalkan")
	msgs = h.fake.Messages(adminID)
	done := msgs[len(msgs)-1]
	if done.ID != q.ID || done.ReplyMarkup != nil && len(done.ReplyMarkup.InlineKeyboard) > 0 {
		t.Fatalf("the question was not replaced by the result: %+v", done)
	}
	mustContain(t, done.Text, "✅ Rapat #1 dijadwalkan.", "Rakor <akhir> tahun", "Rabu, 25 Desember 2024 pukul 09.00 WITA", "Kantor Gubernur", "/hadir 1")

	// Pressed again, and the command redelivered after a crash: still one
	// meeting, one announcement.
	h.settle(h.fake.PressButtonByID(adminID, q.ID, ya))
	h.settle(h.fake.PressButtonByID(adminID, q.ID, strings.Replace(ya, ":ya:", ":batal:", 1)))
	mustContain(t, h.lastAnswer(), "Rapat #1 sudah dijadwalkan", "/rapat_batal 1")
	if _, err := h.app.db.Pool.Exec(t.Context(), `DELETE FROM processed_updates WHERE update_id = $1`, id); err != nil {
		t.Fatal(err)
	}
	h.restart()
	before := len(h.fake.Messages(adminID))
	h.fake.PushDuplicate(id)
	h.say(adminID, "Admin", "/rapat")
	mustContain(t, texts(h.fake.Messages(adminID)[before:]), "✅ Rapat #1 dijadwalkan.", "#1 Rakor <akhir> tahun")
	h.sweep()
	if n := h.meetingCount(); n != 1 {
		t.Fatalf("%d meetings, want 1", n)
	}
	if n := count(h.botTexts(coordID), "Undangan rapat"); n != 1 {
		t.Fatalf("coordinator got %d invitations, want 1", n)
	}
	mustContain(t, h.botTexts(coordID), "Rakor <akhir> tahun", "Rabu, 25 Desember 2024 pukul 09.00 WITA", "📍 Kantor Gubernur")
}

// TestRapatBaruOnALiburDayBatalAndRoleAtPress: /libur days and weeks ask
// too; "Batal" creates nothing; and the role that counts is the one at
// the moment of pressing.
func TestRapatBaruOnALiburDayBatalAndRoleAtPress(t *testing.T) {
	h := newHarness(t)
	mustContain(t, texts(h.say(adminID, "Admin", "/libur 2024-12-20 Hari libur <daerah>")), "ditandai libur (#1)")
	mustContain(t, texts(h.say(adminID, "Admin", "/libur 2024-W52 Cuti bersama")), "ditandai libur (#2)")

	q := one(t, h.say(adminID, "Admin", "/rapat_baru 20-12-2024 10:00 Evaluasi"))
	mustContain(t, q.Text, "Jumat, 20 Desember 2024 ditandai libur (/libur #1): Hari libur <daerah>.", "Tetap jadwalkan rapat ini?")
	batal := h.press(adminID, "Admin", "Batal")
	mustContain(t, batal[len(batal)-1].Text, "Rapat ini tidak dijadwalkan", "Evaluasi")
	h.settle(h.fake.PressButtonByID(adminID, q.ID, buttonData(t, q, "Ya, tetap jadwalkan")))
	mustContain(t, h.lastAnswer(), "sudah dibatalkan")
	if n := h.meetingCount(); n != 0 {
		t.Fatalf("%d meetings after Batal", n)
	}

	mustContain(t, one(t, h.say(adminID, "Admin", "/rapat_baru 2024-12-24 09:00 Rapat kerja")).Text,
		"Selasa, 24 Desember 2024 jatuh pada minggu libur Minggu 52/2024 (23–29 Des 2024) (/libur #2): Cuti bersama.")
	// A working day is scheduled at once, as before.
	mustContain(t, one(t, h.say(adminID, "Admin", "/rapat_baru 2024-12-16 09:00 Rakor")).Text, "✅ Rapat #1 dijadwalkan.")

	// A second admin asks, loses the role, then presses: refused.
	code := invite(t, h, "Kaltim admin")
	mustContain(t, texts(h.say(700, "Dewi", "/daftar "+code)), "admin")
	q = one(t, h.say(700, "Dewi", "/rapat_baru 2024-12-25 09:00 Rakor Natal"))
	mustContain(t, q.Text, "Hari Raya Natal")
	// The other admin cannot answer for her either.
	adminMsgs := h.fake.Messages(adminID)
	h.settle(h.fake.PressButton(adminID, adminMsgs[len(adminMsgs)-1], buttonData(t, q, "Ya, tetap jadwalkan")))
	mustContain(t, h.lastAnswer(), "Hanya admin yang meminta rapat ini")
	mustContain(t, texts(h.say(adminID, "Admin", "/cabut 700")), "dicabut")
	h.press(700, "Dewi", "Ya, tetap jadwalkan")
	mustContain(t, h.lastAnswer(), "Perintah /rapat_baru hanya untuk anggota TKPK") // the command's own refusal
	if n := h.meetingCount(); n != 1 {
		t.Fatalf("%d meetings, want only the working-day one", n)
	}
	// Forged data names no draft.
	h.settle(h.fake.PressButtonByID(adminID, adminMsgs[len(adminMsgs)-1].ID, "rlibur:ya:AAAAAAAAAAAAAAAAAAAAAA"))
	mustContain(t, h.lastAnswer(), "kedaluwarsa")
}
