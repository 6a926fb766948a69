package telegram

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"tkpkbot"

	"tkpkbot/internal/telegramtest"
)

// pollerRig runs a Poller against the fake Bot API with a Process that
// records what it handled and can hold chosen updates until released.
type pollerRig struct {
	t    *testing.T
	fake *telegramtest.Server
	p    *Poller

	mu      sync.Mutex
	handled []string                 // "chat:text" in handling order
	hold    map[string]chan struct{} // text → released when closed
	started map[string]chan struct{} // text → closed when its handling starts
	done    map[int64]time.Time      // update ID → when Done recorded it
	stop    func()
	exited  chan struct{}
}

func newPollerRig(t *testing.T, configure func(*Poller)) *pollerRig {
	t.Helper()
	r := &pollerRig{t: t, fake: telegramtest.New(), hold: map[string]chan struct{}{},
		started: map[string]chan struct{}{}, done: map[int64]time.Time{}, exited: make(chan struct{})}
	t.Cleanup(r.fake.Close)
	r.p = &Poller{APIURL: r.fake.URL(), Token: "1:POLL", Timeout: 2 * time.Second, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Process: r.process,
		Done: func(_ context.Context, ids []int64) {
			r.mu.Lock()
			defer r.mu.Unlock()
			for _, id := range ids {
				r.done[id] = time.Now()
			}
		}}
	if configure != nil {
		configure(r.p)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r.stop = func() { cancel(); <-r.exited }
	go func() { defer close(r.exited); _ = r.p.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-r.exited })
	return r
}

// sendHeld sends text from user and returns once its handling has
// started; the handling then waits until release is called, so a test can
// look at the poller while one update is slow.
func (r *pollerRig) sendHeld(user int64, name, text string) (id int64, release func()) {
	r.mu.Lock()
	c, started := make(chan struct{}), make(chan struct{})
	r.hold[text], r.started[text] = c, started
	r.mu.Unlock()
	id = r.fake.SendText(user, name, text)
	<-started
	return id, sync.OnceFunc(func() { close(c) })
}

func (r *pollerRig) process(ctx context.Context, u *tkpkbot.Update) bool {
	text := u.Text
	r.mu.Lock()
	c, s := r.hold[text], r.started[text]
	r.mu.Unlock()
	if s != nil {
		close(s)
	}
	if c != nil {
		select {
		case <-c:
		case <-ctx.Done():
			return false // cut short by shutdown
		}
	}
	r.mu.Lock()
	r.handled = append(r.handled, strconv.FormatInt(u.ChatID, 10)+":"+text)
	r.mu.Unlock()
	return true
}

func (r *pollerRig) handledList() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.handled)
}

func (r *pollerRig) waitHandled(n int) {
	r.t.Helper()
	waitFor(r.t, strconv.Itoa(n)+" updates are handled", func() bool { return len(r.handledList()) >= n })
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// A slow update (an export, a chart) must not hold up other people: their
// messages are fetched and answered while it runs. It is still not
// confirmed before it finishes, nor is anything after it.
func TestPollerAnswersOthersWhileOneUpdateIsSlow(t *testing.T) {
	r := newPollerRig(t, nil)
	slow, release := r.sendHeld(1, "Lambat", "/ekspor")
	var last int64
	for u := int64(2); u <= 6; u++ {
		last = r.fake.SendText(u, "Cepat", "/angka")
	}
	r.waitHandled(5)
	time.Sleep(50 * time.Millisecond) // time for a wrong confirmation to happen
	if got := r.fake.ConfirmedOffset(); got > slow {
		t.Fatalf("confirmed offset %d while update %d is still running", got, slow)
	}
	release()
	waitFor(t, "every update is confirmed", func() bool { return r.fake.ConfirmedOffset() > last })
	if h := r.handledList(); h[len(h)-1] != "1:/ekspor" {
		t.Fatalf("handling order %v: the slow one should finish last", h)
	}
}

// Two messages of one person apply in order even when the second arrives
// in a later fetch while the first is still being handled.
func TestPollerKeepsAChatsOrderAcrossFetches(t *testing.T) {
	r := newPollerRig(t, nil)
	_, release := r.sendHeld(7, "Sari", "satu")
	r.fake.SendText(7, "Sari", "dua")
	r.fake.SendText(8, "Budi", "lain")
	r.waitHandled(1)
	if h := r.handledList(); !slices.Equal(h, []string{"8:lain"}) {
		t.Fatalf("handled %v while the first message of chat 7 runs; want only the other chat", h)
	}
	release()
	r.waitHandled(3)
	if h := r.handledList(); !slices.Equal(h, []string{"8:lain", "7:satu", "7:dua"}) {
		t.Fatalf("handling order %v", h)
	}
}

// While a slow update runs there is nothing to long-poll for (Telegram
// returns it at once), so the poller must back off instead of spinning.
func TestPollerDoesNotSpinWhileAnUpdateIsSlow(t *testing.T) {
	r := newPollerRig(t, nil)
	_, release := r.sendHeld(1, "Lambat", "/ekspor")
	before := len(r.fake.CallsTo("getUpdates"))
	time.Sleep(time.Second)
	calls := len(r.fake.CallsTo("getUpdates")) - before
	release()
	if calls > 6 {
		t.Fatalf("%d getUpdates calls in 1 s while one update was running; want a backed-off few", calls)
	}
	// A new message is still picked up within the back-off.
	id := r.fake.SendText(2, "Baru", "/angka")
	waitFor(t, "the new message is confirmed", func() bool { return r.fake.ConfirmedOffset() > id })
}

// Every handled update is recorded before the getUpdates call that
// confirms it, so a crash in between cannot lead to handling it twice.
func TestPollerRecordsHandledUpdatesBeforeConfirming(t *testing.T) {
	r := newPollerRig(t, nil)
	var last int64
	for i := 0; i < 150; i++ {
		last = r.fake.SendText(int64(100+i%30), "Pengguna", "/angka")
	}
	waitFor(t, "every update is confirmed", func() bool { return r.fake.ConfirmedOffset() > last })
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.done) != 150 {
		t.Fatalf("%d updates recorded as handled, want 150", len(r.done))
	}
	for _, c := range r.fake.CallsTo("getUpdates") {
		offset, _ := strconv.ParseInt(c.Params["offset"], 10, 64)
		for id, at := range r.done {
			if id < offset && at.After(c.At) {
				t.Fatalf("update %d confirmed by getUpdates at %s but recorded only at %s", id, c.At.Format(time.StampMicro), at.Format(time.StampMicro))
			}
		}
	}
}

// On shutdown the update in flight finishes and is confirmed; nothing is
// fetched after the signal.
func TestPollerFinishesAndConfirmsInFlightUpdateOnShutdown(t *testing.T) {
	r := newPollerRig(t, nil)
	id, release := r.sendHeld(3, "Sari", "/lapor")
	go func() { time.Sleep(100 * time.Millisecond); release() }()
	r.stop()
	if h := r.handledList(); !slices.Equal(h, []string{"3:/lapor"}) {
		t.Fatalf("handled %v at shutdown", h)
	}
	if got := r.fake.ConfirmedOffset(); got != id+1 {
		t.Fatalf("confirmed offset %d after shutdown, want %d", got, id+1)
	}
}

// The duplicate check (a database query) runs only for updates a previous
// process may have handled: those up to the newest one recorded, and any
// fetched while a replica that just lost the lead may still be finishing.
func TestPollerChecksForDuplicatesOnlyUpToTheNewestHandled(t *testing.T) {
	const old = 1 // the fake's first update ID, handled by "a previous process"
	var mu sync.Mutex
	var filtered [][]int64
	var prepared []int64
	ids := func(us []*tkpkbot.Update) (out []int64) {
		for _, u := range us {
			out = append(out, u.ID)
		}
		return out
	}
	r := newPollerRig(t, func(p *Poller) {
		p.CheckAll = 300 * time.Millisecond
		p.Newest = func(context.Context) (int64, error) { return old, nil }
		p.Filter = func(_ context.Context, us []*tkpkbot.Update) []*tkpkbot.Update {
			mu.Lock()
			defer mu.Unlock()
			filtered = append(filtered, ids(us))
			return slices.DeleteFunc(us, func(u *tkpkbot.Update) bool { return u.ID == old })
		}
		p.Prepare = func(_ context.Context, us []*tkpkbot.Update) {
			mu.Lock()
			defer mu.Unlock()
			prepared = append(prepared, ids(us)...)
		}
	})
	if id := r.fake.SendText(1, "Sari", "lama"); id != old {
		t.Fatalf("first update ID %d, want %d", id, old)
	}
	waitFor(t, "the old update is confirmed", func() bool { return r.fake.ConfirmedOffset() > old })
	early := r.fake.SendText(1, "Sari", "awal")
	waitFor(t, "the early update is confirmed", func() bool { return r.fake.ConfirmedOffset() > early })
	time.Sleep(300 * time.Millisecond)
	late := r.fake.SendText(1, "Sari", "baru")
	waitFor(t, "the new update is confirmed", func() bool { return r.fake.ConfirmedOffset() > late })
	mu.Lock()
	defer mu.Unlock()
	if len(filtered) != 2 || !slices.Equal(filtered[0], []int64{old}) || !slices.Equal(filtered[1], []int64{early}) {
		t.Fatalf("duplicate checks %v, want [[%d] [%d]]: the old update and the one right after start", filtered, old, early)
	}
	if h := r.handledList(); !slices.Equal(h, []string{"1:awal", "1:baru"}) || !slices.Equal(prepared, []int64{early, late}) {
		t.Fatalf("handled %v, prepared %v; want only the new updates", h, prepared)
	}
}

// When shutdown's Drain runs out, an update cut short, and the ones queued
// behind it, stay unconfirmed: Telegram delivers them to the next poller.
func TestPollerLeavesUpdatesCutShortByShutdownUnconfirmed(t *testing.T) {
	r := newPollerRig(t, func(p *Poller) { p.Drain = 100 * time.Millisecond })
	first, release := r.sendHeld(7, "Sari", "satu")
	defer release()
	r.fake.SendText(7, "Sari", "dua")
	r.fake.SendText(8, "Budi", "lain")
	r.waitHandled(1)
	r.stop()
	if h := r.handledList(); !slices.Equal(h, []string{"8:lain"}) {
		t.Fatalf("handled %v; want only the other chat's update", h)
	}
	if got := r.fake.ConfirmedOffset(); got > first {
		t.Fatalf("confirmed offset %d passes update %d, which shutdown cut short", got, first)
	}
	if n := r.fake.PendingUpdates(); n < 2 {
		t.Fatalf("%d updates left for the next poller, want at least the 2 of chat 7", n)
	}
}

// Telegram returns at most 100 updates from the offset: once 100 follow an
// unfinished one, fetching cannot bring anything new, so the poller waits
// for it instead of asking again and again.
func TestPollerWaitsWhenAFullBatchFollowsAnUnfinishedUpdate(t *testing.T) {
	r := newPollerRig(t, nil)
	slow, release := r.sendHeld(1, "Lambat", "/ekspor")
	var last int64
	for i := 0; i < 150; i++ {
		last = r.fake.SendText(int64(100+i), "Pengguna", "/angka")
	}
	r.waitHandled(maxBatch - 1) // the rest of the first 100 after the slow one
	time.Sleep(50 * time.Millisecond)
	before := len(r.fake.CallsTo("getUpdates"))
	time.Sleep(time.Second)
	calls := len(r.fake.CallsTo("getUpdates")) - before
	if calls > 1 {
		t.Fatalf("%d getUpdates calls in 1 s that could only return known updates", calls)
	}
	if got := r.fake.ConfirmedOffset(); got > slow {
		t.Fatalf("confirmed offset %d passes the unfinished update %d", got, slow)
	}
	release()
	waitFor(t, "every update is confirmed", func() bool { return r.fake.ConfirmedOffset() > last })
	if n := len(r.handledList()); n != 151 {
		t.Fatalf("handled %d updates, want 151", n)
	}
}
