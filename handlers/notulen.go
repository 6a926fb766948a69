package handlers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"tkpkbot"
	"tkpkbot/indo"
	"tkpkbot/reminders"
)

// notulenPrefix starts the data of the minutes preview's buttons; each
// carries only the draft's token (and a region code for attendance).
const notulenPrefix = "ntl"

// minutesFormat explains what /notulen reads, with an example task due
// in the future.
func (h *Handlers) minutesFormat() string {
	return "Satu hal per baris:\n" +
		"• <code>Keputusan: …</code> untuk keputusan\n" +
		"• <code>- Wilayah: tugas (tenggat)</code> untuk tindak lanjut, misalnya " + taskExample(h.Clock.Now(), h.Location) + "\n" +
		"• baris lain menjadi catatan."
}

// notulen starts the minutes of a meeting that has begun: the text may
// follow the number in the same message or come as the next message.
func (h *Handlers) notulen(ctx context.Context, r *Request) error {
	num, text, _ := strings.Cut(strings.TrimSpace(r.Args), "\n")
	num, inline, _ := strings.Cut(strings.TrimSpace(num), " ")
	text = strings.TrimSpace(strings.TrimSpace(inline) + "\n" + text)
	id, ok := parseMeetingID(num)
	if !ok {
		h.reply(ctx, r, "Tulis nomor rapatnya, misalnya <code>/notulen 3</code>, lalu isi notulennya di pesan yang sama (baris berikutnya) atau pesan berikutnya. Nomor rapat ada di /rapat.")
		return nil
	}
	m, attendees, err := h.Meetings.Attendance(ctx, id)
	if err != nil {
		return err
	}
	switch {
	case m.Cancelled():
		h.reply(ctx, r, fmt.Sprintf("Rapat #%d dibatalkan, jadi tidak punya notulen.", id))
		return nil
	case m.StartsAt.After(h.Clock.Now()):
		h.reply(ctx, r, fmt.Sprintf("Rapat #%d belum berlangsung (%s). Notulen dikirim setelah rapat dimulai.", id, indo.DateTime(m.StartsAt.In(h.Location))))
		return nil
	}
	if _, err := h.FollowUps.MeetingMinutes(ctx, id); err == nil {
		return tkpkbot.ErrMinutesSent.About(id)
	} else if tkpkbot.ErrorCode(err) != tkpkbot.ENOTFOUND {
		return err
	}
	// Attendance starts from who answered Hadir; the admin corrects it.
	var present []string
	for _, a := range attendees {
		if a.Answer == tkpkbot.RSVPHadir && a.User.RegionCode != tkpkbot.ProvinceCode && !slices.Contains(present, a.User.RegionCode) {
			if _, ok := tkpkbot.RegionByCode(a.User.RegionCode); ok {
				present = append(present, a.User.RegionCode)
			}
		}
	}
	d, err := h.FollowUps.SaveMinutesDraft(ctx, tkpkbot.MinutesDraft{
		MeetingID: id, CreatedBy: r.User.ID, SourceUpdate: r.Update.ID, Present: present, Awaiting: true,
	})
	if err != nil {
		return err
	}
	if !d.Awaiting {
		return h.showMinutesDraft(ctx, r, d, false) // a redelivered /notulen
	}
	if text == "" {
		h.reply(ctx, r, fmt.Sprintf("📝 <b>Notulen rapat #%d</b>\n%s\n\nKirim isi notulennya sebagai pesan berikutnya. %s",
			id, reminders.MeetingDetails(m, h.Location), h.minutesFormat()),
			[]tkpkbot.Button{{Text: "✖️ Batal", Data: notulenPrefix + ":batal:" + d.Token}})
		return nil
	}
	return h.takeMinutesText(ctx, r, d, text)
}

// minutesText takes an admin's message as the minutes a /notulen (or an
// Ubah) is waiting for.
func (h *Handlers) minutesText(ctx context.Context, r *Request) (bool, error) {
	if !r.Private || r.User.Role != tkpkbot.RoleAdmin || h.FollowUps == nil || strings.TrimSpace(r.Text) == "" {
		return false, nil
	}
	d, err := h.FollowUps.AwaitingMinutes(ctx, r.User.ID)
	if errors.Is(err, tkpkbot.ErrMinutesDraftGone) {
		return false, nil
	} else if err != nil {
		return true, err
	}
	return true, h.takeMinutesText(ctx, r, d, r.Text)
}

func (h *Handlers) takeMinutesText(ctx context.Context, r *Request, d tkpkbot.MinutesDraft, text string) error {
	m, probs := parseMinutes(text, h.Clock.Now(), h.Location)
	if len(probs) > 0 {
		var b strings.Builder
		b.WriteString("⚠️ <b>Notulen belum bisa dipakai:</b>\n")
		for _, p := range probs {
			b.WriteString("• " + p.String() + "\n")
		}
		b.WriteString("\nPerbaiki lalu kirim lagi seluruh notulennya sebagai satu pesan. " + h.minutesFormat())
		h.reply(ctx, r, b.String(), []tkpkbot.Button{{Text: "✖️ Batal", Data: notulenPrefix + ":batal:" + d.Token}})
		return nil
	}
	d, err := h.FollowUps.SetMinutesText(ctx, d.Token, m, false)
	if err != nil {
		return err
	}
	return h.showMinutesDraft(ctx, r, d, false)
}

// showMinutesDraft is the preview: the minutes as members will get them,
// a toggle per region for attendance, and Kirim / Ubah / Batal.
func (h *Handlers) showMinutesDraft(ctx context.Context, r *Request, d tkpkbot.MinutesDraft, edit bool) error {
	m, err := h.Meetings.Meeting(ctx, d.MeetingID)
	if err != nil {
		return err
	}
	text := fmt.Sprintf("👀 <b>Pratinjau notulen rapat #%d</b>\n\n%s\n\nTandai wilayah yang hadir dengan tombol, lalu <b>Kirim notulen</b> ke semua anggota dan grup laporan.",
		d.MeetingID, reminders.MinutesBody(m, d.Minutes, d.Present, h.Location))
	var buttons []tkpkbot.Button
	for _, reg := range tkpkbot.Districts() {
		mark := "⬜ "
		if slices.Contains(d.Present, reg.Code) {
			mark = "✅ "
		}
		buttons = append(buttons, tkpkbot.Button{Text: mark + reg.Name, Data: notulenPrefix + ":hadir:" + d.Token + ":" + reg.Code})
	}
	rows := append(grid(2, buttons), []tkpkbot.Button{
		{Text: "📤 Kirim notulen", Data: notulenPrefix + ":kirim:" + d.Token},
		{Text: "✏️ Ubah", Data: notulenPrefix + ":ubah:" + d.Token},
		{Text: "✖️ Batal", Data: notulenPrefix + ":batal:" + d.Token},
	})
	if edit {
		h.edit(ctx, r, text, rows...)
	} else {
		h.reply(ctx, r, text, rows...)
	}
	return nil
}

func (h *Handlers) notulenButton(ctx context.Context, r *Request, data string) error {
	action, rest, _ := strings.Cut(data, ":")
	token, region, _ := strings.Cut(rest, ":")
	d, err := h.FollowUps.MinutesDraft(ctx, token)
	if errors.Is(err, tkpkbot.ErrMinutesDraftGone) {
		h.answer(ctx, r, "Notulen ini sudah tidak berlaku.")
		h.edit(ctx, r, escape(userMessage(err)))
		return nil
	} else if err != nil {
		h.answer(ctx, r, "")
		return err
	}
	if d.CreatedBy != r.User.ID && action != "kirim" {
		// Another admin's draft: only its author edits it.
		h.answer(ctx, r, "Notulen ini milik admin lain.")
		return nil
	}
	switch {
	case d.MinutesID != 0 && action != "kirim":
		h.answer(ctx, r, "Notulen ini sudah terkirim.")
		return nil
	case d.Cancelled:
		h.answer(ctx, r, "Notulen ini sudah dibatalkan.")
		return nil
	}
	switch action {
	case "hadir":
		if _, ok := tkpkbot.RegionByCode(region); !ok || region == tkpkbot.ProvinceCode {
			h.answer(ctx, r, "Pilihan tidak dikenal.")
			return nil
		}
		h.answer(ctx, r, "")
		if d, err = h.FollowUps.ToggleMinutesPresent(ctx, token, region); err != nil {
			return err
		}
		return h.showMinutesDraft(ctx, r, d, true)
	case "ubah":
		h.answer(ctx, r, "")
		h.moveOn(ctx, r, true) // the next message is the minutes again
		if _, err := h.FollowUps.SetMinutesText(ctx, token, d.Minutes, true); err != nil {
			return err
		}
		h.edit(ctx, r, "✏️ Kirim lagi seluruh notulen yang sudah diperbaiki sebagai satu pesan. Isi sekarang, untuk disalin:\n\n<pre>"+
			escape(minutesSource(d.Minutes))+"</pre>",
			[]tkpkbot.Button{{Text: "✖️ Batal", Data: notulenPrefix + ":batal:" + token}})
		return nil
	case "batal":
		h.answer(ctx, r, "Dibatalkan")
		if _, err := h.FollowUps.CancelMinutesDraft(ctx, token); err != nil {
			return err
		}
		h.edit(ctx, r, "Notulen dibatalkan; tidak ada yang dikirim.")
		return nil
	case "kirim":
		return h.sendMinutes(ctx, r, d)
	}
	h.answer(ctx, r, msgStaleButton)
	return nil
}

func (h *Handlers) sendMinutes(ctx context.Context, r *Request, d tkpkbot.MinutesDraft) error {
	if r.User.Role != tkpkbot.RoleAdmin {
		h.answer(ctx, r, "Notulen tidak dikirim")
		h.reply(ctx, r, escape(userMessage(tkpkbot.ErrNotAdmin)))
		return nil
	}
	s, again, err := h.FollowUps.SendMinutes(ctx, d.Token, r.User.ID)
	if past, ok := h.taskPast(d, err); ok {
		// The preview stays as it is; the fix is one date, through Ubah.
		h.answer(ctx, r, "Notulen tidak dikirim")
		h.reply(ctx, r, past, []tkpkbot.Button{
			{Text: "✏️ Ubah", Data: notulenPrefix + ":ubah:" + d.Token},
			{Text: "✖️ Batal", Data: notulenPrefix + ":batal:" + d.Token},
		})
		return nil
	}
	if err != nil {
		h.answer(ctx, r, "Notulen tidak dikirim")
		if tkpkbot.ErrorCode(err) == tkpkbot.EINTERNAL || tkpkbot.ErrorCode(err) == tkpkbot.EUNAVAILABLE {
			return err
		}
		h.edit(ctx, r, "⚠️ "+escape(userMessage(err)))
		return nil
	}
	if again {
		h.answer(ctx, r, "Notulen ini sudah terkirim.")
	} else {
		h.answer(ctx, r, "Terkirim ✅")
	}
	text := fmt.Sprintf("✅ <b>Notulen rapat #%d terkirim</b> ke semua anggota", s.Meeting.ID)
	if h.ReportChat != 0 {
		text += " dan grup laporan"
	}
	text += "."
	if n := len(s.Minutes.Tasks); n > 0 {
		text += fmt.Sprintf(" %d tindak lanjut tercatat; koordinatornya diingatkan sebelum tenggat. Pantau di /tindaklanjut.", n)
	}
	h.edit(ctx, r, text+"\n\n"+reminders.MinutesBody(s.Meeting, s.Minutes, s.Present, h.Location))
	return nil
}

// taskPast words a Kirim refused because a task fell due meanwhile, with
// the line it has in the text Ubah offers (decisions come first there).
func (h *Handlers) taskPast(d tkpkbot.MinutesDraft, err error) (string, bool) {
	var n *tkpkbot.NumberedError
	if !errors.Is(err, tkpkbot.ErrMinutesTaskPast) || !errors.As(err, &n) || n.N < 1 || int(n.N) > len(d.Minutes.Tasks) {
		return "", false
	}
	t := d.Minutes.Tasks[n.N-1]
	return fmt.Sprintf("⚠️ <b>Notulen belum dikirim.</b> Baris %d: tenggat %s untuk <i>%s</i> sudah lewat (berlaku sampai pukul %02d.00 WITA).\n\nTekan <b>Ubah</b>, ganti tanggal di baris itu dengan tanggal setelah hari ini, lalu kirim lagi.",
		len(d.Minutes.Decisions)+int(n.N), indo.Date(t.DueOn.In(h.Location)), escape(t.Task), tkpkbot.ActionDueHour), true
}

// minutesSource writes minutes back in the form /notulen reads, so Ubah
// can offer the current text to correct.
func minutesSource(m tkpkbot.Minutes) string {
	var lines []string
	for _, d := range m.Decisions {
		lines = append(lines, "Keputusan: "+d)
	}
	for _, t := range m.Tasks {
		name := t.Region
		if reg, ok := tkpkbot.RegionByCode(t.Region); ok {
			name = reg.Name
		}
		lines = append(lines, fmt.Sprintf("- %s: %s (%s)", name, t.Task, t.DueOn.Format("02-01-2006")))
	}
	lines = append(lines, m.Notes...)
	return strings.Join(lines, "\n")
}

// msgStrayMinutes answers minutes an admin sent when no /notulen awaited
// them (a /notulen refused, or forgotten): without it they would get the
// generic "belum paham" and seem lost.
const msgStrayMinutes = "Pesan ini tampak seperti notulen, tetapi tidak ada /notulen yang menunggunya, jadi belum disimpan. " +
	"Ketik <code>/notulen &lt;nomor rapat&gt;</code> untuk rapat yang sudah dimulai (lihat /rapat), lalu kirim teksnya lagi."

// strayMinutes is the last text handler: an admin's message that reads
// as minutes (a task line, or a line that tries to be one).
func (h *Handlers) strayMinutes(ctx context.Context, r *Request) (bool, error) {
	if !r.Private || r.User.Role != tkpkbot.RoleAdmin || !strings.Contains(r.Text, "\n") {
		return false, nil
	}
	m, probs := parseMinutes(r.Text, h.Clock.Now(), h.Location)
	if len(m.Tasks) == 0 && len(probs) == 0 {
		return false, nil
	}
	h.reply(ctx, r, msgStrayMinutes)
	return true, nil
}
