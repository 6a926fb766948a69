package tkpkbot

import (
	"testing"
	"time"

	"tkpkbot/internal/clocktest"
)

// wita is the bot's zone from tzdata, for the root package's tests of
// deadlines, weeks and days off.
var wita = clocktest.WITA

func TestDeadlineFor(t *testing.T) {
	cases := []struct {
		week Week
		want string
	}{
		{Week{2024, 50}, "2024-12-13 16:00 +0800"}, // ordinary Friday
		{Week{2025, 1}, "2025-01-03 16:00 +0800"},  // 1 Jan is Wednesday, Friday is fine
		{Week{2026, 52}, "2026-12-24 16:00 +0800"}, // Friday 25 Dec → Thursday
		{Week{2023, 22}, "2023-05-31 16:00 +0800"}, // Thursday 1 Jun is not Friday; Friday 2 Jun
		{Week{2024, 33}, "2024-08-16 16:00 +0800"}, // 17 Aug 2024 is Saturday
		{Week{2029, 18}, "2029-04-30 16:00 +0800"}, // Tuesday 1 May 2029; Friday 4 May
	}
	// fix expectations that depend on the calendar instead of hard-coding mistakes
	cases[3].want = "2023-06-02 16:00 +0800"
	cases[5].want = "2029-05-04 16:00 +0800"
	for _, c := range cases {
		got := DefaultDeadline.For(c.week, wita, nil).Format("2006-01-02 15:04 -0700")
		if got != c.want {
			t.Errorf("%s: deadline %s, want %s", c.week, got, c.want)
		}
	}
	// 1 May 2026 is a Friday: moves to Thursday 30 April.
	if got := DefaultDeadline.For(Week{2026, 18}, wita, nil).Format("2006-01-02"); got != "2026-04-30" {
		t.Errorf("1 May 2026 deadline = %s", got)
	}
}

func TestWeekStartAndNeighbours(t *testing.T) {
	cases := []struct {
		w     Week
		start string
	}{
		{Week{2024, 50}, "2024-12-09"},
		{Week{2025, 1}, "2024-12-30"},
		{Week{2020, 53}, "2020-12-28"},
		{Week{2026, 1}, "2025-12-29"},
	}
	for _, c := range cases {
		if got := c.w.Start(wita).Format("2006-01-02"); got != c.start {
			t.Errorf("%s starts %s, want %s", c.w, got, c.start)
		}
		if got := WeekOf(c.w.Start(wita).Add(3*24*time.Hour), wita); got != c.w {
			t.Errorf("WeekOf mid %s = %s", c.w, got)
		}
		if c.w.Next().Prev() != c.w {
			t.Errorf("%s next/prev round trip", c.w)
		}
	}
	if (Week{2020, 53}).Next() != (Week{2021, 1}) {
		t.Errorf("2020-W53 next = %s", Week{2020, 53}.Next())
	}
	// Sunday 23:59 WITA is still the same week even though UTC is Sunday 15:59.
	sun := time.Date(2024, 12, 15, 23, 59, 0, 0, wita)
	if WeekOf(sun, wita) != (Week{2024, 50}) || WeekOf(sun.Add(time.Minute), wita) != (Week{2024, 51}) {
		t.Errorf("week boundary in WITA wrong")
	}
}
