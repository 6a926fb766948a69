package main

import (
	"net/url"
	"strings"
	"testing"

	"tkpkbot/internal/dbtest"
	"tkpkbot/internal/faultproxy"
)

// TestDatabaseOutageIsSurvived cuts PostgreSQL in the middle of a /lapor
// form: the user is told to retry, nothing half-written remains, and the
// bot recovers by itself when the database returns.
func TestDatabaseOutageIsSurvived(t *testing.T) {
	dbURL := dbtest.URL(t)
	u, _ := url.Parse(dbURL)
	proxy, err := faultproxy.New(u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	u.Host = proxy.Addr()
	h := newHarness(t, func(c *Config) { c.DatabaseURL = u.String() })
	joinCoordinator(t, h, "Samarinda")
	h.say(coordID, "Sari", "/lapor")
	h.say(coordID, "Sari", "Rapat koordinasi pendataan")

	proxy.SetDown(true)
	got := texts(h.say(coordID, "Sari", "1.250"))
	mustContain(t, got, "sedang gangguan, coba lagi sebentar")
	if strings.Contains(got, "Langkah 3/5") {
		t.Fatal("form advanced while the database was down")
	}
	mustContain(t, texts(h.say(adminID, "Admin", "/rekap")), "sedang gangguan")

	proxy.SetDown(false)
	// the first query after the outage may still meet a dead pooled
	// connection; the user simply sends again, as told
	got = texts(h.say(coordID, "Sari", "1.250"))
	if !strings.Contains(got, "Langkah 3/5") {
		got = texts(h.say(coordID, "Sari", "1.250"))
	}
	mustContain(t, got, "Langkah 3/5")
	for _, a := range []string{"0", "-", "Lanjutan"} {
		h.say(coordID, "Sari", a)
	}
	mustContain(t, lastText(h.fake.Messages(coordID)), "Rapat koordinasi pendataan", "1.250 KK")
}
