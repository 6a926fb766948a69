// Package handlers is what the bot answers: the route table (routes.go)
// with each command's and button's role × chat row, one file per command,
// and every sentence a user reads. It turns tkpkbot.Updates into calls on
// the tkpkbot services and replies through tkpkbot.Messenger; the Bot API
// itself is in telegram/, and it holds no SQL.
package handlers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"tkpkbot"
	"tkpkbot/figures"
	"tkpkbot/indo"
	"tkpkbot/metrics"
)

// Deps are the services and settings the handlers run on.
type Deps struct {
	Users     tkpkbot.UserService
	Telegram  tkpkbot.Messenger
	Figures   tkpkbot.FigureService
	People    tkpkbot.PeopleService
	Reports   tkpkbot.ReportService
	Meetings  tkpkbot.MeetingService
	Progress  tkpkbot.ProgressService // targets and totals (/capaian, /triwulan); nil without them
	FollowUps tkpkbot.FollowUpService // minutes, tindak lanjut, kendala
	Materials tkpkbot.MaterialsService
	Agenda    tkpkbot.AgendaService
	// Subscriptions are /langganan's; nil only in tests that do not use it.
	Subscriptions tkpkbot.SubscriptionService
	Clock         tkpkbot.Clock
	Location      *time.Location
	Log           *slog.Logger
	BotUsername   string // without @; commands addressed to other bots are ignored
	Deadline      tkpkbot.Deadline
	ReportChat    int64 // REPORT_CHAT_ID: group that sees every submitted report; 0 for none
	// FloodBurst messages per user are handled at once, then FloodRate per
	// second; 0 turns flood control off.
	FloodBurst int
	FloodRate  float64
	// AdminIDs are BOT_ADMIN_IDS, named when an admin asks to revoke one.
	AdminIDs []int64
}

// Handlers routes updates to commands, buttons and conversations.
type Handlers struct {
	Deps
	commands  map[string]*Command
	ordered   []*Command
	callbacks map[string]CallbackFunc
	texts     []TextFunc
	flood     *floodGuard
	figs      *figures.Cache    // cards, rankings and series; nil without Deps.Figures
	access    map[string]Access // accessTable, plus rows AddAccess gave
	// startPayload handles "/start <code>" from an invite deep link.
	startPayload func(ctx context.Context, r *Request) error
}

// Request is one update as a handler sees it.
type Request struct {
	Update  *tkpkbot.Update
	User    tkpkbot.User
	ChatID  int64
	Private bool
	Command string // lower-case, without slash and @botname; "" for plain text
	Args    string // text after the command
	Text    string // whole text (or caption)
}

// CallbackFunc handles a button press whose data started with its prefix.
type CallbackFunc func(ctx context.Context, r *Request, data string) error

// TextFunc may handle a non-command message; handled=false passes it on.
type TextFunc func(ctx context.Context, r *Request) (handled bool, err error)

// New builds the router with every feature registered.
func New(d Deps) *Handlers {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	if d.Clock == nil {
		d.Clock = tkpkbot.SystemClock{}
	}
	if d.Location == nil {
		d.Location = time.UTC
	}
	if d.Deadline == (tkpkbot.Deadline{}) {
		d.Deadline = tkpkbot.DefaultDeadline
	}
	h := &Handlers{Deps: d, commands: map[string]*Command{}, callbacks: map[string]CallbackFunc{},
		access: map[string]Access{}}
	if d.FloodBurst > 0 {
		h.flood = newFloodGuard(d.FloodBurst, d.FloodRate, time.Now)
	}
	h.routes()
	return h
}

// errHandling marks an update whose handling failed in a way worth a
// redelivery (panic, database down): the webhook answers non-2xx for it.
var errHandling = errors.New("update handling failed")

// handle never panics: a panic in a feature is logged with the update ID
// and the user gets an apology.
func (h *Handlers) handle(ctx context.Context, upd *tkpkbot.Update) (err error) {
	start := time.Now()
	r := h.request(upd)
	defer func() {
		if p := recover(); p != nil {
			h.Log.Error("handler panic", "update_id", upd.ID, "chat", r.ChatID, "command", r.Command,
				"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			if r.ChatID != 0 {
				h.reply(ctx, r, msgPanic)
			}
			err = errHandling
		}
		took := time.Since(start)
		result := "ok"
		if err != nil {
			result = "error"
		}
		command := r.Command
		if _, known := h.commands[command]; !known && command != "" {
			command = "unknown" // keeps label cardinality bounded
		}
		metrics.ObserveUpdate(upd.Kind, command, result, took)
		h.Log.Info("update", "update_id", upd.ID, "chat", r.ChatID, "kind", upd.Kind,
			"command", command, "took", took.Round(time.Microsecond).String())
	}()
	if r.ChatID == 0 || r.User.ID == 0 {
		return nil // channel posts, service messages: nothing to answer
	}
	if err := h.route(ctx, r); err != nil {
		h.fail(ctx, r, err)
		if c := tkpkbot.ErrorCode(err); c == tkpkbot.EUNAVAILABLE || c == tkpkbot.EINTERNAL {
			return errHandling
		}
	}
	return nil
}

// request reads the handlers' view of upd: the command is parsed here,
// against the bot's own name, so a command for another bot is ignored.
func (h *Handlers) request(upd *tkpkbot.Update) *Request {
	r := &Request{Update: upd, User: upd.From, ChatID: upd.ChatID, Private: upd.Private, Text: upd.Text}
	if !upd.IsCallback() {
		r.Command, r.Args = parseCommand(r.Text, h.BotUsername)
	}
	return r
}

func (h *Handlers) route(ctx context.Context, r *Request) error {
	if r.Command == ignoreCommand {
		return nil
	}
	u, err := h.Users.Touch(ctx, r.User)
	if err != nil {
		return fmt.Errorf("touch user %d: %w", r.User.ID, err)
	}
	r.User = u

	if r.Update.IsCallback() {
		return h.routeCallback(ctx, r)
	}
	if r.Command != "" {
		c, ok := h.commands[r.Command]
		if !ok {
			if !r.Private {
				return nil // unknown commands in groups may be meant for other bots
			}
			h.reply(ctx, r, msgUnknownCommand)
			return nil
		}
		return h.run(ctx, r, c)
	}
	for _, t := range h.texts {
		if handled, err := t(ctx, r); handled || err != nil {
			return err
		}
	}
	if r.Private {
		h.reply(ctx, r, msgPlainText)
	}
	return nil
}

func (h *Handlers) routeCallback(ctx context.Context, r *Request) error {
	data := r.Update.CallbackData
	prefix, rest, _ := strings.Cut(data, ":")
	f, ok := h.callbacks[prefix]
	if !ok {
		h.answer(ctx, r, msgStaleButton)
		return nil
	}
	// Callback data is never trusted: whoever presses is checked against
	// the button's row now, whatever message the button came on.
	a := h.accessOf(prefix + ":")
	if a.Chats == PrivateOnly && !r.Private {
		h.answer(ctx, r, msgPrivateOnly)
		return nil
	}
	if !a.allows(r.User) {
		text := h.buttonRefusal(a, r.User)
		h.Log.Info("button refused", "update_id", r.Update.ID, "user", r.User.ID, "role", string(r.User.Role), "button", prefix)
		h.answer(ctx, r, toast(text))
		if r.Private {
			h.reply(ctx, r, escape(text))
		}
		return nil
	}
	return f(ctx, r, rest)
}

// buttonRefusal is the refusal of the command the button is like, or,
// when that command is the presser's but the button is not (a pengamat
// reads /tindaklanjut but closes nothing), the button's own row.
func (h *Handlers) buttonRefusal(a Access, u tkpkbot.User) string {
	c := h.commands[a.Like]
	if u.Role == tkpkbot.RoleNone || !c.allowed(u) {
		return c.refusal(u)
	}
	names := make([]string, len(a.Roles))
	for i, role := range a.Roles {
		names[i] = role.Label()
	}
	return "Maaf, tombol ini hanya untuk " + strings.Join(names, " atau ") + ". Peran Anda: " + u.Role.Label() + "."
}

// run checks the command's row of the access table against who is asking
// and where, then runs it.
func (h *Handlers) run(ctx context.Context, r *Request, c *Command) error {
	if c.PrivateOnly && !r.Private {
		// Checked before the role, so a group never learns who may do what.
		h.pointToPrivate(ctx, r, c.Name)
		return nil
	}
	if !c.allowed(r.User) {
		h.Log.Info("command refused", "update_id", r.Update.ID, "user", r.User.ID, "role", string(r.User.Role), "command", c.Name)
		h.reply(ctx, r, escape(c.refusal(r.User)))
		return nil
	}
	// A command is something new: a Selesai pressed before it no longer
	// takes the next message (/tindaklanjut lists the task open anyway).
	h.moveOn(ctx, r, c.Name != "tindaklanjut")
	return c.Run(ctx, r)
}

// pointToPrivate answers a private-only command in a group with a link
// that opens the private chat and runs the command there.
func (h *Handlers) pointToPrivate(ctx context.Context, r *Request, command string) {
	link := "https://t.me/" + h.BotUsername + "?start=" + command
	h.reply(ctx, r, msgPrivateOnly, []tkpkbot.Button{tkpkbot.LinkButton("💬 Buka chat pribadi", link)})
}

// toast fits a callback answer's 200-character limit.
func toast(s string) string { return indo.Shorten(s, 200) }

// fail logs an error once and tells the user something they can act on.
func (h *Handlers) fail(ctx context.Context, r *Request, err error) {
	code := tkpkbot.ErrorCode(err)
	switch code {
	case tkpkbot.EINTERNAL, tkpkbot.EUNAVAILABLE:
		h.Log.Error("handler failed", "update_id", r.Update.ID, "chat", r.ChatID, "command", r.Command, "err", err)
	default:
		h.Log.Info("request refused", "update_id", r.Update.ID, "chat", r.ChatID, "command", r.Command, "code", code)
	}
	if r.Update.IsCallback() {
		h.answer(ctx, r, "")
	}
	h.reply(ctx, r, escape(userMessage(err)))
}

// OnCommand registers a command with its row of the access table; it
// panics on a duplicate name because that is a programming error caught by
// any test. Who may use it comes from the row alone.
func (h *Handlers) OnCommand(a Access, c *Command) {
	if len(c.Roles) > 0 || c.PrivateOnly {
		panic("command " + c.Name + " sets its access outside its row")
	}
	h.access["/"+c.Name] = a
	c.Roles, c.PrivateOnly = a.Roles, a.Chats == PrivateOnly
	for _, n := range append([]string{c.Name}, c.Aliases...) {
		if _, dup := h.commands[n]; dup {
			panic("duplicate command " + n)
		}
		h.commands[n] = c
	}
	h.ordered = append(h.ordered, c)
}

// OnCallback registers a button-data prefix with its row; Like names the
// command whose refusal a wrong presser gets.
func (h *Handlers) OnCallback(prefix string, a Access, f CallbackFunc) {
	if a.Like == "" {
		panic("button " + prefix + " names no command for its refusal")
	}
	h.access[prefix+":"] = a
	if _, dup := h.callbacks[prefix]; dup {
		panic("duplicate callback prefix " + prefix)
	}
	h.callbacks[prefix] = f
}

// OnText adds a handler for plain messages; earlier ones go first.
func (h *Handlers) OnText(f TextFunc) { h.texts = append(h.texts, f) }

// grid lays buttons out n per row, which reads well on a phone.
func grid(n int, buttons []tkpkbot.Button) [][]tkpkbot.Button {
	var rows [][]tkpkbot.Button
	for len(buttons) > 0 {
		k := min(n, len(buttons))
		rows = append(rows, buttons[:k])
		buttons = buttons[k:]
	}
	return rows
}

var escape = indo.Esc

// reply sends HTML text to the request's chat, split when longer than
// Telegram allows; a keyboard goes on the last part. Failures are logged
// here, once, because the user cannot be told anyway.
func (h *Handlers) reply(ctx context.Context, r *Request, html string, rows ...[]tkpkbot.Button) {
	if err := h.Send(ctx, r.ChatID, html, rows...); err != nil {
		h.Log.Error("reply failed", "update_id", r.Update.ID, "chat", r.ChatID, "err", err)
	}
}

// Send delivers HTML text to a chat (the transport splits and retries).
func (h *Handlers) Send(ctx context.Context, chatID int64, html string, rows ...[]tkpkbot.Button) error {
	_, err := h.Telegram.Send(ctx, chatID, html, rows)
	return err
}

// edit replaces the text (and keyboard) of the message a button sits on,
// so a finished choice does not leave live buttons behind.
func (h *Handlers) edit(ctx context.Context, r *Request, html string, rows ...[]tkpkbot.Button) {
	// A typed command: the message is the user's own. A text too long for
	// one message cannot replace one.
	if !r.Update.IsCallback() || r.Update.MessageID == 0 || indo.UTF16Len(html) > indo.MaxMessage {
		h.reply(ctx, r, html, rows...)
		return
	}
	if err := h.Telegram.Edit(ctx, r.ChatID, r.Update.MessageID, html, rows); err != nil {
		h.Log.Warn("edit failed, sending new message", "update_id", r.Update.ID, "chat", r.ChatID, "err", err)
		h.reply(ctx, r, html, rows...)
	}
}

// answer stops the spinner on a pressed button, optionally with a toast.
func (h *Handlers) answer(ctx context.Context, r *Request, text string) {
	if !r.Update.IsCallback() {
		return
	}
	if err := h.Telegram.Answer(ctx, r.Update.CallbackID, text); err != nil {
		h.Log.Warn("answer callback failed", "update_id", r.Update.ID, "err", err)
	}
}

func (h *Handlers) sendDocument(ctx context.Context, r *Request, name string, data []byte, caption string) error {
	return h.Telegram.SendDocument(ctx, r.ChatID, tkpkbot.Upload{Name: name, Data: data}, caption)
}
