package tkpkbot

import (
	"context"
	"time"
)

// Update kinds, as metrics label them.
const (
	UpdateMessage  = "message"
	UpdateDocument = "document"
	UpdateCallback = "callback"
	UpdateOther    = "other"
)

// Update is one incoming Telegram update as the handlers see it: who sent
// it, where, and what it carries. The transport fills it in once, so every
// consumer agrees on which chat and person an update belongs to.
type Update struct {
	ID   int64
	Kind string // UpdateMessage, UpdateDocument, UpdateCallback or UpdateOther
	// ChatID is the chat to answer in; 0 when there is none to answer
	// (channel posts, updates the bot did not ask for).
	ChatID  int64
	Private bool
	// From is the person who sent the message or pressed the button; its
	// ID is 0 for bots and updates without a sender.
	From User
	Text string // message text, or a file's caption
	// MessageID is the message a button sits on, or the message itself;
	// 0 when Telegram no longer shows the message to the bot.
	MessageID int
	// Date is when the message was sent, zero for a button press (its
	// message's date is when the bot sent the buttons).
	Date          time.Time
	CallbackID    string // set for a button press
	CallbackData  string
	Document      *Document // a file sent with the message
	ReplyDocument *Document // a file in the message this one replies to
	PhotoIDs      []string  // the sizes of a sent photo, smallest first
	// Photo is the largest size of a sent photo, as a file (no name).
	Photo *Document
	// ReplyTo is the message this one answers, 0 when it answers none.
	ReplyTo int
}

// IsCallback reports whether the update is a button press.
func (u *Update) IsCallback() bool { return u.CallbackID != "" }

// Document is a file a user sent.
type Document struct {
	FileID   string
	FileName string
	MimeType string
	FileSize int64
}

// OrderKey groups updates that must be handled one after another: those
// of one chat, or of one person when there is no chat.
func (u *Update) OrderKey() int64 {
	if u.ChatID != 0 {
		return u.ChatID
	}
	return u.From.ID
}

// PauseFunc holds the current update back for d. The transport's
// dispatcher supplies one that frees the update's worker meanwhile, so a
// flooding user does not take a worker from other people; flood control,
// in the handlers, only asks for the pause.
type PauseFunc func(ctx context.Context, d time.Duration) error

type pauseKey struct{}

// WithPause makes Pause use p for updates handled under ctx.
func WithPause(ctx context.Context, p PauseFunc) context.Context {
	return context.WithValue(ctx, pauseKey{}, p)
}

// Pause waits d with ctx's PauseFunc, or in place (the webhook, where
// Telegram waits for the answer anyway).
func Pause(ctx context.Context, d time.Duration) error {
	if p, ok := ctx.Value(pauseKey{}).(PauseFunc); ok {
		return p(ctx, d)
	}
	return Sleep(ctx, d)
}

// Sleep waits d or until ctx ends: the one interruptible wait that the
// flood guard, the send limiter and the reminder pacer share.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
