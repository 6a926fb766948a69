package figures

import (
	"cmp"
	"math"
	"slices"

	"tkpkbot"
)

// coreIndicators are the ones every card accounts for: a card says which
// of them it has no value for. Extreme poverty is yearly and separate, so
// its absence is not news.
var coreIndicators = []tkpkbot.Indicator{tkpkbot.IndMiskin, tkpkbot.IndP0, tkpkbot.IndP1, tkpkbot.IndP2, tkpkbot.IndGK}

// Card gathers what /angka shows for one region. A zero at asks for the
// latest period, a year alone (Month 0) for the latest period in that
// year, anything else for exactly that period. When there is no data for
// at, the Card has no Figures but still lists Periods.
func (x *Index) Card(code string, at tkpkbot.Period) tkpkbot.Card {
	reg, _ := tkpkbot.RegionByCode(code)
	figs, side := x.poverty[code], x.side[code]
	c := tkpkbot.Card{Region: reg, Periods: distinctPeriods(figs)}
	p, ok := choosePeriod(c.Periods, at)
	if !ok {
		// A period with only IPM, TPT or Gini (Kutai Barat's IPM 2022)
		// still gets a card, of those alone.
		if p, ok = choosePeriod(distinctPeriods(side), at); !ok {
			return c
		}
	}
	c.Period = p
	c.Prev, c.Next = neighbourRounds(c.Periods, p)

	b := cardBuilder{card: &c, shown: map[tkpkbot.Indicator]int{}}
	b.add(figuresAt(figs, p), true)
	if !p.IsYear() {
		// A yearly figure describes the whole year the period is in.
		b.add(figuresAt(figs, tkpkbot.Period{Year: p.Year}), false)
	}
	for _, f := range figs {
		// Dated reports that came after the card's period, before the
		// next survey, are the "recent different number" readers must see.
		if f.Period.IsDated() && f.Period.Order() > p.Order() && (c.Next.IsZero() || f.Period.Order() < c.Next.Order()) {
			c.Others = append(c.Others, f)
		}
	}
	b.order()

	for _, f := range c.Figures {
		// A dated report is one office's count on one day, not a survey
		// round repeated every year: the same day a year earlier is no
		// baseline, even when some report happens to have it.
		if f.Period.IsDated() {
			c.Changes = append(c.Changes, nil)
			continue
		}
		c.Changes = append(c.Changes, change(f, figuresAt(figs, f.Period.YearEarlier())))
	}
	// Nor does a dated report promise the survey's indicators, so the
	// ones it lacks are not "missing".
	for _, in := range coreIndicators {
		if _, ok := b.shown[in]; !ok && !p.IsDated() {
			c.Missing = append(c.Missing, in)
		}
	}
	c.Supporting, c.SupportingChanges = supportingFor(side, p, c.Periods, &c.Others)
	if reg.Kind != tkpkbot.KindProvinsi {
		if i, ok := b.shown[tkpkbot.IndP0]; ok {
			// First among one is no ranking.
			if r := x.rank(c.Figures[i]); r.Count >= 2 {
				c.Rank = r
			}
		}
		if i, ok := b.shown[tkpkbot.IndMiskin]; ok {
			c.Share = x.share(c.Figures[i])
		}
	}
	return c
}

// isSupporting marks IPM, TPT and Gini (tkpkbot.IndicatorInfo.Supporting).
var isSupporting = func() map[tkpkbot.Indicator]bool {
	m := map[tkpkbot.Indicator]bool{}
	for _, in := range tkpkbot.Indicators {
		m[in.Indicator] = in.Supporting
	}
	return m
}()

// splitSupporting parts one region's figures (in figureOrder) into the
// poverty figures, which decide a card's period, and the supporting ones;
// both keep their order.
func splitSupporting(figs []tkpkbot.Figure) (poverty, side []tkpkbot.Figure) {
	for _, f := range figs {
		if isSupporting[f.Indicator] {
			side = append(side, f)
		} else {
			poverty = append(poverty, f)
		}
	}
	return poverty, side
}

// supportingFor picks, per supporting indicator, the value a card of p
// shows under "Indikator lain": one of p itself (a Gini ratio of the same
// round), else of p's year (IPM), else of another round of that year that
// is not a poverty round of its own (TPT's August). A Gini ratio of the
// other poverty round belongs on that round's card. Other sources'
// differing values for the same cell go to others.
func supportingFor(side []tkpkbot.Figure, p tkpkbot.Period, povertyPeriods []tkpkbot.Period, others *[]tkpkbot.Figure) ([]tkpkbot.Figure, []*tkpkbot.Change) {
	if p.IsDated() {
		return nil, nil
	}
	rank := func(q tkpkbot.Period) int {
		switch {
		case q == p:
			return 0
		case q.IsYear():
			return 1
		}
		return 2
	}
	best := map[tkpkbot.Indicator]int{}
	for i, f := range side {
		q := f.Period
		if q.Year != p.Year || q.IsDated() || q != p && q.IsRound() && slices.Contains(povertyPeriods, q) {
			continue
		}
		j, ok := best[f.Indicator]
		if !ok || rank(q) < rank(side[j].Period) {
			best[f.Indicator] = i
		}
	}
	var figs []tkpkbot.Figure
	for _, in := range tkpkbot.Indicators {
		if j, ok := best[in.Indicator]; ok {
			figs = append(figs, side[j])
		}
	}
	var changes []*tkpkbot.Change
	for _, f := range figs {
		for _, g := range figuresAt(side, f.Period) {
			if g.Indicator == f.Indicator && g.Source != f.Source && !sameValue(g, f) {
				*others = append(*others, g)
			}
		}
		changes = append(changes, change(f, figuresAt(side, f.Period.YearEarlier())))
	}
	return figs, changes
}

type cardBuilder struct {
	card  *tkpkbot.Card
	shown map[tkpkbot.Indicator]int // index into card.Figures
}

// add takes one period's figures (in figureOrder): the preferred value per
// indicator becomes a headline unless one is shown already; the rest are
// agreeing sources or differing others. Only the card's own period yields
// agreeing sources: agreement is reassurance about the headline.
func (b *cardBuilder) add(figs []tkpkbot.Figure, own bool) {
	c := b.card
	for i, f := range figs {
		first := i == 0 || figs[i-1].Indicator != f.Indicator
		j, shown := b.shown[f.Indicator]
		switch {
		case first && !shown:
			b.shown[f.Indicator] = len(c.Figures)
			c.Figures = append(c.Figures, f)
		case sameValue(f, c.Figures[j]):
			if own && !slices.Contains(c.Agreeing, f.Source) && !b.headlineSource(f.Source) {
				c.Agreeing = append(c.Agreeing, f.Source)
			}
		default:
			c.Others = append(c.Others, f)
		}
	}
}

func (b *cardBuilder) headlineSource(s string) bool {
	return slices.ContainsFunc(b.card.Figures, func(f tkpkbot.Figure) bool { return f.Source == s })
}

// order groups the headlines by period (the card's first) and then by
// source, in the order sources first appear, so each group gets one
// source line. The index in shown is rebuilt to match.
func (b *cardBuilder) order() {
	c := b.card
	firstSeen := map[string]int{}
	for i, f := range c.Figures {
		k := f.Period.Key() + "|" + f.Source
		if _, ok := firstSeen[k]; !ok {
			firstSeen[k] = i
		}
	}
	slices.SortStableFunc(c.Figures, func(a, b tkpkbot.Figure) int {
		pa, pb := a.Period != c.Period, b.Period != c.Period
		switch {
		case pa != pb && !pa:
			return -1
		case pa != pb:
			return 1
		}
		return firstSeen[a.Period.Key()+"|"+a.Source] - firstSeen[b.Period.Key()+"|"+b.Source]
	})
	for i, f := range c.Figures {
		b.shown[f.Indicator] = i
	}
	slices.SortStableFunc(c.Others, figureOrder)
}

// change measures f against the year-earlier figures of its indicator:
// the same source if it is there, else the same family. Across families
// a difference would mix methods, so there is no change then.
func change(f tkpkbot.Figure, earlier []tkpkbot.Figure) *tkpkbot.Change {
	var from *tkpkbot.Figure
	for i := range earlier {
		e := &earlier[i]
		if e.Indicator != f.Indicator || tkpkbot.SourceFamily(e.Source) != tkpkbot.SourceFamily(f.Source) {
			continue
		}
		if from == nil || e.Source == f.Source {
			from = e
		}
	}
	if from == nil {
		return nil
	}
	v, ok := from.InUnit(f.Unit)
	if !ok {
		return nil
	}
	dec := f.Decimals
	if from.Unit == f.Unit {
		dec = max(dec, from.Decimals)
	}
	return &tkpkbot.Change{From: *from, Delta: roundTo(f.Value-v, dec), Decimals: dec}
}

// roundTo removes float noise (4,30 − 4,81 = −0,5099999…) so a change
// that rounds to zero is exactly zero.
func roundTo(v float64, decimals int) float64 {
	p := math.Pow(10, float64(min(decimals, 15)))
	r := math.Round(v*p) / p
	if r == 0 {
		return 0 // no -0
	}
	return r
}

// preferred returns each region's preferred figure from a cell, in
// Regions order.
func preferred(cellFigs []tkpkbot.Figure) []tkpkbot.Figure {
	var out []tkpkbot.Figure
	for i, f := range cellFigs {
		if i == 0 || f.RegionCode != cellFigs[i-1].RegionCode {
			out = append(out, f)
		}
	}
	return out
}

func (x *Index) rank(f tkpkbot.Figure) *tkpkbot.Rank {
	r := &tkpkbot.Rank{Position: 1, Total: len(tkpkbot.Regions) - 1}
	for _, g := range preferred(x.cells[cell{f.Indicator, f.Period}]) {
		if g.RegionCode == tkpkbot.ProvinceCode {
			continue
		}
		r.Count++
		if base(g) > base(f) && !sameValue(g, f) {
			r.Position++
		}
		if fam := tkpkbot.SourceFamily(g.Source); !slices.Contains(r.Families, fam) {
			r.Families = append(r.Families, fam)
		}
	}
	slices.SortFunc(r.Families, func(a, b string) int {
		return cmp.Or(cmp.Compare(familyRank(a), familyRank(b)), cmp.Compare(a, b))
	})
	return r
}

func (x *Index) share(f tkpkbot.Figure) *tkpkbot.Share {
	fam := tkpkbot.SourceFamily(f.Source)
	for _, g := range x.cells[cell{f.Indicator, f.Period}] {
		if g.RegionCode != tkpkbot.ProvinceCode || tkpkbot.SourceFamily(g.Source) != fam {
			continue
		}
		if base(g) <= 0 {
			return nil
		}
		return &tkpkbot.Share{Percent: base(f) / base(g) * 100, Province: g}
	}
	return nil
}
