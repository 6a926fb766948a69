package tkpkbot

import (
	"fmt"
	"time"
)

// Quarter is a triwulan of an ISO year. A week belongs to the quarter of
// its Thursday, the day that also decides its ISO year, so the quarters
// of a year are whole weeks that together make up exactly that year.
type Quarter struct {
	Year, Q int // Q is 1..4
}

func (q Quarter) String() string { return fmt.Sprintf("%04d-Q%d", q.Year, q.Q) }

// thursday is the Thursday of w, as a UTC date.
func (w Week) thursday() time.Time { return w.Start(time.UTC).AddDate(0, 0, 3) }

// QuarterOf is the quarter w belongs to.
func QuarterOf(w Week) Quarter {
	return Quarter{Year: w.Year, Q: (int(w.thursday().Month())-1)/3 + 1}
}

// Weeks is the first and last week of the quarter.
func (q Quarter) Weeks() (from, to Week) {
	return q.first(), q.Next().first().Prev()
}

func (q Quarter) first() Week {
	return weekOfThursdayFrom(time.Date(q.Year, time.Month(3*q.Q-2), 1, 0, 0, 0, 0, time.UTC))
}

// Next is the quarter after q.
func (q Quarter) Next() Quarter {
	if q.Q == 4 {
		return Quarter{q.Year + 1, 1}
	}
	return Quarter{q.Year, q.Q + 1}
}

// weekOfThursdayFrom is the week whose Thursday is the first on or after d.
func weekOfThursdayFrom(d time.Time) Week {
	for d.Weekday() != time.Thursday {
		d = d.AddDate(0, 0, 1)
	}
	y, n := d.ISOWeek()
	return Week{Year: y, Week: n}
}

// Prev is the quarter before q.
func (q Quarter) Prev() Quarter {
	if q.Q == 1 {
		return Quarter{q.Year - 1, 4}
	}
	return Quarter{q.Year, q.Q - 1}
}

// YearWeeks is the first and last ISO week of year.
func YearWeeks(year int) (from, to Week) {
	_, last := time.Date(year, 12, 28, 0, 0, 0, 0, time.UTC).ISOWeek() // 28 December is always in the last week
	return Week{year, 1}, Week{year, last}
}

// Contains reports whether w lies in from..to.
func Contains(from, to, w Week) bool {
	return !w.Before(from) && !to.Before(w)
}

// Before reports whether w comes before o.
func (w Week) Before(o Week) bool {
	return w.Year < o.Year || (w.Year == o.Year && w.Week < o.Week)
}
