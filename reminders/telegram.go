package reminders

import (
	"context"
	"errors"
	"net"
	"strings"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// Message is one reminder as it goes to one chat.
type Message struct {
	ChatID   int64
	HTML     string
	Keyboard *models.InlineKeyboardMarkup
}

// Telegram sends a message and returns its ID.
type Telegram interface {
	Send(ctx context.Context, m Message) (messageID int, err error)
}

// BotTelegram sends through go-telegram/bot.
type BotTelegram struct{ Bot *bot.Bot }

func (t BotTelegram) Send(ctx context.Context, m Message) (int, error) {
	p := &bot.SendMessageParams{
		ChatID:             m.ChatID,
		Text:               m.HTML,
		ParseMode:          models.ParseModeHTML,
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: bot.True()},
	}
	if m.Keyboard != nil {
		p.ReplyMarkup = m.Keyboard
	}
	msg, err := t.Bot.SendMessage(ctx, p)
	if err != nil {
		return 0, err
	}
	return msg.ID, nil
}

// class is what a send error means for the delivery.
type class int

const (
	classSent        class = iota
	classRateLimited       // 429: not delivered; wait retry_after, same message again
	classUnreachable       // 403, or a chat Telegram does not know: stop, tell admins
	classPermanent         // Telegram refused the message itself: retrying cannot help
	classTransient         // Telegram or the network failed before delivering: retry later
	classUnknown           // the request may have been delivered: never resend
)

// classify reads go-telegram/bot's errors. The library has typed errors
// for 4xx only; a 5xx comes back as "error response from telegram", which
// means Telegram answered, so the message was certainly not delivered.
func classify(err error) (class, time.Duration) {
	if err == nil {
		return classSent, 0
	}
	var tm *bot.TooManyRequestsError
	if errors.As(err, &tm) {
		return classRateLimited, time.Duration(max(tm.RetryAfter, 1)) * time.Second
	}
	msg := strings.ToLower(err.Error())
	switch {
	case errors.Is(err, bot.ErrorForbidden):
		return classUnreachable, 0
	case errors.Is(err, bot.ErrorBadRequest):
		if strings.Contains(msg, "chat not found") || strings.Contains(msg, "user not found") ||
			strings.Contains(msg, "peer_id_invalid") {
			return classUnreachable, 0
		}
		return classPermanent, 0
	case errors.Is(err, bot.ErrorUnauthorized), errors.Is(err, bot.ErrorNotFound), errors.Is(err, bot.ErrorConflict):
		// A revoked token or wrong API URL: nothing gets through until an
		// operator fixes it, so keep the delivery for the bounded retries.
		return classTransient, 0
	case strings.Contains(msg, "error response from telegram"):
		return classTransient, 0
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return classTransient, 0 // never connected: nothing left the process
	}
	// Timeouts, resets, unreadable answers: the request may have reached
	// Telegram and been executed.
	return classUnknown, 0
}
