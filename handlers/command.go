package handlers

import (
	"context"
	"slices"
	"strings"

	"tkpkbot"
)

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
