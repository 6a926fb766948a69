package indo

import "tkpkbot"

// Error is a parse failure. Its text is a whole Indonesian sentence meant for
// the chat user, with an example of what to type. It unwraps to a
// *tkpkbot.Error with code EINVALID so tkpkbot.ErrorCode and
// tkpkbot.ErrorMessage treat it like any other user mistake instead of
// hiding it behind the generic apology.
type Error struct{ cause *tkpkbot.Error }

func (e *Error) Error() string { return e.cause.Message }

// Unwrap exposes the domain error for errors.As.
func (e *Error) Unwrap() error { return e.cause }

func fail(msg string) error {
	return &Error{cause: &tkpkbot.Error{Code: tkpkbot.EINVALID, Message: msg}}
}

func failf(format string, args ...any) error {
	return &Error{cause: tkpkbot.Errorf(tkpkbot.EINVALID, format, args...)}
}
