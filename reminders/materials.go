package reminders

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"tkpkbot"
	"tkpkbot/indo"
)

// DefaultMaterialsOffsets (MATERIALS_REMINDER_OFFSETS): two days and three
// hours before the materials deadline.
var DefaultMaterialsOffsets = []time.Duration{48 * time.Hour, 3 * time.Hour}

// MaterialsPlanner creates the offset reminders of open materials
// requests (store.DB).
type MaterialsPlanner interface {
	PlanMaterialsReminders(ctx context.Context, offsets []time.Duration, now time.Time) (int, error)
}

// AgendaSource is the one query a meeting's agenda comes from (store.DB).
type AgendaSource interface {
	Agenda(ctx context.Context, meetingID int64) ([]tkpkbot.AgendaItem, error)
}

// decideMaterials is decide for the materials kinds, past the checks
// every kind shares: a non-empty status means "do not send".
func decideMaterials(d tkpkbot.Delivery) (tkpkbot.DeliveryStatus, string) {
	u, k := d.Recipient, d.Reminder.Kind
	switch {
	case k == tkpkbot.KindMaterialsMissing && u.Role != tkpkbot.RoleAdmin:
		return tkpkbot.DeliverySkipped, "bukan admin"
	case k != tkpkbot.KindMaterialsMissing && u.Role != tkpkbot.RoleKoordinator:
		return tkpkbot.DeliverySkipped, "bukan koordinator"
	case k == tkpkbot.KindMaterialsRequest:
		return "", "" // a request for work, not a reminder: muted people get it too
	case u.Muted:
		return tkpkbot.DeliverySkipped, "pengingat dimatikan"
	case k == tkpkbot.KindMaterialsBefore && slices.Contains(d.MaterialsFrom, u.RegionCode):
		return tkpkbot.DeliverySkipped, "sudah mengirim bahan"
	}
	return "", ""
}

// howToSend tells a coordinator the two ways materials reach the bot.
func howToSend(meetingID int64) string {
	return fmt.Sprintf("Cara mengirim: <b>balas (reply) pesan ini</b> dengan berkas, foto, tautan, atau teks bahan (minimal %d karakter), atau kirim berkas dengan keterangan <code>/bahan %d</code>. Boleh beberapa berkas.", tkpkbot.MinMaterialText, meetingID)
}

// renderMaterials builds the text of the materials kinds.
func renderMaterials(d tkpkbot.Delivery, now time.Time, loc *time.Location) string {
	m, q := d.Meeting, d.Materials
	deadline := fmt.Sprintf("Tenggat: <b>%s</b>", indo.DateTime(q.Deadline.In(loc)))
	switch d.Reminder.Kind {
	case tkpkbot.KindMaterialsRequest:
		return fmt.Sprintf("📂 <b>Permintaan bahan rapat #%d</b>\n\n%s\n\nMohon kirim: <b>%s</b>\n%s (%s)\n\n%s",
			m.ID, MeetingDetails(m, loc), indo.Esc(q.Request), deadline, Until(q.Deadline.Sub(now)), howToSend(m.ID))
	case tkpkbot.KindMaterialsBefore:
		return fmt.Sprintf("⏰ <b>Pengingat bahan rapat #%d — %s</b>\n\nBahan %s belum diterima.\n\n%s\n\nDiminta: <b>%s</b>\n%s\n\n%s\nMatikan pengingat: /pengingat off",
			m.ID, Until(q.Deadline.Sub(now)), indo.Esc(tkpkbot.RegionOfficial(d.Recipient.RegionCode)), MeetingDetails(m, loc),
			indo.Esc(q.Request), deadline, howToSend(m.ID))
	case tkpkbot.KindMaterialsMissing:
		head := fmt.Sprintf("📂 <b>Tenggat bahan rapat #%d lewat</b>\n\n%s\n%s\n\n", m.ID, MeetingDetails(m, loc), deadline)
		var missing []string
		all := tkpkbot.Districts()
		for _, r := range all {
			if !slices.Contains(d.MaterialsFrom, r.Code) {
				missing = append(missing, r.Name)
			}
		}
		if len(missing) == 0 {
			return head + fmt.Sprintf("Semua %d wilayah sudah mengirim bahan. 👍\n\nLihat: /bahan %d", len(all), m.ID)
		}
		return head + fmt.Sprintf("Belum mengirim (%d dari %d wilayah): <b>%s</b>.\n\nLihat: /bahan %d",
			len(missing), len(all), indo.Esc(strings.Join(missing, ", ")), m.ID)
	}
	return ""
}

// AgendaText is one viewer's view of a meeting's agenda (tkpkbot.AgendaFor)
// as every message shows it, or "" for none; /rapat, /agenda and the
// reminder before the meeting all use it.
func AgendaText(v tkpkbot.AgendaView) string {
	if len(v.Items) == 0 && v.Counted() == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("<b>Agenda</b>")
	for i, it := range v.Items {
		fmt.Fprintf(&b, "\n%d. %s", i+1, AgendaLine(it))
	}
	if line := agendaCountLine(v); line != "" {
		b.WriteString("\n" + line)
	}
	return b.String()
}

// agendaCountLine says how many automatic items the viewer may not read:
// in a group, all of them, with where to read them; in a private chat,
// other regions' (or those past the cap).
func agendaCountLine(v tkpkbot.AgendaView) string {
	var parts []string
	if v.CountedKendala > 0 {
		parts = append(parts, fmt.Sprintf("%d kendala terbuka", v.CountedKendala))
	}
	if v.CountedOverdue > 0 {
		parts = append(parts, fmt.Sprintf("%d tindak lanjut lewat tenggat", v.CountedOverdue))
	}
	if len(parts) == 0 {
		return ""
	}
	what := strings.Join(parts, " dan ")
	if v.Private {
		return "＋ " + what + " lainnya juga dibahas"
	}
	return "＋ " + what + " dibahas; rinciannya di chat pribadi"
}

// agendas caches each meeting's agenda for one sweep, so a reminder to a
// hundred members reads it once.
type agendas struct {
	src  AgendaSource
	mu   sync.Mutex
	byID map[int64][]tkpkbot.AgendaItem
}

func (c *agendas) get(ctx context.Context, meetingID int64) ([]tkpkbot.AgendaItem, error) {
	if c.src == nil {
		return nil, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if a, ok := c.byID[meetingID]; ok {
		return a, nil
	}
	a, err := c.src.Agenda(ctx, meetingID)
	if err != nil {
		return nil, err
	}
	if c.byID == nil {
		c.byID = map[int64][]tkpkbot.AgendaItem{}
	}
	c.byID[meetingID] = a
	return a, nil
}
