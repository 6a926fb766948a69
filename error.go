package tkpkbot

import (
	"errors"
	"fmt"
)

// Error codes are few and coarse on purpose: handlers map them to one
// friendly Indonesian sentence each, never to the underlying cause.
const (
	EINVALID     = "invalid"
	ENOTFOUND    = "not_found"
	EFORBIDDEN   = "forbidden"
	ECONFLICT    = "conflict"
	EUNAVAILABLE = "unavailable"
	EINTERNAL    = "internal"
)

// Error is an application error whose Message is safe to show a chat user.
type Error struct {
	Code    string
	Message string
	// Reason names a fact for the handlers to word (ErrInviteExpired, ...);
	// such errors carry no Message of their own.
	Reason string
}

func (e *Error) Error() string {
	if e.Reason != "" {
		return fmt.Sprintf("tkpkbot: %s: %s", e.Code, e.Reason)
	}
	return fmt.Sprintf("tkpkbot: %s: %s", e.Code, e.Message)
}

// Errorf builds an Error with a user-facing message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, or
// EINTERNAL for anything else (a bug, a driver error, a timeout).
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err. Internal errors get a
// generic apology so driver or network details never reach a chat.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) && e.Message != "" {
		return e.Message
	} else if e != nil && e.Code != EINTERNAL && e.Code != EUNAVAILABLE {
		return "Permintaan ini tidak bisa diproses. Ketik /bantuan untuk petunjuk."
	}
	return "Maaf, terjadi kesalahan di sistem. Silakan coba lagi sebentar."
}

// ErrUnavailable: a service the bot depends on (the database) could not be
// reached; the same request may well work a little later.
var ErrUnavailable = &Error{Code: EUNAVAILABLE, Reason: "unavailable"}

// NumberedError is a fact about one numbered thing (a meeting, a user, a
// form step); the sentence the handlers make of it names the number, so
// the user knows which one was meant.
type NumberedError struct {
	Fact *Error
	N    int64
}

func (e *NumberedError) Error() string { return fmt.Sprintf("%s (%d)", e.Fact.Error(), e.N) }

// Unwrap lets errors.Is match the sentinel and ErrorCode read its code.
func (e *NumberedError) Unwrap() error { return e.Fact }

// About attaches the number the fact concerns.
func (e *Error) About(n int64) error { return &NumberedError{Fact: e, N: n} }

// Facts lists every fact (a sentinel with a Reason) the root and the
// store report, so a test in handlers can check each has a sentence and
// a new one cannot reach a user unworded. Add a new sentinel here.
var Facts = []*Error{
	ErrUnavailable,
	ErrInviteUnknown, ErrInviteUsed, ErrInviteUsedBySelf, ErrInviteExpired, ErrInviteCancelled,
	ErrRoleChange, ErrAlreadyHolds, ErrConfigAdmin,
	ErrRoleInvalid, ErrCoordinatorRegion, ErrRevokeSelf, ErrUserUnknown, ErrNotMember,
	ErrMeetingUntitled, ErrMeetingTitleLong, ErrMeetingLocationLong, ErrMeetingPast, ErrMeetingTooFar,
	ErrMeetingUnknown, ErrMeetingCancelledBefore, ErrMeetingOver, ErrMeetingCancelled, ErrMeetingStarted,
	ErrRSVPUnknown,
	ErrHolidayEmpty, ErrHolidayNoteLong, ErrHolidayTooFar, ErrHolidayWeekend, ErrHolidayFixed,
	ErrHolidayTaken, ErrHolidayUnknown,
	ErrFormMoved, ErrNotReporter, ErrNoForm, ErrAnswerRecorded, ErrFormStale, ErrFormGone, ErrFormIncomplete,
	ErrAnswerEmpty, ErrAnswerShort, ErrAnswerLong, ErrAnswerDash, ErrAnswerNegative, ErrAnswerStep,
	ErrNoFigures, ErrFigureRejected,
	ErrMinutesSent, ErrMinutesDraftGone, ErrMinutesCancelled, ErrMinutesEmpty, ErrMinutesTaskPast, ErrNotAdmin,
	ErrActionUnknown, ErrActionClosed, ErrNotActionOwner, ErrFollowUpAnswered,
	ErrMaterialsUntitled, ErrMaterialsRequestLong, ErrMaterialsDeadlinePast, ErrMaterialsAfterMeeting,
	ErrMaterialsRequested, ErrMaterialsNotRequested, ErrMaterialEmpty, ErrMaterialTextLong,
	ErrMaterialSender, ErrMaterialUnknown, ErrMaterialTextShort, ErrMaterialNotYours,
	ErrAgendaEmpty, ErrAgendaLong, ErrAgendaFull, ErrAgendaUnknown,
	ErrChoiceUnknown,
}
