package handlers

import (
	"context"
	"errors"
	"testing"
	"time"

	"tkpkbot"
)

// floodClock is the guard's injected wall clock.
type floodClock struct{ t time.Time }

func (c *floodClock) now() time.Time { return c.t }

func newTestGuard(burst int, perSec float64) (*floodGuard, *floodClock) {
	c := &floodClock{t: time.Date(2024, 12, 11, 2, 0, 0, 0, time.UTC)}
	return newFloodGuard(burst, perSec, c.now), c
}

// takeN takes n updates of user sent at sent and returns their waits; -1
// marks a dropped one.
func takeN(f *floodGuard, user int64, sent time.Time, n int) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		w, ok := f.take(user, sent, false)
		if !ok {
			w = -1
		}
		out[i] = w
	}
	return out
}

func TestFloodGuardBurstThenDelay(t *testing.T) {
	f, clock := newTestGuard(10, 1)
	waits := takeN(f, 1, clock.t, 15)
	for i, w := range waits {
		want := time.Duration(max(0, i-9)) * time.Second
		if w != want {
			t.Fatalf("message %d waits %v, want %v (all: %v)", i+1, w, want, waits)
		}
	}
	// The wait counts from when the message is due, not from when the
	// guard is asked: asked later (behind its chat's earlier messages), the
	// 16th is held only for what is left.
	clock.t = clock.t.Add(5*time.Second + 400*time.Millisecond)
	if w, ok := f.take(1, clock.t.Add(-5400*time.Millisecond), false); !ok || w != 600*time.Millisecond {
		t.Fatalf("16th asked 5.4 s later waits %v (ok %v), want 600ms", w, ok)
	}
	// Another user has a bucket of their own.
	if w, ok := f.take(2, clock.t, false); !ok || w != 0 {
		t.Fatalf("another user waits %v (ok %v)", w, ok)
	}
}

// A backlog typed over a minute while the bot was down arrives at once;
// its dates show it is no flood, however late the guard sees it.
func TestFloodGuardCountsByMessageDate(t *testing.T) {
	f, clock := newTestGuard(10, 1)
	start := clock.t.Add(-10 * time.Minute)
	for i := 0; i < 14; i++ {
		sent := start.Add(time.Duration(i) * 60 * time.Second / 13).Truncate(time.Second)
		if w, ok := f.take(1, sent, false); !ok || w != 0 {
			t.Fatalf("backlog message %d: wait %v, ok %v; want handled at once", i+1, w, ok)
		}
	}
	// The same 14 sent within one second were a flood when sent: the four
	// over the burst are due after their dates, which have passed, so they
	// are handled now rather than dropped.
	waits := takeN(f, 2, start, 14)
	for i, w := range waits {
		if w != 0 {
			t.Fatalf("old burst message %d: wait %v, want 0 (all %v)", i+1, w, waits)
		}
	}
	// A message from the future (Telegram's clock ahead of ours) waits
	// only its turn, however far ahead its date is.
	f, clock = newTestGuard(1, 1)
	ahead := clock.t.Add(20 * time.Second)
	if w, _ := f.take(3, ahead, false); w != 0 {
		t.Fatalf("first message waits %v", w)
	}
	if w, _ := f.take(3, ahead, false); w != time.Second {
		t.Fatalf("second message with a date 20 s ahead waits %v, want 1s", w)
	}
	clock.t = clock.t.Add(time.Second) // the second one is handled
	if w, _ := f.take(3, ahead, false); w != time.Second {
		t.Fatalf("third message with a date 19 s ahead waits %v, want 1s: the lead must not add up", w)
	}
}

func TestFloodGuardDropsOnlyPastTheBound(t *testing.T) {
	f, clock := newTestGuard(10, 1)
	waits := takeN(f, 1, clock.t, 42)
	for i, w := range waits[:40] {
		if want := time.Duration(max(0, i-9)) * time.Second; w != want {
			t.Fatalf("message %d waits %v, want %v", i+1, w, want)
		}
	}
	if waits[40] != -1 || waits[41] != -1 {
		t.Fatalf("messages 41 and 42 would wait 31 s and more but got %v, %v; want dropped", waits[40], waits[41])
	}
	// Drops cost nothing: once the 40th is due, the next message waits one
	// interval, not one per dropped message.
	clock.t = clock.t.Add(30 * time.Second)
	if w, ok := f.take(1, clock.t, false); !ok || w != time.Second {
		t.Fatalf("after the flood: wait %v, ok %v; want 1s", w, ok)
	}
	// An update that must be kept (a form answer) is scheduled even past
	// the bound, and never held longer than it.
	f, clock = newTestGuard(10, 1)
	takeN(f, 1, clock.t, 40)
	if w, ok := f.take(1, clock.t, true); !ok || w != floodMaxWait {
		t.Fatalf("kept 41st: wait %v, ok %v; want %v", w, ok, floodMaxWait)
	}
	if w, ok := f.take(1, clock.t, false); ok {
		t.Fatalf("the 42nd, not kept, is handled after %v; want dropped", w)
	}
	// A backlog flood is dropped past the bound as well: it was one when
	// it was sent.
	f, clock = newTestGuard(10, 1)
	waits = takeN(f, 1, clock.t.Add(-time.Hour), 41)
	if waits[39] != 0 || waits[40] != -1 {
		t.Fatalf("old flood: 40th waits %v, 41st %v; want 0 and dropped", waits[39], waits[40])
	}
}

func TestFloodGuardOneNoticePerFlood(t *testing.T) {
	f, clock := newTestGuard(2, 1)
	if f.flooded(1) {
		t.Fatal("notice for a user who never sent anything")
	}
	takeN(f, 1, clock.t, 40)
	if !f.flooded(1) {
		t.Fatal("no notice for the first drop")
	}
	for i := 0; i < 5; i++ {
		if _, ok := f.take(1, clock.t, false); ok {
			t.Fatal("flood message handled")
		}
		if f.flooded(1) {
			t.Fatalf("second notice at drop %d of the same flood", i+2)
		}
	}
	// Delayed messages later on do not end the flood...
	clock.t = clock.t.Add(10 * time.Second)
	if w, ok := f.take(1, clock.t, false); !ok || w == 0 {
		t.Fatalf("still over the limit: wait %v, ok %v", w, ok)
	}
	if f.flooded(1) {
		t.Fatal("second notice while still over the limit")
	}
	// ...one within the burst does, so the next flood gets its notice.
	clock.t = clock.t.Add(time.Minute)
	if w, ok := f.take(1, clock.t, false); !ok || w != 0 {
		t.Fatalf("after a quiet minute: wait %v, ok %v", w, ok)
	}
	takeN(f, 1, clock.t, 40)
	if !f.flooded(1) {
		t.Fatal("no notice for the second flood")
	}
}

func TestFloodGuardCountsPressesAtArrivalAndSkipsOtherBots(t *testing.T) {
	f, clock := newTestGuard(10, 1)
	press := &tkpkbot.Update{Kind: tkpkbot.UpdateCallback, From: tkpkbot.User{ID: 5}, CallbackID: "q", CallbackData: "lapor:kirim:x",
		ChatID: 5, MessageID: 1}
	if user, chat, sent, counted := f.subject(press, "tkpk_bot"); !counted || user != 5 || chat != 5 || !sent.Equal(clock.t) {
		t.Fatalf("press: user %d chat %d sent %v counted %v", user, chat, sent, counted)
	}
	other := &tkpkbot.Update{Kind: tkpkbot.UpdateMessage, Date: time.Unix(1, 0), From: tkpkbot.User{ID: 5}, ChatID: -100, Text: "/start@other_bot"}
	if _, _, _, counted := f.subject(other, "tkpk_bot"); counted {
		t.Fatal("a command for another bot is counted")
	}
	msg := &tkpkbot.Update{Kind: tkpkbot.UpdateMessage, Date: time.Unix(1733882400, 0), From: tkpkbot.User{ID: 5}, ChatID: 5, Text: "/start"}
	if _, _, sent, _ := f.subject(msg, "tkpk_bot"); sent.Unix() != 1733882400 {
		t.Fatalf("message counted at %v, not at its date", sent)
	}
}

// formReports answers Form only; the guard needs nothing else.
type formReports struct {
	tkpkbot.ReportService
	err   error
	asked int
}

func (r *formReports) Form(context.Context, int64) (tkpkbot.ReportForm, error) {
	r.asked++
	return tkpkbot.ReportForm{}, r.err
}

func TestFormBoundUpdatesAreKept(t *testing.T) {
	reports := &formReports{}
	h := New(Deps{Reports: reports, BotUsername: "tkpk_bot"})
	text := func(s string) *tkpkbot.Update {
		return &tkpkbot.Update{ID: 1, Kind: tkpkbot.UpdateMessage, From: tkpkbot.User{ID: 5}, ChatID: 5, Private: true, Text: s}
	}
	press := func(data string) *tkpkbot.Update {
		return &tkpkbot.Update{ID: 1, Kind: tkpkbot.UpdateCallback, From: tkpkbot.User{ID: 5}, CallbackID: "q", CallbackData: data}
	}
	ctx := context.Background()
	if !h.formBound(ctx, text("Rapat koordinasi")) {
		t.Fatal("an answer to an open form is not kept")
	}
	if !h.formBound(ctx, press("lapor:kirim:abc")) || h.formBound(ctx, press("rapat:hadir:1")) {
		t.Fatal("form presses must be kept, others not")
	}
	reports.asked = 0
	if h.formBound(ctx, text("/bantuan")) {
		t.Fatal("a command is kept as if it were a form answer")
	}
	group := text("Rapat koordinasi")
	group.ChatID, group.Private = -100, false
	if h.formBound(ctx, group) {
		t.Fatal("a group message is kept as if it were a form answer")
	}
	if reports.asked != 0 {
		t.Fatalf("the database was asked %d times about updates that cannot be answers", reports.asked)
	}
	reports.err = tkpkbot.Errorf(tkpkbot.ENOTFOUND, "no form")
	if h.formBound(ctx, text("Halo")) {
		t.Fatal("plain text without an open form is kept")
	}
	reports.err = errors.New("connection refused")
	if !h.formBound(ctx, text("Rapat koordinasi")) {
		t.Fatal("when the database cannot tell, the update must be kept")
	}
}
