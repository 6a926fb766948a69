package tkpkbot

import (
	"cmp"
	"slices"
)

// Ranking orders the kabupaten/kota; see FigureService.Ranking. Without a
// period asked it takes the latest one at which at least half of them
// have a value: a newer period with two values ranks nobody. If no period
// has that many, the one with the most values (the latest of equals).
func (x *FigureIndex) Ranking(ind Indicator, at Period) Ranking {
	rk := Ranking{Indicator: ind, Periods: x.periods[ind]}
	p, ok := x.rankingPeriod(ind, at)
	if !ok {
		return rk
	}
	rk.Period = p
	have := map[string]bool{}
	for _, f := range preferred(x.cells[cell{ind, p}]) {
		if f.RegionCode == ProvinceCode {
			rk.Province = f
			continue
		}
		reg, _ := RegionByCode(f.RegionCode)
		rk.Entries = append(rk.Entries, RankEntry{Region: reg, Figure: f})
		have[f.RegionCode] = true
	}
	slices.SortStableFunc(rk.Entries, func(a, b RankEntry) int {
		return cmp.Compare(b.Figure.base(), a.Figure.base())
	})
	for i := range rk.Entries {
		e := &rk.Entries[i]
		e.Position = i + 1
		if i > 0 && sameValue(e.Figure, rk.Entries[i-1].Figure) {
			e.Position = rk.Entries[i-1].Position
		}
	}
	for _, r := range Districts() {
		if !have[r.Code] {
			rk.Missing = append(rk.Missing, r)
		}
	}
	return rk
}

func (x *FigureIndex) rankingPeriod(ind Indicator, at Period) (Period, bool) {
	periods := x.periods[ind]
	if !at.IsZero() && !at.IsYear() {
		return at, slices.Contains(periods, at)
	}
	count := func(p Period) int {
		n := 0
		for _, f := range preferred(x.cells[cell{ind, p}]) {
			if f.RegionCode != ProvinceCode {
				n++
			}
		}
		return n
	}
	districts := len(Regions) - 1
	need := max(2, (districts+1)/2)
	for _, class := range []func(Period) bool{func(p Period) bool { return !p.IsDated() }, Period.IsDated} {
		best, bestN := Period{}, 0
		for i := len(periods) - 1; i >= 0; i-- {
			p := periods[i]
			if !class(p) || !at.IsZero() && p.Year != at.Year {
				continue
			}
			n := count(p)
			if n >= need {
				return p, true
			}
			if n > bestN {
				best, bestN = p, n
			}
		}
		if bestN > 0 {
			return best, true
		}
	}
	return Period{}, false
}

// Series lists one region's values of one indicator; see Series.
func (x *FigureIndex) Series(code string, ind Indicator) Series {
	reg, _ := RegionByCode(code)
	s := Series{Region: reg, Indicator: ind}
	figs := x.regions[code]
	for i, f := range figs {
		if f.Indicator != ind || f.Period.IsDated() {
			continue
		}
		if i > 0 && figs[i-1].Indicator == ind && figs[i-1].Period == f.Period {
			continue // figureOrder put the preferred source first
		}
		if s.Unit == "" {
			s.Unit = seriesUnit(ind, f.Unit)
		}
		v, ok := f.InUnit(s.Unit)
		if !ok {
			continue
		}
		if f.Unit != s.Unit {
			f.Decimals = max(0, f.Decimals+unitShift(f.Unit, s.Unit))
			f.Value, f.Unit = v, s.Unit
		}
		s.Points = append(s.Points, f)
	}
	return s
}

// seriesUnit is the unit a series is drawn in: BPS publishes head counts
// in ribu jiwa, extreme poverty in jiwa.
func seriesUnit(ind Indicator, first string) string {
	switch ind {
	case IndMiskin:
		return UnitRibuJiwa
	case IndEkstremJiwa:
		return UnitJiwa
	}
	return first
}

// unitShift is how many decimals a value gains converting between units.
func unitShift(from, to string) int {
	switch {
	case from == UnitJiwa && to == UnitRibuJiwa:
		return 3
	case from == UnitRibuJiwa && to == UnitJiwa:
		return -3
	}
	return 0
}
