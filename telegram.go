// What the domain needs of Telegram, both ways: an Update as it arrives
// (and the dispatcher's pause while one is held back), and a Messenger
// to answer through, with what a failed send means. Only telegram/
// implements them; nothing here imports the Bot API.

package tkpkbot

import (
	"context"
	"errors"
	"strings"
	"time"
)

// Messenger is what handlers ask of the Bot API. Its calls retry on a
// rate limit or a failure Telegram certainly did not execute, so a caller
// only decides what a final failure means to the user.
type Messenger interface {
	// Send delivers HTML text with no link preview, the keyboard under
	// it, and returns the new message's ID.
	Send(ctx context.Context, chatID int64, html string, kb Keyboard) (messageID int, err error)
	// Edit replaces a message's text and keyboard; an edit to what the
	// message already shows succeeds.
	Edit(ctx context.Context, chatID int64, messageID int, html string, kb Keyboard) error
	// Answer stops the spinner on a pressed button, with a toast unless
	// text is empty.
	Answer(ctx context.Context, callbackID, text string) error
	SendDocument(ctx context.Context, chatID int64, file Upload, caption string) error
	SendPhoto(ctx context.Context, chatID int64, file Upload, caption string, kb Keyboard) error
	// SendFileID sends again a file Telegram already keeps (a document or
	// a photo a user sent), by its file_id, without downloading it.
	SendFileID(ctx context.Context, chatID int64, photo bool, fileID, caption string) error
	// SetCommands sets the command menu of a private chat, or with chatID
	// 0 the default one for language lang ("" for all). An empty list for a
	// chat drops its own menu, so the default shows again.
	SetCommands(ctx context.Context, chatID int64, lang string, cmds []BotCommand) error
	// Download fetches a file a user sent, refusing one above limit bytes.
	Download(ctx context.Context, fileID string, limit int64) ([]byte, error)
}

// Upload is a file sent to a chat.
type Upload struct {
	Name string
	Data []byte
}

// BotCommand is one entry of a chat's command menu.
type BotCommand struct {
	Command     string
	Description string
}

// Keyboard is an inline keyboard: rows of buttons under a message.
type Keyboard [][]Button

// Button is one inline button.
type Button struct {
	Text string
	Data string // callback data, or a link made by LinkButton
}

// linkMark starts the Data of a link button: no callback data can start
// with a NUL byte, and keeping links in Data keeps Button a pair, which
// every keyboard literal relies on.
const linkMark = "\x00url:"

// LinkButton opens url instead of sending a callback.
func LinkButton(text, url string) Button { return Button{text, linkMark + url} }

// Link is the URL a link button opens; ok is false for a callback button.
func (b Button) Link() (url string, ok bool) { return strings.CutPrefix(b.Data, linkMark) }

// SendFailure is what a failed Bot API call means for the message: the
// transport decides it once, and callers act on it without reading
// Telegram's error texts.
type SendFailure int

const (
	// SendUncertain: the request may have reached Telegram and been
	// executed (a timeout, a reset); sending again may duplicate it.
	SendUncertain SendFailure = iota
	// SendRateLimited: a 429; not executed, the same call may go again
	// after RetryAfter.
	SendRateLimited
	// SendUnreachable: the chat blocked the bot or does not exist.
	SendUnreachable
	// SendRejected: Telegram refused the request itself; retrying cannot help.
	SendRejected
	// SendTransient: Telegram or the network failed before executing it.
	SendTransient
)

// SendError is a failed Bot API call, classified.
type SendError struct {
	Failure    SendFailure
	Code       int           // Telegram's error_code; 0 when Telegram did not answer
	RetryAfter time.Duration // for SendRateLimited
	Err        error
}

func (e *SendError) Error() string { return e.Err.Error() }
func (e *SendError) Unwrap() error { return e.Err }

// FailureOf classifies err; an error the transport did not classify counts
// as uncertain, the one class that never leads to a resend.
func FailureOf(err error) (SendFailure, time.Duration) {
	var se *SendError
	if errors.As(err, &se) {
		return se.Failure, se.RetryAfter
	}
	return SendUncertain, 0
}

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
