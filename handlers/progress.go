package handlers

import (
	"context"
	"fmt"

	"tkpkbot"
)

// regionProgress is one region's reports over a range of weeks against
// its yearly targets. The sums come from ProgressService.RegionTotals;
// nothing here adds reports up again.
type regionProgress struct {
	Region tkpkbot.Region
	tkpkbot.Totals
	TargetKK, TargetBudget tkpkbot.Target // Value 0 and Source "" without one
	Part                   tkpkbot.Participation
	Cells                  []tkpkbot.ReportStatus // by week of the range
}

// progressView is every district and the province over from..to.
type progressView struct {
	From, To tkpkbot.Week
	Weeks    []tkpkbot.DueWeek
	Province regionProgress
	Regions  []regionProgress // districts, in BPS order
}

// progressOf gathers totals, targets of year, participation and the
// calendar for from..to.
func (h *Handlers) progressOf(ctx context.Context, from, to tkpkbot.Week, year int) (progressView, error) {
	v := progressView{From: from, To: to}
	totals, err := h.Progress.RegionTotals(ctx, from, to)
	if err != nil {
		return v, err
	}
	targets, err := h.Progress.Targets(ctx, year)
	if err != nil {
		return v, err
	}
	marks, err := h.Progress.WeekMarks(ctx, from, to)
	if err != nil {
		return v, err
	}
	var cal tkpkbot.Calendar
	if h.Meetings != nil {
		if cal, err = h.Meetings.Calendar(ctx, from, to); err != nil {
			return v, err
		}
	}
	now := h.Clock.Now()
	for w := from; !to.Before(w); w = w.Next() {
		_, off := cal.WeekOff(w, h.Location)
		v.Weeks = append(v.Weeks, tkpkbot.DueWeek{Week: w, Off: off, Due: now.After(cal.Deadline(h.Deadline, w, h.Location))})
	}
	byCode := map[string]*regionProgress{}
	v.Province = regionProgress{Region: tkpkbot.Regions[0]}
	byCode[tkpkbot.ProvinceCode] = &v.Province
	v.Regions = make([]regionProgress, 0, len(tkpkbot.Regions)-1)
	for _, reg := range tkpkbot.Districts() {
		v.Regions = append(v.Regions, regionProgress{Region: reg})
	}
	for i := range v.Regions {
		byCode[v.Regions[i].Region.Code] = &v.Regions[i]
	}
	for _, t := range totals {
		if p := byCode[t.RegionCode]; p != nil {
			p.Totals = t.Totals
		}
	}
	for _, t := range targets {
		p := byCode[t.RegionCode]
		switch {
		case p == nil:
		case t.Kind == tkpkbot.TargetKK:
			p.TargetKK = t
		case t.Kind == tkpkbot.TargetBudget:
			p.TargetBudget = t
		}
	}
	v.Province.TargetKK = provinceTarget(v.Province.TargetKK, v.Regions, func(p regionProgress) tkpkbot.Target { return p.TargetKK })
	v.Province.TargetBudget = provinceTarget(v.Province.TargetBudget, v.Regions, func(p regionProgress) tkpkbot.Target { return p.TargetBudget })

	sent := map[string]map[tkpkbot.Week]bool{} // region → week → late
	for _, m := range marks {
		if sent[m.RegionCode] == nil {
			sent[m.RegionCode] = map[tkpkbot.Week]bool{}
		}
		sent[m.RegionCode][m.Week] = m.Late
	}
	for i := range v.Regions {
		p := &v.Regions[i]
		p.Cells = make([]tkpkbot.ReportStatus, len(v.Weeks))
		for j, w := range v.Weeks {
			late, ok := sent[p.Region.Code][w.Week]
			p.Cells[j] = tkpkbot.WeekStatus(w, ok, late)
			p.Part.Add(p.Cells[j])
			v.Province.Part.Add(p.Cells[j])
		}
	}
	return v, nil
}

// provinceTarget is the province's own target when one was imported,
// otherwise the sum of the districts' targets, named as such.
func provinceTarget(own tkpkbot.Target, regions []regionProgress, of func(regionProgress) tkpkbot.Target) tkpkbot.Target {
	if own.Source != "" {
		return own
	}
	var sum tkpkbot.Target
	for _, p := range regions {
		if t := of(p); t.Source != "" {
			sum.Value += t.Value
			sum.Source = "jumlah target kabupaten/kota"
		}
	}
	return sum
}

// percent is reached as a share of target in percent; ok is false
// without a target to compare with.
func percent(reached, target int64) (float64, bool) {
	if target <= 0 {
		return 0, false
	}
	return float64(reached) * 100 / float64(target), true
}

// followUpCounts is every region's open kendala and tindak lanjut at
// now, from the one count query (FollowUpService.FollowUpCounts, as /rekap
// and the admins' deadline summary), whose open and overdue rule is the
// agenda's and /tindaklanjut's; the province is the sum. A region with
// nothing open is missing from the map, which reads as zero. ok is false
// without the follow-up service, and the views leave the counts out.
func (h *Handlers) followUpCounts(ctx context.Context) (counts map[string]tkpkbot.RegionFollowUp, ok bool, err error) {
	if h.FollowUps == nil {
		return nil, false, nil
	}
	list, err := h.FollowUps.FollowUpCounts(ctx, h.Clock.Now())
	if err != nil {
		return nil, false, fmt.Errorf("follow-up counts: %w", err)
	}
	counts = make(map[string]tkpkbot.RegionFollowUp, len(list)+1)
	var province tkpkbot.RegionFollowUp
	for _, c := range list {
		counts[c.RegionCode] = c
		province.Add(c)
	}
	province.RegionCode = tkpkbot.ProvinceCode
	counts[tkpkbot.ProvinceCode] = province
	return counts, true, nil
}
