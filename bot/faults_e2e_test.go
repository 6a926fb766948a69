package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tkpkbot/internal/dbtest"
	"tkpkbot/internal/faultproxy"
	"tkpkbot/internal/telegramtest"
)

// proxiedDatabase is a fresh database reached through a proxy that can
// cut it off; the URL points at the proxy.
func proxiedDatabase(t *testing.T) (*faultproxy.Proxy, string) {
	t.Helper()
	u, err := url.Parse(dbtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	proxy, err := faultproxy.New(u.Host)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(proxy.Close)
	u.Host = proxy.Addr()
	return proxy, u.String()
}

// TestDatabaseOutageIsSurvived cuts PostgreSQL in the middle of a /lapor
// form: the user is told to retry, nothing half-written remains, and the
// bot recovers by itself when the database returns.
func TestDatabaseOutageIsSurvived(t *testing.T) {
	proxy, dbURL := proxiedDatabase(t)
	h := newHarness(t, func(c *Config) { c.DatabaseURL = dbURL })
	joinCoordinator(t, h, "Samarinda")
	h.say(coordID, "Sari", "/lapor")
	h.say(coordID, "Sari", "Rapat koordinasi pendataan")

	proxy.SetDown(true)
	got := texts(h.say(coordID, "Sari", "1.250"))
	mustContain(t, got, "sedang gangguan, coba lagi sebentar")
	if strings.Contains(got, "Langkah 3/7") {
		t.Fatal("form advanced while the database was down")
	}
	mustContain(t, texts(h.say(adminID, "Admin", "/rekap")), "sedang gangguan")

	proxy.SetDown(false)
	// the first query after the outage may still meet a dead pooled
	// connection; the user simply sends again, as told
	got = texts(h.say(coordID, "Sari", "1.250"))
	if !strings.Contains(got, "Langkah 3/7") {
		got = texts(h.say(coordID, "Sari", "1.250"))
	}
	mustContain(t, got, "Langkah 3/7")
	for _, a := range []string{"0", "-", "Lanjutan"} {
		h.say(coordID, "Sari", a)
	}
	chooseDefaults(t, h, coordID, "Sari")
	mustContain(t, lastText(h.fake.Messages(coordID)), "Rapat koordinasi pendataan", "1.250 KK")
}

// TestBotAPIFailuresAreRetried injects 500s and 429s on sends and on
// getUpdates: every update is still answered exactly once.
func TestBotAPIFailuresAreRetried(t *testing.T) {
	h := newHarness(t)
	h.say(42, "Rahmat", "/start")

	h.fake.FailNext("sendMessage", 2, 500, "Internal Server Error", 0)
	msgs := h.say(42, "Rahmat", "/bantuan")
	if len(msgs) != 1 || !strings.Contains(msgs[0].Text, "Daftar perintah") {
		t.Fatalf("after two 500s on sendMessage: %q", texts(msgs))
	}

	h.fake.FailNext("getUpdates", 2, 500, "Internal Server Error", 0)
	h.fake.FailNext("getUpdates", 1, 429, "Too Many Requests: retry after 1", 1)
	start := time.Now()
	msgs = h.say(42, "Rahmat", "/start")
	if len(msgs) != 1 || !strings.Contains(msgs[0].Text, "Halo") {
		t.Fatalf("after getUpdates failures: %q", texts(msgs))
	}
	if time.Since(start) < time.Second {
		t.Fatalf("getUpdates retried before retry_after")
	}
	if n := strings.Count(texts(h.fake.Messages(42)), "Halo, Rahmat"); n != 2 {
		t.Fatalf("greeted %d times, want 2", n)
	}
}

// TestWebhookAsksForRedeliveryWhileDatabaseIsDown answers 503 so Telegram
// retries, and 200 once the database is back.
func TestWebhookAsksForRedeliveryWhileDatabaseIsDown(t *testing.T) {
	proxy, dbURL := proxiedDatabase(t)
	addr := freeAddr(t)
	h := newHarness(t, func(c *Config) {
		c.DatabaseURL, c.WebhookAddr = dbURL, addr
		c.WebhookURL, c.WebhookSecret = "https://bot.example.org/hook", "rahasia"
	})
	post := func(id, user int64) int {
		body := fmt.Sprintf(`{"update_id":%d,"message":{"message_id":%d,"date":1733900000,"chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,"first_name":"Rahmat"},"text":"/start","entities":[{"type":"bot_command","offset":0,"length":6}]}}`, id, id, user, user)
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/hook", strings.NewReader(body))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "rahasia")
		var resp *http.Response
		var err error
		for i := 0; i < 50; i++ { // the server may still be starting
			if resp, err = http.DefaultClient.Do(req); err == nil {
				break
			}
			time.Sleep(20 * time.Millisecond)
			req, _ = http.NewRequest(http.MethodPost, "http://"+addr+"/hook", strings.NewReader(body))
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "rahasia")
		}
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := post(1, 42); got != 200 {
		t.Fatalf("healthy: %d", got)
	}
	proxy.SetDown(true)
	// a user the bot has not met yet, so the update needs the database
	// (a known user may be served from the replica's cache)
	if got := post(2, 43); got != http.StatusServiceUnavailable {
		t.Fatalf("database down: %d, want 503", got)
	}
	mustContain(t, lastText(h.fake.Messages(43)), "sedang gangguan")
	proxy.SetDown(false)
	got := post(2, 43) // Telegram's retry
	if got != 200 {
		got = post(2, 43) // a pooled connection may have died with the outage
	}
	if got != 200 {
		t.Fatalf("database back: %d", got)
	}
	mustContain(t, lastText(h.fake.Messages(43)), "Halo, Rahmat")
}

// TestTimeoutsAreRetried makes the first sendMessage hang past the client's
// timeout, and a getUpdates answer slowly. The update is still answered;
// the send is retried, so the user may see the reply twice — the one case
// where a duplicate is possible, because the first attempt's outcome is
// unknown (here the fake server did deliver it).
func TestTimeoutsAreRetried(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.APITimeout, c.PollTimeout = 500*time.Millisecond, time.Second })
	h.say(42, "Rahmat", "/start")
	var sends atomic.Int32
	h.fake.SetHandler("sendMessage", func(telegramtest.Call) (any, *telegramtest.APIError) {
		if sends.Add(1) == 1 {
			time.Sleep(800 * time.Millisecond)
		}
		return nil, nil
	})
	msgs := h.say(42, "Rahmat", "/bantuan")
	if n := strings.Count(texts(msgs), "Daftar perintah"); n < 1 || n > 2 {
		t.Fatalf("after a send timeout: %d replies", n)
	}
	if sends.Load() < 2 {
		t.Fatalf("send not retried after the timeout (%d attempts)", sends.Load())
	}
}
