package console

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// The console against a stand-in bot: what the console itself does (the
// database line, numbered buttons, saved files) without the real app,
// whose wiring lives in package main. bot/console_e2e_test.go runs the
// real binary's `tkpkbot console`.

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// standIn answers as a tiny bot would: buttons on /tombol, a file on
// /berkas, an echo of anything else, and a note of each button pressed.
func standIn(got chan<- Target) Wire {
	return func(ctx context.Context, t Target) (Serve, error) {
		got <- t
		b, err := bot.New(t.Token, bot.WithServerURL(t.APIURL), bot.WithSkipGetMe(),
			bot.WithDefaultHandler(func(ctx context.Context, b *bot.Bot, u *models.Update) {
				if q := u.CallbackQuery; q != nil {
					_, _ = b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: q.ID})
					_, _ = b.SendMessage(ctx, &bot.SendMessageParams{ChatID: q.From.ID, Text: "ditekan: " + q.Data})
					return
				}
				m := u.Message
				switch m.Text {
				case "/tombol":
					_, _ = b.SendMessage(ctx, &bot.SendMessageParams{ChatID: m.Chat.ID, Text: "Pilih",
						ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{
							{{Text: "Satu", CallbackData: "satu"}, {Text: "Dua", CallbackData: "dua"}},
						}}})
				case "/berkas":
					_, _ = b.SendDocument(ctx, &bot.SendDocumentParams{ChatID: m.Chat.ID,
						Document: &models.InputFileUpload{Filename: "catatan.txt", Data: strings.NewReader("isi")}})
				default:
					_, _ = b.SendMessage(ctx, &bot.SendMessageParams{ChatID: m.Chat.ID, Text: "teks: " + m.Text})
				}
			}))
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context) error { b.Start(ctx); return nil }, nil
	}
}

func TestConsoleRunsTheWiredBot(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	in, typed := io.Pipe()
	out := &syncBuf{}
	targets := make(chan Target, 1)
	code := make(chan int, 1)
	go func() {
		code <- Run(context.Background(), Options{UserID: 7, Name: "Rahmat", Admin: true,
			DatabaseURL: "postgres://u:rahasia@127.0.0.1:1/tkpk", Wire: standIn(targets),
			Stdin: in, Stdout: out, Stderr: io.Discard})
	}()
	seen := 0
	expect := func(pattern string) []string {
		t.Helper()
		re := regexp.MustCompile(pattern)
		for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			s := out.String()[seen:]
			if loc := re.FindStringSubmatchIndex(s); loc != nil {
				seen += loc[1]
				return re.FindStringSubmatch(s[:loc[1]])
			}
			if time.Now().After(deadline) {
				t.Fatalf("never printed %q:\n%s", pattern, s)
			}
		}
	}
	say := func(line, pattern string) []string {
		t.Helper()
		if _, err := io.WriteString(typed, line+"\n"); err != nil {
			t.Fatal(err)
		}
		return expect(pattern)
	}

	expect(regexp.QuoteMeta("Basis data: tkpk di 127.0.0.1:1 (dari DATABASE_URL)\n"))
	tg := <-targets
	if tg.DatabaseURL != "postgres://u:rahasia@127.0.0.1:1/tkpk" || !slices.Equal(tg.AdminIDs, []int64{7}) || tg.APIURL == "" || tg.Log == nil {
		t.Fatalf("target %+v", tg)
	}
	expect(`Anda: Rahmat \(ID 7\), admin\.`)
	say("/tombol", `\[1\] Satu\n  \[2\] Dua\n`)
	say("2", `ditekan: dua\n`)
	m := say("/berkas", `bot: \[dokumen catatan\.txt, 3 byte\]\n +disimpan di (\S+)\n`)
	if data, err := os.ReadFile(m[1]); err != nil || string(data) != "isi" {
		t.Fatalf("saved %s: %q %v", m[1], data, err)
	}
	// The file, newest, has no buttons: a number is text again.
	say("2", `teks: 2\n`)
	// A trailing backslash continues the message on the next line, as the
	// minutes of /notulen need.
	if _, err := io.WriteString(typed, "Keputusan: lanjut \\\n"); err != nil {
		t.Fatal(err)
	}
	say("- Samarinda: tugas (31-12-2026)", `teks: Keputusan: lanjut\n\s*- Samarinda: tugas \(31-12-2026\)\n`)
	typed.Close()
	select {
	case c := <-code:
		if c != 0 {
			t.Fatalf("exit %d:\n%s", c, out.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Ctrl-D did not end the console")
	}
	if strings.Contains(out.String(), "rahasia") {
		t.Fatalf("password printed:\n%s", out.String())
	}
}

func TestConsoleReportsAWiringFailure(t *testing.T) {
	var stderr bytes.Buffer
	c := Run(context.Background(), Options{DatabaseURL: "postgres://127.0.0.1/x", Stdout: io.Discard, Stderr: &stderr,
		Wire: func(context.Context, Target) (Serve, error) { return nil, errors.New("no database") }})
	if c != 1 || stderr.String() != "tkpkbot: no database\n" {
		t.Fatalf("exit %d, stderr %q", c, stderr.String())
	}
}

func TestConsoleDatabaseFromDevDBScript(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	var stderr bytes.Buffer
	if _, _, err := database(context.Background(), "", &stderr); err == nil || !strings.Contains(err.Error(), "DATABASE_URL is not set") {
		t.Fatalf("without the script: %v", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "scripts"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(url string) {
		script := "#!/usr/bin/env bash\necho 'devdb: stand-in' >&2\necho '" + url + "'\n"
		if err := os.WriteFile(filepath.Join(dir, "scripts", "devdb.sh"), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write("postgres://postgres@127.0.0.1:54400/tkpkbot")
	url, source, err := database(context.Background(), "", &stderr)
	if err != nil || url != "postgres://postgres@127.0.0.1:54400/tkpkbot" || source != "scripts/devdb.sh" || !strings.Contains(stderr.String(), "devdb: stand-in") {
		t.Fatalf("%q %q %v; stderr %q", url, source, err, stderr.String())
	}
	write("http://u:rahasia@example.org/")
	if _, _, err := database(context.Background(), "", io.Discard); err == nil || strings.Contains(err.Error(), "rahasia") {
		t.Fatalf("not a database URL: %v", err)
	}
	// DATABASE_URL wins: the script is not asked.
	if url, source, _ := database(context.Background(), "postgres://h/db", io.Discard); url != "postgres://h/db" || source != "DATABASE_URL" {
		t.Fatalf("%q %q", url, source)
	}
}

func TestConsoleNumberPressesOnlyTheNewestMessagesButtons(t *testing.T) {
	withButtons := &shown{ID: 7, Buttons: []button{
		{Text: "Jumlah", CallbackData: "g:jumlah"}, {Text: "P1", CallbackData: "g:p1"},
		{Text: "Situs", URL: "https://example.org"},
	}}
	question := &shown{ID: 8} // "Langkah 2/7", a question with no buttons
	for _, c := range []struct {
		line string
		last *shown
		want string // callback data, "" for text
	}{
		{"2", withButtons, "g:p1"},
		{"1", withButtons, "g:jumlah"},
		{"4", withButtons, ""}, // no such button: text
		{"0", withButtons, ""}, // neither
		{"2", question, ""},    // a question after the buttons: the answer
		{"2", nil, ""},         // nothing from the bot yet
		{"dua", withButtons, ""},
		{"1.250", withButtons, ""}, // a count, typed as the form asks
	} {
		b, ok := buttonFor(c.line, c.last)
		if ok != (c.want != "") || b.CallbackData != c.want {
			t.Errorf("%q after message %v: pressed=%v %q, want %q", c.line, c.last != nil && len(c.last.Buttons) > 0, ok, b.CallbackData, c.want)
		}
	}
	if b, ok := buttonFor("3", withButtons); !ok || b.URL == "" {
		t.Errorf("3: the link button, got %+v %v", b, ok)
	}
}
