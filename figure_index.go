package tkpkbot

import (
	"cmp"
	"slices"
)

// FigureIndex answers Card, Ranking and Series from a fixed set of
// figures without looking at figures it does not need: a region's card
// reads that region's few dozen values plus the handful for one indicator
// at one period. It is immutable once built, so any number of goroutines
// may read it while a newer one is being built.
type FigureIndex struct {
	regions map[string][]Figure // per region, in figureOrder
	cells   map[cell][]Figure   // per indicator and period, every region, in cellOrder
	// periods lists, per indicator, the periods some kabupaten/kota has
	// it for, oldest first.
	periods map[Indicator][]Period
	n       int
}

type cell struct {
	ind    Indicator
	period Period
}

var indicatorPos = func() map[Indicator]int {
	m := make(map[Indicator]int, len(Indicators))
	for i, in := range Indicators {
		m[in.Indicator] = i
	}
	return m
}()

// regionPos orders regions as Regions lists them.
var regionPos = func() map[string]int {
	m := make(map[string]int, len(Regions))
	for i, r := range Regions {
		m[r.Code] = i
	}
	return m
}()

// figureOrder sorts one region's figures by period, then indicator in
// display order, then the source to prefer first (BPS, then by name).
func figureOrder(a, b Figure) int {
	return cmp.Or(
		cmp.Compare(a.Period.ord(), b.Period.ord()),
		cmp.Compare(a.Period.Key(), b.Period.Key()),
		cmp.Compare(indicatorPos[a.Indicator], indicatorPos[b.Indicator]),
		cmp.Compare(familyRank(a.Source), familyRank(b.Source)),
		cmp.Compare(a.Source, b.Source),
	)
}

// cellOrder sorts the figures of one indicator and period by region, then
// by the source to prefer, so each region's preferred value comes first.
func cellOrder(a, b Figure) int {
	return cmp.Or(
		cmp.Compare(regionPos[a.RegionCode], regionPos[b.RegionCode]),
		cmp.Compare(familyRank(a.Source), familyRank(b.Source)),
		cmp.Compare(a.Source, b.Source),
	)
}

// NewFigureIndex indexes figs; it keeps its own copy.
func NewFigureIndex(figs []Figure) *FigureIndex {
	x := &FigureIndex{
		regions: make(map[string][]Figure, len(Regions)),
		cells:   make(map[cell][]Figure),
		periods: make(map[Indicator][]Period),
		n:       len(figs),
	}
	for _, f := range figs {
		x.regions[f.RegionCode] = append(x.regions[f.RegionCode], f)
		k := cell{f.Indicator, f.Period}
		x.cells[k] = append(x.cells[k], f)
	}
	for _, fs := range x.regions {
		slices.SortFunc(fs, figureOrder)
	}
	for k, fs := range x.cells {
		slices.SortFunc(fs, cellOrder)
		if slices.ContainsFunc(fs, func(f Figure) bool { return f.RegionCode != ProvinceCode }) {
			x.periods[k.ind] = append(x.periods[k.ind], k.period)
		}
	}
	for _, ps := range x.periods {
		sortPeriods(ps)
	}
	return x
}

// Len is the number of figures indexed.
func (x *FigureIndex) Len() int { return x.n }

func sortPeriods(ps []Period) {
	slices.SortFunc(ps, func(a, b Period) int {
		return cmp.Or(cmp.Compare(a.ord(), b.ord()), cmp.Compare(a.Key(), b.Key()))
	})
}

// distinctPeriods lists the periods of figures sorted in figureOrder.
func distinctPeriods(figs []Figure) []Period {
	var out []Period
	for i, f := range figs {
		if i == 0 || f.Period != figs[i-1].Period {
			out = append(out, f.Period)
		}
	}
	return out
}

// choosePeriod reads a request as Card documents it. Among candidates a
// survey round wins over a year, and a year over a dated report: the
// survey is the comparable series, the others are annotations to it.
func choosePeriod(periods []Period, at Period) (Period, bool) {
	if !at.IsZero() && !at.IsYear() {
		return at, slices.Contains(periods, at)
	}
	for _, class := range []func(Period) bool{Period.IsRound, Period.IsYear, Period.IsDated} {
		for i := len(periods) - 1; i >= 0; i-- {
			p := periods[i]
			if class(p) && (at.IsZero() || p.Year == at.Year) {
				return p, true
			}
		}
	}
	return Period{}, false
}

// neighbourRounds finds the survey rounds just before and after p.
func neighbourRounds(periods []Period, p Period) (prev, next Period) {
	for _, q := range periods {
		switch {
		case !q.IsRound():
		case q.ord() < p.ord():
			prev = q
		case q.ord() > p.ord() && next.IsZero():
			next = q
		}
	}
	return prev, next
}

// figuresAt returns the figures of a region-ordered slice for one period.
func figuresAt(figs []Figure, p Period) []Figure {
	i := slices.IndexFunc(figs, func(f Figure) bool { return f.Period == p })
	if i < 0 {
		return nil
	}
	j := i
	for j < len(figs) && figs[j].Period == p {
		j++
	}
	return figs[i:j]
}
