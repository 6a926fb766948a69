package tkpkbot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Indicator names a poverty measure.
type Indicator string

const (
	IndMiskin        Indicator = "miskin"         // jumlah penduduk miskin (ribu jiwa or jiwa)
	IndP0            Indicator = "p0"             // persentase penduduk miskin (%)
	IndP1            Indicator = "p1"             // indeks kedalaman kemiskinan
	IndP2            Indicator = "p2"             // indeks keparahan kemiskinan
	IndGK            Indicator = "gk"             // garis kemiskinan (Rp/kapita/bulan)
	IndEkstremPersen Indicator = "ekstrem_persen" // persentase kemiskinan ekstrem (%)
	IndEkstremJiwa   Indicator = "ekstrem_jiwa"   // jumlah penduduk miskin ekstrem (jiwa)
	IndIPM           Indicator = "ipm"            // Indeks Pembangunan Manusia (indeks, yearly)
	IndTPT           Indicator = "tpt"            // Tingkat Pengangguran Terbuka (%, Sakernas August round)
	IndGini          Indicator = "gini"           // Rasio Gini (rasio, March and September rounds)
)

// Units of figure values.
const (
	UnitRibuJiwa = "ribu jiwa"
	UnitJiwa     = "jiwa"
	UnitPersen   = "persen"
	UnitIndeks   = "indeks"
	UnitRupiahKB = "Rp/kapita/bulan"
	UnitRasio    = "rasio"
)

// Period is a BPS survey round (a month: 3 or 9 for Susenas, 8 for the
// Sakernas labour survey), a year (Month 0) or a dated report (Day > 0).
// Which months are rounds depends on the indicator (IndicatorInfo.Rounds).
type Period struct {
	Year  int
	Month int
	Day   int
}

// Key is the period's stable text form: "2024-03", "2023", "2024-12-03".
func (p Period) Key() string {
	switch {
	case p.Month == 0:
		return fmt.Sprintf("%04d", p.Year)
	case p.Day == 0:
		return fmt.Sprintf("%04d-%02d", p.Year, p.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", p.Year, p.Month, p.Day)
}

// Before orders periods in time; a year counts as its end.
func (p Period) Before(q Period) bool {
	return p.ord() < q.ord()
}

// Order is a number that sorts periods as Before does, for charts and
// other code that wants a plain integer key.
func (p Period) Order() int { return p.ord() }

func (p Period) ord() int {
	m, d := p.Month, p.Day
	if m == 0 {
		m, d = 12, 31
	}
	return p.Year*10000 + m*100 + d
}

// IsZero reports the zero Period, which requests ask for as "the latest".
func (p Period) IsZero() bool { return p == Period{} }

// IsYear reports a whole-year period such as an annual extreme-poverty
// figure; as a request it means "the latest period within that year".
func (p Period) IsYear() bool { return p.Year != 0 && p.Month == 0 }

// IsRound reports a survey round (a month without a day).
func (p Period) IsRound() bool { return p.Month != 0 && p.Day == 0 }

// IsDated reports a figure tied to a report's date rather than a survey.
func (p Period) IsDated() bool { return p.Day != 0 }

// YearEarlier is the same period one year before, what a yearly change is
// measured against.
func (p Period) YearEarlier() Period { p.Year--; return p }

// ParsePeriodKey reads back what Key prints, and nothing else: it is for
// keys stored in the database and in button data, not for typed text
// (indo.ParsePeriod reads that).
func ParsePeriodKey(s string) (Period, bool) {
	num := func(t string) (int, bool) {
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(t)
		return n, err == nil
	}
	var p Period
	var ok bool
	switch len(s) {
	case 4:
		p.Year, ok = num(s)
	case 7, 10:
		if s[4] != '-' || len(s) == 10 && s[7] != '-' {
			return Period{}, false
		}
		var okM, okD bool
		p.Year, ok = num(s[:4])
		p.Month, okM = num(s[5:7])
		okD = true
		if len(s) == 10 {
			p.Day, okD = num(s[8:])
		}
		ok = ok && okM && okD && p.Month >= 1 && p.Month <= 12 && (len(s) == 7 || p.Day >= 1 && p.Day <= 31)
	}
	if !ok || p.Year < 1 {
		return Period{}, false
	}
	return p, true
}

// Figure is one value for one region, period and indicator, with its source.
// Two sources may disagree; both are kept.
type Figure struct {
	RegionCode string
	Period     Period
	Indicator  Indicator
	Value      float64
	Decimals   int // as printed by the source, so 37,80 stays 37,80
	Unit       string
	Source     string
}

// ImportResult counts what loading a set of figures did. A value is
// identified by region, period, indicator and source; Changed counts
// those whose value, decimals or unit differed.
type ImportResult struct {
	Added, Changed, Unchanged int
}

// Why a set of figures is not imported. The import is all-or-nothing, so
// one rejected figure rejects the set; it comes as a FigureRejectedError.
var (
	ErrNoFigures      = &Error{Code: EINVALID, Reason: "no_figures"}
	ErrFigureRejected = &Error{Code: EINVALID, Reason: "figure_rejected"}
)

// FigureProblem is what is wrong with a rejected figure.
type FigureProblem string

const (
	FigureRegionUnknown    FigureProblem = "region_unknown"
	FigurePeriodInvalid    FigureProblem = "period_invalid"
	FigureIndicatorUnknown FigureProblem = "indicator_unknown"
	FigureValueInvalid     FigureProblem = "value_invalid" // NaN, infinite or negative
	FigureDecimalsInvalid  FigureProblem = "decimals_invalid"
	FigureUnitUnknown      FigureProblem = "unit_unknown"
	FigureSourceEmpty      FigureProblem = "source_empty"
	// FigureDuplicate: same region, period, indicator and source as the
	// figure numbered Same.
	FigureDuplicate FigureProblem = "duplicate"
)

// FigureProblems lists every FigureProblem, for the test that each is worded.
var FigureProblems = []FigureProblem{
	FigureRegionUnknown, FigurePeriodInvalid, FigureIndicatorUnknown, FigureValueInvalid,
	FigureDecimalsInvalid, FigureUnitUnknown, FigureSourceEmpty, FigureDuplicate,
}

// FigureRejectedError is ErrFigureRejected for the N-th figure (counting
// from 1, as the admin counts rows), with the figure so its sentence can
// quote the bad field.
type FigureRejectedError struct {
	N       int
	Figure  Figure
	Problem FigureProblem
	Same    int // for FigureDuplicate, the earlier figure's N
}

func (e *FigureRejectedError) Error() string {
	return fmt.Sprintf("%s: figure %d: %s %+v", ErrFigureRejected.Error(), e.N, e.Problem, e.Figure)
}

func (e *FigureRejectedError) Unwrap() error { return ErrFigureRejected }

// FigureService loads and stores poverty figures. Reading them for chat
// is figures.Index's job: the whole set fits in memory.
type FigureService interface {
	// Figures returns every stored figure, which is what an in-memory
	// copy is built from.
	Figures(ctx context.Context) ([]Figure, error)
	// ImportFigures stores figs all-or-nothing: values already stored
	// under the same region, period, indicator and source are replaced.
	ImportFigures(ctx context.Context, figs []Figure) (ImportResult, error)
}

// SourceFamily is who produced a value, whoever relayed it: "BPS" for
// "BPS, via prokal.co" and "BPS Kaltim, rilis 1 Juli 2024", else the
// source up to its first comma ("Dinas Sosial Kaltim"). Values are only
// compared or combined within one family, so a BPS survey figure is never
// set against a department's own count.
func SourceFamily(source string) string {
	s := strings.TrimSpace(source)
	if len(s) >= 3 && strings.EqualFold(s[:3], "BPS") && (len(s) == 3 || !isLetterOrDigit(rune(s[3]))) {
		return "BPS"
	}
	if i := strings.IndexByte(s, ','); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return s
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// InUnit converts f's value to unit, which only works between ribu jiwa
// and jiwa; any other pair must already agree.
func (f Figure) InUnit(unit string) (float64, bool) {
	switch {
	case f.Unit == unit:
		return f.Value, true
	case f.Unit == UnitRibuJiwa && unit == UnitJiwa:
		return f.Value * 1000, true
	case f.Unit == UnitJiwa && unit == UnitRibuJiwa:
		return f.Value / 1000, true
	}
	return 0, false
}
