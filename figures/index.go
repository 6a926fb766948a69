// Package figures holds the poverty figures in memory, as WTF Dial's inmem
// holds dials: an immutable Index answers what /angka, /peringkat and
// /grafik ask without a database round trip, and a Cache keeps the
// current Index in front of the store that loads and imports figures.
package figures

import (
	"cmp"
	"slices"

	"tkpkbot"
)

// Index answers Card, Ranking and Series from a fixed set of figures
// without looking at figures it does not need: a region's card reads that
// region's few dozen values plus the handful for one indicator at one
// period. It is immutable once built, so any number of goroutines may read
// it while a newer one is being built.
type Index struct {
	regions map[string][]tkpkbot.Figure // per region, in figureOrder
	// poverty and side part regions' figures as splitSupporting does,
	// once, so a card does not copy them.
	poverty, side map[string][]tkpkbot.Figure
	cells         map[cell][]tkpkbot.Figure // per indicator and period, every region, in cellOrder
	// periods lists, per indicator, the periods some kabupaten/kota has
	// it for, oldest first.
	periods map[tkpkbot.Indicator][]tkpkbot.Period
	n       int
}

type cell struct {
	ind    tkpkbot.Indicator
	period tkpkbot.Period
}

var indicatorPos = func() map[tkpkbot.Indicator]int {
	m := make(map[tkpkbot.Indicator]int, len(tkpkbot.Indicators))
	for i, in := range tkpkbot.Indicators {
		m[in.Indicator] = i
	}
	return m
}()

// figureOrder sorts one region's figures by period, then indicator in
// display order, then the source to prefer first (BPS, then by name).
func figureOrder(a, b tkpkbot.Figure) int {
	return cmp.Or(
		cmp.Compare(a.Period.Order(), b.Period.Order()),
		cmp.Compare(a.Period.Key(), b.Period.Key()),
		cmp.Compare(indicatorPos[a.Indicator], indicatorPos[b.Indicator]),
		cmp.Compare(familyRank(a.Source), familyRank(b.Source)),
		cmp.Compare(a.Source, b.Source),
	)
}

// cellOrder sorts the figures of one indicator and period by region, then
// by the source to prefer, so each region's preferred value comes first.
func cellOrder(a, b tkpkbot.Figure) int {
	return cmp.Or(
		cmp.Compare(regionPos(a.RegionCode), regionPos(b.RegionCode)),
		cmp.Compare(familyRank(a.Source), familyRank(b.Source)),
		cmp.Compare(a.Source, b.Source),
	)
}

// NewIndex indexes figs; it keeps its own copy.
func NewIndex(figs []tkpkbot.Figure) *Index {
	x := &Index{
		regions: make(map[string][]tkpkbot.Figure, len(tkpkbot.Regions)),
		cells:   make(map[cell][]tkpkbot.Figure),
		periods: make(map[tkpkbot.Indicator][]tkpkbot.Period),
		n:       len(figs),
	}
	for _, f := range figs {
		x.regions[f.RegionCode] = append(x.regions[f.RegionCode], f)
		k := cell{f.Indicator, f.Period}
		x.cells[k] = append(x.cells[k], f)
	}
	x.poverty = make(map[string][]tkpkbot.Figure, len(x.regions))
	x.side = make(map[string][]tkpkbot.Figure, len(x.regions))
	for code, fs := range x.regions {
		slices.SortFunc(fs, figureOrder)
		x.poverty[code], x.side[code] = splitSupporting(fs)
	}
	for k, fs := range x.cells {
		slices.SortFunc(fs, cellOrder)
		if slices.ContainsFunc(fs, func(f tkpkbot.Figure) bool { return f.RegionCode != tkpkbot.ProvinceCode }) {
			x.periods[k.ind] = append(x.periods[k.ind], k.period)
		}
	}
	for _, ps := range x.periods {
		sortPeriods(ps)
	}
	return x
}

// Len is the number of figures indexed.
func (x *Index) Len() int { return x.n }

func sortPeriods(ps []tkpkbot.Period) {
	slices.SortFunc(ps, func(a, b tkpkbot.Period) int {
		return cmp.Or(cmp.Compare(a.Order(), b.Order()), cmp.Compare(a.Key(), b.Key()))
	})
}

// distinctPeriods lists the periods of figures sorted in figureOrder.
func distinctPeriods(figs []tkpkbot.Figure) []tkpkbot.Period {
	var out []tkpkbot.Period
	for i, f := range figs {
		if i == 0 || f.Period != figs[i-1].Period {
			out = append(out, f.Period)
		}
	}
	return out
}

// choosePeriod reads a request as Index.Card documents it. Among candidates a
// survey round wins over a year, and a year over a dated report: the
// survey is the comparable series, the others are annotations to it.
func choosePeriod(periods []tkpkbot.Period, at tkpkbot.Period) (tkpkbot.Period, bool) {
	if !at.IsZero() && !at.IsYear() {
		return at, slices.Contains(periods, at)
	}
	for _, class := range []func(tkpkbot.Period) bool{tkpkbot.Period.IsRound, tkpkbot.Period.IsYear, tkpkbot.Period.IsDated} {
		for i := len(periods) - 1; i >= 0; i-- {
			p := periods[i]
			if class(p) && (at.IsZero() || p.Year == at.Year) {
				return p, true
			}
		}
	}
	return tkpkbot.Period{}, false
}

// neighbourRounds finds the survey rounds just before and after p.
func neighbourRounds(periods []tkpkbot.Period, p tkpkbot.Period) (prev, next tkpkbot.Period) {
	for _, q := range periods {
		switch {
		case !q.IsRound():
		case q.Order() < p.Order():
			prev = q
		case q.Order() > p.Order() && next.IsZero():
			next = q
		}
	}
	return prev, next
}

// figuresAt returns the figures of a region-ordered slice for one period.
func figuresAt(figs []tkpkbot.Figure, p tkpkbot.Period) []tkpkbot.Figure {
	i := slices.IndexFunc(figs, func(f tkpkbot.Figure) bool { return f.Period == p })
	if i < 0 {
		return nil
	}
	j := i
	for j < len(figs) && figs[j].Period == p {
		j++
	}
	return figs[i:j]
}

// regionPos orders regions as tkpkbot.Regions lists them.
func regionPos(code string) int {
	i, _ := tkpkbot.RegionIndex(code)
	return i
}
