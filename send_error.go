package tkpkbot

import (
	"errors"
	"time"
)

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
