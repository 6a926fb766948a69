package handlers

import (
	"context"
	"fmt"
	"slices"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"tkpkbot"
)

// MenuCommands is the command menu Telegram shows next to the input field
// of someone with role: only what they may use in a private chat.
func (h *Handlers) MenuCommands(role tkpkbot.Role) []models.BotCommand {
	var out []models.BotCommand
	u := tkpkbot.User{Role: role}
	for _, c := range h.ordered {
		if c.Menu != "" && c.allowed(u) {
			out = append(out, models.BotCommand{Command: c.Name, Description: c.Menu})
		}
	}
	return out
}

// RegisterMenu publishes the strangers' menu as the default scope; members
// get theirs per chat (refreshMenu) when they start or change role.
func (h *Handlers) RegisterMenu(ctx context.Context, b *bot.Bot) error {
	cmds := h.MenuCommands(tkpkbot.RoleNone)
	for _, lang := range []string{"", "id"} {
		if _, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: cmds, LanguageCode: lang}); err != nil {
			return fmt.Errorf("setMyCommands(%q): %w", lang, err)
		}
	}
	return nil
}

// refreshMenu sets the menu of r.User's private chat to their role's. A
// failure only costs a stale menu, so it is logged and not retried.
func (h *Handlers) refreshMenu(ctx context.Context, b *bot.Bot, u tkpkbot.User) {
	if err := h.setMenu(ctx, b, u); err != nil {
		h.Log.Warn("set per-person command menu", "user", u.ID, "err", err)
	}
}

func (h *Handlers) setMenu(ctx context.Context, b *bot.Bot, u tkpkbot.User) error {
	scope := &models.BotCommandScopeChat{ChatID: u.ID}
	if u.Role == tkpkbot.RoleNone {
		// back to the default scope's menu
		return retrySend(ctx, func() error {
			_, err := b.DeleteMyCommands(ctx, &bot.DeleteMyCommandsParams{Scope: scope})
			return err
		})
	}
	cmds := h.MenuCommands(u.Role)
	return retrySend(ctx, func() error {
		_, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: cmds, Scope: scope})
		return err
	})
}

// Commands lists every registered command in registration order.
func (h *Handlers) Commands() []*Command { return slices.Clone(h.ordered) }
