package tkpkbot

import (
	"context"
	"time"
)

// TargetKind is what a yearly target counts.
type TargetKind string

const (
	// TargetKK: households (KK) to reach in the year.
	TargetKK TargetKind = "kk"
	// TargetBudget: the budget ceiling of the year, in rupiah.
	TargetBudget TargetKind = "anggaran"
)

// Target is one region's yearly target, as imported from a CSV.
type Target struct {
	Year       int
	RegionCode string
	Kind       TargetKind
	Value      int64
	Source     string
}

// Totals are sums over the latest version of each weekly report in a range
// of weeks. Households sums weekly reach, so a household reached in two
// weeks counts twice: it is reach, not distinct households.
type Totals struct {
	Reports    int // weekly reports, latest versions
	Late       int // of which sent after the deadline
	Households int64
	Budget     int64
}

// RegionTotals are one region's Totals.
type RegionTotals struct {
	RegionCode string
	Totals
}

// Choice kinds of ChoiceTotals.
const (
	ChoiceStrategy = "strategi"
	ChoiceFunding  = "dana"
)

// ChoiceTotals are the Totals of a region's reports that chose Code at
// the Kind step. A report with two strategies counts under both, so these
// do not add up to the region's Totals.
type ChoiceTotals struct {
	RegionCode, Kind, Code string
	Totals
}

// ProgressService holds the targets and sums the weekly reports against
// them. Every total the bot shows comes from here.
type ProgressService interface {
	// ImportTargets stores targets all or nothing; a target with the same
	// year, region and kind as a stored one replaces it.
	ImportTargets(ctx context.Context, ts []Target, by int64) (ImportResult, error)
	Targets(ctx context.Context, year int) ([]Target, error)
	// RegionTotals sums weeks from..to per region that has a report,
	// the province's row (ProvinceCode) first, summing every region.
	RegionTotals(ctx context.Context, from, to Week) ([]RegionTotals, error)
	// MeetingAttendance counts, per region, the meetings between from and to
	// that members answered hadir to, of those that had any answer.
	MeetingAttendance(ctx context.Context, from, to time.Time) ([]RegionAttendance, error)
	// WeekMarks lists the region-weeks that have a report.
	WeekMarks(ctx context.Context, from, to Week) ([]WeekMark, error)
	// ChoiceTotals sums weeks from..to per region and chosen strategy or
	// funding source.
	ChoiceTotals(ctx context.Context, from, to Week) ([]ChoiceTotals, error)
}

// RegionAttendance is a region's part in the meetings that had RSVPs:
// Attended of Meetings had at least one of its members answer hadir. A
// member counts for the region they belong to now.
type RegionAttendance struct {
	RegionCode         string
	Attended, Meetings int
}
