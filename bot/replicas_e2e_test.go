package main

import (
	"strings"
	"testing"
	"time"
)

// twin starts a second replica on the same database and Bot API.
func (h *harness) twin() *harness {
	h.t.Helper()
	t := &harness{t: h.t, fake: h.fake, cfg: h.cfg, clock: h.clock, logs: &syncBuf{}}
	t.start()
	h.t.Cleanup(t.stop)
	return t
}

func TestOneReplicaPollsAndAnotherTakesOver(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.LeaderRetry = 200 * time.Millisecond })
	h.say(42, "Rahmat", "/start") // h is the leader now
	standby := h.twin()
	time.Sleep(500 * time.Millisecond)
	if !strings.Contains(standby.logs.String(), "standing by") {
		t.Fatalf("second replica did not stand by:\n%s", standby.logs.String())
	}
	for i := 0; i < 5; i++ {
		h.say(42, "Rahmat", "/bantuan")
	}
	if strings.Contains(standby.logs.String(), "msg=update ") {
		t.Fatal("standby replica handled updates while the leader was alive")
	}

	h.stop()
	start := time.Now()
	msgs := h.say(42, "Rahmat", "/start")
	if len(msgs) != 1 || !strings.Contains(msgs[0].Text, "Halo") {
		t.Fatalf("after takeover: %q", texts(msgs))
	}
	if took := time.Since(start); took > 30*time.Second {
		t.Fatalf("takeover took %s", took)
	}
	mustContain(t, standby.logs.String(), "this replica polls Telegram")
}
