package tkpkbot

import (
	"context"
	"time"
)

// MinutesTask is one follow-up task a meeting gave a region, as written
// in the minutes: "- Samarinda: Verifikasi 500 KK data P3KE (31-12-2024)".
type MinutesTask struct {
	Region string    `json:"region"` // region code
	Task   string    `json:"task"`
	DueOn  time.Time `json:"due_on"` // 00:00 of the due day, WITA
}

// Minutes is what a meeting decided: decisions, tasks per region and the
// rest of the text as written.
type Minutes struct {
	Decisions []string      `json:"decisions,omitempty"`
	Tasks     []MinutesTask `json:"tasks,omitempty"`
	Notes     []string      `json:"notes,omitempty"`
}

// Empty reports minutes with nothing in them.
func (m Minutes) Empty() bool {
	return len(m.Decisions) == 0 && len(m.Tasks) == 0 && len(m.Notes) == 0
}

// MinutesDraft is a /notulen in progress: the minutes as previewed and the
// attendance the admin confirms, kept server-side so the buttons carry
// only Token and what is sent is what was shown.
type MinutesDraft struct {
	Token        string
	MeetingID    int64
	CreatedBy    int64
	SourceUpdate int64
	Minutes      Minutes
	Present      []string // region codes marked present
	// Awaiting: the admin's next message is the minutes text.
	Awaiting  bool
	MinutesID int64 // set once sent
	Cancelled bool
	UpdatedAt time.Time
}

// SentMinutes is a meeting's minutes as sent.
type SentMinutes struct {
	ID      int64
	Meeting Meeting
	Minutes Minutes
	Present []string
	SentBy  int64
	SentAt  time.Time
}

// Facts about minutes the store reports and the handlers word.
var (
	// ErrMinutesSent: the meeting already has minutes.
	ErrMinutesSent = &Error{Code: ECONFLICT, Reason: "minutes_sent"}
	// ErrMinutesDraftGone: a button of a draft that expired or never was.
	ErrMinutesDraftGone = &Error{Code: ENOTFOUND, Reason: "minutes_draft_gone"}
	// ErrMinutesCancelled: Kirim on a draft already cancelled.
	ErrMinutesCancelled = &Error{Code: ECONFLICT, Reason: "minutes_cancelled"}
	// ErrMinutesEmpty: Kirim before the text was given.
	ErrMinutesEmpty = &Error{Code: EINVALID, Reason: "minutes_empty"}
	// ErrMinutesTaskPast: at Kirim, a task of the draft is already past
	// its due moment (a preview kept too long); About the task's 1-based
	// position in Minutes.Tasks.
	ErrMinutesTaskPast = &Error{Code: EINVALID, Reason: "minutes_task_past"}
	// ErrNotAdmin: the actor is no longer an admin at the moment of acting.
	ErrNotAdmin = &Error{Code: EFORBIDDEN, Reason: "not_admin"}
)

// MinutesDraftTTL bounds how long a draft stays answerable.
const MinutesDraftTTL = 24 * time.Hour

// MinutesAwaitTTL bounds how long a /notulen takes the admin's next
// message as its text: a question asked the next day is a question.
const MinutesAwaitTTL = 2 * time.Hour

// MinutesService keeps minutes drafts and sends minutes.
type MinutesService interface {
	// SaveMinutesDraft stores d under a fresh token; a redelivered
	// /notulen (same CreatedBy and SourceUpdate) returns the first draft.
	SaveMinutesDraft(ctx context.Context, d MinutesDraft) (MinutesDraft, error)
	// MinutesDraft returns a live draft or ErrMinutesDraftGone.
	MinutesDraft(ctx context.Context, token string) (MinutesDraft, error)
	// AwaitingMinutes returns the user's latest live draft waiting for its
	// text, or ErrMinutesDraftGone.
	AwaitingMinutes(ctx context.Context, user int64) (MinutesDraft, error)
	// SetMinutesText stores parsed minutes in an unsent draft and stops
	// it waiting for text; awaiting=true asks for the text again (Ubah).
	SetMinutesText(ctx context.Context, token string, m Minutes, awaiting bool) (MinutesDraft, error)
	// ToggleMinutesPresent marks a region present or not in an unsent draft.
	ToggleMinutesPresent(ctx context.Context, token, region string) (MinutesDraft, error)
	// SendMinutes turns the draft into the meeting's minutes, its tasks
	// into follow-up tasks and one durable "minutes" reminder, in one
	// transaction, once however often it is called (again=true after the
	// first). The actor must be an admin now.
	SendMinutes(ctx context.Context, token string, actor int64) (m SentMinutes, again bool, err error)
	// CancelMinutesDraft marks an unsent draft cancelled.
	CancelMinutesDraft(ctx context.Context, token string) (MinutesDraft, error)
	// MeetingMinutes returns a meeting's sent minutes or ENOTFOUND.
	MeetingMinutes(ctx context.Context, meetingID int64) (SentMinutes, error)
	// Minutes returns sent minutes by ID or ENOTFOUND.
	Minutes(ctx context.Context, id int64) (SentMinutes, error)
}
