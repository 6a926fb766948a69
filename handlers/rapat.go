package handlers

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"tkpkbot"
	"tkpkbot/ics"
	"tkpkbot/indo"
	"tkpkbot/reminders"
)

func (h *Handlers) newMeeting(ctx context.Context, r *Request) error {
	now := h.Clock.Now()
	m, err := parseMeetingArgs(r.Args, now, h.Location)
	if err != nil {
		h.reply(ctx, r, "⚠️ "+escape(tkpkbot.ErrorMessage(err))+"\n\n"+meetingExample(now, h.Location))
		return nil
	}
	m.CreatedBy, m.SourceUpdate = r.User.ID, r.Update.ID
	if asked, err := h.askIfHoliday(ctx, r, m); asked || err != nil {
		return err // rapat_libur.go: confirmed there, or not at all
	}
	m, err = h.Meetings.CreateMeeting(ctx, m)
	if err != nil {
		return err
	}
	h.reply(ctx, r, h.meetingScheduledText(m))
	return nil
}

// meetingExample shows the format with a date that is valid right now:
// next Monday at 09.00.
func meetingExample(now time.Time, loc *time.Location) string {
	d := exampleMonday(now, loc)
	return fmt.Sprintf("Contoh:\n<code>/rapat_baru %s 09:00 Rakor TKPK kabupaten/kota | Kantor Gubernur Kaltim</code>\n(tanggal, jam WITA, judul, lalu lokasi setelah tanda |, boleh tanpa lokasi)",
		d.Format("2006-01-02"))
}

// parseMeetingArgs reads "<tanggal> <jam> <judul> [| lokasi]". The date
// may be 2024-12-16, 16-12-2024 or 16 Desember 2024; the time 09:00,
// 09.00 or "pukul 09.00", optionally followed by WITA.
func parseMeetingArgs(args string, now time.Time, loc *time.Location) (tkpkbot.Meeting, error) {
	invalid := func(format string, a ...any) error { return tkpkbot.Errorf(tkpkbot.EINVALID, format, a...) }
	head, place, _ := strings.Cut(args, "|")
	words := strings.Fields(head)
	if len(words) == 0 {
		return tkpkbot.Meeting{}, invalid("Tulis tanggal, jam (WITA) dan judul rapatnya.")
	}
	day, used, err := leadingDate(words, now, loc)
	if err != nil {
		return tkpkbot.Meeting{}, err
	}
	words = words[used:]
	if len(words) == 0 {
		return tkpkbot.Meeting{}, invalid("Jam rapat belum ditulis. Tulis jam WITA setelah tanggal, misalnya 09:00.")
	}
	clock := words[0]
	words = words[1:]
	if w := strings.ToLower(clock); (w == "pukul" || w == "jam" || w == "pkl" || w == "pkl.") && len(words) > 0 {
		clock += " " + words[0]
		words = words[1:]
	}
	hour, minute, err := indo.ParseClock(clock)
	if err != nil {
		return tkpkbot.Meeting{}, err
	}
	if len(words) > 0 && strings.EqualFold(words[0], "wita") {
		words = words[1:]
	}
	m := tkpkbot.Meeting{
		Title:    strings.Join(words, " "),
		Location: strings.Join(strings.Fields(place), " "),
		StartsAt: time.Date(day.Year(), day.Month(), day.Day(), hour, minute, 0, 0, loc),
	}
	if err := m.Validate(now); err != nil {
		return m, meetingProblem(err, m, now, loc)
	}
	return m, nil
}

// meetingProblem words the meeting rule m broke for the admin who typed
// it, with the limit or the times involved.
func meetingProblem(err error, m tkpkbot.Meeting, now time.Time, loc *time.Location) error {
	invalid := func(format string, a ...any) error { return tkpkbot.Errorf(tkpkbot.EINVALID, format, a...) }
	switch {
	case errors.Is(err, tkpkbot.ErrMeetingUntitled):
		return invalid("Judul rapat belum ditulis. Tulis judulnya setelah jam.")
	case errors.Is(err, tkpkbot.ErrMeetingPast):
		return invalid("Waktu %s sudah lewat (sekarang %s). Tulis waktu yang akan datang.",
			indo.DateTime(m.StartsAt), indo.DateTime(now.In(loc)))
	}
	return invalid("%s", userMessage(err))
}

// leadingDate parses the date at the start of words, trying the long
// written forms ("Senin, 16 Desember 2024") before a single token, and
// returns how many words it used.
func leadingDate(words []string, now time.Time, loc *time.Location) (time.Time, int, error) {
	var specific error
	for _, n := range []int{4, 3, 2, 1} {
		if n > len(words) {
			continue
		}
		t, err := indo.ParseDate(strings.Join(words[:n], " "), now, loc)
		if err == nil {
			return t, n, nil
		}
		if specific == nil && (!indo.IsBlank(err) || n == 1) {
			specific = err
		}
	}
	return time.Time{}, 0, specific
}

func (h *Handlers) listMeetings(ctx context.Context, r *Request) error {
	if strings.TrimSpace(r.Args) != "" {
		return h.showMeeting(ctx, r) // agenda.go
	}
	ms, err := h.Meetings.UpcomingMeetings(ctx, r.User.ID)
	if err != nil {
		return err
	}
	if len(ms) == 0 {
		h.reply(ctx, r, "Belum ada rapat yang dijadwalkan.")
		return nil
	}
	var b strings.Builder
	b.WriteString("<b>Rapat mendatang</b>\n")
	var rows [][]tkpkbot.Button
	for i, m := range ms {
		fmt.Fprintf(&b, "\n<b>#%d</b> %s\n", m.ID, reminders.MeetingDetails(m.Meeting, h.Location))
		if r.Private { // in a group, nobody's answer is shown
			fmt.Fprintf(&b, "Jawaban Anda: <b>%s</b>\n", m.Answer.Label())
		}
		if i < 5 { // a keyboard longer than a phone screen helps nobody
			id := strconv.FormatInt(m.ID, 10)
			rows = append(rows, []tkpkbot.Button{
				{Text: "✅ Hadir #" + id, Data: tkpkbot.RSVPData(m.ID, tkpkbot.RSVPHadir)},
				{Text: "❌ Tidak #" + id, Data: tkpkbot.RSVPData(m.ID, tkpkbot.RSVPTidakHadir)},
				{Text: "❔ Belum pasti #" + id, Data: tkpkbot.RSVPData(m.ID, tkpkbot.RSVPBelumPasti)},
			})
		}
	}
	b.WriteString("\nUbah jawaban dengan tombol di bawah.")
	h.reply(ctx, r, b.String(), rows...)
	return nil
}

// parseMeetingID accepts "3" and "#3".
func parseMeetingID(s string) (int64, bool) {
	return parseID(strings.TrimPrefix(strings.TrimSpace(s), "#"))
}

func (h *Handlers) cancelMeeting(ctx context.Context, r *Request) error {
	id, ok := parseMeetingID(r.Args)
	if !ok {
		h.reply(ctx, r, "Tulis nomor rapat yang dibatalkan, misalnya <code>/rapat_batal 3</code>. Nomornya ada di /rapat.")
		return nil
	}
	m, err := h.Meetings.CancelMeeting(ctx, r.User.ID, id)
	if err != nil {
		return err
	}
	h.reply(ctx, r, fmt.Sprintf("🚫 Rapat <b>#%d</b> dibatalkan.\n\n%s\n\nPemberitahuan sedang dikirim ke semua anggota; pengingatnya tidak akan dikirim.",
		m.ID, reminders.MeetingDetails(m, h.Location)))
	return nil
}

func (h *Handlers) attendance(ctx context.Context, r *Request) error {
	id, ok := parseMeetingID(r.Args)
	if !ok {
		h.reply(ctx, r, "Tulis nomor rapatnya, misalnya <code>/hadir 3</code>. Nomornya ada di /rapat.")
		return nil
	}
	m, as, err := h.Meetings.Attendance(ctx, id)
	if err != nil {
		return err
	}
	type tally struct {
		counts map[tkpkbot.RSVP]int
		hadir  []string
	}
	byRegion := map[string]*tally{}
	var order []string
	total := map[tkpkbot.RSVP]int{}
	for _, a := range as {
		t := byRegion[a.User.RegionCode]
		if t == nil {
			t = &tally{counts: map[tkpkbot.RSVP]int{}}
			byRegion[a.User.RegionCode] = t
			order = append(order, a.User.RegionCode)
		}
		t.counts[a.Answer]++
		total[a.Answer]++
		if a.Answer == tkpkbot.RSVPHadir {
			t.hadir = append(t.hadir, displayName(a.User))
		}
	}
	line := func(c map[tkpkbot.RSVP]int) string {
		return fmt.Sprintf("✅ %d · ❌ %d · ❔ %d · ⬜ %d", c[tkpkbot.RSVPHadir], c[tkpkbot.RSVPTidakHadir], c[tkpkbot.RSVPBelumPasti], c[tkpkbot.RSVPNone])
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<b>Kehadiran rapat #%d</b>\n%s\n", m.ID, reminders.MeetingDetails(m, h.Location))
	if m.Cancelled() {
		b.WriteString("🚫 <b>Rapat ini dibatalkan.</b>\n")
	}
	fmt.Fprintf(&b, "\n<b>Total</b>: %s\n(✅ hadir, ❌ tidak hadir, ❔ belum pasti, ⬜ belum menjawab)\n", line(total))
	for _, code := range order {
		name := "Provinsi (tanpa wilayah)"
		if reg, ok := tkpkbot.RegionByCode(code); ok {
			name = reg.Official
		}
		t := byRegion[code]
		fmt.Fprintf(&b, "\n<b>%s</b>: %s\n", escape(name), line(t.counts))
		if len(t.hadir) > 0 {
			fmt.Fprintf(&b, "   hadir: %s\n", escape(strings.Join(t.hadir, ", ")))
		}
	}
	h.reply(ctx, r, b.String())
	return nil
}

func (h *Handlers) rsvpButton(ctx context.Context, r *Request, data string) error {
	id, answer, ok := tkpkbot.ParseRSVPData(data)
	if !ok {
		h.answer(ctx, r, msgStaleButton)
		return nil
	}
	m, changed, err := h.Meetings.SetRSVP(ctx, id, r.User.ID, answer)
	if err != nil {
		if c := tkpkbot.ErrorCode(err); c == tkpkbot.EINTERNAL || c == tkpkbot.EUNAVAILABLE {
			return err
		}
		h.answer(ctx, r, userMessage(err))
		return nil
	}
	if changed {
		h.answer(ctx, r, fmt.Sprintf("Tercatat: %s untuk %s.", answer.Label(), shortTitle(m.Title)))
	} else {
		h.answer(ctx, r, fmt.Sprintf("Jawaban Anda sudah tercatat: %s.", answer.Label()))
	}
	return nil
}

// shortTitle keeps a toast (200 characters at most) readable.
func shortTitle(s string) string { return indo.Shorten(s, 60) }

func (h *Handlers) icsButton(ctx context.Context, r *Request, data string) error {
	id, ok := parseMeetingID(data)
	if !ok {
		h.answer(ctx, r, msgStaleButton)
		return nil
	}
	m, err := h.Meetings.Meeting(ctx, id)
	if err != nil {
		return err
	}
	if m.Cancelled() {
		h.answer(ctx, r, "Rapat ini sudah dibatalkan.")
		return nil
	}
	file := ics.Event(m, h.BotUsername+".t.me", h.Clock.Now(), h.Location)
	if !r.Private {
		// A press in the group must not post a file for everyone: it goes to
		// the presser's private chat.
		to := *r
		to.ChatID = r.User.ID
		if err := h.sendDocument(ctx, &to, fmt.Sprintf("rapat-%d.ics", m.ID), file,
			"Buka file ini untuk menambahkan rapat ke kalender ponsel Anda."); err != nil {
			h.Log.Info("calendar file to private chat failed", "user", r.User.ID, "err", err)
			h.answer(ctx, r, "Mulai dulu chat pribadi dengan @"+h.BotUsername+", lalu tekan tombol ini lagi.")
			return nil
		}
		h.answer(ctx, r, "File kalender dikirim ke chat pribadi Anda dengan bot.")
		return nil
	}
	h.answer(ctx, r, "")
	return h.sendDocument(ctx, r, fmt.Sprintf("rapat-%d.ics", m.ID), file,
		"Buka file ini untuk menambahkan rapat ke kalender ponsel Anda.")
}
