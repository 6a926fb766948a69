package tkpkbot

import (
	"context"
	"time"
)

// ReminderKind says what a reminder is about and who receives it.
type ReminderKind string

const (
	// KindMeetingAnnounce is the invitation, due when the meeting is made:
	// every member and the report group, muted or not.
	KindMeetingAnnounce ReminderKind = "meeting_announce"
	// KindMeetingBefore is due at an offset before the start: members who
	// did not mute reminders and did not answer "Tidak hadir".
	KindMeetingBefore ReminderKind = "meeting_before"
	// KindMeetingCancel tells every member and the report group that a
	// meeting was called off.
	KindMeetingCancel ReminderKind = "meeting_cancel"
	// KindReportBefore is due at an offset before a week's deadline, for
	// coordinators whose region has not reported that week.
	KindReportBefore ReminderKind = "report_before"
	// KindReportSummary is due at the deadline: admins get the regions
	// still missing.
	KindReportSummary ReminderKind = "report_summary"
	// KindRegionUncovered tells every admin, once, that a region lost its
	// last coordinator (a role change or a revocation).
	KindRegionUncovered ReminderKind = "region_uncovered"

	// The coordination loop (issue #14). Reserved in migration 00009 so
	// the features that send them need no change to the kind check.

	// KindMaterialsRequest asks every region's coordinators for a meeting's
	// materials, due when the request is made.
	KindMaterialsRequest ReminderKind = "materials_request"
	// KindMaterialsBefore is due at an offset before the materials deadline,
	// for coordinators of regions that sent nothing yet.
	KindMaterialsBefore ReminderKind = "materials_before"
	// KindMaterialsMissing is due at the materials deadline: admins get the
	// regions still missing.
	KindMaterialsMissing ReminderKind = "materials_missing"
	// KindMinutes carries a meeting's minutes to every member and the
	// report group.
	KindMinutes ReminderKind = "minutes"
	// KindActionBefore is due at an offset before a follow-up task's due
	// date, for the owner region's coordinators while it is open.
	KindActionBefore ReminderKind = "action_before"
	// KindActionOverdue is due once when an open follow-up task passes its
	// due date.
	KindActionOverdue ReminderKind = "action_overdue"
	// KindFiguresNotice tells a subscriber what an import added or changed
	// for their regions (issue #16).
	KindFiguresNotice ReminderKind = "figures_notice"
)

// OfMeeting reports the kinds that speak of one meeting, so that its
// cancellation silences them (all but the cancellation itself).
func (k ReminderKind) OfMeeting() bool {
	return k == KindMeetingAnnounce || k == KindMeetingBefore || k == KindMeetingCancel || k.OfMaterials()
}

// OfMaterials reports a meeting's materials request and its reminders.
func (k ReminderKind) OfMaterials() bool {
	return k == KindMaterialsRequest || k == KindMaterialsBefore || k == KindMaterialsMissing
}

// OfFollowUp reports the minutes and the follow-up task reminders, which
// are written from the state at send time.
func (k ReminderKind) OfFollowUp() bool {
	return k == KindMinutes || k == KindActionBefore || k == KindActionOverdue
}

// Reminder is one scheduled message, fanned out to its recipients when it
// falls due. Every reminder is a row, so restarts and replicas agree on what
// is due and what was already sent.
type Reminder struct {
	ID        int64
	Key       string // unique: planning the same reminder twice is a no-op
	Kind      ReminderKind
	MeetingID int64         // meeting kinds
	Week      Week          // report kinds
	Offset    time.Duration // how long before the event it is due
	Region    string        // region kinds
	Detail    string        // region kinds: the first name of who left
	MinutesID int64         // KindMinutes
	ActionID  int64         // action kinds; Region is the task's region
	// FigureImport is a figures_notice's import (FigureChange rows).
	FigureImport int64
	DueAt        time.Time
	ExpiresAt    time.Time // after this the reminder is pointless and dropped
}

// DeliveryKey names one message: a reminder to one chat.
type DeliveryKey struct {
	ReminderID int64
	ChatID     int64
}

// Delivery is one (reminder, chat) message claimed for sending, with what
// is needed to decide at send time whether it is still wanted and to
// format it.
type Delivery struct {
	DeliveryKey
	Reminder  Reminder
	Meeting   Meeting // meeting kinds
	Recipient User    // zero ID for a group chat or a person no longer known
	Answer    RSVP    // the recipient's answer to Meeting
	Reported  bool    // report kinds: the recipient's region reported that week
	Attempts  int     // sends tried before this claim
	// Changes are a figures_notice's news for the recipient, loaded at
	// send time.
	Changes []FigureChange

	// Materials kinds: the meeting's request, and the regions that have
	// sent materials for it by now.
	Materials     MaterialsRequest
	MaterialsFrom []string
	// Agenda is the meeting's agenda for meeting_before, read by the
	// sweeper at send time.
	Agenda []AgendaItem
}

// DeliveryStatus is where a delivery stands. Only pending and claimed may
// still lead to a send; sending is the one state whose outcome a crash
// leaves unknown.
type DeliveryStatus string

const (
	DeliveryPending     DeliveryStatus = "pending"
	DeliveryClaimed     DeliveryStatus = "claimed"
	DeliverySending     DeliveryStatus = "sending"
	DeliverySent        DeliveryStatus = "sent"
	DeliverySkipped     DeliveryStatus = "skipped"     // not wanted at send time (muted, reported, ...)
	DeliveryExpired     DeliveryStatus = "expired"     // the event passed before it could go out
	DeliveryUnreachable DeliveryStatus = "unreachable" // Telegram answered 403 / chat not found
	DeliveryFailed      DeliveryStatus = "failed"      // retries exhausted or a permanent error
	DeliveryUnknown     DeliveryStatus = "unknown"     // the send may or may not have arrived; never retried
)

// Outcome is what became of a claimed delivery.
type Outcome struct {
	Status DeliveryStatus
	// Retry puts the delivery back to pending until RetryAt (Status is
	// ignored then).
	Retry     bool
	RetryAt   time.Time
	MessageID int
	Note      string // short reason for logs and audits; never shown to users
}

// ReminderPlan is a reminder the scheduler wants to exist.
type ReminderPlan struct {
	Key       string
	Kind      ReminderKind
	MeetingID int64
	Week      Week
	Offset    time.Duration
	DueAt     time.Time
	ExpiresAt time.Time
}

// Expansion is what happened to one due reminder when it was claimed.
type Expansion struct {
	Reminder   Reminder
	Recipients int        // deliveries created
	Dropped    DropReason // non-empty: why nothing was sent
}

// DropReason is why a due reminder went to nobody, or why a delivery
// stopped, as the audit notes record it (operators read them; users never
// do). The store records these; it words nothing itself.
type DropReason string

const (
	DropExpired          DropReason = "sudah lewat"
	DropMeetingCancelled DropReason = "rapat dibatalkan"
	DropSuperseded       DropReason = "digantikan pengingat yang lebih baru"
	DropWeekOff          DropReason = "minggu libur"
	// DropStoppedSending: the process died between marking a send and
	// recording it; the delivery is not retried, so it cannot go twice.
	DropStoppedSending DropReason = "proses berhenti saat mengirim; tidak dikirim ulang agar tidak ganda"
)

// ReminderStore is the durable side of reminders: plans, due reminders,
// and per-recipient deliveries that are claimed under a lease.
type ReminderStore interface {
	// PlanReminders creates missing reminders not yet due at now; a pending
	// one whose due time changed (a day off moved the deadline) is moved,
	// others are kept.
	PlanReminders(ctx context.Context, plans []ReminderPlan, now time.Time) (created int, err error)
	// PlanMeetingReminders creates the offset reminders of every upcoming
	// meeting, skipping offsets already past when the meeting was made.
	PlanMeetingReminders(ctx context.Context, offsets []time.Duration, now time.Time) (created int, err error)
	// ExpandDue claims up to limit due reminders and, in the same
	// transaction, either creates their deliveries or drops them; the report
	// reminders of a week cal marks off are dropped (the calendar is data,
	// so the store applies the rule itself); groupChat (0 for none) also gets
	// meeting announcements and cancellations.
	ExpandDue(ctx context.Context, now time.Time, limit int, groupChat int64, cal Calendar) ([]Expansion, error)
	// ClaimDeliveries leases up to limit deliveries that are ready (pending
	// and due for an attempt, or claimed under an expired lease) to owner.
	ClaimDeliveries(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]Delivery, error)
	// MarkSending moves a claimed delivery to sending just before the send.
	// false means owner lost the claim and must not send.
	MarkSending(ctx context.Context, k DeliveryKey, owner string, now time.Time, lease time.Duration) (bool, error)
	// Release gives a claimed or sending delivery back to owner's claim
	// after a send that certainly did not arrive (429), until leaseUntil.
	Release(ctx context.Context, k DeliveryKey, owner string, leaseUntil time.Time) error
	// Finish records the outcome of owner's delivery; a 403 or unknown chat
	// also marks the person unreachable.
	Finish(ctx context.Context, k DeliveryKey, owner string, now time.Time, o Outcome) error
	// Unclaim returns owner's claimed (not sending) deliveries to pending,
	// so a graceful stop leaves nothing waiting for a lease to expire.
	Unclaim(ctx context.Context, owner string) (int, error)
	// ExpireSending marks deliveries stuck in sending past their lease as
	// unknown: their process died mid-send and resending could duplicate.
	ExpireSending(ctx context.Context, now time.Time) ([]DeliveryKey, error)
	// CloseReminders marks fanned-out reminders done once no delivery can
	// still be sent.
	CloseReminders(ctx context.Context) (int, error)
	// SenderLock lets one process at a time send, so the bot's overall rate
	// limit holds across replicas. ok=false: another process is sending.
	// The lock ends with release or with the holder's database session.
	SenderLock(ctx context.Context) (release func(), ok bool, err error)
	// WaitWake blocks until a reminder is scheduled for now (a meeting made
	// or cancelled) on any replica, calling wake each time, until ctx ends.
	WaitWake(ctx context.Context, wake func()) error
}
