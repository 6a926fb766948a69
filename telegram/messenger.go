package telegram

import (
	"context"
	"strings"

	"tkpkbot"
	"tkpkbot/indo"
)

var _ tkpkbot.Messenger = (*Client)(nil)

type linkPreview struct {
	IsDisabled bool `json:"is_disabled"`
}

type textParams struct {
	ChatID      int64         `json:"chat_id"`
	MessageID   int           `json:"message_id,omitempty"`
	Text        string        `json:"text"`
	ParseMode   string        `json:"parse_mode"`
	LinkPreview linkPreview   `json:"link_preview_options"`
	ReplyMarkup *inlineMarkup `json:"reply_markup,omitempty"`
}

type sentMessage struct {
	MessageID int `json:"message_id"`
}

// Send delivers HTML text, split where it is longer than Telegram allows;
// the keyboard goes on the last part, whose ID it returns. Each part is
// retried on its own (see worthRetry).
func (c *Client) Send(ctx context.Context, chatID int64, html string, kb tkpkbot.Keyboard) (int, error) {
	parts := indo.Split(html, indo.MaxMessage)
	id := 0
	for i, p := range parts {
		var k tkpkbot.Keyboard
		if i == len(parts)-1 {
			k = kb
		}
		err := retry(ctx, func() error {
			var err error
			id, err = c.SendOnce(ctx, chatID, p, k)
			return err
		})
		if err != nil {
			return 0, err
		}
	}
	return id, nil
}

// SendOnce makes exactly one sendMessage call, unsplit. Reminders use it:
// they decide about retries themselves, because a retry after an
// uncertain failure may send a reminder twice.
func (c *Client) SendOnce(ctx context.Context, chatID int64, html string, kb tkpkbot.Keyboard) (int, error) {
	var m sentMessage
	err := c.call(ctx, "sendMessage", &textParams{
		ChatID: chatID, Text: html, ParseMode: "HTML",
		LinkPreview: linkPreview{IsDisabled: true}, ReplyMarkup: markup(kb),
	}, &m)
	return m.MessageID, err
}

func (c *Client) Edit(ctx context.Context, chatID int64, messageID int, html string, kb tkpkbot.Keyboard) error {
	err := retry(ctx, func() error {
		return c.call(ctx, "editMessageText", &textParams{
			ChatID: chatID, MessageID: messageID, Text: html, ParseMode: "HTML",
			LinkPreview: linkPreview{IsDisabled: true}, ReplyMarkup: markup(kb),
		}, nil)
	})
	if notModified(err) {
		return nil // the message already shows this (a button pressed twice)
	}
	return err
}

func notModified(err error) bool {
	return err != nil && strings.Contains(err.Error(), "message is not modified")
}

func (c *Client) Answer(ctx context.Context, callbackID, text string) error {
	type params struct {
		CallbackQueryID string `json:"callback_query_id"`
		Text            string `json:"text,omitempty"`
	}
	return retry(ctx, func() error {
		return c.call(ctx, "answerCallbackQuery", params{CallbackQueryID: callbackID, Text: text}, nil)
	})
}

type commandScope struct {
	Type   string `json:"type"`
	ChatID int64  `json:"chat_id,omitempty"`
}

func (c *Client) SetCommands(ctx context.Context, chatID int64, lang string, cmds []tkpkbot.BotCommand) error {
	type command struct {
		Command     string `json:"command"`
		Description string `json:"description"`
	}
	type params struct {
		Commands     []command     `json:"commands,omitempty"`
		Scope        *commandScope `json:"scope,omitempty"`
		LanguageCode string        `json:"language_code,omitempty"`
	}
	p := params{LanguageCode: lang}
	if chatID != 0 {
		p.Scope = &commandScope{Type: "chat", ChatID: chatID}
	}
	method := "setMyCommands"
	if chatID != 0 && len(cmds) == 0 {
		method = "deleteMyCommands"
	} else {
		p.Commands = make([]command, len(cmds))
		for i, c := range cmds {
			p.Commands[i] = command(c)
		}
	}
	return retry(ctx, func() error { return c.call(ctx, method, p, nil) })
}

type inlineButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data,omitempty"`
	URL          string `json:"url,omitempty"`
}

type inlineMarkup struct {
	InlineKeyboard [][]inlineButton `json:"inline_keyboard"`
}

// markup is kb as the Bot API spells it; nil for no keyboard, so the field
// is left out (which, on an edit, removes the old buttons).
func markup(kb tkpkbot.Keyboard) *inlineMarkup {
	if len(kb) == 0 {
		return nil
	}
	m := &inlineMarkup{InlineKeyboard: make([][]inlineButton, 0, len(kb))}
	for _, row := range kb {
		r := make([]inlineButton, 0, len(row))
		for _, b := range row {
			if url, ok := b.Link(); ok {
				r = append(r, inlineButton{Text: b.Text, URL: url})
				continue
			}
			r = append(r, inlineButton{Text: b.Text, CallbackData: b.Data})
		}
		m.InlineKeyboard = append(m.InlineKeyboard, r)
	}
	return m
}
