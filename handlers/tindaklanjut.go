package handlers

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"tkpkbot"
	"tkpkbot/indo"
	"tkpkbot/match"
)

// maxActionButtons keeps a long list readable and within Telegram's
// limits; the rest is reached per region.
const maxActionButtons = 30

// tindaklanjut lists follow-up tasks: a coordinator's own region, or for
// admins and pengamat every region (or the one named), open and overdue
// first; "semua" adds the finished ones with who closed them and when.
func (h *Handlers) tindaklanjut(ctx context.Context, r *Request) error {
	all := false
	var words []string
	for _, w := range strings.Fields(r.Args) {
		if strings.EqualFold(w, "semua") {
			all = true
			continue
		}
		words = append(words, w)
	}
	region := ""
	if len(words) > 0 {
		text := strings.Join(words, " ")
		m := match.Region(text)
		if m.Kind != match.Exact || m.Region.Code == tkpkbot.ProvinceCode {
			h.reply(ctx, r, "Wilayah <b>"+escape(text)+"</b> tidak dikenali. "+regionHint(m)+
				"\nContoh: <code>/tindaklanjut</code>, <code>/tindaklanjut Samarinda</code>, <code>/tindaklanjut semua</code>.")
			return nil
		}
		region = m.Region.Code
	}
	note := ""
	if r.User.Role == tkpkbot.RoleKoordinator {
		if region != "" && region != r.User.RegionCode {
			note = "Anda koordinator wilayah lain; berikut tindak lanjut wilayah Anda.\n\n"
		}
		region = r.User.RegionCode
	}
	as, err := h.FollowUps.Actions(ctx, region, all)
	if err != nil {
		return err
	}
	text, rows := h.actionList(as, region, all, r.User)
	h.reply(ctx, r, note+text, rows...)
	return nil
}

// actionList words tasks grouped by region, each region's overdue ones
// first, then open by due date, then (with all) the finished ones.
func (h *Handlers) actionList(as []tkpkbot.Action, region string, all bool, u tkpkbot.User) (string, [][]tkpkbot.Button) {
	now := h.Clock.Now()
	var b strings.Builder
	title := "Tindak lanjut terbuka"
	if all {
		title = "Semua tindak lanjut"
	}
	if reg, ok := tkpkbot.RegionByCode(region); ok && region != "" {
		title += " " + reg.Official
	}
	fmt.Fprintf(&b, "📋 <b>%s</b>\n", escape(title))
	if len(as) == 0 {
		b.WriteString("\nTidak ada tindak lanjut. Tugas baru datang dari notulen rapat (/notulen).")
		return b.String(), nil
	}
	rank := func(a tkpkbot.Action) int {
		switch {
		case a.Overdue(now):
			return 0
		case a.Open():
			return 1
		}
		return 2
	}
	sort.SliceStable(as, func(i, j int) bool {
		if as[i].RegionCode != as[j].RegionCode {
			return regionOrder(as[i].RegionCode) < regionOrder(as[j].RegionCode)
		}
		if ri, rj := rank(as[i]), rank(as[j]); ri != rj {
			return ri < rj
		}
		return as[i].DueAt.Before(as[j].DueAt)
	})
	var buttons []tkpkbot.Button
	var open, overdue, shown int
	last := ""
	for _, a := range as {
		if a.Open() {
			open++
			if a.Overdue(now) {
				overdue++
			}
		}
		if b.Len() > 3500 {
			continue // counted below, not shown: one message holds 4.096 characters
		}
		shown++
		if a.RegionCode != last {
			last = a.RegionCode
			name := a.RegionCode
			if reg, ok := tkpkbot.RegionByCode(a.RegionCode); ok {
				name = reg.Name
			}
			fmt.Fprintf(&b, "\n<b>%s</b>\n", escape(name))
		}
		fmt.Fprintf(&b, "%d. %s\n   %s\n", shown, escape(a.Task), h.actionState(a, now))
		if a.Open() && mayCloseAction(u, a) && len(buttons) < maxActionButtons {
			buttons = append(buttons, tkpkbot.Button{Text: fmt.Sprintf("✅ Selesai %d", shown), Data: actionData("selesai", a.ID)})
		}
	}
	if shown < len(as) {
		fmt.Fprintf(&b, "\n… dan %d lainnya. Lihat per wilayah, misalnya <code>/tindaklanjut Samarinda</code>.\n", len(as)-shown)
	}
	fmt.Fprintf(&b, "\nTerbuka: <b>%d</b>, lewat tenggat: <b>%d</b>.", open, overdue)
	if len(buttons) > 0 {
		b.WriteString(" Tekan <b>Selesai</b> untuk menandai tugas yang sudah dikerjakan.")
	}
	if !all {
		b.WriteString(" Dengan yang sudah selesai: <code>/tindaklanjut semua</code>.")
	}
	return b.String(), grid(3, buttons)
}

// actionState is one task's standing: due, overdue, or who closed it
// when (WITA) and how.
func (h *Handlers) actionState(a tkpkbot.Action, now time.Time) string {
	due := indo.ShortDate(a.DueOn)
	switch {
	case !a.Open():
		who := a.ClosedName
		if who == "" {
			who = fmt.Sprintf("pengguna ID %d", a.ClosedBy)
		}
		s := fmt.Sprintf("✅ selesai %s oleh %s", indo.DateTime(a.ClosedAt.In(h.Location)), escape(who))
		if a.ClosedReport != 0 {
			s += " (lewat laporan mingguan)"
		}
		if a.Note != "" {
			s += " — <i>" + escape(a.Note) + "</i>"
		}
		return s
	case a.Overdue(now):
		return "⚠️ lewat tenggat " + due + " (" + daysLate(now, a.DueOn, h.Location) + ")"
	}
	return "⏳ tenggat " + due + " (" + untilDays(now, a.DueOn, h.Location) + ")"
}

// calendarDays counts the calendar days in loc (WITA) from now's date to
// day's date, negative once past: a task due tomorrow at 16.00 is
// "besok" even with less than 24 hours left.
func calendarDays(now, day time.Time, loc *time.Location) int {
	y, m, d := now.In(loc).Date()
	from := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	y, m, d = day.In(loc).Date()
	to := time.Date(y, m, d, 0, 0, 0, 0, time.UTC) // UTC: every day 24 hours
	return int(to.Sub(from) / (24 * time.Hour))
}

// untilDays words the calendar days left until the due day.
func untilDays(now, day time.Time, loc *time.Location) string {
	switch n := calendarDays(now, day, loc); {
	case n <= 0:
		return "hari ini"
	case n == 1:
		return "besok"
	default:
		return fmt.Sprintf("%d hari lagi", n)
	}
}

// daysLate words the calendar days since the due day of an overdue task.
func daysLate(now, day time.Time, loc *time.Location) string {
	if n := -calendarDays(now, day, loc); n > 0 {
		return fmt.Sprintf("%d hari", n)
	}
	return "sejak hari ini"
}

func regionOrder(code string) int {
	if i, ok := tkpkbot.RegionIndex(code); ok {
		return i
	}
	return len(tkpkbot.Regions)
}

// mayCloseAction: an admin, or a coordinator of the task's region. Asked
// again at every press and in the store's transaction.
func mayCloseAction(u tkpkbot.User, a tkpkbot.Action) bool {
	return u.Role == tkpkbot.RoleAdmin || u.Role == tkpkbot.RoleKoordinator && u.RegionCode == a.RegionCode
}

func actionData(action string, id int64) string {
	return idData(tkpkbot.ActionPrefix+":"+action, id)
}

// actionButton handles Selesai (ask for the note), Tanpa catatan (close
// now) and Batal on a task.
func (h *Handlers) actionButton(ctx context.Context, r *Request, data string) error {
	action, idText, _ := strings.Cut(data, ":")
	id, ok := h.pressedID(ctx, r, idText)
	if !ok {
		return nil
	}
	a, err := h.FollowUps.Action(ctx, id)
	if errors.Is(err, tkpkbot.ErrActionUnknown) {
		h.answer(ctx, r, "Tindak lanjut ini sudah tidak ada.")
		return nil
	} else if err != nil {
		h.answer(ctx, r, "")
		return err
	}
	if !mayCloseAction(r.User, a) {
		h.answer(ctx, r, "Tidak bisa")
		h.reply(ctx, r, escape(userMessage(tkpkbot.ErrNotActionOwner)))
		return nil
	}
	if !a.Open() {
		h.answer(ctx, r, "Sudah selesai")
		h.reply(ctx, r, "Tindak lanjut ini sudah ditandai selesai:\n"+h.actionLine(a))
		return nil
	}
	switch action {
	case "selesai":
		h.answer(ctx, r, "")
		if err := h.FollowUps.StartClosing(ctx, r.User.ID, a.ID); err != nil {
			return err
		}
		h.reply(ctx, r, "Tandai selesai:\n"+h.actionLine(a)+
			fmt.Sprintf("\n\nTulis catatan singkat satu baris (opsional, maksimal %d karakter), misalnya <i>Sudah diverifikasi 480 KK</i>, atau tekan <b>Tanpa catatan</b>.", tkpkbot.MaxCloseNote),
			[]tkpkbot.Button{{Text: "Tanpa catatan", Data: actionData("tanpa", a.ID)}, {Text: "✖️ Batal", Data: actionData("batal", a.ID)}})
		return nil
	case "tanpa":
		h.answer(ctx, r, "")
		return h.closeAction(ctx, r, a.ID, "", true)
	case "batal":
		h.answer(ctx, r, "Dibatalkan")
		if _, err := h.FollowUps.DropClosing(ctx, r.User.ID); err != nil {
			return err
		}
		h.edit(ctx, r, "Tidak ada yang diubah; tindak lanjutnya tetap terbuka.")
		return nil
	}
	h.answer(ctx, r, msgStaleButton)
	return nil
}

// closingNote takes a message as the note of a Selesai pressed in the
// last half hour.
func (h *Handlers) closingNote(ctx context.Context, r *Request) (bool, error) {
	if !r.Private || h.FollowUps == nil || (r.User.Role != tkpkbot.RoleAdmin && r.User.Role != tkpkbot.RoleKoordinator) {
		return false, nil
	}
	id, ok, err := h.FollowUps.PendingClosing(ctx, r.User.ID)
	if err != nil || !ok {
		return err != nil, err
	}
	note := strings.TrimSpace(r.Text)
	switch {
	case note == "":
		return false, nil
	case strings.Contains(note, "\n"):
		h.reply(ctx, r, "⚠️ Catatan cukup satu baris. Tulis lagi tanpa baris baru, atau tekan <b>Tanpa catatan</b>.",
			[]tkpkbot.Button{{Text: "Tanpa catatan", Data: actionData("tanpa", id)}})
		return true, nil
	case utf8.RuneCountInString(note) > tkpkbot.MaxCloseNote:
		h.reply(ctx, r, fmt.Sprintf("⚠️ Catatan terlalu panjang (maksimal %d karakter). Ringkas, lalu kirim lagi.", tkpkbot.MaxCloseNote),
			[]tkpkbot.Button{{Text: "Tanpa catatan", Data: actionData("tanpa", id)}})
		return true, nil
	}
	return true, h.closeAction(ctx, r, id, note, false)
}

func (h *Handlers) closeAction(ctx context.Context, r *Request, id int64, note string, edit bool) error {
	a, err := h.FollowUps.CloseAction(ctx, id, r.User.ID, note)
	if errors.Is(err, tkpkbot.ErrActionClosed) || errors.Is(err, tkpkbot.ErrNotActionOwner) || errors.Is(err, tkpkbot.ErrActionUnknown) {
		if _, derr := h.FollowUps.DropClosing(ctx, r.User.ID); derr != nil {
			h.Log.Error("forget a pressed Selesai", "user", r.User.ID, "err", derr)
		}
		h.reply(ctx, r, "⚠️ "+escape(userMessage(err)))
		return nil
	} else if err != nil {
		return err
	}
	text := "✅ <b>Tindak lanjut selesai</b>\n" + h.actionLine(a) + "\n\nDaftar: /tindaklanjut"
	if edit {
		h.edit(ctx, r, text)
	} else {
		h.reply(ctx, r, text)
	}
	return nil
}

// actionLine is one task with its region and standing.
func (h *Handlers) actionLine(a tkpkbot.Action) string {
	return fmt.Sprintf("<b>%s</b>: %s\n%s", escape(tkpkbot.RegionName(a.RegionCode)), escape(a.Task), h.actionState(a, h.Clock.Now()))
}
