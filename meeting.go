package tkpkbot

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Meeting is a coordination meeting people are invited to and reminded of.
type Meeting struct {
	ID          int64
	Title       string
	Location    string
	StartsAt    time.Time
	CreatedBy   int64
	CreatedAt   time.Time
	CancelledAt *time.Time
	// SourceUpdate is the Telegram update that asked for the meeting: a
	// redelivered update finds the meeting it already created.
	SourceUpdate int64
}

// Cancelled reports whether an admin called the meeting off.
func (m Meeting) Cancelled() bool { return m.CancelledAt != nil }

// Limits on what an admin may type for a meeting. Titles and places are
// shown in every reminder on a phone, so they stay short.
const (
	MaxMeetingTitle    = 200
	MaxMeetingLocation = 200
	// MaxMeetingAhead bounds scheduling so a typo in the year ("2052")
	// cannot plant reminders decades away.
	MaxMeetingAhead = 366 * 24 * time.Hour
)

// Why a meeting cannot be scheduled. Validate states the rule; the
// handlers word it, with the times and limits the admin needs.
var (
	ErrMeetingUntitled     = &Error{Code: EINVALID, Reason: "meeting_untitled"}
	ErrMeetingTitleLong    = &Error{Code: EINVALID, Reason: "meeting_title_long"}
	ErrMeetingLocationLong = &Error{Code: EINVALID, Reason: "meeting_location_long"}
	ErrMeetingPast         = &Error{Code: EINVALID, Reason: "meeting_past"}
	ErrMeetingTooFar       = &Error{Code: EINVALID, Reason: "meeting_too_far"}
)

// Why a stored meeting cannot be cancelled or answered. The numbered ones
// come About the meeting's ID, which the admin typed.
var (
	ErrMeetingUnknown = &Error{Code: ENOTFOUND, Reason: "meeting_unknown"}
	// ErrMeetingCancelledBefore: cancelling twice.
	ErrMeetingCancelledBefore = &Error{Code: ECONFLICT, Reason: "meeting_cancelled_before"}
	// ErrMeetingOver: cancelling a meeting that already began.
	ErrMeetingOver = &Error{Code: EINVALID, Reason: "meeting_over"}
	// ErrMeetingCancelled: answering a cancelled meeting's invitation.
	ErrMeetingCancelled = &Error{Code: ECONFLICT, Reason: "meeting_cancelled"}
	// ErrMeetingStarted: answering once the meeting began.
	ErrMeetingStarted = &Error{Code: ECONFLICT, Reason: "meeting_started"}
	// ErrRSVPUnknown: an answer that is none of the RSVP values.
	ErrRSVPUnknown = &Error{Code: EINVALID, Reason: "rsvp_unknown"}
)

// Validate reports the first rule m breaks if scheduled at now, as one
// of the ErrMeeting errors. Both the command and the store ask: a draft
// confirmed an hour later may have started meanwhile.
func (m Meeting) Validate(now time.Time) error {
	switch {
	case strings.TrimSpace(m.Title) == "":
		return ErrMeetingUntitled
	case utf8.RuneCountInString(m.Title) > MaxMeetingTitle:
		return ErrMeetingTitleLong
	case utf8.RuneCountInString(m.Location) > MaxMeetingLocation:
		return ErrMeetingLocationLong
	case !m.StartsAt.After(now):
		return ErrMeetingPast
	case m.StartsAt.Sub(now) > MaxMeetingAhead:
		return ErrMeetingTooFar
	}
	return nil
}

// RSVP answers to a meeting invitation.
type RSVP string

const (
	RSVPNone       RSVP = ""
	RSVPHadir      RSVP = "hadir"
	RSVPTidakHadir RSVP = "tidak_hadir"
	RSVPBelumPasti RSVP = "belum_pasti"
)

// Valid reports whether r is an answer a person can give.
func (r RSVP) Valid() bool {
	return r == RSVPHadir || r == RSVPTidakHadir || r == RSVPBelumPasti
}

// Label is the answer as the buttons show it.
func (r RSVP) Label() string {
	switch r {
	case RSVPHadir:
		return "Hadir"
	case RSVPTidakHadir:
		return "Tidak hadir"
	case RSVPBelumPasti:
		return "Belum pasti"
	}
	return "belum menjawab"
}

// UpcomingMeeting is a meeting as one person sees it in /rapat.
type UpcomingMeeting struct {
	Meeting
	Answer RSVP
}

// Attendee is one member's answer for the /hadir tally.
type Attendee struct {
	User   User
	Answer RSVP
}

// MeetingService stores meetings, RSVPs and the settings that steer
// reminders: a person's mute switch and the days off. It is the one
// service the handlers need for everything reminder-related, so it also
// carries HolidayService.
type MeetingService interface {
	// CreateMeeting stores m and schedules its announcement (due at once)
	// in the same transaction, so a meeting is never left unannounced.
	CreateMeeting(ctx context.Context, m Meeting) (Meeting, error)
	// Meeting returns one meeting or ENOTFOUND.
	Meeting(ctx context.Context, id int64) (Meeting, error)
	// UpcomingMeetings lists meetings not yet started and not cancelled,
	// soonest first, with user's answer.
	UpcomingMeetings(ctx context.Context, user int64) ([]UpcomingMeeting, error)
	// CancelMeeting marks the meeting cancelled and schedules the notice to
	// everyone. Cancelling twice is ECONFLICT.
	CancelMeeting(ctx context.Context, actor, id int64) (Meeting, error)
	// SetRSVP records user's answer; answering again replaces it.
	// changed is false when the answer was already the same.
	SetRSVP(ctx context.Context, meetingID, user int64, answer RSVP) (m Meeting, changed bool, err error)
	// Attendance lists every member with their answer (RSVPNone when they
	// have not answered), ordered by region then name.
	Attendance(ctx context.Context, meetingID int64) (Meeting, []Attendee, error)
	// SetMuted switches a person's own reminders off or on.
	SetMuted(ctx context.Context, user int64, muted bool) (User, error)

	HolidayService
	MeetingDraftService
}
