package tkpkbot

import "time"

// Meeting is a coordination meeting people are invited to and reminded of.
type Meeting struct {
	ID          int64
	Title       string
	Location    string
	StartsAt    time.Time
	CreatedBy   int64
	CancelledAt *time.Time
}

// RSVP answers to a meeting invitation.
type RSVP string

const (
	RSVPHadir      RSVP = "hadir"
	RSVPTidakHadir RSVP = "tidak_hadir"
	RSVPBelumPasti RSVP = "belum_pasti"
)

// MeetingService stores meetings, RSVPs and reminders.
type MeetingService interface {
}
