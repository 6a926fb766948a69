package figures

import (
	"cmp"
	"slices"

	"tkpkbot"
)

// Ranking orders the ten kabupaten/kota by one indicator, highest first,
// at the period asked (read as Card reads it). Without a period asked it
// takes the latest one at which at least half of them have a value: a
// newer period with two values ranks nobody. If no period has that many,
// the one with the most values (the latest of equals).
func (x *Index) Ranking(ind tkpkbot.Indicator, at tkpkbot.Period) tkpkbot.Ranking {
	rk := tkpkbot.Ranking{Indicator: ind, Periods: x.periods[ind]}
	p, ok := x.rankingPeriod(ind, at)
	if !ok {
		return rk
	}
	rk.Period = p
	have := map[string]bool{}
	for _, f := range preferred(x.cells[cell{ind, p}]) {
		if f.RegionCode == tkpkbot.ProvinceCode {
			rk.Province = f
			continue
		}
		reg, _ := tkpkbot.RegionByCode(f.RegionCode)
		rk.Entries = append(rk.Entries, tkpkbot.RankEntry{Region: reg, Figure: f})
		have[f.RegionCode] = true
	}
	slices.SortStableFunc(rk.Entries, func(a, b tkpkbot.RankEntry) int {
		return cmp.Compare(base(b.Figure), base(a.Figure))
	})
	for i := range rk.Entries {
		e := &rk.Entries[i]
		e.Position = i + 1
		if i > 0 && sameValue(e.Figure, rk.Entries[i-1].Figure) {
			e.Position = rk.Entries[i-1].Position
		}
	}
	for _, r := range tkpkbot.Districts() {
		if !have[r.Code] {
			rk.Missing = append(rk.Missing, r)
		}
	}
	return rk
}

func (x *Index) rankingPeriod(ind tkpkbot.Indicator, at tkpkbot.Period) (tkpkbot.Period, bool) {
	periods := x.periods[ind]
	if !at.IsZero() && !at.IsYear() {
		return at, slices.Contains(periods, at)
	}
	count := func(p tkpkbot.Period) int {
		n := 0
		for _, f := range preferred(x.cells[cell{ind, p}]) {
			if f.RegionCode != tkpkbot.ProvinceCode {
				n++
			}
		}
		return n
	}
	districts := len(tkpkbot.Regions) - 1
	need := max(2, (districts+1)/2)
	for _, class := range []func(tkpkbot.Period) bool{func(p tkpkbot.Period) bool { return !p.IsDated() }, tkpkbot.Period.IsDated} {
		best, bestN := tkpkbot.Period{}, 0
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
	return tkpkbot.Period{}, false
}

// Series lists one region's values of one indicator over time; see
// tkpkbot.Series for which values count.
func (x *Index) Series(code string, ind tkpkbot.Indicator) tkpkbot.Series {
	reg, _ := tkpkbot.RegionByCode(code)
	s := tkpkbot.Series{Region: reg, Indicator: ind}
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
func seriesUnit(ind tkpkbot.Indicator, first string) string {
	switch ind {
	case tkpkbot.IndMiskin:
		return tkpkbot.UnitRibuJiwa
	case tkpkbot.IndEkstremJiwa:
		return tkpkbot.UnitJiwa
	}
	return first
}

// unitShift is how many decimals a value gains converting between units.
func unitShift(from, to string) int {
	switch {
	case from == tkpkbot.UnitJiwa && to == tkpkbot.UnitRibuJiwa:
		return 3
	case from == tkpkbot.UnitRibuJiwa && to == tkpkbot.UnitJiwa:
		return -3
	}
	return 0
}
