// Package console lets a person try the bot in a terminal, without
// Telegram: the real handlers and database behind an in-process Bot API.
package console

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"tkpkbot/indo"
	"tkpkbot/internal/telegramtest"
)

// Target is what the console points the bot at: its own in-process Bot
// API and the database it chose.
type Target struct {
	APIURL, Token, DatabaseURL string
	// AdminIDs are added to the configured admins: the console's user,
	// unless --admin=false.
	AdminIDs []int64
	// Log keeps the terminal for the conversation: warnings only.
	Log *slog.Logger
}

// Serve runs the wired bot until ctx ends.
type Serve func(ctx context.Context) error

// Wire builds the real bot against a Target. The binary passes its own
// wiring, so this package never imports package main (it cannot) and the
// console tries exactly what serve runs.
type Wire func(ctx context.Context, t Target) (Serve, error)

// Options is one console session.
type Options struct {
	UserID int64
	Name   string
	Admin  bool
	// DatabaseURL is the configured DATABASE_URL; empty asks
	// scripts/devdb.sh, as `make run` does.
	DatabaseURL string
	Wire        Wire

	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// Run serves the real handlers against an in-process Bot API double and
// lets a person in the terminal play one Telegram user. It returns the
// process's exit code.
func Run(ctx context.Context, o Options) int {
	stdout, stderr := o.Stdout, o.Stderr
	dbURL, source, err := database(ctx, o.DatabaseURL, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "tkpkbot:", err)
		return 1
	}
	// Said before connecting, so a failure to connect names the database.
	fmt.Fprintf(stdout, "Basis data: %s (dari %s)\n", describeDatabase(dbURL), source)
	// Update IDs continue from earlier sessions on the same database, as
	// Telegram's do, so handled-update records never swallow new messages.
	// Consoles running at the same time started at different milliseconds,
	// and each sends far fewer messages than the gap between their starts.
	fake := telegramtest.New(telegramtest.WithFirstUpdateID(time.Now().UnixMilli()))
	defer fake.Close()
	t := Target{APIURL: fake.URL(), Token: "console:local", DatabaseURL: dbURL,
		Log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	if o.Admin {
		t.AdminIDs = []int64{o.UserID}
	}
	serve, err := o.Wire(ctx, t)
	if err != nil {
		fmt.Fprintln(stderr, "tkpkbot:", err)
		return 1
	}
	sctx, stop := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- serve(sctx) }()

	c := &console{out: stdout, user: o.UserID, fake: fake, replies: make(chan struct{}, 64)}
	calls, unsub := fake.Subscribe()
	printed := make(chan struct{})
	go func() { defer close(printed); c.print(calls) }()
	role := ""
	if o.Admin {
		role = ", admin"
	}
	c.printf("Konsol tkpkbot — Anda: %s (ID %d)%s. Ketik pesan seperti di Telegram, misalnya /start; akhiri baris dengan \\ untuk pesan beberapa baris. Ctrl-D untuk keluar.\n",
		o.Name, o.UserID, role)
	c.loop(ctx, o.Stdin, o.Name)
	unsub()
	<-printed
	stop()
	if err := <-served; err != nil {
		fmt.Fprintln(stderr, "tkpkbot:", err)
		return 1
	}
	return 0
}

type console struct {
	user    int64
	fake    *telegramtest.Server
	replies chan struct{}

	mu  sync.Mutex // one writer at a time: the prompt and the bot's messages
	out io.Writer
	// files is the folder for the files the bot sends, made on first use;
	// only the print goroutine touches it.
	files string
}

func (c *console) printf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintf(c.out, format, args...)
}

func (c *console) loop(ctx context.Context, in io.Reader, name string) {
	// Reading in its own goroutine lets Ctrl-C end the session at the
	// prompt; a blocked Scan would wait for Enter.
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
	}()
	for {
		c.printf("\n> ")
		var line string
		var ok bool
		select {
		case line, ok = <-lines:
		case <-ctx.Done():
		}
		if !ok || ctx.Err() != nil {
			c.printf("\n")
			return
		}
		// A line ending in a backslash goes on: Telegram messages can hold
		// several lines (the minutes of /notulen), a terminal line cannot.
		for strings.HasSuffix(strings.TrimRight(line, " "), "\\") && ok {
			c.printf("… ")
			var more string
			select {
			case more, ok = <-lines:
			case <-ctx.Done():
			}
			line = strings.TrimRight(strings.TrimSuffix(strings.TrimRight(line, " "), "\\"), " ") + "\n" + more
		}
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			continue
		case line == "/keluar" || line == "/quit":
			return
		}
		c.drain()
		last := c.lastMessage()
		if b, ok := buttonFor(line, last); !ok {
			c.fake.SendText(c.user, name, line)
		} else if b.CallbackData == "" {
			// A link button opens its URL in Telegram; nothing reaches the bot.
			c.printf("  (tombol tautan \"%s\": %s)\n", b.Text, b.URL)
			continue
		} else {
			c.fake.PressButtonByID(c.user, last.ID, b.CallbackData)
		}
		c.wait(ctx)
	}
}

// shown is a bot message as the console reads it to press its buttons:
// its ID and buttons in order, and nothing of the Bot API's types.
type shown struct {
	ID      int
	Buttons []button
}

// button is one inline button, as the Bot API spells it in JSON.
type button struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
	URL          string `json:"url"`
}

// lastMessage is the bot's newest message in the user's chat as it is now,
// edits applied: the fake's state, not the printed log, so a keyboard that
// an edit removed no longer counts.
func (c *console) lastMessage() *shown {
	msgs := c.fake.Messages(c.user)
	if len(msgs) == 0 {
		return nil
	}
	m := msgs[len(msgs)-1]
	last := &shown{ID: m.ID}
	if m.ReplyMarkup != nil {
		for _, row := range m.ReplyMarkup.InlineKeyboard {
			for _, b := range row {
				last.Buttons = append(last.Buttons, button{Text: b.Text, CallbackData: b.CallbackData, URL: b.URL})
			}
		}
	}
	return last
}

// buttonFor decides whether a typed line presses a button: only a number
// of one of the buttons on the bot's newest message does. Any newer message
// without buttons (the /lapor form's next question, say) makes numbers
// plain text again, which is what the open question needs: "2" at the KK
// step is two households, not the second button of an old chart. The
// decision rests on the newest message rather than on the form's state in
// the database because a buttoned message can come while a form is open
// ("Lanjutkan / Mulai ulang" of /lapor), and then the number the user reads
// beside a button must press that button.
func buttonFor(line string, last *shown) (button, bool) {
	n, err := strconv.Atoi(line)
	if err != nil || last == nil || n < 1 || n > len(last.Buttons) {
		return button{}, false
	}
	return last.Buttons[n-1], true
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
		c.printf("(belum ada balasan)\n")
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
			c.showElsewhere(chat, call)
			continue
		}
		if call.Err != nil {
			switch call.Method {
			case "sendMessage", "editMessageText", "sendDocument", "sendPhoto":
				// Telegram would have refused it too: worth seeing when trying things.
				c.printf("\n(Bot API menolak %s: %s)\n", call.Method, call.Err.Description)
			}
			continue
		}
		switch call.Method {
		case "sendMessage":
			c.show("bot", call.Params["text"], call.Params["reply_markup"], true)
		case "editMessageText":
			c.show("bot (diubah)", call.Params["text"], call.Params["reply_markup"], c.isNewest(call.Params["message_id"]))
		case "sendDocument", "sendPhoto":
			c.showFile(call)
		case "answerCallbackQuery":
			if t := call.Params["text"]; t != "" {
				c.printf("  [%s]\n", t)
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

// showElsewhere notes a message for another chat (a meeting invitation to
// every member, a reminder): this console's fake carried it, so the
// console where that user types never shows it, and without the note it
// would seem lost.
func (c *console) showElsewhere(chat int64, call telegramtest.Call) {
	var what string
	switch call.Method {
	case "sendMessage":
		what = call.Params["text"]
	case "sendDocument", "sendPhoto":
		what = "[berkas] " + call.Params["caption"]
	default:
		return
	}
	if call.Err != nil || chat == 0 {
		return
	}
	first, _, more := strings.Cut(strings.TrimSpace(html.UnescapeString(tagRe.ReplaceAllString(what, ""))), "\n")
	if more {
		first += " …"
	}
	c.printf("\n(bot → chat %d: %s)\n  (terkirim lewat konsol ini, jadi tidak tampil di konsol pengguna itu)\n", chat, first)
}

func (c *console) isNewest(messageID string) bool {
	last := c.lastMessage()
	return last != nil && strconv.Itoa(last.ID) == messageID
}

var tagRe = regexp.MustCompile(`<[^>]+>`)

func plain(text string) string {
	return strings.ReplaceAll(html.UnescapeString(tagRe.ReplaceAllString(text, "")), "\n", "\n     ")
}

// show prints one message and its buttons, numbered when typing a number
// presses them (the message is the newest), else only listed.
func (c *console) show(prefix, text, markup string, numbered bool) {
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s: %s\n", prefix, plain(text))
	writeButtons(&b, markup, numbered)
	c.printf("%s", b.String())
}

func writeButtons(b *strings.Builder, markup string, numbered bool) {
	if markup == "" {
		return
	}
	var kb struct {
		InlineKeyboard [][]button `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(markup), &kb); err != nil {
		return
	}
	bs := slices.Concat(kb.InlineKeyboard...)
	if len(bs) == 0 {
		return
	}
	for i, btn := range bs {
		if numbered {
			fmt.Fprintf(b, "  [%d] %s\n", i+1, btn.Text)
		} else {
			fmt.Fprintf(b, "  [-] %s\n", btn.Text)
		}
	}
	if numbered {
		b.WriteString("  (ketik nomor untuk memilih)\n")
	}
}

// showFile saves what the bot uploaded and prints where it is, so the
// chart or spreadsheet can be opened as a Telegram user would.
func (c *console) showFile(call telegramtest.Call) {
	kind, field := "dokumen", "document"
	if call.Method == "sendPhoto" {
		kind, field = "foto", "photo"
	}
	var b strings.Builder
	if f, ok := call.Files[field]; ok {
		path, err := c.save(f)
		if err != nil {
			fmt.Fprintf(&b, "\nbot: [%s %s, %s byte; gagal disimpan: %v]\n", kind, f.Name, indo.Int(int64(len(f.Data))), err)
		} else {
			fmt.Fprintf(&b, "\nbot: [%s %s, %s byte]\n     disimpan di %s\n", kind, f.Name, indo.Int(int64(len(f.Data))), path)
		}
	} else {
		// Sent by file_id or URL: Telegram already has the bytes.
		fmt.Fprintf(&b, "\nbot: [%s %s, dikirim ulang tanpa isi berkas]\n", kind, call.Params[field])
	}
	if capt := call.Params["caption"]; capt != "" {
		fmt.Fprintf(&b, "     %s\n", plain(capt))
	}
	writeButtons(&b, call.Params["reply_markup"], true)
	c.printf("%s", b.String())
}

// save writes a file into this session's own folder: two consoles, or two
// charts of one name in a session, must not overwrite each other.
func (c *console) save(f telegramtest.File) (string, error) {
	if c.files == "" {
		dir, err := os.MkdirTemp("", "tkpkbot-console-")
		if err != nil {
			return "", fmt.Errorf("make the folder: %w", err)
		}
		c.files = dir
	}
	dir := c.files
	name := filepath.Base(f.Name)
	if name == "." || name == string(filepath.Separator) || name == "" {
		name = "berkas"
	}
	path := filepath.Join(dir, name)
	for i := 2; ; i++ {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			break
		}
		ext := filepath.Ext(name)
		path = filepath.Join(dir, fmt.Sprintf("%s-%d%s", strings.TrimSuffix(name, ext), i, ext))
	}
	if err := os.WriteFile(path, f.Data, 0o644); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return path, nil
}
