package tkpkbot

import (
	"context"
	"strconv"
	"time"
)

// Action is a tindak lanjut: a follow-up task of one region from a
// meeting's minutes, open until the region's coordinator or an admin
// closes it (with /tindaklanjut or in the next /lapor).
type Action struct {
	ID         int64
	MinutesID  int64
	MeetingID  int64
	RegionCode string
	Task       string
	DueOn      time.Time // the due day, 00:00 WITA
	DueAt      time.Time // when it counts as overdue
	CreatedAt  time.Time
	ClosedAt   *time.Time
	ClosedBy   int64
	ClosedName string // first name of who closed it
	Note       string // the closing note
	// ClosedReport is the weekly report whose answer closed it; 0 when
	// closed with the Selesai button.
	ClosedReport int64
}

// Open reports whether the task is still to do.
func (a Action) Open() bool { return a.ClosedAt == nil }

// Overdue reports an open task past its due moment.
func (a Action) Overdue(now time.Time) bool { return a.Open() && !now.Before(a.DueAt) }

// InPeriod reports whether a task belongs in a report on [start, end):
// due or closed in it, or still open and made before its end (a task made
// after the period is the next report's).
func (a Action) InPeriod(start, end time.Time) bool {
	return within(a.DueOn, start, end) || (a.ClosedAt != nil && within(*a.ClosedAt, start, end)) ||
		(a.Open() && a.CreatedAt.Before(end))
}

func within(t, start, end time.Time) bool { return !t.Before(start) && t.Before(end) }

// ActionDueHour is the hour of the due day (WITA) a task falls due: the
// end of the office day, like the other deadlines of the bot.
const ActionDueHour = 16

// ActionDueAt is the moment a task due on day (00:00 in loc) is overdue.
func ActionDueAt(day time.Time, loc *time.Location) time.Time {
	y, m, d := day.In(loc).Date()
	return time.Date(y, m, d, ActionDueHour, 0, 0, 0, loc)
}

// Kendala is an obstacle a region reported, open until a later report of
// the region answers that it is solved.
type Kendala struct {
	ID           int64
	RegionCode   string
	Week         Week // the week of the report that raised it
	ReportID     int64
	Text         string
	OpenedAt     time.Time
	ClosedAt     *time.Time
	ClosedBy     int64
	ClosedName   string
	Note         string
	ClosedReport int64
}

// Open reports whether the kendala is still unsolved.
func (k Kendala) Open() bool { return k.ClosedAt == nil }

// InPeriod reports whether a kendala belongs in a report on the weeks
// from..to, which run from start to end: raised in those weeks, solved in
// them, or still open and raised by their end, as Action.InPeriod.
func (k Kendala) InPeriod(from, to Week, start, end time.Time) bool {
	return Contains(from, to, k.Week) || (k.ClosedAt != nil && within(*k.ClosedAt, start, end)) ||
		(k.Open() && !to.Before(k.Week))
}

// FollowUpKind says what a /lapor follow-up question is about.
type FollowUpKind string

const (
	FollowUpKendala FollowUpKind = "kendala"
	FollowUpAction  FollowUpKind = "tindak_lanjut"
)

// FollowUp is one question the weekly form asks before its steps, about
// an open kendala or tindak lanjut of the region, and its answer.
type FollowUp struct {
	Position int
	Kind     FollowUpKind
	ItemID   int64
	Text     string // the kendala or task as it stood when asked
	Answered bool
	Done     bool   // Sudah / Selesai
	Note     string // optional
	NoteDone bool   // the note was given or skipped
}

// Complete reports a question fully answered (choice and note).
func (f FollowUp) Complete() bool { return f.Answered && f.NoteDone }

// RegionFollowUp counts one region's open items for /rekap.
type RegionFollowUp struct {
	RegionCode  string
	OpenKendala int
	OpenActions int
	Overdue     int
}

// Add sums o into c, for the province's total.
func (c *RegionFollowUp) Add(o RegionFollowUp) {
	c.OpenKendala += o.OpenKendala
	c.OpenActions += o.OpenActions
	c.Overdue += o.Overdue
}

// Facts about follow-up items.
var (
	// ErrActionUnknown: no such task.
	ErrActionUnknown = &Error{Code: ENOTFOUND, Reason: "action_unknown"}
	// ErrActionClosed: closing a task already closed.
	ErrActionClosed = &Error{Code: ECONFLICT, Reason: "action_closed"}
	// ErrNotActionOwner: the actor is neither an admin nor the task
	// region's coordinator, at the moment of acting.
	ErrNotActionOwner = &Error{Code: EFORBIDDEN, Reason: "not_action_owner"}
	// ErrFollowUpAnswered: a follow-up question was answered already.
	ErrFollowUpAnswered = &Error{Code: ECONFLICT, Reason: "followup_answered"}
)

// MaxCloseNote bounds a closing note: one line on a phone.
const MaxCloseNote = 300

// ClosingTTL is how long a pressed Selesai waits for its note.
const ClosingTTL = 30 * time.Minute

// FollowUpService keeps tindak lanjut and kendala and the /lapor answers
// about them.
type FollowUpService interface {
	MinutesService

	// Action returns one task or ErrActionUnknown.
	Action(ctx context.Context, id int64) (Action, error)
	// Actions lists tasks of region ("" for all regions), open ones only
	// unless all; ordered by region, open before closed, due first.
	Actions(ctx context.Context, region string, all bool) ([]Action, error)
	// CloseAction closes an open task as actor with note; the actor's
	// role is re-read in the same transaction.
	CloseAction(ctx context.Context, id, actor int64, note string) (Action, error)
	// StartClosing remembers that actor pressed Selesai on a task, so
	// their next message is its note; PendingClosing returns it (fresh
	// ones only). DropClosing forgets it and reports whether a fresh one
	// was waiting.
	StartClosing(ctx context.Context, actor, action int64) error
	PendingClosing(ctx context.Context, actor int64) (action int64, ok bool, err error)
	DropClosing(ctx context.Context, actor int64) (dropped bool, err error)

	// OpenKendala lists every open kendala ("" region for all regions),
	// by region then week.
	OpenKendala(ctx context.Context, region string) ([]Kendala, error)
	// KendalaHistory lists every kendala, open or closed.
	KendalaHistory(ctx context.Context) ([]Kendala, error)
	// OverdueActions lists every open task overdue at now, by region.
	OverdueActions(ctx context.Context, now time.Time) ([]Action, error)
	// FollowUpCounts counts open kendala, open and overdue tasks per
	// region (regions with none are left out).
	FollowUpCounts(ctx context.Context, now time.Time) ([]RegionFollowUp, error)

	// StartFormFollowUps snapshots the questions for a fresh form: the
	// region's kendala opened before week, then its open tasks.
	StartFormFollowUps(ctx context.Context, user int64, token, region string, week Week) ([]FollowUp, error)
	// FormFollowUps returns the questions of a form, in order.
	FormFollowUps(ctx context.Context, token string) ([]FollowUp, error)
	// AnswerFollowUp records Sudah/Belum once (ErrFollowUpAnswered after).
	AnswerFollowUp(ctx context.Context, token string, position int, done bool) error
	// NoteFollowUp records the optional note once (ErrFollowUpAnswered).
	NoteFollowUp(ctx context.Context, token string, position int, note string) error
	// ReportFollowUps returns the answers sent with a report.
	ReportFollowUps(ctx context.Context, reportID int64) ([]FollowUp, error)
}

// FollowUpReminders is what the reminder sweeper needs of follow-up
// tasks and minutes: planning, the send-time state, and the counts in the
// admins' deadline summary.
type FollowUpReminders interface {
	// PlanActionReminders creates the before-due reminders (at offsets)
	// and the overdue reminder of every open task.
	PlanActionReminders(ctx context.Context, offsets []time.Duration, now time.Time) (int, error)
	Action(ctx context.Context, id int64) (Action, error)
	Minutes(ctx context.Context, id int64) (SentMinutes, error)
	FollowUpCounts(ctx context.Context, now time.Time) ([]RegionFollowUp, error)
}

// ActionPrefix starts the callback data of the /tindaklanjut buttons,
// which reminders carry too.
const ActionPrefix = "tl"

// ActionDoneKeyboard is the Selesai button of one task.
func ActionDoneKeyboard(id int64) Keyboard {
	return Keyboard{{{Text: "✅ Selesai", Data: ActionPrefix + ":selesai:" + strconv.FormatInt(id, 10)}}}
}
