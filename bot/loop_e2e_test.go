package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/go-telegram/bot/models"

	"tkpkbot/internal/telegramtest"
)

// TestCoordinationLoopFromMaterialsToTheNextAgenda is issue #14's "done
// when" in one story, through the real wiring and one injected clock: an
// admin, the coordinators of Samarinda (who does everything) and Berau
// (who does nothing), and the report group. After every act it checks the
// whole set of messages the bot sent on its own to each chat since the
// act before: what each person got, and that nobody got anything else or
// anything twice.
func TestCoordinationLoopFromMaterialsToTheNextAgenda(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.ReportChatID = groupID }) // Wednesday 11 December 2024, 10.00 WITA
	in := newInbox(h, adminID, koordSmd, koordBerau, groupID)
	at := func(day, hour, minute int) {
		h.clock.Set(time.Date(2024, 12, day, hour, minute, 0, 0, wita))
		h.sweep()
	}
	for _, j := range []struct {
		id           int64
		name, region string
	}{{koordSmd, "Sari", "Samarinda"}, {koordBerau, "Bayu", "Berau"}} {
		mustContain(t, texts(h.say(j.id, j.name, "/daftar "+invite(t, h, j.region))), "koordinator")
	}

	// Act 1. Meeting #1 (Monday 09.00) is announced and its materials are
	// requested by Friday 16.00: every coordinator gets the request once,
	// the admin and the group do not.
	mustContain(t, texts(h.say(adminID, "Admin", "/rapat_baru 2024-12-16 09:00 Rakor TKPK")), "Rapat #1 dijadwalkan")
	mustContain(t, texts(h.say(adminID, "Admin", "/agenda 1 Paparan capaian per wilayah")), "1. Paparan capaian per wilayah")
	requestMaterials(t, h)
	h.sweep()
	in.expect(t, "request", map[int64][]string{
		adminID:    {"Undangan rapat"},
		koordSmd:   {"Undangan rapat", "Permintaan bahan rapat #1"},
		koordBerau: {"Undangan rapat", "Permintaan bahan rapat #1"},
		groupID:    {"Undangan rapat"},
	})
	for _, c := range []int64{koordSmd, koordBerau} {
		mustContain(t, in.last(t, c, "Permintaan bahan rapat #1"), "Rakor TKPK", "Tenggat: Jumat, 13 Desember 2024 pukul 16.00 WITA")
		h.press(c, "", "Hadir")
	}

	// Act 2. Samarinda answers the request with a file and sends this
	// week's report; Berau sends nothing.
	got := h.sendFrom(koordSmd, "Sari", telegramtest.Outgoing{FileName: "paparan-smd.pdf", Data: []byte("%PDF-1.4 paparan"), ReplyTo: requestMessage(t, h, koordSmd).ID})
	mustContain(t, got, "✓ Diterima: paparan-smd.pdf", "untuk rapat 1")
	sendReport(t, h, koordSmd, "Sari", "Sosialisasi DTSEN", "120", "0", "-", "Verifikasi lapangan")
	in.expect(t, "Samarinda sends", map[int64][]string{groupID: {"Laporan mingguan Kota Samarinda"}})

	// Act 3. 48 h and 3 h before the materials deadline only Berau is
	// reminded; the report reminders before Friday go to Berau only too.
	at(11, 16, 0)
	in.expect(t, "materials 48 h", map[int64][]string{koordBerau: {"Pengingat bahan rapat #1 — 2 hari lagi"}})
	mustContain(t, in.last(t, koordBerau, "Pengingat bahan rapat #1 — 2 hari lagi"), "Bahan Kabupaten Berau belum diterima")
	at(12, 16, 0)
	in.expect(t, "report 24 h", map[int64][]string{koordBerau: {"Pengingat laporan mingguan"}})
	at(13, 13, 0)
	in.expect(t, "materials 3 h", map[int64][]string{koordBerau: {"Pengingat bahan rapat #1 — 3 jam lagi", "Pengingat laporan mingguan"}})

	// Act 4. At the deadline the admin alone gets the regions still
	// missing: Berau, not Samarinda (and the weekly report summary).
	at(13, 16, 1)
	in.expect(t, "deadline", map[int64][]string{adminID: {"Tenggat bahan rapat #1 lewat", "Tenggat laporan lewat"}})
	missing := in.last(t, adminID, "Tenggat bahan rapat #1 lewat")
	mustContain(t, missing, "Belum mengirim (9 dari 10 wilayah)", "Berau")
	if strings.Contains(missing, "Samarinda") {
		t.Fatalf("Samarinda sent and is listed missing:\n%s", missing)
	}
	mustContain(t, texts(h.say(adminID, "Admin", "/bahan 1")), "1 dari 10 wilayah sudah mengirim", "✓ Kota Samarinda: paparan-smd.pdf", "⬜ Kabupaten Berau — belum")

	// Act 5. The meeting: the reminders before it go to every member (not
	// the group, which had the invitation), with the agenda.
	at(15, 9, 0)
	members := func(heads ...string) map[int64][]string {
		return map[int64][]string{adminID: heads, koordSmd: heads, koordBerau: heads}
	}
	everyone := func(heads ...string) map[int64][]string {
		m := members(heads...)
		m[groupID] = heads
		return m
	}
	in.expect(t, "meeting 24 h", members("Pengingat rapat — 24 jam lagi"))
	mustContain(t, in.last(t, koordBerau, "Pengingat rapat — 24 jam lagi"), "Agenda\n1. Paparan capaian per wilayah")
	at(16, 7, 0)
	in.expect(t, "meeting 2 h", members("Pengingat rapat — 2 jam lagi"))

	// Act 6. After the meeting the admin sends minutes with two tasks;
	// every member and the group get them once.
	at(16, 11, 0)
	mustContain(t, texts(h.say(adminID, "Admin", "/notulen 1")), "Kirim isi notulennya")
	got = texts(h.say(adminID, "Admin", "Keputusan: Pendataan ulang P3KE selesai Desember\n"+
		"- Samarinda: Verifikasi 500 KK data P3KE (20-12-2024)\n"+
		"- Berau: Rapat koordinasi desa (19-12-2024)"))
	mustContain(t, got, "Pratinjau notulen rapat #1", "Hadir (2 wilayah): Berau, Samarinda",
		"Samarinda: Verifikasi 500 KK data P3KE — tenggat 20 Des 2024", "Berau: Rapat koordinasi desa — tenggat 19 Des 2024")
	h.press(adminID, "Admin", "Kirim notulen")
	mustContain(t, lastText(h.fake.Messages(adminID)), "Notulen rapat #1 terkirim", "2 tindak lanjut tercatat")
	h.sweep()
	in.expect(t, "minutes", everyone("Notulen rapat"))
	mustContain(t, in.last(t, groupID, "Notulen rapat"), "Pendataan ulang P3KE selesai Desember", "Berau: Rapat koordinasi desa")

	// Act 7. 72 h before each task is due its region's coordinator, and
	// only that one, is reminded.
	at(16, 16, 0)
	in.expect(t, "Berau 72 h", map[int64][]string{koordBerau: {"Pengingat tindak lanjut — 3 hari lagi"}})
	mustContain(t, in.last(t, koordBerau, "Pengingat tindak lanjut — 3 hari lagi"), "Kabupaten Berau: Rapat koordinasi desa")
	at(17, 16, 0)
	in.expect(t, "Samarinda 72 h", map[int64][]string{koordSmd: {"Pengingat tindak lanjut — 3 hari lagi"}})
	mustContain(t, in.last(t, koordSmd, "Pengingat tindak lanjut — 3 hari lagi"), "Kota Samarinda: Verifikasi 500 KK data P3KE")

	// Act 8. Samarinda closes its task from this week's /lapor (and
	// reports a new kendala); Berau's 24 h reminder still goes.
	at(18, 10, 0)
	mustContain(t, texts(h.say(koordSmd, "Sari", "/lapor")), "Tugas dari rapat: 'Verifikasi 500 KK data P3KE' — sudah selesai?")
	h.press(koordSmd, "Sari", "✅ Selesai")
	mustContain(t, texts(h.say(koordSmd, "Sari", "480 KK terverifikasi")), "Langkah 1/7")
	submitForm(t, h, koordSmd, "Sari", "Verifikasi P3KE", "480", "0", "Anggaran belum cair", "Rapat lanjutan")
	mustContain(t, lastText(h.fake.Messages(koordSmd)), "✅ selesai — 480 KK terverifikasi")
	at(18, 16, 0)
	in.expect(t, "Berau 24 h", map[int64][]string{koordBerau: {"Pengingat tindak lanjut — 24 jam lagi"}, groupID: {"Laporan mingguan Kota Samarinda"}})

	// Act 9. Berau's task passes its due time: one overdue message to
	// Berau; Samarinda's closed task is not chased. Friday's summary tells
	// the admin.
	at(19, 16, 5)
	in.expect(t, "Berau overdue", map[int64][]string{koordBerau: {"Tindak lanjut lewat tenggat", "Pengingat laporan mingguan"}})
	overdue := in.lastMessage(t, koordBerau, "Tindak lanjut lewat tenggat")
	mustContain(t, overdue.Text, "Kabupaten Berau: Rapat koordinasi desa", "Tenggat: Kamis, 19 Desember 2024 pukul 16.00 WITA")
	mustContain(t, strings.Join(buttonTexts(overdue), "|"), "Selesai")
	mustContain(t, texts(h.say(adminID, "Admin", "/tindaklanjut semua")), "Berau", "lewat tenggat 19 Des 2024",
		"selesai Rabu, 18 Desember 2024 pukul 10.00 WITA oleh Sari (lewat laporan mingguan) — 480 KK terverifikasi")
	at(20, 13, 0)
	in.expect(t, "report 3 h", map[int64][]string{koordBerau: {"Pengingat laporan mingguan"}})
	at(20, 16, 1)
	in.expect(t, "week 51 deadline", map[int64][]string{adminID: {"Tenggat laporan lewat"}})
	mustContain(t, in.last(t, adminID, "Tenggat laporan lewat"), "Tindak lanjut lewat tenggat: Berau 1")

	// Act 10. The next meeting's /rapat lists Berau's overdue task (not
	// Samarinda's closed one), and so does the reminder before it.
	mustContain(t, texts(h.say(adminID, "Admin", "/rapat_baru 2024-12-23 09:00 Rakor akhir tahun")), "Rapat #2 dijadwalkan")
	h.sweep()
	in.expect(t, "meeting #2", everyone("Undangan rapat"))
	rapat := texts(h.say(adminID, "Admin", "/rapat 2"))
	mustContain(t, rapat, "Agenda", "⚠️ Tindak lanjut Berau lewat tenggat 19 Des 2024: Rapat koordinasi desa",
		"Kendala Samarinda (minggu 51): Anggaran belum cair")
	if strings.Contains(rapat, "Verifikasi 500 KK") {
		t.Fatalf("the closed task is on the next agenda:\n%s", rapat)
	}
	at(22, 9, 0)
	in.expect(t, "meeting #2 24 h", members("Pengingat rapat — 24 jam lagi"))
	for _, c := range []int64{adminID, koordBerau} {
		mustContain(t, in.last(t, c, "Pengingat rapat — 24 jam lagi"), "Rakor akhir tahun",
			"Tindak lanjut Berau lewat tenggat 19 Des 2024: Rapat koordinasi desa")
	}
	// Samarinda's coordinator reads Berau's task only as a count: another
	// region's follow-up is for admins, pengamat and that region.
	smdReminder := in.last(t, koordSmd, "Pengingat rapat — 24 jam lagi")
	mustContain(t, smdReminder, "Rakor akhir tahun", "Kendala Samarinda (minggu 51)", "＋ 1 tindak lanjut lewat tenggat lainnya juga dibahas")
	if strings.Contains(smdReminder, "Rapat koordinasi desa") {
		t.Fatalf("Samarinda's coordinator reads Berau's task:\n%s", smdReminder)
	}

	// A restart and another sweep send nothing again.
	h.restart()
	h.sweep()
	in.expect(t, "restart", nil)
}

// pushed matches the first line of a message the bot sends on its own (a
// reminder, a request, minutes), as opposed to a reply to what someone
// typed. A report posted to the group ("📥 Laporan mingguan …") counts
// too; its headline alone would match the form's own first question.
var pushed = regexp.MustCompile(`^(Undangan rapat|Pengingat (rapat|bahan rapat #\d+|tindak lanjut) — .+|Pengingat laporan mingguan|` +
	`Tenggat laporan lewat|Tenggat bahan rapat #\d+ lewat|Permintaan bahan rapat #\d+|Notulen rapat|Tindak lanjut lewat tenggat|Rapat dibatalkan)$`)

// inbox remembers how far each chat of a story has been checked, so each
// act asserts only what the bot sent since the act before.
type inbox struct {
	h     *harness
	chats []int64
	seen  map[int64]int
}

func newInbox(h *harness, chats ...int64) *inbox {
	return &inbox{h: h, chats: chats, seen: map[int64]int{}}
}

func headline(text string) string {
	first, _, _ := strings.Cut(text, "\n")
	return strings.TrimLeftFunc(first, func(r rune) bool { return !unicode.IsLetter(r) })
}

// expect fails unless the messages the bot sent on its own to each chat
// since the last expect are exactly want's headlines (in any order);
// a chat missing from want must have got none.
func (in *inbox) expect(t *testing.T, act string, want map[int64][]string) {
	t.Helper()
	for _, chat := range in.chats {
		msgs := in.h.fake.Messages(chat)
		var got []string
		for _, m := range msgs[in.seen[chat]:] {
			if h := headline(m.Text); pushed.MatchString(h) || strings.HasPrefix(m.Text, "📥 Laporan mingguan ") {
				got = append(got, h)
			}
		}
		in.seen[chat] = len(msgs)
		w := slices.Clone(want[chat])
		slices.Sort(got)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Fatalf("%s: chat %d got %q, want %q\n%s", act, chat, got, w, texts(msgs))
		}
	}
}

// last is the text of the latest message in chat with that headline.
func (in *inbox) last(t *testing.T, chat int64, head string) string {
	t.Helper()
	return in.lastMessage(t, chat, head).Text
}

func (in *inbox) lastMessage(t *testing.T, chat int64, head string) models.Message {
	t.Helper()
	msgs := in.h.fake.Messages(chat)
	for i := len(msgs) - 1; i >= 0; i-- {
		if headline(msgs[i].Text) == head {
			return msgs[i]
		}
	}
	t.Fatalf("chat %d has no %q:\n%s", chat, head, texts(msgs))
	return models.Message{}
}
