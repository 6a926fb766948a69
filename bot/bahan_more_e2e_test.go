package main

import (
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"tkpkbot/internal/telegramtest"
)

// hapusData is the callback data of the Hapus button on the latest
// "✓ Diterima" in chat, and that message.
func hapusData(t *testing.T, h *harness, chat int64) (models.Message, string) {
	t.Helper()
	msgs := h.fake.Messages(chat)
	for i := len(msgs) - 1; i >= 0; i-- {
		if kb := msgs[i].ReplyMarkup; kb != nil && strings.Contains(msgs[i].Text, "✓ Diterima") {
			for _, row := range kb.InlineKeyboard {
				for _, b := range row {
					if strings.Contains(b.Text, "Hapus") {
						return msgs[i], b.CallbackData
					}
				}
			}
		}
	}
	t.Fatalf("chat %d has no Hapus button:\n%s", chat, h.botTexts(chat))
	return models.Message{}, ""
}

// An answer to a materials request ("Baik, segera kami kirim") is not
// materials: it is not recorded and the region is still reminded. A
// longer text or a link is, and its sender can take it back with Hapus,
// after which the region is "belum" and reminded again; another
// coordinator cannot, and nobody can once the meeting started.
func TestMaterialsTextRepliesAndHapus(t *testing.T) {
	h := newHarness(t)
	materialsTeam(t, h)
	requestMaterials(t, h)
	h.sweep()

	got := h.sendFrom(koordSmd, "Koor Samarinda", telegramtest.Outgoing{Text: "Baik, segera kami kirim", ReplyTo: requestMessage(t, h, koordSmd).ID})
	mustContain(t, got, "tidak dicatat sebagai bahan rapat #1", "tautan (link) atau minimal 40 karakter", "Kirim berkasnya", "/bahan 1")
	if strings.Contains(got, "Diterima") {
		t.Fatalf("a short answer was recorded:\n%s", got)
	}
	mustContain(t, texts(h.say(koordSmd, "Koor Samarinda", "/bahan 1 siap")), "tidak dicatat sebagai bahan rapat #1")

	long := "Capaian <b>2024</b>: 2.000 KK & 12 kelurahan di Berau sudah dijangkau."
	got = h.sendFrom(koordBerau, "Koor Berau", telegramtest.Outgoing{Text: long, ReplyTo: requestMessage(t, h, koordBerau).ID})
	mustContain(t, got, "✓ Diterima: teks (70 karakter) untuk rapat 1 (Kabupaten Berau)", "Tekan Hapus")
	berauMsg, berauHapus := hapusData(t, h, koordBerau)
	got = h.sendFrom(koordBpp, "Koor Balikpapan", telegramtest.Outgoing{Text: "https://s.id/bahan-bpp", ReplyTo: requestMessage(t, h, koordBpp).ID})
	mustContain(t, got, "✓ Diterima: teks (22 karakter) untuk rapat 1 (Kota Balikpapan)")

	// The admins' view shows the texts themselves, as typed.
	status := texts(h.say(adminID, "Admin", "/bahan 1"))
	mustContain(t, status, "2 dari 10 wilayah sudah mengirim", "⬜ Kota Samarinda — belum",
		"✓ Kabupaten Berau: teks (70 karakter)\n"+long, "✓ Kota Balikpapan: teks (22 karakter)\nhttps://s.id/bahan-bpp")

	// 48 h before the deadline the short answer did not stop Samarinda's
	// reminder.
	h.clock.Set(time.Date(2024, 12, 11, 16, 0, 0, 0, wita))
	h.sweep()
	for c, want := range map[int64]int{koordSmd: 1, koordBerau: 0, koordBpp: 0} {
		if n := count(h.botTexts(c), "Pengingat bahan rapat #1"); n != want {
			t.Fatalf("coordinator %d: %d reminders at 48 h, want %d", c, n, want)
		}
	}

	// Only the sender (or an admin) takes it back: Balikpapan's
	// coordinator with the copied button data is refused, a pengamat is
	// stopped by the row.
	h.settle(h.fake.PressButtonByID(koordBpp, requestMessage(t, h, koordBpp).ID, berauHapus))
	mustContain(t, h.lastAnswer(), "hanya bisa dihapus oleh pengirimnya atau admin")
	pm := h.say(pengamatID, "Budi", "/bahan 1")
	h.settle(h.fake.PressButtonByID(pengamatID, pm[len(pm)-1].ID, berauHapus))
	mustContain(t, h.lastAnswer(), "hanya untuk")
	mustContain(t, texts(h.say(adminID, "Admin", "/bahan 1")), "2 dari 10 wilayah sudah mengirim")

	h.settle(h.fake.PressButtonByID(koordBerau, berauMsg.ID, berauHapus))
	mustContain(t, h.lastAnswer(), "Bahan dihapus")
	edited := lastText(h.fake.Messages(koordBerau))
	mustContain(t, edited, "🗑 Dihapus: teks (70 karakter) untuk rapat 1 (Kabupaten Berau)",
		"Kabupaten Berau kini tercatat belum mengirim bahan rapat #1", "Pengingat bahan dikirim lagi", "/bahan 1")
	if m := h.fake.Messages(koordBerau); m[len(m)-1].ReplyMarkup != nil && len(m[len(m)-1].ReplyMarkup.InlineKeyboard) > 0 {
		t.Fatal("the Hapus button is still live after removal")
	}
	h.settle(h.fake.PressButtonByID(koordBerau, berauMsg.ID, berauHapus))
	mustContain(t, h.lastAnswer(), "sudah dihapus")

	status = texts(h.say(adminID, "Admin", "/bahan 1"))
	mustContain(t, status, "1 dari 10 wilayah sudah mengirim", "⬜ Kabupaten Berau — belum")
	if strings.Contains(status, "2.000 KK") {
		t.Fatalf("the removed text is still shown:\n%s", status)
	}

	// 3 h before: Berau is reminded again, Balikpapan still is not.
	h.clock.Set(time.Date(2024, 12, 13, 13, 0, 0, 0, wita))
	h.sweep()
	for c, want := range map[int64]int{koordSmd: 2, koordBerau: 1, koordBpp: 0} {
		if n := count(h.botTexts(c), "Pengingat bahan rapat #1"); n != want {
			t.Fatalf("coordinator %d: %d reminders at 3 h, want %d\n%s", c, n, want, h.botTexts(c))
		}
	}
	h.clock.Set(time.Date(2024, 12, 13, 16, 0, 0, 0, wita))
	h.sweep()
	sum := h.botTexts(adminID)
	mustContain(t, sum, "Belum mengirim (9 dari 10 wilayah)")
	line, _, _ := strings.Cut(sum[strings.Index(sum, "Belum mengirim"):], "\n")
	mustContain(t, line, "Berau", "Samarinda")
	if strings.Contains(line, "Balikpapan") {
		t.Fatalf("Balikpapan sent a link and is listed missing: %s", line)
	}

	// Once the meeting started the record stays.
	h.clock.Set(time.Date(2024, 12, 16, 9, 0, 0, 0, wita))
	bppMsg, bppHapus := hapusData(t, h, koordBpp)
	h.settle(h.fake.PressButtonByID(koordBpp, bppMsg.ID, bppHapus))
	mustContain(t, h.lastAnswer(), "Rapat sudah dimulai; bahannya tidak bisa dihapus lagi")
	mustContain(t, texts(h.say(adminID, "Admin", "/bahan 1")), "1 dari 10 wilayah sudah mengirim", "✓ Kota Balikpapan")
}
