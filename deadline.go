package tkpkbot

import "time"

// Deadline is the weekly report deadline, e.g. Friday 16:00 WITA.
type Deadline struct {
	Weekday time.Weekday
	Hour    int
	Minute  int
}

// DefaultDeadline is Friday 16:00.
var DefaultDeadline = Deadline{Weekday: time.Friday, Hour: 16, Minute: 0}

// For returns the deadline of week w in loc. A deadline on a national
// holiday, or on a day off(day) marks (the days admins mark with /libur),
// moves to the previous working day, because nobody is in the office to
// report then. off may be nil; the fixed national holidays always count.
func (d Deadline) For(w Week, loc *time.Location, off func(time.Time) bool) time.Time {
	holiday := func(t time.Time) bool { return IsFixedHoliday(t) || off != nil && off(t) }
	day := w.Start(loc).AddDate(0, 0, (int(d.Weekday)+6)%7)
	for i := 0; i < 7 && (holiday(day) || day.Weekday() == time.Saturday || day.Weekday() == time.Sunday) && day.After(w.Start(loc)); i++ {
		if d.Weekday == time.Saturday || d.Weekday == time.Sunday {
			break // a configured weekend deadline is deliberate
		}
		day = day.AddDate(0, 0, -1)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), d.Hour, d.Minute, 0, 0, loc)
}

// fixedHolidays are the national holidays whose date never moves:
// Tahun Baru, Hari Buruh, Hari Lahir Pancasila, Hari Kemerdekaan, Natal.
var fixedHolidays = [][2]int{{1, 1}, {5, 1}, {6, 1}, {8, 17}, {12, 25}}

// IsFixedHoliday reports whether t's calendar date is one of them.
func IsFixedHoliday(t time.Time) bool {
	for _, h := range fixedHolidays {
		if int(t.Month()) == h[0] && t.Day() == h[1] {
			return true
		}
	}
	return false
}
