package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"tkpkbot/internal/dbtest"
	"tkpkbot/internal/telegramtest"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds tkpkbot once per test run; these tests exercise the
// process as operators run it: signals, exit codes, start-up messages.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tkpkbot-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "tkpkbot")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = err
			t.Logf("%s", out)
		}
	})
	if buildErr != nil {
		t.Fatalf("build: %v", buildErr)
	}
	return binPath
}

type proc struct {
	cmd    *exec.Cmd
	stdout *syncBuf
	stderr *syncBuf
}

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func startProc(t *testing.T, env []string, args ...string) *proc {
	t.Helper()
	return startProcIn(t, t.TempDir(), env, args...) // no stray .env
}

// startProcIn runs the binary in dir, where a test may have put a .env.
func startProcIn(t *testing.T, dir string, env []string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.TempDir()}, env...)
	p := &proc{cmd: cmd, stdout: &syncBuf{}, stderr: &syncBuf{}}
	cmd.Stdout, cmd.Stderr = p.stdout, p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _, _ = cmd.Process.Wait() })
	return p
}

func (p *proc) wait(t *testing.T, d time.Duration) (int, time.Duration) {
	t.Helper()
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case <-done:
		return p.cmd.ProcessState.ExitCode(), time.Since(start)
	case <-time.After(d):
		t.Fatalf("process still running after %s; stderr:\n%s", d, p.stderr.String())
	}
	return -1, 0
}

func TestServeAnswersStartQuicklyAndStopsCleanlyOnSIGTERM(t *testing.T) {
	t.Parallel()
	fake := telegramtest.New()
	defer fake.Close()
	token := "777:SECRET-SERVE-TOKEN"
	profile := filepath.Join(t.TempDir(), "cpu.prof")
	p := startProc(t, []string{"TELEGRAM_BOT_TOKEN=" + token, "TELEGRAM_API_URL=" + fake.URL(),
		"DATABASE_URL=" + dbtest.URL(t), "HTTP_ADDR=127.0.0.1:0", "TKPKBOT_CPUPROFILE=" + profile}, "serve")

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := fake.WaitCall(ctx, func(c telegramtest.Call) bool { return c.Method == "deleteWebhook" }); err != nil {
		t.Fatalf("bot never polled: %v\n%s", err, p.stderr.String())
	}
	sent := time.Now()
	fake.SendText(42, "Rahmat", "/start")
	msgs, err := fake.WaitMessages(ctx, 42, 1)
	if err != nil {
		t.Fatalf("no reply: %v\n%s", err, p.stderr.String())
	}
	if took := time.Since(sent); took > time.Second {
		t.Errorf("/start answered after %s, want < 1 s", took)
	}
	mustContain(t, msgs[0].Text, "Halo, Rahmat!")

	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	code, took := p.wait(t, 12*time.Second)
	if code != 0 || took > 10*time.Second {
		t.Fatalf("SIGTERM: exit %d after %s\n%s", code, took, p.stderr.String())
	}
	if strings.Contains(p.stderr.String()+p.stdout.String(), token) {
		t.Fatal("token printed")
	}
	mustContain(t, p.stderr.String(), "tkpkbot stopped")
	// The diagnosis profile is complete once the process stopped cleanly.
	if fi, err := os.Stat(profile); err != nil || fi.Size() == 0 {
		t.Fatalf("TKPKBOT_CPUPROFILE: no profile written (%v)", err)
	}
}

func TestServeWithoutTokenPointsToConsole(t *testing.T) {
	t.Parallel()
	p := startProc(t, []string{"DATABASE_URL=postgres://u@127.0.0.1:1/x"}, "serve")
	code, _ := p.wait(t, 5*time.Second)
	if code == 0 {
		t.Fatal("started without a token")
	}
	mustContain(t, p.stderr.String(), "TELEGRAM_BOT_TOKEN is not set", "tkpkbot console")
}

func TestUnreachableDatabaseFailsClearlyAfterAboutThirtySeconds(t *testing.T) {
	t.Parallel()
	p := startProc(t, []string{"TELEGRAM_BOT_TOKEN=1:x", "DATABASE_URL=postgres://nobody@127.0.0.1:1/x"}, "serve")
	code, took := p.wait(t, 45*time.Second)
	out := p.stderr.String()
	if code == 0 || took < 25*time.Second || took > 40*time.Second {
		t.Fatalf("exit %d after %s", code, took)
	}
	mustContain(t, out, "database not reachable", "DATABASE_URL")
	if strings.Contains(out, "goroutine ") || strings.Contains(out, "panic") {
		t.Fatalf("stack trace printed:\n%s", out)
	}
}

func TestBadConfigNamesTheVariable(t *testing.T) {
	t.Parallel()
	p := startProc(t, []string{"TELEGRAM_BOT_TOKEN=1:x", "DATABASE_URL=postgres://u@h/x", "BOT_TIMEZONE=Nowhere/City"}, "serve")
	code, _ := p.wait(t, 5*time.Second)
	if code != 2 {
		t.Fatalf("exit %d", code)
	}
	if lines := strings.Split(strings.TrimSpace(p.stderr.String()), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "BOT_TIMEZONE") {
		t.Fatalf("stderr = %q", p.stderr.String())
	}
}

func TestHelpDescribesEveryCommand(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"--help"}, {"help"}} {
		p := startProc(t, nil, args...)
		if code, _ := p.wait(t, 5*time.Second); code != 0 {
			t.Fatalf("%v: exit %d", args, code)
		}
		mustContain(t, p.stdout.String(), "serve", "console", "migrate", "TELEGRAM_BOT_TOKEN")
	}
	for _, sub := range []string{"serve", "console", "migrate"} {
		p := startProc(t, nil, sub, "--help")
		if code, _ := p.wait(t, 5*time.Second); code != 0 {
			t.Fatalf("%s --help: exit %d", sub, code)
		}
		mustContain(t, p.stdout.String(), "Usage: tkpkbot")
	}
}

func TestConsoleAnswersLikeTheBot(t *testing.T) {
	t.Parallel()
	dbURL := dbtest.URL(t)
	// twice on one database: a second session must not mistake its
	// messages for ones the first already handled
	for session := 1; session <= 2; session++ {
		cmd := exec.Command(binary(t), "console", "--user-id", "4242", "--name", "Wati")
		cmd.Dir = t.TempDir()
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "DATABASE_URL=" + dbURL}
		cmd.Stdin = strings.NewReader("/start\n/bantuan\n/entah\n/bantuan@tkpk_kaltim_bot\n")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("console session %d: %v\n%s", session, err, out)
		}
		s := string(out)
		mustContain(t, s, "Halo, Wati!", "Daftar perintah", "tidak dikenal")
		if strings.Count(s, "Daftar perintah") != 2 {
			t.Fatalf("session %d: /bantuan@botname not answered like /bantuan:\n%s", session, s)
		}
		if strings.Contains(s, "<b>") || strings.Contains(s, "belum ada balasan") {
			t.Fatalf("session %d: raw HTML or a missing reply:\n%s", session, s)
		}
		time.Sleep(10 * time.Millisecond) // update IDs follow the clock in milliseconds
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	p := startProc(t, nil, "--version")
	if code, _ := p.wait(t, 5*time.Second); code != 0 {
		t.Fatalf("exit %d", code)
	}
	mustContain(t, p.stdout.String(), "tkpkbot ", "commit ")
}

func TestHealthReadyAndMetricsEndpoints(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.HTTPAddr = freeAddr(t) })
	srv, err := h.app.startOps()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.shutdown(time.Second)
	h.say(42, "Rahmat", "/start")
	h.say(42, "Rahmat", "/entah")
	base := "http://" + srv.ln.Addr().String()
	for path, want := range map[string]string{
		"/healthz": "ok",
		"/readyz":  "ready",
		"/metrics": `tkpkbot_updates_handled_total{command="start",result="ok",type="message"}`,
	} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Fatalf("%s: %d %q", path, resp.StatusCode, truncate(string(body), 300))
		}
		if path == "/metrics" {
			mustContain(t, string(body), `command="unknown"`, "tkpkbot_bot_api_calls_total{method=\"sendMessage\",result=\"ok\"}",
				"tkpkbot_handler_duration_seconds_bucket", "tkpkbot_db_pool_conns", "tkpkbot_updates_in_flight")
			if strings.Contains(string(body), h.cfg.Token) {
				t.Fatal("token in metrics")
			}
		}
	}
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
