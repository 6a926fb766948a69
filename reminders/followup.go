package reminders

import (
	"context"
	"fmt"
	"strings"
	"time"

	"tkpkbot"
	"tkpkbot/indo"
)

// DefaultActionOffsets (ACTION_REMINDER_OFFSETS): three days and one day
// before a follow-up task is due.
var DefaultActionOffsets = []time.Duration{72 * time.Hour, 24 * time.Hour}

// MinutesBody is a meeting's minutes as the admin previews them and as
// members and the group receive them.
func MinutesBody(m tkpkbot.Meeting, n tkpkbot.Minutes, present []string, loc *time.Location) string {
	var b strings.Builder
	b.WriteString(MeetingDetails(m, loc))
	var names []string
	for _, reg := range tkpkbot.Districts() {
		for _, p := range present {
			if p == reg.Code {
				names = append(names, reg.Name)
			}
		}
	}
	if len(names) == 0 {
		b.WriteString("\n\n👥 Hadir: —")
	} else {
		fmt.Fprintf(&b, "\n\n👥 Hadir (%d wilayah): %s", len(names), indo.Esc(strings.Join(names, ", ")))
	}
	if len(n.Decisions) > 0 {
		b.WriteString("\n\n<b>Keputusan</b>")
		for i, d := range n.Decisions {
			fmt.Fprintf(&b, "\n%d. %s", i+1, indo.Esc(d))
		}
	}
	if len(n.Tasks) > 0 {
		b.WriteString("\n\n<b>Tindak lanjut</b>")
		for _, t := range n.Tasks {
			fmt.Fprintf(&b, "\n• <b>%s</b>: %s — tenggat %s", indo.Esc(tkpkbot.RegionName(t.Region)), indo.Esc(t.Task), indo.ShortDate(t.DueOn.In(loc)))
		}
	}
	if len(n.Notes) > 0 {
		b.WriteString("\n\n<b>Catatan</b>")
		for _, line := range n.Notes {
			b.WriteString("\n" + indo.Esc(line))
		}
	}
	return b.String()
}

// ActionDetails is one task as its reminders show it.
func ActionDetails(a tkpkbot.Action, meeting string, loc *time.Location) string {
	s := fmt.Sprintf("<b>%s</b>: %s\n🗓 Tenggat: %s", indo.Esc(tkpkbot.RegionOfficial(a.RegionCode)), indo.Esc(a.Task), indo.DateTime(a.DueAt.In(loc)))
	if meeting != "" {
		s += "\n📝 Dari rapat: " + indo.Esc(meeting)
	}
	return s
}

// followUpMessage renders a minutes or task delivery from the state now,
// or returns the outcome to record instead: a task closed meanwhile is
// not chased, and a failed read is retried.
func (s *Sweeper) followUpMessage(ctx context.Context, d tkpkbot.Delivery, now time.Time) (Message, *tkpkbot.Outcome) {
	msg := Message{ChatID: d.ChatID}
	if s.o.FollowUps == nil {
		return msg, &tkpkbot.Outcome{Status: tkpkbot.DeliveryFailed, Note: "tanpa layanan tindak lanjut"}
	}
	retry := &tkpkbot.Outcome{Retry: true, RetryAt: now.Add(time.Minute), Note: "tindak lanjut gagal dimuat"}
	loc := s.o.Location
	if d.Reminder.Kind == tkpkbot.KindMinutes {
		n, err := s.o.FollowUps.Minutes(ctx, d.Reminder.MinutesID)
		if err != nil {
			s.log.Error("minutes for a delivery failed to load; will retry", "reminder", d.ReminderID, "err", err)
			return msg, retry
		}
		msg.HTML = "📝 <b>Notulen rapat</b>\n\n" + MinutesBody(n.Meeting, n.Minutes, n.Present, loc)
		if d.Recipient.Role == tkpkbot.RoleKoordinator {
			msg.HTML += "\n\nTindak lanjut wilayah Anda: /tindaklanjut"
		} else if d.Recipient.ID != 0 {
			msg.HTML += "\n\nPantau tindak lanjutnya: /tindaklanjut"
		}
		return msg, nil
	}
	a, err := s.o.FollowUps.Action(ctx, d.Reminder.ActionID)
	if tkpkbot.ErrorCode(err) == tkpkbot.ENOTFOUND {
		return msg, &tkpkbot.Outcome{Status: tkpkbot.DeliverySkipped, Note: "tindak lanjut dihapus"}
	} else if err != nil {
		s.log.Error("task for a reminder failed to load; will retry", "reminder", d.ReminderID, "err", err)
		return msg, retry
	}
	if !a.Open() {
		return msg, &tkpkbot.Outcome{Status: tkpkbot.DeliverySkipped, Note: "sudah selesai"}
	}
	var meeting string
	if n, err := s.o.FollowUps.Minutes(ctx, a.MinutesID); err == nil {
		meeting = n.Meeting.Title
	}
	details := ActionDetails(a, meeting, loc)
	if d.Reminder.Kind == tkpkbot.KindActionOverdue {
		msg.HTML = "⚠️ <b>Tindak lanjut lewat tenggat</b>\n\n" + details +
			"\n\nSudah selesai? Tekan <b>Selesai</b>, atau jawab di /lapor minggu ini. Semua tugas: /tindaklanjut"
	} else {
		msg.HTML = fmt.Sprintf("⏰ <b>Pengingat tindak lanjut — %s</b>\n\n%s\n\nSudah selesai? Tekan <b>Selesai</b>. Semua tugas: /tindaklanjut",
			Until(a.DueAt.Sub(now)), details)
	}
	msg.Keyboard = tkpkbot.ActionDoneKeyboard(a.ID)
	return msg, nil
}

// overdueLine is the line the admins' deadline summary gains: open tasks
// past due, per region.
func overdueLine(counts []tkpkbot.RegionFollowUp) string {
	var parts []string
	for _, reg := range tkpkbot.Districts() {
		for _, c := range counts {
			if c.RegionCode == reg.Code && c.Overdue > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", reg.Name, c.Overdue))
			}
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "\n\n⏳ Tindak lanjut lewat tenggat: <b>" + indo.Esc(strings.Join(parts, ", ")) + "</b>. Lihat /tindaklanjut."
}

// AgendaLine is one agenda item as messages show it: a manual item as the
// admin wrote it, an automatic one with its region and why it is there.
func AgendaLine(it tkpkbot.AgendaItem) string {
	name := tkpkbot.RegionName
	switch {
	case it.Source == tkpkbot.AgendaOverdue && it.Action != nil:
		a := it.Action
		return fmt.Sprintf("⚠️ Tindak lanjut <b>%s</b> lewat tenggat %s: %s", indo.Esc(name(a.RegionCode)), indo.ShortDate(a.DueOn), indo.Esc(indo.Shorten(a.Task, 200)))
	case it.Source == tkpkbot.AgendaKendala && it.Kendala != nil:
		k := it.Kendala
		return fmt.Sprintf("🧩 Kendala <b>%s</b> (minggu %d): %s", indo.Esc(name(k.RegionCode)), k.Week.Week, indo.Esc(indo.Shorten(k.Text, 200)))
	}
	return indo.Esc(it.Text)
}
