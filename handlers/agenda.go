package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"tkpkbot"
	"tkpkbot/indo"
	"tkpkbot/reminders"
)

// agendaRemovePrefix is the data prefix of a Hapus button under an agenda.
const agendaRemovePrefix = "agendahapus"

// agenda is /agenda <nomor> <butir> (adds an item) and /agenda <nomor>
// (lists the items, each with a Hapus button).
func (h *Handlers) agenda(ctx context.Context, r *Request) error {
	id, item, err := parseAgendaArgs(r.Args)
	if err != nil {
		n := h.exampleMeeting(ctx, r.User)
		h.reply(ctx, r, fmt.Sprintf("⚠️ %s\n\nContoh:\n<code>/agenda %d Evaluasi data P3KE per kabupaten/kota</code> (menambah butir)\n<code>/agenda %d</code> (melihat dan menghapus butir)",
			escape(userMessage(err)), n, n))
		return nil
	}
	var items []tkpkbot.AgendaItem
	if item == "" {
		if _, err := h.Meetings.Meeting(ctx, id); err != nil {
			return err
		}
		items, err = h.Agenda.Agenda(ctx, id)
	} else {
		items, err = h.Agenda.AddAgendaItem(ctx, id, r.User.ID, item, r.Update.ID)
	}
	if err != nil {
		if c := tkpkbot.ErrorCode(err); c == tkpkbot.EINTERNAL || c == tkpkbot.EUNAVAILABLE {
			return err
		}
		h.reply(ctx, r, "⚠️ "+escape(userMessage(err))+fmt.Sprintf("\n\nContoh: <code>/agenda %d Evaluasi data P3KE per kabupaten/kota</code>", id))
		return nil
	}
	text, kb := agendaEditor(id, tkpkbot.AgendaFor(items, r.User, r.Private), item != "")
	h.reply(ctx, r, text, kb...)
	return nil
}

// agendaEditor is the admin's view of an agenda: the list and a Hapus
// button per manual item, numbered as the list is.
func agendaEditor(meetingID int64, v tkpkbot.AgendaView, added bool) (string, [][]tkpkbot.Button) {
	var b strings.Builder
	if added {
		fmt.Fprintf(&b, "✓ Butir agenda ditambahkan ke rapat <b>#%d</b>.\n\n", meetingID)
	} else {
		fmt.Fprintf(&b, "Agenda rapat <b>#%d</b>\n\n", meetingID)
	}
	if a := reminders.AgendaText(v); a != "" {
		b.WriteString(a)
	} else {
		fmt.Fprintf(&b, "Agenda belum diisi. Tambahkan: <code>/agenda %d &lt;butir&gt;</code>", meetingID)
	}
	var buttons []tkpkbot.Button
	for i, it := range v.Items {
		if it.Source == tkpkbot.AgendaManual && it.ID != 0 {
			buttons = append(buttons, tkpkbot.Button{Text: fmt.Sprintf("🗑 Hapus %d", i+1), Data: idData(agendaRemovePrefix, it.ID)})
		}
	}
	return b.String(), grid(4, buttons)
}

func (h *Handlers) agendaRemoveButton(ctx context.Context, r *Request, data string) error {
	id, ok := h.pressedID(ctx, r, data)
	if !ok {
		return nil
	}
	meetingID, items, err := h.Agenda.RemoveAgendaItem(ctx, id)
	if errors.Is(err, tkpkbot.ErrAgendaUnknown) {
		h.answer(ctx, r, userMessage(err))
		return nil
	} else if err != nil {
		return err
	}
	h.answer(ctx, r, "Butir agenda dihapus.")
	text, kb := agendaEditor(meetingID, tkpkbot.AgendaFor(items, r.User, r.Private), false)
	h.edit(ctx, r, text, kb...)
	return nil
}

// showMeeting is /rapat <nomor>: the meeting, its agenda, the RSVP tally
// and how many regions sent materials. In a group it holds the manual
// agenda and counts only (tkpkbot.AgendaFor decides the agenda's part);
// the details stay in private chats (/hadir, /bahan, /rapat there).
func (h *Handlers) showMeeting(ctx context.Context, r *Request) error {
	id, ok := parseMeetingID(r.Args)
	if !ok {
		h.reply(ctx, r, fmt.Sprintf("Tulis nomor rapatnya, misalnya <code>/rapat %d</code>, atau <code>/rapat</code> saja untuk daftar rapat.", h.exampleMeeting(ctx, r.User)))
		return nil
	}
	m, attendees, err := h.Meetings.Attendance(ctx, id)
	if err != nil {
		return err
	}
	items, err := h.Agenda.Agenda(ctx, id)
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<b>Rapat #%d</b>\n%s\n", m.ID, reminders.MeetingDetails(m, h.Location))
	if m.Cancelled() {
		b.WriteString("🚫 <b>Rapat ini dibatalkan.</b>\n")
	}
	if a := reminders.AgendaText(tkpkbot.AgendaFor(items, r.User, r.Private)); a != "" {
		b.WriteString("\n" + a + "\n")
	} else {
		b.WriteString("\nAgenda belum diisi.\n")
	}
	counts := map[tkpkbot.RSVP]int{}
	mine := tkpkbot.RSVPNone
	for _, a := range attendees {
		if a.User.Role == tkpkbot.RoleNone && a.Answer == tkpkbot.RSVPNone {
			continue
		}
		counts[a.Answer]++
		if a.User.ID == r.User.ID {
			mine = a.Answer
		}
	}
	fmt.Fprintf(&b, "\n<b>Kehadiran</b>: ✅ %d hadir · ❌ %d tidak · ❔ %d belum pasti · ⬜ %d belum menjawab\n",
		counts[tkpkbot.RSVPHadir], counts[tkpkbot.RSVPTidakHadir], counts[tkpkbot.RSVPBelumPasti], counts[tkpkbot.RSVPNone])
	s, err := h.Materials.MaterialsStatus(ctx, id)
	switch {
	case errors.Is(err, tkpkbot.ErrMaterialsNotRequested):
		b.WriteString("<b>Bahan</b>: belum diminta\n")
	case err != nil:
		return err
	default:
		fmt.Fprintf(&b, "<b>Bahan</b>: %d dari %d wilayah sudah mengirim (tenggat %s)\n",
			s.Regions(), len(tkpkbot.Districts()), indo.DateTime(s.Request.Deadline.In(h.Location)))
	}
	if r.Private {
		fmt.Fprintf(&b, "\nJawaban Anda: <b>%s</b>", mine.Label())
		switch r.User.Role {
		case tkpkbot.RoleAdmin:
			fmt.Fprintf(&b, "\nRincian: /hadir %d · /bahan %d", m.ID, m.ID)
		case tkpkbot.RolePengamat:
			fmt.Fprintf(&b, "\nRincian bahan: /bahan %d", m.ID)
		}
	}
	var kb [][]tkpkbot.Button
	if !m.Cancelled() && m.StartsAt.After(h.Clock.Now()) {
		kb = tkpkbot.MeetingKeyboard(m.ID)
	}
	h.reply(ctx, r, b.String(), kb...)
	return nil
}
