package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"syscall"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/dbtest"
	"tkpkbot/internal/telegramtest"
	"tkpkbot/store"
)

// serveProc starts the real binary against fake and dbURL.
func serveProc(t *testing.T, fake *telegramtest.Server, dbURL string) *proc {
	t.Helper()
	return startProc(t, []string{"TELEGRAM_BOT_TOKEN=42:KILL-TEST", "TELEGRAM_API_URL=" + fake.URL(),
		"DATABASE_URL=" + dbURL, "HTTP_ADDR=127.0.0.1:0", fmt.Sprintf("BOT_ADMIN_IDS=%d", adminID)}, "serve")
}

// awaitHandled waits until the Bot API saw update id confirmed.
func awaitHandled(t *testing.T, fake *telegramtest.Server, id int64, p *proc) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for fake.ConfirmedOffset() <= id {
		if time.Now().After(deadline) {
			t.Fatalf("update %d not handled; stderr:\n%s", id, p.stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// killRig is the real binary serving a fake Bot API and a fresh database,
// whose process can be killed and started again on the same two.
type killRig struct {
	fake  *telegramtest.Server
	dbURL string
	p     *proc
}

func newKillRig(t *testing.T) *killRig {
	t.Helper()
	fake := telegramtest.New()
	t.Cleanup(fake.Close)
	r := &killRig{fake: fake, dbURL: dbtest.URL(t)}
	r.p = serveProc(t, fake, r.dbURL)
	return r
}

// await waits until the running process has handled update id.
func (r *killRig) await(t *testing.T, id int64) {
	t.Helper()
	awaitHandled(t, r.fake, id, r.p)
}

// kill9 waits a random moment shorter than within, so the kill can land
// anywhere in the work under way, kills the process and starts it again.
func (r *killRig) kill9(t *testing.T, within time.Duration) {
	t.Helper()
	time.Sleep(time.Duration(rand.Int64N(int64(within/time.Millisecond))) * time.Millisecond)
	_ = r.p.cmd.Process.Signal(syscall.SIGKILL)
	_, _ = r.p.wait(t, 5*time.Second)
	r.p = serveProc(t, r.fake, r.dbURL)
}

// joinCoordinator makes Sari Samarinda's coordinator through the binary.
func (r *killRig) joinCoordinator(t *testing.T) {
	t.Helper()
	r.await(t, r.fake.SendText(adminID, "Admin", "/undang Samarinda"))
	code := inviteRe.FindStringSubmatch(lastText(r.fake.Messages(adminID)))
	if code == nil {
		t.Fatalf("no invite: %q", lastText(r.fake.Messages(adminID)))
	}
	r.await(t, r.fake.SendText(coordID, "Sari", "/daftar "+code[1]))
}

// TestKill9DuringReportFormLosesAndDuplicatesNothing kills the process
// with SIGKILL at a random moment after every answer, restarts it, and
// checks the form holds each answer exactly once and one report is stored.
func TestKill9DuringReportFormLosesAndDuplicatesNothing(t *testing.T) {
	t.Parallel()
	r := newKillRig(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	r.joinCoordinator(t)
	r.await(t, r.fake.SendText(coordID, "Sari", "/lapor"))

	answers := []string{"Pendataan keluarga miskin", "40", "Rp750.000", "-", "Rapat evaluasi"}
	for _, a := range answers {
		id := r.fake.SendText(coordID, "Sari", a)
		r.kill9(t, 15*time.Millisecond)
		r.await(t, id)
	}
	db := dbtest.OpenURL(t, r.dbURL, store.Options{})
	f, err := db.Form(ctx, coordID)
	if err != nil {
		t.Fatal(err)
	}
	if f.Step != tkpkbot.StepStrategy || f.Draft.Activities != answers[0] || f.Draft.Households != 40 ||
		f.Draft.Budget != 750000 || f.Draft.Obstacles != "-" || f.Draft.NextPlan != answers[4] {
		t.Fatalf("form after kills = step %d %+v", f.Step, f.Draft)
	}

	// The two button steps, without kills: the kills above are about typed
	// answers, and Kirim below about presses.
	for _, b := range []string{"Peningkatan pendapatan", "Lanjut ▶", "APBN", "Lanjut ▶"} {
		r.await(t, pressNewest(t, r.fake, coordID, b))
	}
	msgs := r.fake.Messages(coordID)
	sum := msgs[len(msgs)-1]
	mustContain(t, sum.Text, "Ringkasan laporan")
	kirim := sum.ReplyMarkup.InlineKeyboard[0][0].CallbackData
	id := r.fake.PressButtonByID(coordID, sum.ID, kirim)
	r.kill9(t, 15*time.Millisecond)
	r.await(t, id)
	r.await(t, r.fake.PressButtonByID(coordID, sum.ID, kirim)) // and a second press
	rs, err := db.RegionReports(ctx, "6472", 10)
	if err != nil || len(rs) != 1 || rs[0].Version != 1 || rs[0].Households != 40 {
		t.Fatalf("reports after kill during Kirim = %+v, %v", rs, err)
	}
}

// TestSIGTERMUnderLoadConfirmsOnlyHandledUpdates sends a burst, stops the
// process with SIGTERM in the middle, and checks that every confirmed
// update was answered and that, after a restart, every update is answered
// exactly once.
func TestSIGTERMUnderLoadConfirmsOnlyHandledUpdates(t *testing.T) {
	t.Parallel()
	r := newKillRig(t)
	fake, p := r.fake, r.p
	r.await(t, fake.SendText(1, "Satu", "/start"))

	const users, each = 20, 8
	var last int64
	for i := 0; i < each; i++ {
		for u := int64(100); u < 100+users; u++ {
			last = fake.SendText(u, "Pengguna", "/bantuan")
		}
	}
	time.Sleep(20 * time.Millisecond)
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	code, took := p.wait(t, 12*time.Second)
	if code != 0 || took > 10*time.Second {
		t.Fatalf("SIGTERM under load: exit %d after %s\n%s", code, took, p.stderr.String())
	}
	confirmed := fake.ConfirmedOffset()
	answered := 0
	for u := int64(100); u < 100+users; u++ {
		answered += len(fake.Messages(u))
	}
	handledBefore := int(confirmed - 2) // update ids start at 1; /start was id 1
	if answered < handledBefore {
		t.Fatalf("confirmed %d updates but answered only %d", handledBefore, answered)
	}
	t.Logf("at SIGTERM: %d of %d updates confirmed, %d answered", handledBefore, users*each, answered)

	p = serveProc(t, fake, r.dbURL)
	awaitHandled(t, fake, last, p)
	for u := int64(100); u < 100+users; u++ {
		if n := len(fake.Messages(u)); n != each {
			t.Fatalf("user %d got %d replies, want %d", u, n, each)
		}
		for _, m := range fake.Messages(u) {
			if !strings.Contains(m.Text, "Daftar perintah") {
				t.Fatalf("unexpected reply %q", m.Text)
			}
		}
	}
}

// pressNewest presses the newest button whose text contains label.
func pressNewest(t *testing.T, fake *telegramtest.Server, user int64, label string) int64 {
	t.Helper()
	id, data, ok := findButton(fake.Messages(user), label)
	if !ok {
		t.Fatalf("no button %q in chat %d", label, user)
	}
	return fake.PressButtonByID(user, id, data)
}
