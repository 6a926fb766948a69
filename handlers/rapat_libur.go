package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"tkpkbot"
	"tkpkbot/indo"
	"tkpkbot/reminders"
)

// rapatLiburPrefix starts the data of the holiday question's buttons:
// "rlibur:ya:<token>" and "rlibur:batal:<token>". The token only names a
// draft kept server-side; nothing in the data says what to create.
const rapatLiburPrefix = "rlibur"

// meetingHoliday names the holiday a meeting falls on: a fixed national
// holiday, a day marked with /libur, or a day in a week marked with
// /libur. ok is false on a working day.
func (h *Handlers) meetingHoliday(ctx context.Context, m tkpkbot.Meeting) (why string, ok bool, err error) {
	day := m.StartsAt.In(h.Location)
	w := tkpkbot.WeekOf(day, h.Location)
	var cal tkpkbot.Calendar
	if h.Meetings != nil {
		if cal, err = h.Meetings.Calendar(ctx, w, w); err != nil {
			return "", false, err
		}
	}
	why, ok = holidayReason(cal, day, h.Location)
	return why, ok, nil
}

// holidayReason is meetingHoliday on a loaded calendar. Only a week an
// admin marked counts as a whole: a Saturday after five days of cuti
// bersama is still a Saturday.
func holidayReason(cal tkpkbot.Calendar, day time.Time, loc *time.Location) (string, bool) {
	date := "<b>" + indo.Date(day) + "</b>"
	note := func(hol tkpkbot.Holiday) string {
		if hol.Note == "" {
			return ""
		}
		return ": <b>" + escape(hol.Note) + "</b>"
	}
	if name := tkpkbot.FixedHolidayName(day); name != "" {
		return fmt.Sprintf("%s adalah hari libur nasional: <b>%s</b>.", date, name), true
	}
	if hol, ok := cal.DayOff(day); ok {
		return fmt.Sprintf("%s ditandai libur (/libur #%d)%s.", date, hol.ID, note(hol)), true
	}
	w := tkpkbot.WeekOf(day, loc)
	for _, hol := range cal.Holidays {
		if hol.IsWeek() && hol.Week == w {
			return fmt.Sprintf("%s jatuh pada minggu libur %s (/libur #%d)%s.", date, indo.WeekLabel(w, loc), hol.ID, note(hol)), true
		}
	}
	return "", false
}

// askIfHoliday is newMeeting's hook: on a holiday it saves the request as
// a draft and asks, and reports asked=true so nothing is created yet.
func (h *Handlers) askIfHoliday(ctx context.Context, r *Request, m tkpkbot.Meeting) (asked bool, err error) {
	why, off, err := h.meetingHoliday(ctx, m)
	if err != nil || !off {
		return false, err
	}
	d, err := h.Meetings.SaveMeetingDraft(ctx, m)
	if err != nil {
		return true, err
	}
	switch {
	case d.MeetingID != 0:
		// a redelivered /rapat_baru whose question was answered "Ya"
		created, err := h.Meetings.Meeting(ctx, d.MeetingID)
		if err != nil {
			return true, err
		}
		h.reply(ctx, r, h.meetingScheduledText(created))
	case d.Cancelled:
		h.reply(ctx, r, draftCancelledText(d.Meeting, h.Location))
	default:
		h.reply(ctx, r, fmt.Sprintf("⚠️ %s\nTetap jadwalkan rapat ini?\n\n%s", why, reminders.MeetingDetails(d.Meeting, h.Location)),
			[]tkpkbot.Button{{Text: "Ya, tetap jadwalkan", Data: rapatLiburPrefix + ":ya:" + d.Token}, {Text: "Batal", Data: rapatLiburPrefix + ":batal:" + d.Token}})
	}
	return true, nil
}

func draftCancelledText(m tkpkbot.Meeting, loc *time.Location) string {
	return "Rapat ini tidak dijadwalkan; tidak ada undangan yang dikirim.\n\n" + reminders.MeetingDetails(m, loc)
}

// meetingScheduledText is the reply to a meeting created, the same
// whether or not a holiday was confirmed first.
func (h *Handlers) meetingScheduledText(m tkpkbot.Meeting) string {
	group := ""
	if h.ReportChat != 0 {
		group = " dan grup laporan"
	}
	return fmt.Sprintf("✅ Rapat <b>#%d</b> dijadwalkan.\n\n%s\n\nUndangan sedang dikirim ke semua anggota%s; pengingat menyusul sebelum rapat.\nKehadiran: <code>/hadir %d</code> · Batalkan: <code>/rapat_batal %d</code>",
		m.ID, reminders.MeetingDetails(m, h.Location), group, m.ID, m.ID)
}

// parseRapatLiburData reads "ya:<token>" or "batal:<token>". tkpkbot.Button data
// comes back from the client, so anything else is refused before the
// database is asked; the token's alphabet is base64url.
func parseRapatLiburData(data string) (action, token string, ok bool) {
	action, token, _ = strings.Cut(data, ":")
	if (action != "ya" && action != "batal") || len(token) == 0 || len(token) > 43 {
		return "", "", false
	}
	for _, c := range token {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return "", "", false
		}
	}
	return action, token, true
}

// rapatLiburButton answers the holiday question. Who may press is decided
// now, from the presser's current role and the draft's owner, because a
// button outlives the role it was shown under.
func (h *Handlers) rapatLiburButton(ctx context.Context, r *Request, data string) error {
	action, token, ok := parseRapatLiburData(data)
	if !ok {
		h.answer(ctx, r, msgStaleButton)
		return nil
	}
	if r.User.Role != tkpkbot.RoleAdmin {
		h.Log.Info("holiday meeting button refused", "update_id", r.Update.ID, "user", r.User.ID, "role", string(r.User.Role))
		h.answer(ctx, r, "Maaf, hanya admin yang bisa menjadwalkan rapat.")
		return nil
	}
	d, err := h.Meetings.MeetingDraft(ctx, token)
	if tkpkbot.ErrorCode(err) == tkpkbot.ENOTFOUND {
		h.answer(ctx, r, "Pertanyaan ini sudah kedaluwarsa. Ketik /rapat_baru lagi.")
		return nil
	} else if err != nil {
		return err
	}
	if d.Meeting.CreatedBy != r.User.ID {
		h.Log.Info("holiday meeting button refused", "update_id", r.Update.ID, "user", r.User.ID, "owner", d.Meeting.CreatedBy)
		h.answer(ctx, r, "Hanya admin yang meminta rapat ini yang bisa menjawab pertanyaan ini.")
		return nil
	}
	if action == "batal" {
		d, err = h.Meetings.CancelMeetingDraft(ctx, token)
		if err != nil {
			return err
		}
		if d.MeetingID != 0 {
			h.answer(ctx, r, fmt.Sprintf("Rapat #%d sudah dijadwalkan. Untuk membatalkannya ketik /rapat_batal %d.", d.MeetingID, d.MeetingID))
			return nil
		}
		h.answer(ctx, r, "Dibatalkan")
		h.edit(ctx, r, draftCancelledText(d.Meeting, h.Location))
		return nil
	}
	if d.Cancelled {
		h.answer(ctx, r, "Rapat ini sudah dibatalkan. Ketik /rapat_baru lagi bila tetap perlu.")
		return nil
	}
	if d.MeetingID == 0 && !d.Meeting.StartsAt.After(h.Clock.Now()) {
		h.answer(ctx, r, "")
		h.edit(ctx, r, "Waktu rapat ini sudah lewat, jadi tidak dijadwalkan. Ketik /rapat_baru dengan waktu yang akan datang.\n\n"+
			reminders.MeetingDetails(d.Meeting, h.Location))
		return nil
	}
	d, m, err := h.Meetings.ConfirmMeetingDraft(ctx, token)
	if err != nil {
		return err
	}
	if d.Cancelled { // "Batal" won a race with this press
		h.answer(ctx, r, "Rapat ini sudah dibatalkan. Ketik /rapat_baru lagi bila tetap perlu.")
		return nil
	}
	h.answer(ctx, r, "Dijadwalkan ✅")
	h.edit(ctx, r, h.meetingScheduledText(m))
	return nil
}
