//go:build trace

// The files one opens to follow a request, measured instead of counted by
// hand: scripts/trace.sh builds this test with coverage, and each window
// below runs once without and once with one thing happening, and the
// difference is what that thing ran. Built only with -tags trace.
package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// act does what the trace is about only when TRACE_ACT=1: the script runs
// each test twice and keeps the code whose counters the act raised.
func act(do func()) {
	if os.Getenv("TRACE_ACT") == "1" {
		do()
	}
}

// warm is what every trace does first, so that the act does not also pay
// for work done once: the figures watch's reload when its LISTEN
// connection comes up, the start-up sweep, the figures index and the
// first user record.
func warm(t *testing.T) *harness {
	h := newHarness(t)
	conn, err := pgx.Connect(context.Background(), h.cfg.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	for end := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		var n int
		if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND query ILIKE 'listen%figures%'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 || time.Now().After(end) {
			break
		}
	}
	time.Sleep(time.Second) // the reload it triggers and the start-up sweep, which nothing announces
	mustContain(t, texts(h.say(42, "Rahmat", "/angka Balikpapan")), "Kota Balikpapan")
	return h
}

func TestTraceAngka(t *testing.T) {
	h := warm(t)
	act(func() { mustContain(t, texts(h.say(42, "Rahmat", "/angka Samarinda")), "Kota Samarinda") })
}

func TestTraceLaporCommand(t *testing.T) {
	h := warm(t)
	joinCoordinator(t, h, "Samarinda")
	h.say(coordID, "Sari", "/bantuan")
	act(func() { mustContain(t, texts(h.say(coordID, "Sari", "/lapor")), "Langkah 1/") })
}

func TestTraceLaporAnswer(t *testing.T) {
	h := warm(t)
	joinCoordinator(t, h, "Samarinda")
	mustContain(t, texts(h.say(coordID, "Sari", "/lapor")), "Langkah 1/")
	act(func() { mustContain(t, texts(h.say(coordID, "Sari", "Kegiatan rutin pendataan")), "Langkah 2/") })
}

func TestTraceLaporKirim(t *testing.T) {
	h := warm(t)
	joinCoordinator(t, h, "Samarinda")
	fillForm(t, h)
	act(func() {
		h.press(coordID, "Sari", "Kirim")
		mustContain(t, lastText(h.fake.Messages(coordID)), "terkirim")
	})
}

func TestTraceMeetingReminder(t *testing.T) {
	h := warm(t)
	joinCoordinator(t, h, "Samarinda")
	mustContain(t, texts(h.say(adminID, "Admin", "/rapat_baru 2024-12-16 09:00 Rakor TKPK")), "Rapat #1")
	h.sweep()
	h.clock.Set(time.Date(2024, 12, 15, 9, 1, 0, 0, wita))
	before := len(h.fake.Messages(coordID))
	act(func() {
		h.sweep()
		if got := texts(h.fake.Messages(coordID)[before:]); !strings.Contains(got, "Rakor TKPK") {
			t.Fatalf("no reminder:\n%s", got)
		}
	})
}
