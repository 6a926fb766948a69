package tkpkbot

import "context"

// AgendaSource says where an agenda item comes from.
type AgendaSource string

const (
	// AgendaManual: an admin added it with /agenda.
	AgendaManual AgendaSource = "manual"
	// The coordination loop's automatic items, after the manual ones:
	// every overdue tindak lanjut (Action set), then every open kendala
	// (Kendala set).
	AgendaOverdue AgendaSource = "tindak_lanjut"
	AgendaKendala AgendaSource = "kendala"
)

// MaxAgendaAuto bounds the automatic items one view shows in full, so the
// reminder before a meeting stays one message; the rest is counted (see
// AgendaFor) and is in /tindaklanjut and /rekap.
const MaxAgendaAuto = 20

// AgendaItem is one line of a meeting's agenda. ID is set for manual items
// only: those are the ones an admin can remove.
type AgendaItem struct {
	ID     int64
	Text   string
	Source AgendaSource
	// RegionCode is the region an automatic item is about; "" for manual
	// items, which belong to the whole meeting.
	RegionCode string
	// The item an automatic line is about.
	Action  *Action
	Kendala *Kendala
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
	// Agenda is the meeting's whole agenda, the one query /rapat, /agenda
	// and the reminder before the meeting read: the manual items in order,
	// then, for a meeting that has not started and is not cancelled, the
	// automatic items (overdue tindak lanjut, open kendala) of every
	// region. What of it a person may read is AgendaFor's to decide.
	Agenda(ctx context.Context, meetingID int64) ([]AgendaItem, error)
}
