package main

import (
	"strings"
	"testing"
	"time"

	"tkpkbot"
)

// fillFormAs answers the five /lapor steps and leaves the summary open.
func fillFormAs(t *testing.T, h *harness, id int64, name string) {
	t.Helper()
	mustContain(t, texts(h.say(id, name, "/lapor")), "Langkah 1/7")
	answerForm(t, h, id, name, "Verifikasi DTSEN di 3 kelurahan", "12", "0", "-", "Pendataan lanjutan")
}

func TestRevokedAdminsInviteIsDeadAndFormsGo(t *testing.T) {
	h := newHarness(t)
	const admin2 = 510
	code := invite(t, h, "Kaltim admin")
	mustContain(t, texts(h.say(admin2, "Dewi", "/daftar "+code)), "terdaftar sebagai admin")
	// Dewi mints an admin code for herself before she is revoked...
	got := texts(h.say(admin2, "Dewi", "/undang Kaltim admin"))
	spare := inviteRe.FindStringSubmatch(got)
	if spare == nil {
		t.Fatalf("no code in %s", got)
	}
	mustContain(t, texts(h.say(adminID, "Admin", "/cabut 510")), "sudah dicabut", "kode undangan buatannya")
	// ...and it no longer makes her admin again.
	mustContain(t, texts(h.say(admin2, "Dewi", "/daftar "+spare[1])), "tidak berlaku", "dibatalkan")
	mustContain(t, texts(h.say(admin2, "Dewi", "/anggota")), "hanya untuk anggota TKPK")
	// The list of open invites no longer has it either.
	if got := texts(h.say(adminID, "Admin", "/undangan")); strings.Contains(got, spare[1]) {
		t.Fatalf("/undangan still lists the revoked admin's code:\n%s", got)
	}

	// A revoked coordinator's half-filled form is gone with the role.
	joinCoordinator(t, h, "Samarinda")
	mustContain(t, texts(h.say(coordID, "Sari", "/lapor")), "Langkah 1/7")
	h.say(coordID, "Sari", "Verifikasi DTSEN di 3 kelurahan")
	mustContain(t, texts(h.say(adminID, "Admin", "/cabut 601")), "sudah dicabut", "Kota Samarinda kini tanpa koordinator")
	got = texts(h.say(coordID, "Sari", "12"))
	if strings.Contains(got, "Langkah") {
		t.Fatalf("a revoked coordinator's answer still reached the form:\n%s", got)
	}
	joinCoordinator(t, h, "Samarinda")
	got = texts(h.say(coordID, "Sari", "/lapor"))
	mustContain(t, got, "Langkah 1/7")
	if strings.Contains(got, "belum selesai") {
		t.Fatalf("the old form survived the revocation:\n%s", got)
	}
}

func TestUndanganListsAndCancelsCodes(t *testing.T) {
	h := newHarness(t)
	a := invite(t, h, "Samarinda")
	// The clock stands still: without this both codes expire at one
	// instant and their random codes, not their age, order the list.
	h.clock.Advance(time.Minute)
	b := invite(t, h, "Berau pengamat")
	got := texts(h.say(adminID, "Admin", "/undangan"))
	mustContain(t, got, "Kode undangan yang masih berlaku", a, "koordinator Kota Samarinda", b, "pengamat Kabupaten Berau",
		"dibuat Admin", "berlaku sampai")
	// the soonest to expire first: a was made first
	h.press(adminID, "Admin", "Batalkan 1")
	mustContain(t, h.lastAnswer(), "dibatalkan")
	after := lastText(h.fake.Messages(adminID))
	mustContain(t, after, "dibatalkan", b)
	if strings.Contains(after, a) {
		t.Fatalf("cancelled code still listed:\n%s", after)
	}
	mustContain(t, texts(h.say(701, "Tono", "/daftar "+a)), "tidak berlaku", "dibatalkan")
	// an expired code says so too
	h.clock.Advance(tkpkbot.InviteTTL + time.Hour)
	mustContain(t, texts(h.say(702, "Rina", "/daftar "+b)), "tidak berlaku", "kedaluwarsa")
	mustContain(t, texts(h.say(adminID, "Admin", "/undangan")), "Tidak ada kode undangan yang masih berlaku")
}

func TestRedeemingAnotherRoleAsksAndTellsAdmins(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")
	code := invite(t, h, "Kukar pengamat")
	got := texts(h.say(coordID, "Sari", "/daftar "+code))
	mustContain(t, got, "Anda koordinator Kota Samarinda; kode ini menjadikan Anda pengamat Kabupaten Kutai Kartanegara")
	h.press(coordID, "Sari", "Batal")
	mustContain(t, lastText(h.fake.Messages(coordID)), "tidak diubah", "koordinator Kota Samarinda")
	mustContain(t, texts(h.say(coordID, "Sari", "/lapor")), "Laporan mingguan Kota Samarinda")

	// Confirming ends the old role, its open form included.
	h.say(coordID, "Sari", "/daftar "+code)
	h.press(coordID, "Sari", "Ya, ganti")
	mustContain(t, lastText(h.fake.Messages(coordID)), "terdaftar sebagai pengamat", "Peran lama Anda (koordinator Kota Samarinda) sudah berakhir")
	if got := texts(h.say(coordID, "Sari", "Kegiatan yang tidak boleh masuk")); strings.Contains(got, "Langkah") {
		t.Fatalf("the old form took an answer after the role ended:\n%s", got)
	}
	// The admins are told once that Samarinda has no coordinator now.
	h.sweep()
	h.sweep()
	if n := count(h.botTexts(adminID), "Kota Samarinda tanpa koordinator"); n != 1 {
		t.Fatalf("admins told %d times:\n%s", n, h.botTexts(adminID))
	}
	// the same button pressed again finds the code spent
	h.settle(h.fake.PressButtonByID(coordID, h.fake.Messages(coordID)[len(h.fake.Messages(coordID))-1].ID, "daftar:ganti:"+code))
	mustContain(t, lastText(h.fake.Messages(coordID)), "sudah Anda pakai")
}

func TestOldKirimButtonOfAFormerCoordinatorIsRefused(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")
	fillFormAs(t, h, coordID, "Sari")
	code := invite(t, h, "Kukar pengamat")
	h.say(coordID, "Sari", "/daftar "+code)
	h.press(coordID, "Sari", "Ya, ganti")
	msgs := h.press(coordID, "Sari", "Kirim")
	mustContain(t, h.lastAnswer(), "hanya untuk koordinator", "Peran Anda: pengamat")
	mustContain(t, texts(msgs), "hanya untuk koordinator")

	// A coordinator moved to another region by the database itself (no
	// form cleanup) still cannot send the old region's report: the check
	// is made when Kirim is pressed.
	const other = 602
	code = invite(t, h, "Berau")
	h.say(other, "Budi", "/daftar "+code)
	fillFormAs(t, h, other, "Budi")
	if _, err := h.app.db.Pool.Exec(t.Context(), `UPDATE users SET region_code = '6472' WHERE id = $1`, other); err != nil {
		t.Fatal(err)
	}
	h.restart() // the per-replica user cache learns the change
	h.press(other, "Budi", "Kirim")
	mustContain(t, lastText(h.fake.Messages(other)), "Formulir ini untuk laporan Kabupaten Berau", "bukan lagi koordinator", "Laporan tidak dikirim")
	var n int
	if err := h.app.db.Pool.QueryRow(t.Context(), `SELECT count(*) FROM reports`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("reports stored: %d (%v)", n, err)
	}
}

func TestConfiguredAdminsFollowConfiguration(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.AdminIDs = []int64{adminID, 520} })
	mustContain(t, texts(h.say(520, "Joko", "/anggota")), "Anggota TKPK")
	refusal := texts(h.say(adminID, "Admin", "/cabut 520"))
	mustContain(t, refusal, "admin dari konfigurasi", "Hapus 520 dari BOT_ADMIN_IDS", "Hasilnya: BOT_ADMIN_IDS=500")
	// someone an admin invite made admin keeps it when configuration changes
	code := invite(t, h, "Kaltim admin")
	h.say(530, "Lina", "/daftar "+code)
	joko := texts(h.say(520, "Joko", "/undang Kaltim admin"))
	jokoCode := inviteRe.FindStringSubmatch(joko)
	if jokoCode == nil {
		t.Fatalf("no code: %s", joko)
	}

	h.stop()
	h.cfg.AdminIDs = []int64{adminID}
	h.start()
	mustContain(t, texts(h.say(520, "Joko", "/anggota")), "hanya untuk anggota TKPK")
	mustContain(t, texts(h.say(530, "Lina", "/anggota")), "Anggota TKPK")
	// and what Joko made while admin died with his role
	mustContain(t, texts(h.say(540, "Tari", "/daftar "+jokoCode[1])), "tidak berlaku")
}

func TestStrangerPressingACopiedCalendarButtonGetsNothing(t *testing.T) {
	h := newHarness(t)
	h.say(adminID, "Admin", "/rapat_baru 2024-12-16 09:00 Rakor TKPK")
	before := len(h.fake.CallsTo("sendDocument"))
	// on a message of its own chat, and on one it cannot see
	h.say(900, "Asing", "/start")
	h.settle(h.fake.PressButtonByID(900, h.fake.Messages(900)[0].ID, "ics:1"))
	h.settle(h.fake.PressButtonByID(900, 99999, "ics:1"))
	if n := len(h.fake.CallsTo("sendDocument")); n != before {
		t.Fatal("a stranger got the meeting's calendar file")
	}
	mustContain(t, h.lastAnswer(), "Perintah /rapat hanya untuk anggota TKPK")
	mustContain(t, texts(h.fake.Messages(900)), "Perintah /rapat hanya untuk anggota TKPK")

	// A member pressing it in the group gets the file privately.
	joinCoordinator(t, h, "Samarinda")
	const group = -1001234
	h.settle(h.fake.SendGroupText(group, coordID, "Sari", "/angka Samarinda"))
	gm := h.fake.Messages(group)
	h.settle(h.fake.PressButton(coordID, gm[len(gm)-1], "ics:1"))
	mustContain(t, h.lastAnswer(), "dikirim ke chat pribadi")
	for _, c := range h.fake.CallsTo("sendDocument") {
		if c.Params["chat_id"] == "-1001234" {
			t.Fatal("calendar file posted in the group")
		}
	}
}
