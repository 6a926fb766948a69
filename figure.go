package tkpkbot

import "fmt"

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
)

// Units of figure values.
const (
	UnitRibuJiwa = "ribu jiwa"
	UnitJiwa     = "jiwa"
	UnitPersen   = "persen"
	UnitIndeks   = "indeks"
	UnitRupiahKB = "Rp/kapita/bulan"
)

// Period is a BPS survey round (Month 3 or 9), a year (Month 0) or a dated
// report (Day > 0).
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

func (p Period) ord() int {
	m, d := p.Month, p.Day
	if m == 0 {
		m, d = 12, 31
	}
	return p.Year*10000 + m*100 + d
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

// FigureService reads and loads poverty figures.
type FigureService interface {
}
