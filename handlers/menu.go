package handlers

import (
	"slices"

	"context"
	"fmt"
	"tkpkbot"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// MenuCommands is the command menu Telegram shows next to the input field.
func (h *Handlers) MenuCommands() []models.BotCommand {
	var out []models.BotCommand
	for _, c := range h.ordered {
		if c.Menu != "" {
			out = append(out, models.BotCommand{Command: c.Name, Description: c.Menu})
		}
	}
	return out
}

// RegisterMenu publishes the command menu with Indonesian descriptions.
func (h *Handlers) RegisterMenu(ctx context.Context, b *bot.Bot) error {
	cmds := h.MenuCommands()
	for _, lang := range []string{"", "id"} {
		if _, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: cmds, LanguageCode: lang}); err != nil {
			return fmt.Errorf("setMyCommands(%q): %w", lang, err)
		}
	}
	return nil
}

// Commands lists every registered command in registration order.
func (h *Handlers) Commands() []*Command { return slices.Clone(h.ordered) }

// Allowed reports whether u's role may run c.
func (c *Command) Allowed(u tkpkbot.User) bool { return c.allowed(u) }
