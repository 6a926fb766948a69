package tkpkbot

import "context"

// MeetingDraft is a /rapat_baru request that waits for the admin's "Ya":
// a meeting on a holiday is asked about first. It is kept server-side so
// the button carries only Token, and what gets created is what was shown.
type MeetingDraft struct {
	Token string
	// Meeting is the request as parsed, with CreatedBy and SourceUpdate
	// (the /rapat_baru update) set; confirming creates it like
	// CreateMeeting would have, redelivery guard included.
	Meeting   Meeting
	MeetingID int64 // the meeting created on "Ya"; 0 before
	Cancelled bool  // "Batal" was pressed
}

// MeetingDraftService keeps the requests waiting for confirmation.
type MeetingDraftService interface {
	// SaveMeetingDraft stores m as a draft; saving the same request again
	// (same CreatedBy and SourceUpdate, i.e. a redelivery) returns the
	// first draft, in whatever state it is now.
	SaveMeetingDraft(ctx context.Context, m Meeting) (MeetingDraft, error)
	// MeetingDraft returns a draft or ENOTFOUND (never saved, or expired).
	MeetingDraft(ctx context.Context, token string) (MeetingDraft, error)
	// ConfirmMeetingDraft creates the draft's meeting, once however often
	// it is called, and returns it. A cancelled draft creates nothing and
	// comes back with Cancelled set.
	ConfirmMeetingDraft(ctx context.Context, token string) (MeetingDraft, Meeting, error)
	// CancelMeetingDraft marks the draft cancelled unless its meeting was
	// created already; the returned draft says which happened.
	CancelMeetingDraft(ctx context.Context, token string) (MeetingDraft, error)
}
