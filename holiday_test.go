package tkpkbot

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCalendarDeadlineAndWeekOff(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, wita) }
	w := WeekOf(day(4, 16), wita) // 14-20 April 2025
	var empty Calendar
	if got := empty.Deadline(DefaultDeadline, w, wita); got.Day() != 18 {
		t.Fatalf("no marks: deadline %v", got)
	}
	// Good Friday marked off: Thursday. Thursday too: Wednesday.
	cal := Calendar{Holidays: []Holiday{{ID: 1, Day: day(4, 18), Note: "Wafat Isa Almasih"}}}
	if got := cal.Deadline(DefaultDeadline, w, wita); got.Format("2006-01-02 15:04") != "2025-04-17 16:00" {
		t.Fatalf("Friday off: deadline %v", got)
	}
	cal.Holidays = append(cal.Holidays, Holiday{ID: 2, Day: day(4, 17)})
	if got := cal.Deadline(DefaultDeadline, w, wita); got.Day() != 16 {
		t.Fatalf("Thursday and Friday off: deadline %v", got)
	}
	if _, off := cal.WeekOff(w, wita); off {
		t.Fatal("week with working days counted off")
	}
	// Every working day off: the week is off, named by the last mark.
	for d := 14; d <= 16; d++ {
		cal.Holidays = append(cal.Holidays, Holiday{ID: int64(d), Day: day(4, d), Note: "Cuti bersama"})
	}
	if h, off := cal.WeekOff(w, wita); !off || h.Week != w || !h.IsWeek() {
		t.Fatalf("all days off: %+v %v", h, off)
	}
	// A week mark.
	next := w.Next()
	cal = Calendar{Holidays: []Holiday{{ID: 9, Week: next, Note: "Libur"}}}
	if h, off := cal.WeekOff(next, wita); !off || h.ID != 9 {
		t.Fatalf("marked week: %+v %v", h, off)
	}
	if _, off := cal.WeekOff(w, wita); off {
		t.Fatal("unmarked week counted off")
	}
	// Fixed holidays are days off without any mark.
	if h, off := empty.DayOff(time.Date(2024, 12, 25, 10, 0, 0, 0, wita)); !off || h.Note != "Hari Raya Natal" {
		t.Fatalf("Christmas: %+v %v", h, off)
	}
}

func TestHolidayValidate(t *testing.T) {
	now := time.Date(2025, 4, 14, 9, 0, 0, 0, wita)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, wita) }
	for _, c := range []struct {
		name string
		h    Holiday
		want error
	}{
		{"working day", Holiday{Day: day(2025, 4, 18), Note: "Wafat Isa Almasih"}, nil},
		{"week", Holiday{Week: Week{2025, 16}}, nil},
		{"neither", Holiday{}, ErrHolidayEmpty},
		{"long note", Holiday{Day: day(2025, 4, 18), Note: strings.Repeat("x", MaxHolidayNote+1)}, ErrHolidayNoteLong},
		{"two years back", Holiday{Day: day(2023, 4, 14)}, ErrHolidayTooFar},
		{"three years ahead", Holiday{Week: Week{2028, 16}}, ErrHolidayTooFar},
		{"saturday", Holiday{Day: day(2025, 4, 19)}, ErrHolidayWeekend},
		{"fixed holiday", Holiday{Day: day(2025, 5, 1)}, ErrHolidayFixed},
	} {
		if err := c.h.Validate(now, wita); !errors.Is(err, c.want) || (err == nil) != (c.want == nil) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}
