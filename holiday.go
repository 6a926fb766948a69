package tkpkbot

import (
	"context"
	"time"
	"unicode/utf8"
)

// Holiday is a day or a whole week an admin marked off with /libur. A day
// off moves a deadline that falls on it to the previous working day, like
// the fixed national holidays; a week off sends no report reminders and
// counts nobody as missing.
type Holiday struct {
	ID        int64
	Day       time.Time // midnight of the day off in the bot's zone; zero for a week
	Week      Week      // the week off; zero when Day is set
	Note      string    // keterangan, e.g. "Cuti bersama Idulfitri"
	CreatedBy int64
	CreatedAt time.Time
}

// IsWeek reports whether h marks a whole week rather than one day.
func (h Holiday) IsWeek() bool { return h.Day.IsZero() }

// MaxHolidayNote bounds the keterangan shown in lists and reminders.
const MaxHolidayNote = 200

// Marks further than this from today are almost certainly typos.
const (
	maxHolidayPast   = 366 * 24 * time.Hour
	maxHolidayFuture = 2 * 366 * 24 * time.Hour
)

// Why a day or week cannot be marked off. Validate states the rule; the
// handlers word it.
var (
	ErrHolidayEmpty    = &Error{Code: EINVALID, Reason: "holiday_empty"}
	ErrHolidayNoteLong = &Error{Code: EINVALID, Reason: "holiday_note_long"}
	ErrHolidayTooFar   = &Error{Code: EINVALID, Reason: "holiday_too_far"}
	// ErrHolidayWeekend: a Saturday or Sunday is no working day to free.
	ErrHolidayWeekend = &Error{Code: EINVALID, Reason: "holiday_weekend"}
	// ErrHolidayFixed: a fixed national holiday counts without a mark.
	ErrHolidayFixed = &Error{Code: EINVALID, Reason: "holiday_fixed"}
	// ErrHolidayTaken: the day or week is already marked; it comes as a
	// HolidayTakenError naming which.
	ErrHolidayTaken = &Error{Code: ECONFLICT, Reason: "holiday_taken"}
	// ErrHolidayUnknown (About the mark's ID): no such mark to delete.
	ErrHolidayUnknown = &Error{Code: ENOTFOUND, Reason: "holiday_unknown"}
)

// HolidayTakenError is ErrHolidayTaken for the mark that was refused.
type HolidayTakenError struct {
	Holiday Holiday
}

func (e *HolidayTakenError) Error() string {
	if e.Holiday.IsWeek() {
		return ErrHolidayTaken.Error() + ": week " + e.Holiday.Week.String()
	}
	return ErrHolidayTaken.Error() + ": day " + e.Holiday.Day.Format("2006-01-02")
}

func (e *HolidayTakenError) Unwrap() error { return ErrHolidayTaken }

// Validate reports the first rule h breaks when marked at now, as one of
// the ErrHoliday errors. loc is the bot's zone, where weeks start.
func (h Holiday) Validate(now time.Time, loc *time.Location) error {
	if h.IsWeek() && h.Week == (Week{}) {
		return ErrHolidayEmpty
	}
	if utf8.RuneCountInString(h.Note) > MaxHolidayNote {
		return ErrHolidayNoteLong
	}
	start := h.Day
	if h.IsWeek() {
		start = h.Week.Start(loc)
	}
	if now.Sub(start) > maxHolidayPast || start.Sub(now) > maxHolidayFuture {
		return ErrHolidayTooFar
	}
	if !h.IsWeek() {
		if wd := h.Day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			return ErrHolidayWeekend
		}
		if IsFixedHoliday(h.Day) {
			return ErrHolidayFixed
		}
	}
	return nil
}

// HolidayService keeps the days and weeks marked off.
type HolidayService interface {
	// AddHoliday stores h (Day or Week set); marking the same day or week
	// twice is ECONFLICT.
	AddHoliday(ctx context.Context, h Holiday) (Holiday, error)
	// DeleteHoliday removes one mark and returns it, or ENOTFOUND.
	DeleteHoliday(ctx context.Context, id int64) (Holiday, error)
	// Holidays lists marks of days on or after from and weeks ending on or
	// after it, in calendar order.
	Holidays(ctx context.Context, from time.Time) ([]Holiday, error)
	// Calendar returns the marks that touch weeks from..to inclusive.
	Calendar(ctx context.Context, from, to Week) (Calendar, error)
}

// Calendar answers "is this week off" and "when is this week's deadline"
// from the admin marks plus the fixed national holidays. Its zero value
// knows only the fixed holidays.
type Calendar struct {
	Holidays []Holiday
}

// WeekOff reports whether w is off: marked as a week, or with every
// working day (Monday to Friday) a holiday, which is what cuti bersama
// marked day by day amounts to. The returned Holiday explains why.
func (c Calendar) WeekOff(w Week, loc *time.Location) (Holiday, bool) {
	for _, h := range c.Holidays {
		if h.IsWeek() && h.Week == w {
			return h, true
		}
	}
	start := w.Start(loc)
	var last Holiday
	for i := 0; i < 5; i++ {
		h, ok := c.DayOff(start.AddDate(0, 0, i))
		if !ok {
			return Holiday{}, false
		}
		last = h
	}
	last.Week, last.Day = w, time.Time{}
	if last.Note == "" {
		last.Note = "semua hari kerja libur"
	}
	return last, true
}

// DayOff reports whether t's calendar date (in t's zone) is a fixed
// national holiday or a day an admin marked.
func (c Calendar) DayOff(t time.Time) (Holiday, bool) {
	if IsFixedHoliday(t) {
		return Holiday{Day: dateOf(t), Note: FixedHolidayName(t)}, true
	}
	for _, h := range c.Holidays {
		if !h.IsWeek() && sameDate(h.Day, t) {
			return h, true
		}
	}
	return Holiday{}, false
}

// Deadline is d.For(w) with the calendar's marked days off.
func (c Calendar) Deadline(d Deadline, w Week, loc *time.Location) time.Time {
	return d.For(w, loc, func(t time.Time) bool { _, off := c.DayOff(t); return off })
}

func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// sameDate compares calendar dates, reading a in b's zone: marks are
// stored as dates, so the zone only matters for the reader.
func sameDate(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// FixedHolidayName names a fixed national holiday, or "" for other days.
func FixedHolidayName(t time.Time) string {
	switch {
	case t.Month() == time.January && t.Day() == 1:
		return "Tahun Baru Masehi"
	case t.Month() == time.May && t.Day() == 1:
		return "Hari Buruh Internasional"
	case t.Month() == time.June && t.Day() == 1:
		return "Hari Lahir Pancasila"
	case t.Month() == time.August && t.Day() == 17:
		return "Hari Kemerdekaan RI"
	case t.Month() == time.December && t.Day() == 25:
		return "Hari Raya Natal"
	}
	return ""
}
