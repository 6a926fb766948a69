package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"tkpkbot"
	"tkpkbot/internal/clocktest"
	"tkpkbot/internal/dbtest"
	"tkpkbot/internal/pgtest"
	"tkpkbot/internal/telegramtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var wita = clocktest.WITA

// harness runs the real wiring (newApp + serve) against the fake Bot API
// and a fresh database, with a settable clock.
type harness struct {
	t      testing.TB
	fake   *telegramtest.Server
	clock  *clocktest.Clock
	cfg    Config
	app    *app
	cancel context.CancelFunc
	done   chan error
	logs   *syncBuf
	setup  func(*app)
}

const adminID = 500

func newHarness(t testing.TB, edit ...func(*Config)) *harness {
	t.Helper()
	fake := telegramtest.New()
	t.Cleanup(fake.Close)
	cfg := Config{
		Token: "123456:TEST-TOKEN", APIURL: fake.URL(), DatabaseURL: dbtest.URL(t),
		AdminIDs: []int64{adminID}, Location: wita, HTTPAddr: "127.0.0.1:0",
		Deadline: tkpkbot.DefaultDeadline,
	}
	for _, e := range edit {
		e(&cfg)
	}
	h := &harness{t: t, fake: fake, cfg: cfg, logs: &syncBuf{},
		clock: clocktest.New(time.Date(2024, 12, 11, 10, 0, 0, 0, wita))} // Wednesday of 2024-W50
	h.start()
	t.Cleanup(h.stop)
	return h
}

func (h *harness) start() {
	h.t.Helper()
	log := slog.New(slog.NewTextHandler(io.MultiWriter(h.logs, testWriter{h.t}), &slog.HandlerOptions{Level: slog.LevelInfo}))
	a, err := newApp(context.Background(), h.cfg, log, h.clock)
	if err != nil {
		h.t.Fatalf("newApp: %v", err)
	}
	if h.setup != nil {
		h.setup(a)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.app, h.cancel, h.done = a, cancel, make(chan error, 1)
	go func() { h.done <- a.serve(ctx, false) }()
}

func (h *harness) stop() {
	if h.cancel == nil {
		return
	}
	h.cancel()
	select {
	case err := <-h.done:
		if err != nil {
			h.t.Errorf("serve returned %v", err)
		}
	case <-time.After(15 * time.Second):
		h.t.Errorf("serve did not stop within 15 s")
	}
	h.cancel = nil
}

func (h *harness) restart() {
	h.stop()
	h.start()
}

// settle waits until the bot has handled (and confirmed) update id.
func (h *harness) settle(id int64) {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for h.fake.ConfirmedOffset() <= id {
		if time.Now().After(deadline) {
			h.t.Fatalf("update %d not handled within 10 s (confirmed offset %d)", id, h.fake.ConfirmedOffset())
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// say sends text as a user in private chat and returns the bot's new
// messages in that chat.
func (h *harness) say(user int64, name, text string) []models.Message {
	h.t.Helper()
	before := len(h.fake.Messages(user))
	h.settle(h.fake.SendText(user, name, text))
	return h.fake.Messages(user)[before:]
}

// sayPhoto is say for a command that answers with a picture: it fails
// unless exactly one photo went out, and returns that sendPhoto call too.
func (h *harness) sayPhoto(user int64, name, text string) ([]models.Message, telegramtest.Call) {
	h.t.Helper()
	before := len(h.fake.CallsTo("sendPhoto"))
	msgs := h.say(user, name, text)
	calls := h.fake.CallsTo("sendPhoto")
	if len(calls) != before+1 {
		h.t.Fatalf("%s: %d photos, want 1", text, len(calls)-before)
	}
	return msgs, calls[len(calls)-1]
}

// press taps the button with the given text on the bot's latest message
// that has it, and returns the chat's messages after handling.
func (h *harness) press(user int64, name, button string) []models.Message {
	h.t.Helper()
	msgs := h.fake.Messages(user)
	id, data, ok := findButton(msgs, button)
	if !ok {
		h.t.Fatalf("no button %q in chat %d; last message: %q", button, user, lastText(msgs))
	}
	h.settle(h.fake.PressButtonByID(user, id, data))
	return h.fake.Messages(user)
}

// findButton finds the button whose text contains label on the latest
// message of msgs that has one: its message id and callback data.
func findButton(msgs []models.Message, label string) (int, string, bool) {
	for i := len(msgs) - 1; i >= 0; i-- {
		if kb := msgs[i].ReplyMarkup; kb != nil {
			for _, row := range kb.InlineKeyboard {
				for _, b := range row {
					if strings.Contains(b.Text, label) {
						return msgs[i].ID, b.CallbackData, true
					}
				}
			}
		}
	}
	return 0, "", false
}

func lastText(msgs []models.Message) string {
	if len(msgs) == 0 {
		return "(no messages)"
	}
	return msgs[len(msgs)-1].Text
}

func texts(msgs []models.Message) string {
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString(m.Text)
		b.WriteString("\n---\n")
	}
	return b.String()
}

// countIn is how often an answer went out, for the tests that a redelivered
// or flooded update is answered exactly as often as it should be.
func countIn(msgs []models.Message, sub string) int {
	n := 0
	for _, m := range msgs {
		if strings.Contains(m.Text, sub) {
			n++
		}
	}
	return n
}

// buttonTexts lists the texts of a message's inline buttons.
func buttonTexts(m models.Message) []string {
	var out []string
	if m.ReplyMarkup == nil {
		return nil
	}
	for _, row := range m.ReplyMarkup.InlineKeyboard {
		for _, b := range row {
			out = append(out, b.Text)
		}
	}
	return out
}

func mustContain(t testing.TB, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Fatalf("reply does not contain %q:\n%s", w, got)
		}
	}
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	if testing.Verbose() {
		w.t.Log(strings.TrimRight(string(p), "\n"))
	}
	return len(p), nil
}

func userOf(id int64) tkpkbot.User { return tkpkbot.User{ID: id, FirstName: "Pengguna"} }
