package handlers

import (
	"context"

	"tkpkbot"
	"tkpkbot/indo"
)

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
