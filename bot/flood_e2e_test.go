package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"tkpkbot"
)

// productionFlood is config.go's default flood control; the harness has
// none unless asked.
func productionFlood(c *Config) { c.FloodBurst, c.FloodRate = 10, 1 }

// sendAt queues a private message whose Message.Date is at, as Telegram
// does for a message written while the bot was down.
func sendAt(h *harness, user int64, name, text string, at time.Time) int64 {
	return h.fake.PushUpdate(models.Update{Message: &models.Message{
		From: &models.User{ID: user, FirstName: name}, Chat: models.Chat{ID: user},
		Text: text, Date: int(at.Unix()),
	}})
}

// TestFloodBacklogFromDowntimeIsAllAnswered: 14 messages written over a
// minute while the bot was down arrive at once after the restart. Their
// dates show a human pace, so none is held back and none dropped (arrival
// time would have made them a burst of 14 against a burst of 10).
func TestFloodBacklogFromDowntimeIsAllAnswered(t *testing.T) {
	h := newHarness(t, productionFlood)
	h.stop()
	start := time.Now().Add(-90 * time.Second)
	var last int64
	for i := 0; i < 14; i++ {
		last = sendAt(h, 42, "Rahmat", "/start", start.Add(time.Duration(i)*time.Minute/13))
	}
	h.start()
	h.settle(last)
	msgs := h.fake.Messages(42)
	if n := countIn(msgs, "Halo, Rahmat!"); n != 14 {
		t.Fatalf("%d of 14 backlog messages answered:\n%s", n, texts(msgs))
	}
	if countIn(msgs, "terlalu cepat") != 0 {
		t.Fatal("flood notice for a backlog written at a human pace")
	}
	if strings.Contains(h.logs.String(), "flood:") {
		t.Fatalf("flood control acted on the backlog:\n%s", h.logs.String())
	}
}

// TestFloodDelayedFormAnswersLandInTheirSteps sends /lapor and its five
// answers as the 10th to 15th messages of one burst: the answers over the
// burst are held back, not dropped, and each fills its own step.
func TestFloodDelayedFormAnswersLandInTheirSteps(t *testing.T) {
	h := newHarness(t, productionFlood)
	joinCoordinator(t, h, "Berau")
	for i := 0; i < 9; i++ {
		h.fake.SendText(coordID, "Sari", "/start")
	}
	h.fake.SendText(coordID, "Sari", "/lapor")
	var last int64
	for _, a := range []string{"Kegiatan pertama", "77", "Rp300.000", "Tidak ada", "Rencana berikut"} {
		last = h.fake.SendText(coordID, "Sari", a)
	}
	h.settle(last)
	mustContain(t, h.logs.String(), "flood: update delayed")
	checkForm(t, h, tkpkbot.Report{Activities: "Kegiatan pertama", Households: 77, Budget: 300000, Obstacles: "Tidak ada", NextPlan: "Rencana berikut"})
	chooseDefaults(t, h, coordID, "Sari")
	mustContain(t, lastText(h.fake.Messages(coordID)), "Ringkasan laporan", "Kegiatan pertama", "77 KK", "Rp300.000", "Tidak ada", "Rencana berikut")
	if countIn(h.fake.Messages(coordID), "terlalu cepat") != 0 {
		t.Fatal("flood notice although nothing was dropped")
	}
}

// TestFloodNeverDropsFormAnswers puts the five answers of a form where
// any other message would be dropped (an old burst, 41st to 45th against
// a burst of 10 and 30 s of delay): they are applied to the right steps,
// and only the plain commands after them are dropped, with one notice.
func TestFloodNeverDropsFormAnswers(t *testing.T) {
	h := newHarness(t, productionFlood)
	old := time.Now().Add(-5 * time.Minute)
	code := invite(t, h, "Berau")
	h.settle(sendAt(h, coordID, "Sari", "/start "+code, old.Add(-10*time.Second)))
	mustContain(t, lastText(h.fake.Messages(coordID)), "Selamat datang, Sari!")

	sendAt(h, coordID, "Sari", "/lapor", old)
	for i := 2; i <= 40; i++ {
		sendAt(h, coordID, "Sari", "/start", old)
	}
	for _, a := range []string{"Kegiatan pertama", "77", "Rp300.000", "Tidak ada", "Rencana berikut"} {
		sendAt(h, coordID, "Sari", a, old)
	}
	sendAt(h, coordID, "Sari", "/start", old)
	h.settle(sendAt(h, coordID, "Sari", "/start", old))

	checkForm(t, h, tkpkbot.Report{Activities: "Kegiatan pertama", Households: 77, Budget: 300000, Obstacles: "Tidak ada", NextPlan: "Rencana berikut"})
	msgs := h.fake.Messages(coordID)
	if n := countIn(msgs, "Halo, Sari!"); n != 39 {
		t.Fatalf("%d /start answered; want the 39 within the limit, not the 2 after the answers", n)
	}
	if n := countIn(msgs, "terlalu cepat"); n != 1 {
		t.Fatalf("%d flood notices, want 1", n)
	}
	chooseDefaults(t, h, coordID, "Sari")
	h.press(coordID, "Sari", "Kirim")
	reports, err := h.app.db.RegionReports(t.Context(), "6405", 10)
	if err != nil || len(reports) != 1 || reports[0].Households != 77 || reports[0].NextPlan != "Rencana berikut" {
		t.Fatalf("reports = %+v, %v", reports, err)
	}
}

func checkForm(t *testing.T, h *harness, want tkpkbot.Report) {
	t.Helper()
	f, err := h.app.db.Form(t.Context(), coordID)
	if err != nil {
		t.Fatalf("form: %v", err)
	}
	d := f.Draft
	if f.Step != tkpkbot.StepStrategy || d.Activities != want.Activities || d.Households != want.Households ||
		d.Budget != want.Budget || d.Obstacles != want.Obstacles || d.NextPlan != want.NextPlan {
		t.Fatalf("form at step %d with %+v; want the strategy step (the first with buttons) with %+v", f.Step, d, want)
	}
}

// TestFloodDropsOnlyPastTheBoundWithOneNotice: of an old burst of 40
// against a burst of 5 refilled every 2 s, the 15 that fit in 30 s of
// delay are answered too; the other 20 are dropped with a single notice.
func TestFloodDropsOnlyPastTheBoundWithOneNotice(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.FloodBurst, c.FloodRate = 5, 0.5 })
	old := time.Now().Add(-5 * time.Minute)
	var last int64
	for i := 0; i < 40; i++ {
		last = sendAt(h, 42, "Banjir", "/start", old)
	}
	h.settle(last)
	msgs := h.fake.Messages(42)
	if answers, notices := countIn(msgs, "Halo, Banjir!"), countIn(msgs, "terlalu cepat"); answers != 20 || notices != 1 {
		t.Fatalf("%d answers, %d notices; want 20 and 1", answers, notices)
	}
}

// TestFloodingUserDoesNotDelayOthers: while 60 messages of one user are
// held back (burst 5, then 1/s), another user is answered at once, and
// nothing of the flood is confirmed before it is handled, not even at
// shutdown.
func TestFloodingUserDoesNotDelayOthers(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.FloodBurst, c.FloodRate = 5, 1 })
	first := h.fake.SendText(42, "Banjir", "/start")
	for i := 1; i < 60; i++ {
		h.fake.SendText(42, "Banjir", "/start")
	}
	h.fake.SendText(43, "Tenang", "/start")
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if _, err := h.fake.WaitMessages(ctx, 43, 1); err != nil {
		t.Fatalf("the other user is not answered during the flood: %v", err)
	}
	mustContain(t, lastText(h.fake.Messages(43)), "Halo, Tenang!")
	if n := countIn(h.fake.Messages(42), "Halo, Banjir!"); n >= 60 {
		t.Fatalf("the flood was over (%d answers) before the other user was answered", n)
	}
	h.stop()
	answered := countIn(h.fake.Messages(42), "Halo, Banjir!")
	if got := h.fake.ConfirmedOffset(); got > first+int64(answered) {
		t.Fatalf("confirmed offset %d with %d of the flood answered: held updates were confirmed", got, answered)
	}
	mustContain(t, h.logs.String(), "flood: update delayed")
	if strings.Contains(h.logs.String(), "flood: update not handled") {
		t.Fatal("an update held back at shutdown was dropped instead of left for the next start")
	}
}
