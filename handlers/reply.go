package handlers

import (
	"context"
	"errors"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"tkpkbot/indo"
)

// Button is one inline button; rows of them make a keyboard.
type Button struct {
	Text string
	Data string // callback data, or a link made by linkButton
}

// linkMark starts the Data of a link button; no callback data can start
// with a NUL byte.
const linkMark = "\x00url:"

// linkButton opens url instead of sending a callback.
func linkButton(text, url string) Button { return Button{text, linkMark + url} }

func keyboard(rows ...[]Button) *models.InlineKeyboardMarkup {
	kb := &models.InlineKeyboardMarkup{InlineKeyboard: make([][]models.InlineKeyboardButton, 0, len(rows))}
	for _, row := range rows {
		r := make([]models.InlineKeyboardButton, 0, len(row))
		for _, b := range row {
			if url, ok := strings.CutPrefix(b.Data, linkMark); ok {
				r = append(r, models.InlineKeyboardButton{Text: b.Text, URL: url})
				continue
			}
			r = append(r, models.InlineKeyboardButton{Text: b.Text, CallbackData: b.Data})
		}
		kb.InlineKeyboard = append(kb.InlineKeyboard, r)
	}
	return kb
}

// grid lays buttons out n per row, which reads well on a phone.
func grid(n int, buttons []Button) [][]Button {
	var rows [][]Button
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
func (h *Handlers) reply(ctx context.Context, r *Request, html string, rows ...[]Button) {
	if err := h.Send(ctx, r.Bot, r.ChatID, html, rows...); err != nil {
		h.Log.Error("reply failed", "update_id", r.Update.ID, "chat", r.ChatID, "err", err)
	}
}

// Send delivers HTML text to a chat with bounded retries on 429.
func (h *Handlers) Send(ctx context.Context, b *bot.Bot, chatID int64, html string, rows ...[]Button) error {
	parts := indo.Split(html, indo.MaxMessage)
	for i, p := range parts {
		params := &bot.SendMessageParams{
			ChatID:             chatID,
			Text:               p,
			ParseMode:          models.ParseModeHTML,
			LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: bot.True()},
		}
		if i == len(parts)-1 && len(rows) > 0 {
			params.ReplyMarkup = keyboard(rows...)
		}
		if err := retrySend(ctx, func() error { _, err := b.SendMessage(ctx, params); return err }); err != nil {
			return err
		}
	}
	return nil
}

// edit replaces the text (and keyboard) of the message a button sits on,
// so a finished choice does not leave live buttons behind.
func (h *Handlers) edit(ctx context.Context, r *Request, html string, rows ...[]Button) {
	if r.Message == nil || r.Callback == nil { // a typed command: the message is the user's own
		h.reply(ctx, r, html, rows...)
		return
	}
	params := &bot.EditMessageTextParams{
		ChatID:             r.ChatID,
		MessageID:          r.Message.ID,
		Text:               html,
		ParseMode:          models.ParseModeHTML,
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: bot.True()},
	}
	if len(rows) > 0 {
		params.ReplyMarkup = keyboard(rows...)
	}
	if indo.UTF16Len(html) > indo.MaxMessage {
		h.reply(ctx, r, html, rows...)
		return
	}
	err := retrySend(ctx, func() error { _, err := r.Bot.EditMessageText(ctx, params); return err })
	switch {
	case err == nil:
	case strings.Contains(err.Error(), "message is not modified"):
		// the message already shows this (a button pressed twice)
	default:
		h.Log.Warn("edit failed, sending new message", "update_id", r.Update.ID, "chat", r.ChatID, "err", err)
		h.reply(ctx, r, html, rows...)
	}
}

// answer stops the spinner on a pressed button, optionally with a toast.
func (h *Handlers) answer(ctx context.Context, r *Request, text string) {
	if r.Callback == nil {
		return
	}
	err := retrySend(ctx, func() error {
		_, err := r.Bot.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: r.Callback.ID, Text: text})
		return err
	})
	if err != nil {
		h.Log.Warn("answer callback failed", "update_id", r.Update.ID, "err", err)
	}
}

// retrySend retries a Bot API call a bounded number of times: after a 429
// it waits retry_after (the library never retries by itself); after a 5xx
// or a network failure it backs off. A retry after a timeout may deliver a
// message twice, because the first attempt may have arrived; that is the
// only case where a user can see a duplicate.
func retrySend(ctx context.Context, f func() error) error {
	const attempts = 4
	var err error
	backoff := 300 * time.Millisecond
	for i := 0; i < attempts; i++ {
		if err = f(); err == nil {
			return nil
		}
		wait, retry := retryAfter(err, backoff)
		if !retry || i == attempts-1 {
			return err
		}
		backoff *= 2
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		}
	}
	return err
}

var serverErrRe = regexp.MustCompile(`error response from telegram for method \w+, (5\d\d) `)

// retryAfter says whether err is worth another attempt and after how long.
func retryAfter(err error, backoff time.Duration) (time.Duration, bool) {
	var tm *bot.TooManyRequestsError
	if errors.As(err, &tm) {
		return time.Duration(max(tm.RetryAfter, 1)) * time.Second, true
	}
	if errors.Is(err, context.Canceled) {
		return 0, false
	}
	var ue *url.Error
	if errors.As(err, &ue) || serverErrRe.MatchString(err.Error()) {
		return backoff, true
	}
	return 0, false
}
