package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"tkpkbot"
	"tkpkbot/indo"
)

func (h *Handlers) libur(ctx context.Context, r *Request) error {
	now := h.Clock.Now()
	if strings.TrimSpace(r.Args) == "" {
		return h.listLibur(ctx, r, now)
	}
	hol, err := parseHolidayArgs(r.Args, now, h.Location)
	if err != nil {
		h.reply(ctx, r, "⚠️ "+escape(tkpkbot.ErrorMessage(err))+"\n\n"+liburExamples(now, h.Location))
		return nil
	}
	hol.CreatedBy = r.User.ID
	hol, err = h.Meetings.AddHoliday(ctx, hol)
	if err != nil {
		return err
	}
	note := ""
	if hol.Note != "" {
		note = " — " + escape(hol.Note)
	}
	if hol.IsWeek() {
		h.reply(ctx, r, fmt.Sprintf("🏖 %s ditandai libur (<b>#%d</b>)%s.\nTidak ada pengingat laporan minggu itu dan tidak ada wilayah yang dihitung belum melapor. Hapus: <code>/libur_hapus %d</code>",
			indo.WeekLabel(hol.Week, h.Location), hol.ID, note, hol.ID))
		return nil
	}
	w := tkpkbot.WeekOf(hol.Day, h.Location)
	deadline, _, off, err := h.weekInfo(ctx, w)
	if err != nil {
		return err
	}
	after := "Tenggat laporan minggu itu: " + indo.DateTime(deadline) + "."
	if off {
		after = "Semua hari kerja minggu itu kini libur, jadi minggu itu dihitung libur."
	}
	h.reply(ctx, r, fmt.Sprintf("🏖 %s ditandai libur (<b>#%d</b>)%s.\n%s Hapus: <code>/libur_hapus %d</code>",
		indo.Date(hol.Day), hol.ID, note, after, hol.ID))
	return nil
}

func (h *Handlers) listLibur(ctx context.Context, r *Request, now time.Time) error {
	// Four weeks back, so a recent correction is still visible.
	hs, err := h.Meetings.Holidays(ctx, now.AddDate(0, 0, -28))
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("<b>Hari dan minggu libur laporan</b>\n")
	if len(hs) == 0 {
		b.WriteString("\nBelum ada yang ditandai.\n")
	}
	for _, hol := range hs {
		what := indo.Date(hol.Day)
		if hol.IsWeek() {
			what = indo.WeekLabel(hol.Week, h.Location)
		}
		fmt.Fprintf(&b, "\n<b>#%d</b> %s", hol.ID, what)
		if hol.Note != "" {
			fmt.Fprintf(&b, " — %s", escape(hol.Note))
		}
	}
	b.WriteString("\n\nLibur nasional tetap (otomatis): 1 Januari, 1 Mei, 1 Juni, 17 Agustus, 25 Desember.\n\n")
	day := exampleMonday(now, h.Location)
	fmt.Fprintf(&b, "Tambah: <code>/libur %s Cuti bersama</code> atau <code>/libur %s Hari libur daerah</code>\nHapus: <code>/libur_hapus NOMOR</code>",
		tkpkbot.WeekOf(day, h.Location), day.Format("2006-01-02"))
	h.reply(ctx, r, b.String())
	return nil
}

func (h *Handlers) deleteLibur(ctx context.Context, r *Request) error {
	id, ok := parseMeetingID(r.Args)
	if !ok {
		h.reply(ctx, r, "Tulis nomor libur yang dihapus, misalnya <code>/libur_hapus 2</code>. Nomornya ada di /libur.")
		return nil
	}
	hol, err := h.Meetings.DeleteHoliday(ctx, id)
	if err != nil {
		return err
	}
	what := indo.Date(hol.Day)
	if hol.IsWeek() {
		what = indo.WeekLabel(hol.Week, h.Location)
	}
	h.reply(ctx, r, fmt.Sprintf("Tanda libur <b>#%d</b> (%s) dihapus; minggu itu kembali berjalan seperti biasa.", hol.ID, what))
	return nil
}

// parseHolidayArgs reads "<tanggal|minggu> [keterangan]". A date is
// tried first (2024-12-27, 27-12-2024, 27 Desember 2024), then a week
// (2024-W52, minggu 52, minggu depan); the rest is the note.
func parseHolidayArgs(args string, now time.Time, loc *time.Location) (tkpkbot.Holiday, error) {
	invalid := func(format string, a ...any) error { return tkpkbot.Errorf(tkpkbot.EINVALID, format, a...) }
	words := strings.Fields(args)
	if len(words) == 0 {
		return tkpkbot.Holiday{}, invalid("Tulis tanggal atau minggu yang libur.")
	}
	var h tkpkbot.Holiday
	used := 0
	if day, n, err := leadingDate(words, now, loc); err == nil {
		h.Day, used = day, n
	} else {
		var weekErr error
		for _, n := range []int{3, 2, 1} {
			if n > len(words) {
				continue
			}
			w, werr := indo.ParseWeek(strings.Join(words[:n], " "), now, loc)
			if werr == nil {
				h.Week, used = w, n
				break
			}
			if weekErr == nil && !indo.IsBlank(werr) {
				weekErr = werr
			}
		}
		if used == 0 {
			// Text that looked like a date or a week but is wrong gets
			// the parser's explanation; anything else the two forms.
			if !indo.IsBlank(err) {
				return h, err
			}
			if weekErr != nil {
				return h, weekErr
			}
			day := exampleMonday(now, loc)
			return h, invalid("Tulis tanggal (misalnya %s) atau minggu (misalnya %s) yang libur.", day.Format("2006-01-02"), tkpkbot.WeekOf(day, loc))
		}
	}
	h.Note = strings.Join(words[used:], " ")
	if err := h.Validate(now, loc); err != nil {
		return h, holidayProblem(err, h, loc)
	}
	return h, nil
}

// holidayProblem words the rule a mark broke for the admin who typed it.
func holidayProblem(err error, h tkpkbot.Holiday, loc *time.Location) error {
	invalid := func(format string, a ...any) error { return tkpkbot.Errorf(tkpkbot.EINVALID, format, a...) }
	switch {
	case errors.Is(err, tkpkbot.ErrHolidayWeekend):
		return invalid("%s jatuh pada hari %s, yang memang bukan hari kerja. Tandai hari kerja, atau seluruh minggunya (misalnya %s).",
			indo.Date(h.Day), indo.DayName(h.Day.Weekday()), tkpkbot.WeekOf(h.Day, loc))
	case errors.Is(err, tkpkbot.ErrHolidayFixed):
		return invalid("%s sudah libur nasional (%s) dan otomatis diperhitungkan.", indo.Date(h.Day), tkpkbot.FixedHolidayName(h.Day))
	}
	return invalid("%s", userMessage(err))
}
