package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/joho/godotenv"

	"tkpkbot/internal/dbtest"
	"tkpkbot/internal/telegramtest"
)

const (
	fakeToken    = "8123456789:AAFakeTokenForTests_dont-use-0123456"
	fakePassword = "Pa55w0rd-RAHASIA"
)

// malformedDotenvs each break at line 3, a line that holds the token or
// the password, with both secrets elsewhere in the file too.
var malformedDotenvs = []struct {
	name, bad string
}{
	{"no equals sign", "TELEGRAM_BOT_TOKEN " + fakeToken},
	{"colon instead of equals", "DATABASE_URL: postgres://tkpkbot:" + fakePassword + "@db/tkpkbot"},
	{"space in the name", "BOT TOKEN=" + fakeToken},
	{"name starts with a digit", "1TOKEN=" + fakeToken},
	{"unclosed double quote", `DATABASE_URL="postgres://tkpkbot:` + fakePassword + `@db/tkpkbot`},
	{"unclosed single quote", `TELEGRAM_BOT_TOKEN='` + fakeToken},
	{"text after the quote", `TELEGRAM_BOT_TOKEN="` + fakeToken + `"` + fakePassword},
	{"just the secret", fakeToken},
	{"empty name", "=" + fakePassword},
}

func writeDotenv(t *testing.T, dir, bad string) string {
	t.Helper()
	path := filepath.Join(dir, ".env")
	body := "# tkpkbot\nTELEGRAM_API_URL=https://api.telegram.org\n" + bad +
		"\nTELEGRAM_BOT_TOKEN=" + fakeToken + "\nDATABASE_URL=postgres://tkpkbot:" + fakePassword + "@db:5432/tkpkbot\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestMalformedDotenvErrorNamesOnlyFileAndLine: the error says where the
// problem is and quotes nothing of the file.
func TestMalformedDotenvErrorNamesOnlyFileAndLine(t *testing.T) {
	for _, c := range malformedDotenvs {
		t.Run(c.name, func(t *testing.T) {
			path := writeDotenv(t, t.TempDir(), c.bad)
			_, err := envWithDotenv(path)
			if err == nil {
				t.Fatal("malformed .env accepted")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, path+" line 3: cannot be read (") || strings.Contains(msg, "\n") {
				t.Errorf("error %q should be one line naming %s line 3", msg, path)
			}
			for _, secret := range []string{fakeToken, fakePassword, "AAFake", "55w0rd", "postgres://", "api.telegram.org"} {
				if strings.Contains(msg, secret) {
					t.Errorf("error quotes the file (%q): %q", secret, msg)
				}
			}
		})
	}
}

// TestMalformedDotenvStaysOutOfStderr runs the binary on a broken .env:
// it exits 2 naming the line, and nothing it prints holds a secret.
func TestMalformedDotenvStaysOutOfStderr(t *testing.T) {
	t.Parallel()
	for _, c := range malformedDotenvs[:2] {
		dir := t.TempDir()
		writeDotenv(t, dir, c.bad)
		p := startProcIn(t, dir, []string{"LOG_LEVEL=debug"}, "serve")
		if code, _ := p.wait(t, 10*time.Second); code != 2 {
			t.Fatalf("%s: exit %d, want 2; stderr:\n%s", c.name, code, p.stderr.String())
		}
		out := p.stdout.String() + p.stderr.String()
		mustContain(t, out, ".env line 3: cannot be read (expected KEY=value")
		if strings.Contains(out, fakeToken) || strings.Contains(out, fakePassword) {
			t.Fatalf("%s: a secret in the output:\n%s", c.name, out)
		}
	}
}

func TestDotenvSyntax(t *testing.T) {
	cases := []struct {
		line, key, val string
	}{
		{"A=1", "A", "1"},
		{"  A = spaced value  ", "A", "spaced value"},
		{"export A=1", "A", "1"},
		{"A=", "A", ""},
		{"A=value # comment", "A", "value"},
		{"A=pa#ss", "A", "pa#ss"},
		{"A= # only a comment", "A", ""},
		{`A="quoted # not a comment"`, "A", "quoted # not a comment"},
		{`A="line\nbreak \"q\" \\"`, "A", "line\nbreak \"q\" \\"},
		{`A="x" # comment`, "A", "x"},
		{`A='lit\n$HOME'`, "A", `lit\n$HOME`},
		{"A=$HOME", "A", "$HOME"},
		{"A=x=y", "A", "x=y"},
		{"# comment", "", ""},
		{"", "", ""},
		{"   ", "", ""},
	}
	for _, c := range cases {
		k, v, reason := parseDotenvLine(c.line)
		if reason != "" || k != c.key || v != c.val {
			t.Errorf("%q: key %q value %q reason %q; want %q %q", c.line, k, v, reason, c.key, c.val)
		}
	}
	got, err := parseDotenv(".env", strings.NewReader("\ufeffA=1\r\nB=\"2\"\r\nA=3\r\n"))
	if err != nil || !reflect.DeepEqual(got, map[string]string{"A": "3", "B": "2"}) {
		t.Fatalf("BOM, CRLF, last wins: %v %v", got, err)
	}
	long := "A=" + strings.Repeat("x", maxDotenvLine)
	if _, err := parseDotenv(".env", strings.NewReader("B=1\n"+long+"\n")); err == nil || err.Error() != ".env line 2: cannot be read (line longer than 1 MiB)" {
		t.Fatalf("long line: %v", err)
	}
}

// TestDotenvReadsWhatGodotenvRead: the files operators already have,
// starting from .env.example, mean what they meant under godotenv.
func TestDotenvReadsWhatGodotenvRead(t *testing.T) {
	example, err := os.ReadFile("../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	for i, body := range []string{
		string(example),
		"TELEGRAM_BOT_TOKEN=" + fakeToken + "\nDATABASE_URL='postgres://u:" + fakePassword + "@h/db'\n",
		"export BOT_ADMIN_IDS=\"11,22\"\r\nREPORT_DEADLINE=Fri 16:00 # WITA\n\n# done\n",
	} {
		want, err := godotenv.Unmarshal(body)
		if err != nil {
			t.Fatalf("case %d: godotenv: %v", i, err)
		}
		got, err := parseDotenv(".env", strings.NewReader(body))
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("case %d:\n got %v\nwant %v", i, fmt.Sprint(got), fmt.Sprint(want))
		}
	}
}

// TestServeNeverPrintsTheDatabasePassword: neither a DATABASE_URL pgx
// refuses nor a normal start-up and stop (debug logs on) print the
// password or the token.
func TestServeNeverPrintsTheDatabasePassword(t *testing.T) {
	t.Parallel()
	fake := telegramtest.New()
	defer fake.Close()
	u, err := url.Parse(dbtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), fakePassword)
	bad := *u
	bad.RawQuery = "sslmode=bogus"
	for _, c := range []struct {
		name, dbURL string
		running     bool
	}{
		{"refused URL", bad.String(), false},
		{"normal start", u.String(), true},
	} {
		p := startProc(t, []string{"TELEGRAM_BOT_TOKEN=" + fakeToken, "TELEGRAM_API_URL=" + fake.URL(),
			"DATABASE_URL=" + c.dbURL, "HTTP_ADDR=127.0.0.1:0", "LOG_LEVEL=debug"}, "serve")
		if c.running {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			_, err := fake.WaitCall(ctx, func(c telegramtest.Call) bool { return c.Method == "deleteWebhook" })
			cancel()
			if err != nil {
				t.Fatalf("%s: bot never started: %v\n%s", c.name, err, p.stderr.String())
			}
			_ = p.cmd.Process.Signal(syscall.SIGTERM)
		}
		code, _ := p.wait(t, 15*time.Second)
		if c.running != (code == 0) {
			t.Errorf("%s: exit %d", c.name, code)
		}
		out := p.stdout.String() + p.stderr.String()
		if strings.Contains(out, fakePassword) || strings.Contains(out, fakeToken) {
			t.Fatalf("%s: a secret in the output:\n%s", c.name, out)
		}
	}
}
