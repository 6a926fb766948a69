package tkpkbot

// WeekMark says a region sent a report for a week; Late is that of the
// latest version, as /rekap shows it.
type WeekMark struct {
	RegionCode string
	Week       Week
	Late       bool
}

// DueWeek is a week as the participation counts see it: Off for a week
// off (libur), Due once its deadline has passed.
type DueWeek struct {
	Week Week
	Off  bool
	Due  bool
}

// StatusPending: a week whose deadline has not come yet and that has no
// report; it counts for nothing.
const StatusPending ReportStatus = ""

// WeekStatus is one cell of the participation grid: a sent report is on
// time or late whatever the week; without one the week is off, missing,
// or not due yet.
func WeekStatus(w DueWeek, sent, late bool) ReportStatus {
	switch {
	case sent && late:
		return StatusLate
	case sent:
		return StatusSent
	case w.Off:
		return StatusOff
	case w.Due:
		return StatusMissing
	}
	return StatusPending
}

// Participation counts a region's weeks by status.
type Participation struct {
	OnTime, Late, Missing, Off int
}

// Add counts one cell.
func (p *Participation) Add(s ReportStatus) {
	switch s {
	case StatusSent, StatusRevised:
		p.OnTime++
	case StatusLate:
		p.Late++
	case StatusMissing:
		p.Missing++
	case StatusOff:
		p.Off++
	}
}

// OnTimeRate is the share of counted weeks (on time, late or missing)
// reported on time, 0..1; ok is false when no week counted yet.
func (p Participation) OnTimeRate() (rate float64, ok bool) {
	n := p.OnTime + p.Late + p.Missing
	if n == 0 {
		return 0, false
	}
	return float64(p.OnTime) / float64(n), true
}
