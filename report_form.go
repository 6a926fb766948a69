package tkpkbot

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Form steps of /lapor, in order; StepSummary shows Kirim/Ubah/Batal.
// The button steps (strategy, funding) come after the typed ones so the
// numbers of the first five, which open forms store, did not move.
const (
	StepActivities = 1
	StepHouseholds = 2
	StepBudget     = 3
	StepObstacles  = 4
	StepNextPlan   = 5
	StepStrategy   = 6
	StepFunding    = 7
	StepSummary    = 8
	// Questions is how many steps a coordinator answers.
	Questions = StepSummary - 1
)

// ReportForm is a /lapor conversation in progress. It lives in the
// database so a restart in the middle loses nothing.
type ReportForm struct {
	UserID     int64
	Token      string // names this form in its buttons
	RegionCode string
	Week       Week
	Step       int
	Editing    bool // answering a step chosen with Ubah: return to the summary
	Draft      Report
	Filled     [StepSummary]bool // Filled[step] once answered
	// LastUpdateID is the Telegram update last applied; SaveForm refuses
	// an update at or below it, so a redelivery is not applied twice.
	LastUpdateID int64
	StartedAt    time.Time
	UpdatedAt    time.Time
}

// Facts about a form the store reports and the handlers word.
var (
	// ErrFormMoved: the form is no longer at the step an answer was given
	// for (another answer was applied first).
	ErrFormMoved = &Error{Code: ECONFLICT, Reason: "form_moved"}
	// ErrNotReporter: the sender is no longer the coordinator of the
	// form's region; the form was deleted.
	ErrNotReporter = &Error{Code: EFORBIDDEN, Reason: "not_reporter"}
	// ErrNoForm: the user has no open form.
	ErrNoForm = &Error{Code: ENOTFOUND, Reason: "no_form"}
	// ErrAnswerRecorded: this Telegram update was applied already.
	ErrAnswerRecorded = &Error{Code: ECONFLICT, Reason: "answer_recorded"}
	// ErrFormStale: an answer for a form that was cancelled or replaced.
	ErrFormStale = &Error{Code: ENOTFOUND, Reason: "form_stale"}
	// ErrFormGone: sending a form that was cancelled or replaced.
	ErrFormGone = &Error{Code: ENOTFOUND, Reason: "form_gone"}
	// ErrFormIncomplete (About the first unanswered step): sending early.
	ErrFormIncomplete = &Error{Code: EINVALID, Reason: "form_incomplete"}
)

// FormTTL is how long an untouched form stays open.
const FormTTL = 24 * time.Hour

// Limits on a text answer: "ok" or "ya" tells the province nothing about a
// week's work, and one report must stay readable in chat.
const (
	MinAnswer = 3
	MaxAnswer = 2000 // characters
)

// Why an answer does not go into a form. SetAnswer and SetNumber state
// the rule; the handlers word it for the step being asked.
var (
	ErrAnswerEmpty = &Error{Code: EINVALID, Reason: "answer_empty"}
	ErrAnswerShort = &Error{Code: EINVALID, Reason: "answer_short"}
	ErrAnswerLong  = &Error{Code: EINVALID, Reason: "answer_long"}
	// ErrAnswerDash: "-" means "nothing", which only the obstacles step
	// may answer.
	ErrAnswerDash     = &Error{Code: EINVALID, Reason: "answer_dash"}
	ErrAnswerNegative = &Error{Code: EINVALID, Reason: "answer_negative"}
	// ErrAnswerStep: the step takes no answer of that kind, a caller's
	// mistake rather than the user's.
	ErrAnswerStep = &Error{Code: EINTERNAL, Reason: "answer_step"}
)

// SetAnswer stores the text answer for one of the text steps
// (activities, obstacles, next plan), trimmed, and marks the step filled.
// On error f is unchanged.
func (f *ReportForm) SetAnswer(step int, text string) error {
	switch step {
	case StepActivities, StepObstacles, StepNextPlan:
	default:
		return ErrAnswerStep
	}
	text = strings.TrimSpace(text)
	switch n := utf8.RuneCountInString(text); {
	case text == "":
		return ErrAnswerEmpty
	case n > MaxAnswer:
		return ErrAnswerLong
	case isDash(text) && step == StepObstacles:
		text = "-"
	case isDash(text):
		return ErrAnswerDash
	case n < MinAnswer:
		return ErrAnswerShort
	}
	switch step {
	case StepActivities:
		f.Draft.Activities = text
	case StepObstacles:
		f.Draft.Obstacles = text
	case StepNextPlan:
		f.Draft.NextPlan = text
	}
	f.Filled[step] = true
	return nil
}

// SetNumber stores the households or budget answer, which the caller has
// read from what was typed, and marks the step filled. On error f is
// unchanged.
func (f *ReportForm) SetNumber(step int, n int64) error {
	if n < 0 {
		return ErrAnswerNegative
	}
	switch step {
	case StepHouseholds:
		f.Draft.Households = n
	case StepBudget:
		f.Draft.Budget = n
	default:
		return ErrAnswerStep
	}
	f.Filled[step] = true
	return nil
}

// isDash reports an answer of only dashes: phones turn "-" into "–" or
// "—", and "--" means the same nothing.
func isDash(s string) bool {
	return s != "" && strings.Trim(s, "-–—") == ""
}
