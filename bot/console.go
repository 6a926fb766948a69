package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"

	"tkpkbot"
	"tkpkbot/internal/telegramtest"
)

// runConsole serves the real handlers against an in-process Bot API double
// and lets a person in the terminal play one Telegram user.
func runConsole(ctx context.Context, args []string, getenv func(string) string, _ *slog.Logger, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("console", "tkpkbot console [--user-id N] [--name NAME] [--admin=false]",
		`Runs the bot's real handlers and database without Telegram: an in-process copy of
the Bot API carries your lines to the bot as messages from one user, and prints the
bot's replies here. Buttons appear as numbered choices: type the number to press it.
Files the bot sends are saved under the system temp folder. Ctrl-D or /keluar quits.
Needs DATABASE_URL (make run sets one up).`, stdout)
	userID := fs.Int64("user-id", 100001, "Telegram user ID to act as")
	name := fs.String("name", "Tamu", "first name of that user")
	admin := fs.Bool("admin", true, "make this user a province admin (as if listed in BOT_ADMIN_IDS)")
	if code, done := parseFlags(fs, args); done {
		return code
	}
	cfg, ok := configOrReport(getenv, stderr)
	if !ok {
		return 2
	}
	// Update IDs continue from earlier sessions on the same database, as
	// Telegram's do, so handled-update records never swallow new messages.
	fake := telegramtest.New(telegramtest.WithFirstUpdateID(time.Now().UnixMilli()))
	defer fake.Close()
	cfg.Token, cfg.APIURL, cfg.WebhookURL = "console:local", fake.URL(), ""
	if *admin {
		cfg.AdminIDs = append(cfg.AdminIDs, *userID)
	}
	// Keep the terminal for the conversation: only warnings go to stderr.
	quiet := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	a, err := newApp(ctx, cfg, quiet, tkpkbot.SystemClock{})
	if err != nil {
		fmt.Fprintln(stderr, "tkpkbot:", err)
		return 1
	}
	sctx, stop := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- a.serve(sctx, false) }()

	c := &console{out: stdout, user: *userID, fake: fake, replies: make(chan struct{}, 64)}
	calls, unsub := fake.Subscribe()
	go c.print(calls)
	fmt.Fprintf(stdout, "Konsol tkpkbot — Anda: %s (ID %d)%s. Ketik pesan seperti di Telegram, misalnya /start. Ctrl-D untuk keluar.\n",
		*name, *userID, map[bool]string{true: ", admin", false: ""}[*admin])
	c.loop(ctx, stdin, *name)
	unsub()
	stop()
	if err := <-served; err != nil {
		fmt.Fprintln(stderr, "tkpkbot:", err)
		return 1
	}
	return 0
}

type console struct {
	out     io.Writer
	user    int64
	fake    *telegramtest.Server
	mu      sync.Mutex
	buttons []consoleButton // choices of the latest message with a keyboard
	replies chan struct{}
}

type consoleButton struct {
	messageID int64
	data      string
}

func (c *console) loop(ctx context.Context, in io.Reader, name string) {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for {
		fmt.Fprint(c.out, "\n> ")
		if !sc.Scan() || ctx.Err() != nil {
			fmt.Fprintln(c.out)
			return
		}
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "":
			continue
		case line == "/keluar" || line == "/quit":
			return
		}
		c.drain()
		if n, err := strconv.Atoi(line); err == nil && c.button(n) != nil {
			b := c.button(n)
			c.fake.PressButtonByID(c.user, int(b.messageID), b.data)
		} else {
			c.fake.SendText(c.user, name, line)
		}
		c.wait(ctx)
	}
}

func (c *console) button(n int) *consoleButton {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n < 1 || n > len(c.buttons) {
		return nil
	}
	b := c.buttons[n-1]
	return &b
}

func (c *console) drain() {
	for {
		select {
		case <-c.replies:
		default:
			return
		}
	}
}

// wait returns once the bot has answered and then stayed quiet briefly, so
// the prompt comes after multi-part replies.
func (c *console) wait(ctx context.Context) {
	select {
	case <-c.replies:
	case <-time.After(10 * time.Second):
		fmt.Fprintln(c.out, "(belum ada balasan)")
		return
	case <-ctx.Done():
		return
	}
	for {
		select {
		case <-c.replies:
		case <-time.After(300 * time.Millisecond):
			return
		case <-ctx.Done():
			return
		}
	}
}

func (c *console) print(calls <-chan telegramtest.Call) {
	for call := range calls {
		if chat, _ := strconv.ParseInt(call.Params["chat_id"], 10, 64); chat != c.user && call.Method != "answerCallbackQuery" {
			continue
		}
		switch call.Method {
		case "sendMessage", "editMessageText":
			c.show(call.Method == "editMessageText", call.Params["text"], call.Params["reply_markup"], call.Params["message_id"])
		case "sendDocument", "sendPhoto":
			c.showFile(call)
		case "answerCallbackQuery":
			if t := call.Params["text"]; t != "" {
				fmt.Fprintf(c.out, "  [%s]\n", t)
			}
		default:
			continue
		}
		select {
		case c.replies <- struct{}{}:
		default:
		}
	}
}

var tagRe = regexp.MustCompile(`<[^>]+>`)

func (c *console) show(edited bool, text, markup, messageID string) {
	plain := html.UnescapeString(tagRe.ReplaceAllString(text, ""))
	prefix := "bot"
	if edited {
		prefix = "bot (diubah)"
	}
	fmt.Fprintf(c.out, "\n%s: %s\n", prefix, strings.ReplaceAll(plain, "\n", "\n     "))
	if markup == "" {
		return
	}
	var kb models.InlineKeyboardMarkup
	if err := json.Unmarshal([]byte(markup), &kb); err != nil || len(kb.InlineKeyboard) == 0 {
		return
	}
	id, _ := strconv.ParseInt(messageID, 10, 64)
	if id == 0 {
		id = c.lastKeyboardMessage()
	}
	var bs []consoleButton
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			bs = append(bs, consoleButton{messageID: id, data: b.CallbackData})
			fmt.Fprintf(c.out, "  [%d] %s\n", len(bs), b.Text)
		}
	}
	fmt.Fprintln(c.out, "  (ketik nomor untuk memilih)")
	c.mu.Lock()
	c.buttons = bs
	c.mu.Unlock()
}

// lastKeyboardMessage finds the bot's newest message carrying buttons; the
// send call's params do not include the ID the server assigned.
func (c *console) lastKeyboardMessage() int64 {
	msgs := c.fake.Messages(c.user)
	for i := len(msgs) - 1; i >= 0; i-- {
		if kb := msgs[i].ReplyMarkup; kb != nil && len(kb.InlineKeyboard) > 0 {
			return int64(msgs[i].ID)
		}
	}
	return 0
}

func (c *console) showFile(call telegramtest.Call) {
	for field, f := range call.Files {
		dir := filepath.Join(os.TempDir(), "tkpkbot-console")
		_ = os.MkdirAll(dir, 0o755)
		path := filepath.Join(dir, filepath.Base(f.Name))
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			fmt.Fprintf(c.out, "\nbot: [%s %s, %d byte; gagal disimpan: %v]\n", field, f.Name, len(f.Data), err)
			continue
		}
		fmt.Fprintf(c.out, "\nbot: [%s %s, %d byte, disimpan di %s]\n", field, f.Name, len(f.Data), path)
	}
	if cap := call.Params["caption"]; cap != "" {
		fmt.Fprintf(c.out, "     %s\n", html.UnescapeString(tagRe.ReplaceAllString(cap, "")))
	}
	if m := call.Params["reply_markup"]; m != "" {
		c.show(false, "", m, "")
	}
}
