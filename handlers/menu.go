package handlers

import (
	"context"
	"fmt"
	"slices"

	"tkpkbot"
)

// MenuCommands is the command menu Telegram shows next to the input field
// of someone with role: only what they may use in a private chat.
func (h *Handlers) MenuCommands(role tkpkbot.Role) []tkpkbot.BotCommand {
	var out []tkpkbot.BotCommand
	u := tkpkbot.User{Role: role}
	for _, c := range h.ordered {
		if c.Menu != "" && c.allowed(u) {
			out = append(out, tkpkbot.BotCommand{Command: c.Name, Description: c.Menu})
		}
	}
	return out
}

// RegisterMenu publishes the strangers' menu as the default scope; members
// get theirs per chat (refreshMenu) when they start or change role.
func (h *Handlers) RegisterMenu(ctx context.Context) error {
	cmds := h.MenuCommands(tkpkbot.RoleNone)
	for _, lang := range []string{"", "id"} {
		if err := h.Telegram.SetCommands(ctx, 0, lang, cmds); err != nil {
			return fmt.Errorf("setMyCommands(%q): %w", lang, err)
		}
	}
	return nil
}

// refreshMenu sets the menu of u's private chat to their role's; a
// stranger's goes back to the default. A failure only costs a stale menu,
// so it is logged and not retried.
func (h *Handlers) refreshMenu(ctx context.Context, u tkpkbot.User) {
	var cmds []tkpkbot.BotCommand
	if u.Role != tkpkbot.RoleNone {
		cmds = h.MenuCommands(u.Role)
	}
	if err := h.Telegram.SetCommands(ctx, u.ID, "", cmds); err != nil {
		h.Log.Warn("set per-person command menu", "user", u.ID, "err", err)
	}
}

// Commands lists every registered command in registration order.
func (h *Handlers) Commands() []*Command { return slices.Clone(h.ordered) }
