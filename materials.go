package tkpkbot

import (
	"context"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// MaterialsRequest asks every region for a meeting's materials by a
// deadline (issue #14). There is one per meeting.
type MaterialsRequest struct {
	MeetingID int64
	Request   string // what is asked for, as the admin typed it
	Deadline  time.Time
	CreatedBy int64
	CreatedAt time.Time
	// SourceUpdate is the /bahan update: a redelivery finds its request.
	SourceUpdate int64
}

// Limits on a request and on what a region sends as text.
const (
	MaxMaterialsRequest = 500
	MaxMaterialText     = 3000
	// MinMaterialText is the shortest text without a link that counts as
	// materials: below it a message is an answer ("Baik, segera kami
	// kirim"), not the content asked for.
	MinMaterialText = 40
	// DefaultMaterialsHour is the deadline's hour (WITA) when the admin
	// gives only a date: the end of an office day.
	DefaultMaterialsHour = 16
)

// Why a materials request or a sent material is refused.
var (
	ErrMaterialsUntitled     = &Error{Code: EINVALID, Reason: "materials_untitled"}
	ErrMaterialsRequestLong  = &Error{Code: EINVALID, Reason: "materials_request_long"}
	ErrMaterialsDeadlinePast = &Error{Code: EINVALID, Reason: "materials_deadline_past"}
	// ErrMaterialsAfterMeeting: the deadline is not before the meeting.
	ErrMaterialsAfterMeeting = &Error{Code: EINVALID, Reason: "materials_after_meeting"}
	// ErrMaterialsRequested: the meeting (numbered) already has a request.
	ErrMaterialsRequested = &Error{Code: ECONFLICT, Reason: "materials_requested"}
	// ErrMaterialsNotRequested: nothing was asked for the meeting (numbered).
	ErrMaterialsNotRequested = &Error{Code: ENOTFOUND, Reason: "materials_not_requested"}
	ErrMaterialEmpty         = &Error{Code: EINVALID, Reason: "material_empty"}
	ErrMaterialTextLong      = &Error{Code: EINVALID, Reason: "material_text_long"}
	// ErrMaterialTextShort: a text with no link and under MinMaterialText.
	ErrMaterialTextShort = &Error{Code: EINVALID, Reason: "material_text_short"}
	// ErrMaterialSender: only coordinators and admins send materials.
	ErrMaterialSender = &Error{Code: EFORBIDDEN, Reason: "material_sender"}
	// ErrMaterialUnknown: a file button whose material is gone (numbered).
	ErrMaterialUnknown = &Error{Code: ENOTFOUND, Reason: "material_unknown"}
	// ErrMaterialNotYours: only its sender (still a coordinator or admin)
	// or an admin removes a material.
	ErrMaterialNotYours = &Error{Code: EFORBIDDEN, Reason: "material_not_yours"}
)

// Validate reports the first rule q breaks for meeting m at now. The
// handler asks before saving and the store again inside its transaction.
func (q MaterialsRequest) Validate(m Meeting, now time.Time) error {
	switch {
	case m.Cancelled():
		return ErrMeetingCancelled
	case !m.StartsAt.After(now):
		return ErrMeetingStarted
	case strings.TrimSpace(q.Request) == "":
		return ErrMaterialsUntitled
	case utf8.RuneCountInString(q.Request) > MaxMaterialsRequest:
		return ErrMaterialsRequestLong
	case !q.Deadline.After(now):
		return ErrMaterialsDeadlinePast
	case q.Deadline.After(m.StartsAt):
		return ErrMaterialsAfterMeeting
	}
	return nil
}

// MaterialKind is what a region sent.
type MaterialKind string

const (
	MaterialDocument MaterialKind = "document"
	MaterialPhoto    MaterialKind = "photo"
	MaterialText     MaterialKind = "text"
)

// Material is one thing a region sent for a meeting: a file kept by
// Telegram (only its file_id is stored) or a text.
type Material struct {
	ID         int64
	MeetingID  int64
	RegionCode string // the sender's region when it was sent
	Sender     User
	Kind       MaterialKind
	FileID     string
	FileName   string
	MimeType   string
	FileSize   int64
	Body       string // the text, or a file's caption
	SentAt     time.Time
	// SourceUpdate is the message it came in: stored once however often
	// Telegram delivers it.
	SourceUpdate int64
}

// Validate checks what a sender cannot fix by resending the same thing.
func (m Material) Validate() error {
	switch {
	case m.Kind == MaterialText && strings.TrimSpace(m.Body) == "":
		return ErrMaterialEmpty
	case m.Kind != MaterialText && m.FileID == "":
		return ErrMaterialEmpty
	case utf8.RuneCountInString(m.Body) > MaxMaterialText:
		return ErrMaterialTextLong
	case m.Kind == MaterialText && !IsMaterialText(m.Body):
		return ErrMaterialTextShort
	}
	return nil
}

// reLink is a web address as people paste it: with a scheme, www., or a
// host whose last label starts with a letter followed by a path (bit.ly/x,
// s.id/x, drive.google.com/…), so "Rp1.250.000/bulan" is no link.
var reLink = regexp.MustCompile(`(?i)(^|[^\pL\pN@])(https?://\S|www\.\S|[\pL\pN-]+(\.[\pL\pN-]+)*\.\pL[\pL\pN-]*/\S)`)

// IsMaterialText tells materials sent as text from an answer to the
// request: it holds a link, or at least MinMaterialText characters once
// spaces are tidied. A false positive costs little, its sender can remove
// it; a false negative is told what to send instead.
func IsMaterialText(s string) bool {
	s = strings.Join(strings.Fields(s), " ")
	return reLink.MatchString(s) || utf8.RuneCountInString(s) >= MinMaterialText
}

// MaterialsStatus is a meeting's request and everything sent for it,
// ordered by region then time.
type MaterialsStatus struct {
	Meeting   Meeting
	Request   MaterialsRequest
	Materials []Material
}

// Regions is how many of the ten regions sent something.
func (s MaterialsStatus) Regions() int {
	seen := map[string]bool{}
	for _, m := range s.Materials {
		if _, ok := RegionIndex(m.RegionCode); ok && m.RegionCode != ProvinceCode {
			seen[m.RegionCode] = true
		}
	}
	return len(seen)
}

// MaterialsService keeps materials requests and what regions send.
type MaterialsService interface {
	// RequestMaterials stores q and, in the same transaction, the request
	// to every coordinator (a reminder due at once) and the summary to
	// admins at the deadline. A redelivered update returns the same
	// request; a second request for the meeting is ErrMaterialsRequested.
	RequestMaterials(ctx context.Context, q MaterialsRequest) (MaterialsRequest, Meeting, error)
	// AddMaterial stores what sender (re-read from the database) sent for
	// meeting m.MeetingID; a redelivered update returns the stored one.
	AddMaterial(ctx context.Context, m Material) (Material, error)
	// MaterialsStatus returns the meeting's request and materials, or
	// ErrMeetingUnknown / ErrMaterialsNotRequested.
	MaterialsStatus(ctx context.Context, meetingID int64) (MaterialsStatus, error)
	// Material returns one material or ErrMaterialUnknown (also once
	// removed).
	Material(ctx context.Context, id int64) (Material, error)
	// RemoveMaterial takes material id back for user by (role re-read
	// from the database: its sender while still a coordinator, or any
	// admin) while the meeting has not started; it no longer counts for
	// its region anywhere. ErrMaterialUnknown when it is already gone,
	// ErrMaterialNotYours, ErrMeetingStarted, ErrMeetingCancelled.
	RemoveMaterial(ctx context.Context, id, by int64) (Material, error)
	// RequestOfMessage names the meeting whose materials request (or
	// reminder) the bot sent to chatID as messageID; ok is false otherwise.
	RequestOfMessage(ctx context.Context, chatID int64, messageID int) (meetingID int64, ok bool, err error)
}
