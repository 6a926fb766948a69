package chart

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// yTicks labels an axis whose range niceRange already snapped to step, so
// every label has the same number of decimals.
type yTicks struct {
	step float64
	dec  int
}

func (t yTicks) Ticks(min, max float64) []plot.Tick {
	var ticks []plot.Tick
	// Integer multiples avoid the drift of repeated float addition.
	for k := math.Round(min / t.step); k*t.step <= max+t.step/1e6; k++ {
		v := multiple(k, t.step, t.dec)
		ticks = append(ticks, plot.Tick{Value: v, Label: formatID(v, t.dec)})
	}
	return ticks
}

// niceRange pads [lo, hi] and widens it to multiples of a 1-2-5 step giving
// about five intervals. It returns the range, the step and how many
// decimals the step needs.
func niceRange(lo, hi float64) (min, max, step float64, dec int) {
	nonNeg := lo >= 0
	if lo == hi {
		// A single value sits mid-axis with ±10 % of itself around it.
		half := math.Abs(hi) / 10
		if half == 0 {
			half = 0.5
		}
		lo, hi = lo-half, hi+half
	}
	pad := (hi - lo) * 0.1
	min, max = lo-pad, hi+pad
	// Counts and percentages cannot be negative; don't suggest they might.
	if nonNeg && min < 0 {
		min = 0
	}
	raw := (max - min) / 5
	exp := math.Floor(math.Log10(raw))
	mag := math.Pow(10, exp)
	step = 10 * mag
	for _, m := range []float64{1, 2, 5} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	if step == 10*mag {
		exp++
	}
	dec = max0(-int(exp))
	return multiple(math.Floor(min/step), step, dec), multiple(math.Ceil(max/step), step, dec), step, dec
}

// multiple returns k·step; dividing by a power of ten instead of
// multiplying by 0.1 keeps 68·0.1 at 6.8 rather than 6.800000000000001.
func multiple(k, step float64, dec int) float64 {
	if dec == 0 {
		return k * step
	}
	p := math.Pow(10, float64(dec))
	return k * math.Round(step*p) / p
}

func max0(n int) int {
	if n < 0 {
		return 0
	}
	return n
}

// formatID writes v the Indonesian way: "." groups thousands and ","
// separates decimals (44.524; 5,78; -1.234,5).
func formatID(v float64, dec int) string {
	s := strconv.FormatFloat(v, 'f', dec, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	out := b.String()
	// Rounding can leave "-0" or "-0,00", which reads as a real negative.
	if neg && strings.Trim(out, "0.,") != "" {
		out = "-" + out
	}
	return out
}
