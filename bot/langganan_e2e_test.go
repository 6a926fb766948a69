package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"tkpkbot/internal/dbtest"
	"tkpkbot/store"
)

const noticeHead = "Angka baru untuk wilayah langganan Anda"

func TestImportNoticesEachSubscriberOnceAcrossReplicasAndRestarts(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.LeaderRetry = 200 * time.Millisecond })
	joinCoordinator(t, h, "Samarinda") // coordID: follows Samarinda by default
	mustContain(t, texts(h.say(coordID, "Sari", "/langganan")), "Samarinda", "(bawaan koordinator)", "/langganan off")

	const offCoord, allReader, quietReader = 602, 603, 604
	code := invite(t, h, "Samarinda koordinator")
	h.say(offCoord, "Dewi", "/start "+code)
	mustContain(t, texts(h.say(offCoord, "Dewi", "/langganan off")), "Kabar angka baru dimatikan", "tidak menerima kabar")
	joinPengamat(t, h, allReader, "Putri", "Berau")
	mustContain(t, texts(h.say(allReader, "Putri", "/langganan semua")), "semua wilayah")
	joinPengamat(t, h, quietReader, "Budi", "Berau") // a reader follows nothing unless asked

	mustContain(t, one(t, h.upload(adminID, "angka-2025.csv", newFigures, "/impor")).Text, "2 angka baru, 1 berubah")
	h.sweep()
	twin := h.twin() // a second replica sweeping the same rows
	twin.sweep()
	h.restart()
	h.sweep()

	for _, who := range []int64{coordID, allReader} {
		got := h.botTexts(who)
		if n := count(got, noticeHead); n != 1 {
			t.Fatalf("user %d got %d notices, want 1:\n%s", who, n, got)
		}
		mustContain(t, got, "Kota Samarinda",
			"P0 Maret 2025: 4,05% (baru)", "Penduduk miskin Maret 2025: 35,60 ribu jiwa (baru)",
			"P0 Maret 2024: 4,31% (sebelumnya 4,30%; ▲ 0,01 poin)",
			"/angka Samarinda Maret 2025", "/angka Samarinda Maret 2024")
	}
	for _, who := range []int64{offCoord, quietReader, adminID} {
		if n := count(h.botTexts(who), noticeHead); n != 0 {
			t.Fatalf("user %d, not subscribed, got %d notices", who, n)
		}
	}

	// The same file again changes nothing, and says nothing.
	mustContain(t, one(t, h.upload(adminID, "angka-2025.csv", newFigures, "/impor")).Text, "0 angka baru, 0 berubah, 3 tidak berubah")
	h.sweep()
	if n := count(h.botTexts(coordID), noticeHead); n != 1 {
		t.Fatalf("an unchanged re-import sent a notice (%d in all)", n)
	}
}

func TestCLIImportNoticesTheSubscribersOfTheRunningBot(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")
	file := filepath.Join(t.TempDir(), "angka.csv")
	if err := os.WriteFile(file, newFigures, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := h.subcommand(runImport)(file); code != 0 {
		t.Fatalf("import: exit %d, %s", code, errOut)
	}
	// The CLI stamps its import with the wall clock; the bot's test clock
	// has to have reached it for the notice to be due.
	h.clock.Set(time.Now().Add(time.Minute))
	h.sweep()
	if n := count(h.botTexts(coordID), noticeHead); n != 1 {
		t.Fatalf("%d notices after `tkpkbot import`, want 1:\n%s", n, h.botTexts(coordID))
	}
}

func TestLanggananButtonsAndRefusals(t *testing.T) {
	h := newHarness(t)
	joinPengamat(t, h, 77, "Budi", "Berau")
	mustContain(t, texts(h.say(77, "Budi", "/bantuan")), "/langganan", "/peta")
	mustContain(t, texts(h.say(77, "Budi", "/langganan")), "Anda tidak menerima kabar angka baru")
	msgs := h.press(77, "Budi", "Bontang")
	mustContain(t, msgs[len(msgs)-1].Text, "Berlangganan Bontang", "angka baru untuk Bontang")
	msgs = h.press(77, "Budi", "Balikpapan")
	mustContain(t, msgs[len(msgs)-1].Text, "untuk Balikpapan, Bontang")
	msgs = h.press(77, "Budi", "✓ Bontang")
	mustContain(t, msgs[len(msgs)-1].Text, "Berhenti berlangganan Bontang", "untuk Balikpapan.")
	msgs = h.press(77, "Budi", "Matikan")
	mustContain(t, msgs[len(msgs)-1].Text, "dimatikan", "tidak menerima kabar")
	mustContain(t, texts(h.say(77, "Budi", "/langganan kutai")), "cocok dengan beberapa wilayah")
	msgs = h.press(77, "Budi", "Kutai Timur")
	mustContain(t, msgs[len(msgs)-1].Text, "Berlangganan Kutai Timur")

	// Only members: the bot pushes messages only to people the team invited.
	mustContain(t, texts(h.say(42, "Rahmat", "/langganan Samarinda")), "anggota")

	// A reader following Bontang only hears nothing of Samarinda.
	h.say(77, "Budi", "/langganan off")
	h.say(77, "Budi", "/langganan Bontang")
	h.upload(adminID, "angka-2025.csv", newFigures, "/impor")
	h.sweep()
	if n := count(h.botTexts(77), noticeHead); n != 0 {
		t.Fatalf("Bontang's subscriber got %d notices of Samarinda's figures", n)
	}
}

// TestKill9AroundAnImportNoticesOnce kills the real binary at a random
// moment after an /impor arrives. Whether it died before the import
// committed (Telegram redelivers the update), after it (the redelivered
// /impor changes nothing) or while the notice went out, the coordinator
// is told at most once, and exactly once unless the kill hit the instant
// of the send itself, which the delivery then records as unknown.
func TestKill9AroundAnImportNoticesOnce(t *testing.T) {
	t.Parallel()
	r := newKillRig(t)
	fake := r.fake
	r.joinCoordinator(t)

	id := fake.SendDocument(adminID, "Admin", "angka-2025.csv", "", newFigures, "/impor")
	r.kill9(t, 40*time.Millisecond)
	r.await(t, id)

	db := dbtest.OpenURL(t, r.dbURL, store.Options{})
	waitNotice := func() {
		deadline := time.Now().Add(20 * time.Second)
		for count(texts(fake.Messages(coordID)), noticeHead) == 0 && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitNotice()
	if count(texts(fake.Messages(coordID)), noticeHead) == 0 {
		// Killed holding the claim: another sweeper takes it over when the
		// two-minute lease ends. Let it end now and wake the sweepers.
		if _, err := db.Pool.Exec(context.Background(), `UPDATE deliveries SET lease_until = now() WHERE status = 'claimed';
			SELECT pg_notify('tkpkbot_reminders', '')`); err != nil {
			t.Fatal(err)
		}
		waitNotice()
	}
	time.Sleep(500 * time.Millisecond) // room for a duplicate to show
	n := count(texts(fake.Messages(coordID)), noticeHead)
	if n == 1 {
		return
	}
	var inDoubt int
	if err := db.Pool.QueryRow(context.Background(), `SELECT count(*) FROM deliveries d JOIN reminders r ON r.id = d.reminder_id
		WHERE r.kind = 'figures_notice' AND d.status IN ('sending', 'unknown')`).Scan(&inDoubt); err != nil {
		t.Fatal(err)
	}
	if n > 1 || inDoubt == 0 {
		var states string
		_ = db.Pool.QueryRow(context.Background(), `SELECT COALESCE(string_agg(r.status || '/' || COALESCE(d.status, '-'), ', '), 'no notice row')
			FROM reminders r LEFT JOIN deliveries d ON d.reminder_id = r.id WHERE r.kind = 'figures_notice'`).Scan(&states)
		t.Fatalf("coordinator got %d notices (notice/delivery: %s); stderr:\n%s", n, states, r.p.stderr.String())
	}
	t.Logf("the kill hit the send itself: recorded as in doubt, not resent")
}
