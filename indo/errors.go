package indo

import (
	"errors"

	"tkpkbot"
)

// Error is a parse failure. Its text is a whole Indonesian sentence meant for
// the chat user, with an example of what to type. It unwraps to a
// *tkpkbot.Error with code EINVALID so tkpkbot.ErrorCode and
// tkpkbot.ErrorMessage treat it like any other user mistake instead of
// hiding it behind the generic apology.
type Error struct {
	cause *tkpkbot.Error
	blank bool // the text held no date or week at all
}

func (e *Error) Error() string { return e.cause.Message }

// Unwrap exposes the domain error for errors.As.
func (e *Error) Unwrap() error { return e.cause }

func fail(msg string) error {
	return &Error{cause: &tkpkbot.Error{Code: tkpkbot.EINVALID, Message: msg}}
}

func failf(format string, args ...any) error {
	return &Error{cause: tkpkbot.Errorf(tkpkbot.EINVALID, format, args...)}
}

// blankf is a failure for text that holds no date (or week) at all, which
// a caller reading several things may want to tell from a wrong date.
func blankf(format string, args ...any) error {
	return &Error{cause: tkpkbot.Errorf(tkpkbot.EINVALID, format, args...), blank: true}
}

// IsBlank reports whether err says the text held no date or week at all.
func IsBlank(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.blank
}
