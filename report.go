package tkpkbot

import (
	"context"
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
	ID         int64
	RegionCode string
	Week       Week
	Activities string
	Households int64 // KK sasaran yang dijangkau
	Budget     int64 // realisasi anggaran, rupiah
	Obstacles  string
	NextPlan   string
	// Strategies and Funding hold Choice codes in list order; nil for a
	// report sent before the form asked for them.
	Strategies  []string
	Funding     []string
	SubmittedBy int64
	SubmittedAt time.Time
	Late        bool
	Version     int // 1 for the first submission; >1 means revised
}

// ReportStatus is a region's state for one week in the recap.
type ReportStatus string

const (
	StatusSent    ReportStatus = "terkirim"
	StatusLate    ReportStatus = "terlambat"
	StatusRevised ReportStatus = "revisi"
	StatusMissing ReportStatus = "belum"
	StatusOff     ReportStatus = "libur"
)

// Status derives the recap status of a (latest) report.
func (r Report) Status() ReportStatus {
	switch {
	case r.ID == 0:
		return StatusMissing
	case r.Version > 1:
		return StatusRevised
	case r.Late:
		return StatusLate
	}
	return StatusSent
}

// ReportService stores weekly reports and the forms that build them.
type ReportService interface {
	// StartForm opens a fresh form for the user's region and week,
	// replacing any open one.
	StartForm(ctx context.Context, userID int64, region string, week Week) (ReportForm, error)
	// Form returns the user's open form or ENOTFOUND.
	Form(ctx context.Context, userID int64) (ReportForm, error)
	// StartRevision opens a form for rep's region and week holding rep's
	// answers, at the summary, replacing any open one.
	StartRevision(ctx context.Context, userID int64, rep Report) (ReportForm, error)
	// SaveForm stores f if its open form is still at step from (the step
	// the answer was given for); otherwise ErrFormMoved.
	SaveForm(ctx context.Context, f ReportForm, from int) error
	CancelForm(ctx context.Context, userID int64) (bool, error)
	// SubmitForm stores the form identified by token as the region's report
	// for its week, late when sent after deadline (a zero deadline: never
	// late, as in a week off). Pressing Kirim twice submits once: the
	// second call returns the same report with again=true.
	SubmitForm(ctx context.Context, userID int64, token string, deadline time.Time) (r Report, again bool, err error)
	// LatestReports returns the latest version of each region's report for week.
	LatestReports(ctx context.Context, week Week) ([]Report, error)
	// LatestReportsBetween returns latest versions for weeks from..to inclusive.
	LatestReportsBetween(ctx context.Context, from, to Week) ([]Report, error)
	RegionReports(ctx context.Context, region string, limit int) ([]Report, error)
	// ReportVersions returns every version of the region's report for
	// week, oldest first, or none.
	ReportVersions(ctx context.Context, region string, week Week) ([]Report, error)
	// PreviousPlan is the "rencana minggu depan" of the region's latest
	// report before week, or "".
	PreviousPlan(ctx context.Context, region string, week Week) (string, error)
}
