package reminders

import (
	"context"

	"tkpkbot"
)

// Message is one reminder as it goes to one chat.
type Message struct {
	ChatID   int64
	HTML     string
	Keyboard tkpkbot.Keyboard
}

// Telegram sends one message in exactly one attempt and returns its ID;
// its errors are classified (tkpkbot.FailureOf), and the sweeper decides
// about retries, because only it knows whether a resend is safe.
type Telegram interface {
	SendOnce(ctx context.Context, chatID int64, html string, kb tkpkbot.Keyboard) (messageID int, err error)
}
