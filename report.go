package tkpkbot

import (
	"fmt"
	"time"
)

// Week is an ISO week; weeks run Monday 00:00 to Sunday 23:59 WITA.
type Week struct {
	Year int
	Week int
}

// WeekOf returns the ISO week containing t as seen in loc.
func WeekOf(t time.Time, loc *time.Location) Week {
	y, w := t.In(loc).ISOWeek()
	return Week{Year: y, Week: w}
}

func (w Week) String() string { return fmt.Sprintf("%04d-W%02d", w.Year, w.Week) }

// Start is Monday 00:00 of the week in loc.
func (w Week) Start(loc *time.Location) time.Time {
	// 4 January is always in ISO week 1.
	jan4 := time.Date(w.Year, 1, 4, 0, 0, 0, 0, loc)
	off := (int(jan4.Weekday()) + 6) % 7
	return jan4.AddDate(0, 0, -off+(w.Week-1)*7)
}

// Next is the following week.
func (w Week) Next() Week {
	y, n := w.Start(time.UTC).AddDate(0, 0, 7).ISOWeek()
	return Week{Year: y, Week: n}
}

// Prev is the preceding week.
func (w Week) Prev() Week {
	y, n := w.Start(time.UTC).AddDate(0, 0, -7).ISOWeek()
	return Week{Year: y, Week: n}
}

// Report is one region's weekly progress report (latest version unless
// read from history).
type Report struct {
	ID          int64
	RegionCode  string
	Week        Week
	Activities  string
	Households  int64 // KK sasaran yang dijangkau
	Budget      int64 // realisasi anggaran, rupiah
	Obstacles   string
	NextPlan    string
	SubmittedBy int64
	SubmittedAt time.Time
	Late        bool
	Version     int // 1 for the first submission; >1 means revised
}
