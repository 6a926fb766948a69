package main

import (
	"strings"
	"testing"
	"time"

	"tkpkbot/internal/telegramtest"
)

// lastWith is the latest message in chat that contains marker, from the
// marker on.
func (h *harness) lastWith(chat int64, marker string) string {
	h.t.Helper()
	all := h.botTexts(chat)
	i := strings.LastIndex(all, marker)
	if i < 0 {
		h.t.Fatalf("chat %d got no %q:\n%s", chat, marker, all)
	}
	if end := strings.Index(all[i:], "\n---\n"); end >= 0 {
		return all[i : i+end]
	}
	return all[i:]
}

func mustNotContain(t *testing.T, got string, unwanted ...string) {
	t.Helper()
	for _, u := range unwanted {
		if strings.Contains(got, u) {
			t.Fatalf("shows %q:\n%s", u, got)
		}
	}
}

// TestAgendaShowsReportTextOnlyToWhoMayReadIt: with an open kendala of
// Samarinda and an overdue task of Berau on the next meeting's agenda, a
// group reads the manual items and a count; Samarinda's coordinator reads
// Samarinda's kendala and only a count of the rest, Berau's the other way
// round; admin and pengamat read everything; the reminder before the
// meeting follows the same rule per recipient. /agenda N butir lists what
// /agenda N does, and a past meeting keeps only its manual agenda.
func TestAgendaShowsReportTextOnlyToWhoMayReadIt(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")
	joinBerau(t, h)
	joinPengamat(t, h, 77, "Budi", "Kaltim")
	const kendala, task = "Sinyal lemah di pedalaman", "Rapat koordinasi desa"
	sendReport(t, h, coordID, "Sari", "Sosialisasi DTSEN", "120", "0", kendala, "Verifikasi lapangan")

	// Meeting #1 hands Berau a task due on the 16th.
	mustContain(t, texts(h.say(adminID, "Admin", "/rapat_baru 2024-12-12 09:00 Rakor TKPK")), "Rapat #1 dijadwalkan")
	h.say(adminID, "Admin", "/agenda 1 Pembukaan")
	h.sweep() // the invitations, before the clock passes the meeting
	h.clock.Set(time.Date(2024, 12, 12, 11, 0, 0, 0, wita))
	mustContain(t, texts(h.say(adminID, "Admin", "/notulen 1")), "Kirim isi notulennya")
	mustContain(t, texts(h.say(adminID, "Admin", "Keputusan: Pendataan ulang\n- kab berau: "+task+" (16 Desember 2024)")), "Pratinjau notulen rapat #1")
	id, kirim := h.buttonData(adminID, "Kirim notulen")
	h.settle(h.fake.PressButtonByID(adminID, id, kirim))
	mustContain(t, lastText(h.fake.Messages(adminID)), "1 tindak lanjut tercatat")
	h.sweep()

	h.clock.Set(time.Date(2024, 12, 17, 10, 0, 0, 0, wita)) // Berau's task is overdue
	mustContain(t, texts(h.say(adminID, "Admin", "/rapat_baru 2024-12-23 09:00 Rakor akhir tahun")), "Rapat #2 dijadwalkan")
	added := lastText(h.say(adminID, "Admin", "/agenda 2 Evaluasi P3KE"))
	listed := lastText(h.say(adminID, "Admin", "/agenda 2"))
	full := "1. Evaluasi P3KE\n2. ⚠️ Tindak lanjut Berau lewat tenggat 16 Des 2024: " + task + "\n3. 🧩 Kendala Samarinda (minggu 50): " + kendala
	mustContain(t, added, "Butir agenda ditambahkan", full)
	mustContain(t, listed, "Agenda rapat #2", full)
	if a, l := added[strings.Index(added, "1. "):], listed[strings.Index(listed, "1. "):]; a != l {
		t.Fatalf("/agenda 2 butir and /agenda 2 differ:\n%s\n---\n%s", a, l)
	}

	// A group: the manual item and one count line, nothing of a region.
	before := len(h.fake.Messages(groupID))
	h.settle(h.fake.SendGroupText(groupID, coordID, "Sari", "/rapat@"+telegramtest.BotUsername+" 2"))
	grp := texts(h.fake.Messages(groupID)[before:])
	mustContain(t, grp, "Rapat #2", "Agenda\n1. Evaluasi P3KE\n＋ 1 kendala terbuka dan 1 tindak lanjut lewat tenggat dibahas; rinciannya di chat pribadi")
	mustNotContain(t, grp, kendala, task, "Samarinda", "Berau", "2. ")

	// Private: each coordinator their own region in full, counts for others.
	smd := texts(h.say(coordID, "Sari", "/rapat 2"))
	mustContain(t, smd, "1. Evaluasi P3KE\n2. 🧩 Kendala Samarinda (minggu 50): "+kendala+"\n＋ 1 tindak lanjut lewat tenggat lainnya juga dibahas")
	mustNotContain(t, smd, task, "Berau")
	bru := texts(h.say(berauID, "Bayu", "/rapat 2"))
	mustContain(t, bru, "2. ⚠️ Tindak lanjut Berau lewat tenggat 16 Des 2024: "+task, "＋ 1 kendala terbuka lainnya juga dibahas")
	mustNotContain(t, bru, kendala, "Samarinda")
	for _, who := range []struct {
		id   int64
		name string
	}{{adminID, "Admin"}, {77, "Budi"}} {
		got := texts(h.say(who.id, who.name, "/rapat 2"))
		mustContain(t, got, full)
		mustNotContain(t, got, "＋")
	}

	// A past meeting's agenda is what was on it, not today's open items.
	past := texts(h.say(adminID, "Admin", "/rapat 1"))
	mustContain(t, past, "Agenda\n1. Pembukaan\n")
	mustNotContain(t, past, kendala, task, "＋")

	// The reminder a day before: the same rule, per recipient.
	h.sweep()
	h.clock.Set(time.Date(2024, 12, 22, 9, 5, 0, 0, wita))
	h.sweep()
	rem := h.lastWith(coordID, "Pengingat rapat")
	mustContain(t, rem, "Rakor akhir tahun", "1. Evaluasi P3KE\n2. 🧩 Kendala Samarinda (minggu 50): "+kendala+"\n＋ 1 tindak lanjut lewat tenggat lainnya juga dibahas")
	mustNotContain(t, rem, task, "Berau")
	rem = h.lastWith(berauID, "Pengingat rapat")
	mustContain(t, rem, "Rakor akhir tahun", "Tindak lanjut Berau lewat tenggat 16 Des 2024: "+task, "＋ 1 kendala terbuka lainnya juga dibahas")
	mustNotContain(t, rem, kendala, "Samarinda")
	for _, chat := range []int64{adminID, 77} {
		rem = h.lastWith(chat, "Pengingat rapat")
		mustContain(t, rem, "Rakor akhir tahun", full)
		mustNotContain(t, rem, "＋")
	}
}
