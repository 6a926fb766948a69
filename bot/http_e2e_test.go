package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"tkpkbot/internal/dbtest"
	"tkpkbot/internal/telegramtest"
)

const hookSecret = "rahasia-hook_1"

func hookUpdate(id, user int64) string {
	return fmt.Sprintf(`{"update_id":%d,"message":{"message_id":%d,"date":1733900000,"chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,"first_name":"Rahmat"},"text":"/start","entities":[{"type":"bot_command","offset":0,"length":6}]}}`, id, id, user, user)
}

// waitListening waits until something accepts connections on addr: the
// listeners start in serve's goroutine, or in another process.
func waitListening(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("nothing listens on %s: %v", addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// request sends method path to addr (a valid update with the secret for
// POST) and returns the status and body.
func request(t *testing.T, addr, method, path string, id int64) (int, string) {
	t.Helper()
	var body io.Reader
	if method == http.MethodPost {
		body = strings.NewReader(hookUpdate(id, 42))
	}
	req, err := http.NewRequest(method, "http://"+addr+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", hookSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

type listenerCase struct {
	listener, method, path string
	want                   int
}

// checkListeners runs the cases against the public (webhook) and the
// operations listener; every POST carries a fresh, valid update.
func checkListeners(t *testing.T, public, ops string, cases []listenerCase) {
	t.Helper()
	for i, c := range cases {
		addr := public
		if c.listener == "ops" {
			addr = ops
		}
		got, body := request(t, addr, c.method, c.path, int64(7000+i))
		if got != c.want {
			t.Errorf("%s listener: %s %s = %d %q, want %d", c.listener, c.method, c.path, got, truncate(body, 200), c.want)
		}
		if c.want == http.StatusNotFound && strings.Contains(body, "tkpkbot_") {
			t.Errorf("%s listener: %s %s leaks metrics: %q", c.listener, c.method, c.path, truncate(body, 200))
		}
	}
}

var splitListenerCases = []listenerCase{
	{"public", http.MethodPost, "/tg/hook", 200},
	{"public", http.MethodGet, "/tg/hook", 404},
	{"public", http.MethodGet, "/metrics", 404},
	{"public", http.MethodGet, "/healthz", 404},
	{"public", http.MethodGet, "/readyz", 404},
	{"public", http.MethodGet, "/", 404},
	{"public", http.MethodPost, "/", 404},
	{"public", http.MethodPost, "/tg/hook/other", 404},
	{"public", http.MethodPost, "/metrics", 404},
	{"ops", http.MethodGet, "/metrics", 200},
	{"ops", http.MethodGet, "/healthz", 200},
	{"ops", http.MethodGet, "/readyz", 200},
	{"ops", http.MethodPost, "/tg/hook", 404},
	{"ops", http.MethodGet, "/tg/hook", 404},
}

// TestWebhookAndOpsListenersServeSeparately: the public listener answers
// the webhook path and nothing else; the operations listener answers
// /healthz, /readyz, /metrics and not the webhook.
func TestWebhookAndOpsListenersServeSeparately(t *testing.T) {
	public, opsAddr := freeAddr(t), freeAddr(t)
	h := newHarness(t, func(c *Config) {
		c.HTTPAddr, c.WebhookAddr = opsAddr, public
		c.WebhookURL, c.WebhookSecret = "https://bot.example.org/tg/hook", hookSecret
	})
	ops, err := h.app.startOps()
	if err != nil {
		t.Fatal(err)
	}
	defer ops.shutdown(time.Second)
	waitListening(t, public)
	checkListeners(t, public, opsAddr, splitListenerCases)
	if n := len(h.fake.Messages(42)); n == 0 {
		t.Fatal("the update posted to the webhook path was not handled")
	}
}

// TestServeInWebhookModeKeepsOpsOffThePublicListener runs the binary as
// operators do, configured only through the environment.
func TestServeInWebhookModeKeepsOpsOffThePublicListener(t *testing.T) {
	t.Parallel()
	fake := telegramtest.New()
	defer fake.Close()
	public, ops := freeAddr(t), freeAddr(t)
	p := startProc(t, []string{"TELEGRAM_BOT_TOKEN=778:SECRET-HOOK-TOKEN", "TELEGRAM_API_URL=" + fake.URL(),
		"DATABASE_URL=" + dbtest.URL(t), "HTTP_ADDR=" + ops, "WEBHOOK_ADDR=" + public,
		"WEBHOOK_URL=https://bot.example.org/tg/hook", "WEBHOOK_SECRET=" + hookSecret}, "serve")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := fake.WaitCall(ctx, func(c telegramtest.Call) bool { return c.Method == "setWebhook" }); err != nil {
		t.Fatalf("no setWebhook: %v\n%s", err, p.stderr.String())
	}
	waitListening(t, public)
	waitListening(t, ops)
	checkListeners(t, public, ops, splitListenerCases)
	if _, err := fake.WaitMessages(ctx, 42, 1); err != nil {
		t.Fatalf("webhook update not answered: %v\n%s", err, p.stderr.String())
	}
}

// TestHTTPServersCloseIdleConnections: a client that keeps a connection
// open and sends nothing more is cut off, on both listeners; and every
// server has the read and write limits.
func TestHTTPServersCloseIdleConnections(t *testing.T) {
	public, opsAddr := freeAddr(t), freeAddr(t)
	const idle = 200 * time.Millisecond
	h := newHarness(t, func(c *Config) {
		c.HTTPAddr, c.WebhookAddr, c.httpIdleTimeout = opsAddr, public, idle
		c.WebhookURL, c.WebhookSecret = "https://bot.example.org/tg/hook", hookSecret
	})
	ops, err := h.app.startOps()
	if err != nil {
		t.Fatal(err)
	}
	defer ops.shutdown(time.Second)
	// serve owns the webhook listener; a copy of the app on another
	// address builds one the same way, to look at its limits.
	other := *h.app
	other.cfg.WebhookAddr = "127.0.0.1:0"
	hook, err := other.startWebhook()
	if err != nil {
		t.Fatal(err)
	}
	defer hook.shutdown(time.Second)
	for name, s := range map[string]*httpServer{"ops": ops, "webhook": hook} {
		if s.srv.ReadHeaderTimeout <= 0 || s.srv.ReadTimeout <= 0 || s.srv.WriteTimeout <= 0 || s.srv.IdleTimeout != idle {
			t.Errorf("%s server limits: header %s read %s write %s idle %s", name,
				s.srv.ReadHeaderTimeout, s.srv.ReadTimeout, s.srv.WriteTimeout, s.srv.IdleTimeout)
		}
	}
	waitListening(t, public)
	for name, addr := range map[string]string{"ops": opsAddr, "public": public} {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		// A complete keep-alive request and its answer: the connection is
		// now idle, waiting for a next request that never comes.
		if _, err := io.WriteString(conn, "GET /healthz HTTP/1.1\r\nHost: bot\r\n\r\n"); err != nil {
			t.Fatal(err)
		}
		r := bufio.NewReader(conn)
		resp, err := http.ReadResponse(r, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.Close {
			t.Fatalf("%s: server closed after the first answer; the test needs a kept-alive connection", name)
		}
		start := time.Now()
		_ = conn.SetReadDeadline(start.Add(5 * time.Second))
		_, err = r.ReadByte()
		took := time.Since(start)
		if !errors.Is(err, io.EOF) && !errors.Is(err, syscall.ECONNRESET) {
			t.Fatalf("%s: idle connection not closed by the server after %s: %v", name, took, err)
		}
		if took > 3*time.Second {
			t.Fatalf("%s: idle connection closed only after %s (idle timeout %s)", name, took, idle)
		}
	}
}
