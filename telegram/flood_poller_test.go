package telegram

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"tkpkbot"
)

// A flooding user's held updates take neither the only worker nor the
// poller's window: another person is answered meanwhile, while nothing of
// the flood is confirmed before it is handled. Shutdown ends the hold at
// once and leaves the held updates for the next start.
func TestPollerHeldFloodDoesNotDelayOthers(t *testing.T) {
	var r *pollerRig
	r = newPollerRig(t, func(p *Poller) {
		p.Workers = 1
		p.Drain = time.Minute // a hold that outlasted shutdown would show as a hung stop
		p.Process = func(ctx context.Context, u *tkpkbot.Update) bool {
			if strings.HasPrefix(u.Text, "banjir") {
				if err := tkpkbot.Pause(ctx, time.Hour); err != nil {
					return false
				}
			}
			return r.process(ctx, u)
		}
	})
	first := r.fake.SendText(1, "Banjir", "banjir 1")
	for i := 2; i <= 60; i++ { // more than half the window
		r.fake.SendText(1, "Banjir", "banjir lagi")
	}
	pushed := time.Now()
	// A getUpdates call after the last push fetches the whole flood; a
	// second one means the poller went on fetching with the flood in flight.
	waitFor(t, "the flood is fetched", func() bool {
		n := 0
		for _, c := range r.fake.CallsTo("getUpdates") {
			if c.At.After(pushed) {
				n++
			}
		}
		return n >= 2
	})
	r.fake.SendText(2, "Tenang", "/angka")
	r.waitHandled(1)
	if h := r.handledList(); !slices.Equal(h, []string{"2:/angka"}) {
		t.Fatalf("handled %v; want only the other user's update", h)
	}
	if got := r.fake.ConfirmedOffset(); got > first {
		t.Fatalf("confirmed offset %d passes the held update %d", got, first)
	}
	r.stop()
	if got := r.fake.ConfirmedOffset(); got > first {
		t.Fatalf("after shutdown the confirmed offset %d passes the held update %d", got, first)
	}
	// The other user's update is above the offset too; the next start
	// knows it as handled and drops it as a duplicate.
	if n := r.fake.PendingUpdates(); n != 61 {
		t.Fatalf("%d updates left for the next start, want the 60 of the flood and the handled one", n)
	}
}
