package tkpkbot

// Card is what /angka shows for one region: the figures of one period with
// their sources, how they moved in a year, where the region stands, and
// every other source's differing number, so that none is picked silently.
type Card struct {
	Region Region
	// Period is the card's period; zero when there is no data for what
	// was asked (Figures is then empty).
	Period Period
	// Figures are the headline values, one per indicator, in the order
	// they are shown: grouped by period and source, the card's period
	// first. A yearly figure of the card's year joins them for indicators
	// the period itself lacks.
	Figures []Figure
	// Changes holds, for Figures[i], the change against the same period a
	// year earlier from the same source family; nil where unknown and
	// for dated reports, which have no yearly rhythm.
	Changes []*Change
	// Agreeing names other sources that gave the same values for the
	// card's period.
	Agreeing []string
	// Others are other sources' differing values for the card's period,
	// and dated reports published after it and before the next survey
	// round.
	Others []Figure
	// Supporting are the IPM, TPT and Gini values of the card's period or
	// year ("Indikator lain"), one per indicator, each with its own
	// period; SupportingChanges[i] is Supporting[i]'s change over a year,
	// nil where unknown.
	Supporting        []Figure
	SupportingChanges []*Change
	// Missing are the core indicators with no value for the card; empty
	// for a dated report's card, which never promised them.
	Missing []Indicator
	// Rank places the region's P0 among the kabupaten/kota; nil for the
	// province or without a P0.
	Rank *Rank
	// Share is the region's part of the province's poor; nil unless both
	// counts are known for the same period and source family.
	Share *Share
	// Periods lists every period the region has any figure for, oldest
	// first; Prev and Next are the survey rounds around Period (zero when
	// there is none), for stepping through time.
	Periods    []Period
	Prev, Next Period
}

// Change is a headline figure's movement over a year.
type Change struct {
	From     Figure  // the value a year earlier
	Delta    float64 // in the headline figure's unit; negative is a fall
	Decimals int     // worth showing, from both values' precision
}

// Rank is a position among the kabupaten/kota, 1 being the highest value.
// Equal values share a position.
type Rank struct {
	Position int
	Count    int      // kabupaten/kota with a value for the period
	Total    int      // all kabupaten/kota
	Families []string // source families of the compared values
}

// Share is a district's poor as a part of the province's.
type Share struct {
	Percent  float64
	Province Figure
}

// Ranking is the kabupaten/kota ordered by one indicator at one period,
// highest first.
type Ranking struct {
	Indicator Indicator
	Period    Period // zero when no kabupaten/kota has the indicator
	Entries   []RankEntry
	// Missing are the kabupaten/kota without a value for Period.
	Missing []Region
	// Province is the province's value for Period, for reference; its
	// RegionCode is empty when unknown.
	Province Figure
	// Periods lists every period some kabupaten/kota has this indicator
	// for, oldest first.
	Periods []Period
}

// RankEntry is one line of a Ranking.
type RankEntry struct {
	Position int
	Region   Region
	Figure   Figure
}

// Series is one region's values of one indicator over time: one value per
// survey round or year, preferring BPS where sources differ. Dated reports
// are left out: they are one-off numbers, not points of a trend.
type Series struct {
	Region    Region
	Indicator Indicator
	Unit      string // every point is converted to it
	Points    []Figure
}
