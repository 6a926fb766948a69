package tkpkbot

import "context"

// AgendaSource says where an agenda item comes from.
type AgendaSource string

const (
	// AgendaManual: an admin added it with /agenda.
	AgendaManual AgendaSource = "manual"
	// The coordination loop's automatic items (a region's open kendala, an
	// overdue tindak lanjut) get their own sources when they are added to
	// AgendaService.Agenda.
)

// AgendaItem is one line of a meeting's agenda. ID is set for manual items
// only: those are the ones an admin can remove.
type AgendaItem struct {
	ID     int64
	Text   string
	Source AgendaSource
}

// Limits that keep an agenda readable in a reminder on a phone.
const (
	MaxAgendaItem  = 300
	MaxAgendaItems = 30
)

// Why an agenda item is refused.
var (
	ErrAgendaEmpty = &Error{Code: EINVALID, Reason: "agenda_empty"}
	ErrAgendaLong  = &Error{Code: EINVALID, Reason: "agenda_long"}
	ErrAgendaFull  = &Error{Code: ECONFLICT, Reason: "agenda_full"}
	// ErrAgendaUnknown: a Hapus button whose item is gone (numbered).
	ErrAgendaUnknown = &Error{Code: ENOTFOUND, Reason: "agenda_unknown"}
)

// AgendaService keeps meetings' agendas.
type AgendaService interface {
	// AddAgendaItem appends a manual item to an upcoming meeting and
	// returns the agenda; a redelivered update adds nothing.
	AddAgendaItem(ctx context.Context, meetingID, actor int64, text string, sourceUpdate int64) ([]AgendaItem, error)
	// RemoveAgendaItem deletes a manual item and returns its meeting's
	// agenda.
	RemoveAgendaItem(ctx context.Context, id int64) (meetingID int64, agenda []AgendaItem, err error)
	// Agenda is the meeting's whole agenda, the one query both /rapat and
	// the reminder before the meeting read. Today it holds the manual
	// items in order; the automatic items (open kendala, overdue tindak
	// lanjut) are to be appended here, after them.
	Agenda(ctx context.Context, meetingID int64) ([]AgendaItem, error)
}
