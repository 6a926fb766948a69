package handlers

import (
	"context"
	"slices"
	"strings"
	"time"

	"tkpkbot"
	"tkpkbot/metrics"
)

// Prepare records the users of a fetched batch in one round trip before
// its updates are handled one by one.
func (h *Handlers) Prepare(ctx context.Context, updates []*tkpkbot.Update) {
	users := make([]tkpkbot.User, 0, len(updates))
	for _, u := range updates {
		if r := h.request(u); r.User.ID != 0 && r.Command != ignoreCommand {
			users = append(users, r.User)
		}
	}
	if len(users) == 0 {
		return
	}
	if err := h.Users.TouchAll(ctx, users); err != nil {
		// Each update's own Touch tries again and answers the user.
		h.Log.Warn("could not record the batch's users", "count", len(users), "err", err)
	}
}

// updateTimeout bounds one update's handling so a hung database or Bot
// API cannot stall a chat forever.
const updateTimeout = 30 * time.Second

// ProcessFresh handles an update the transport has checked is not a
// redelivery; the transport records it once handled. Flood control may
// hold the update back first; an error then means the wait was cut short
// and the update was not handled. Otherwise the error is non-nil when
// handling failed in a way a redelivery may fix.
func (h *Handlers) ProcessFresh(ctx context.Context, upd *tkpkbot.Update) error {
	metrics.UpdatesReceived.WithLabelValues(upd.Kind).Inc()
	if h.flood != nil {
		// Before updateTimeout starts, so a delayed update keeps its full
		// time to be handled.
		gctx, cancel := context.WithTimeout(ctx, h.flood.maxWait+updateTimeout)
		ok, err := h.flood.admit(gctx, h, upd)
		cancel()
		if err != nil {
			return err
		}
		if !ok {
			metrics.ObserveUpdate(upd.Kind, "", "flood", 0)
			return nil
		}
	}
	ctx, cancel := context.WithTimeout(ctx, updateTimeout)
	defer cancel()
	return h.handle(ctx, upd)
}

// msgClosingDropped tells someone who pressed Selesai and then started
// something else that the task is still open.
const msgClosingDropped = "ℹ️ Tugas belum ditandai selesai; tekan <b>Selesai</b> lagi bila perlu."

// moveOn is the one rule between a pressed Selesai and whatever the
// person starts afterwards: the newest wins. Starting anything that reads
// their next messages (any command, the /lapor form's and follow-up
// buttons, Ubah of minutes) forgets a waiting Selesai, so its note can
// never swallow a form answer or the minutes. Selesai pressed after such
// a start is the newest and nothing clears it, so the next message is
// its note, and the form or minutes go on after it. tell says the task
// is still open when a fresh Selesai was dropped.
func (h *Handlers) moveOn(ctx context.Context, r *Request, tell bool) {
	if h.FollowUps == nil || !r.Private || (r.User.Role != tkpkbot.RoleAdmin && r.User.Role != tkpkbot.RoleKoordinator) {
		return // only admins and coordinators can have pressed Selesai
	}
	dropped, err := h.FollowUps.DropClosing(ctx, r.User.ID)
	if err != nil {
		h.Log.Error("forget a pressed Selesai", "user", r.User.ID, "err", err)
		return
	}
	if dropped && tell {
		h.reply(ctx, r, msgClosingDropped)
	}
}

// Command is one slash command with its help text and who may use it.
type Command struct {
	Name        string
	Aliases     []string
	Menu        string // description in Telegram's command menu; empty hides it
	Usage       string // "/angka <wilayah> [tahun]"
	Example     string // "/angka Samarinda"; none where Usage says it all or examples() dates one
	Help        string // one line for /bantuan
	Roles       []tkpkbot.Role
	PrivateOnly bool
	Run         func(ctx context.Context, r *Request) error
}

func (c *Command) allowed(u tkpkbot.User) bool {
	return len(c.Roles) == 0 || slices.Contains(c.Roles, u.Role)
}

func (c *Command) refusal(u tkpkbot.User) string {
	if u.Role == tkpkbot.RoleNone {
		return "Perintah /" + c.Name + " hanya untuk anggota TKPK yang terdaftar. Minta kode undangan ke admin provinsi, lalu ketik /daftar <kode>."
	}
	names := make([]string, len(c.Roles))
	for i, r := range c.Roles {
		names[i] = r.Label()
	}
	return "Maaf, perintah /" + c.Name + " hanya untuk " + strings.Join(names, " atau ") + ". Peran Anda: " + u.Role.Label() + "."
}

// ignoreCommand marks a command addressed to another bot in a group.
const ignoreCommand = "\x00other-bot"

// parseCommand splits "/Angka@TkpkBot  Samarinda" into ("angka",
// "Samarinda"). A command for another bot yields ignoreCommand, and text
// that is not a command yields "".
func parseCommand(text, botUsername string) (cmd, args string) {
	if !strings.HasPrefix(text, "/") {
		return "", ""
	}
	word, rest, _ := strings.Cut(text[1:], " ")
	if i := strings.IndexAny(word, "\n\t"); i >= 0 {
		rest = word[i+1:] + " " + rest
		word = word[:i]
	}
	name, target, addressed := strings.Cut(word, "@")
	if addressed && !strings.EqualFold(target, botUsername) {
		return ignoreCommand, ""
	}
	if name == "" {
		return "", ""
	}
	return strings.ToLower(name), strings.TrimSpace(rest)
}
