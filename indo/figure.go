package indo

import (
	"math"

	"tkpkbot"
)

// FigureValue prints a figure's value in its unit the one way the card,
// the rankings and the import notices all show it: "42,84 ribu jiwa",
// "4,30%", "0,799", "Rp782.248".
func FigureValue(v float64, decimals int, unit string) string {
	switch unit {
	case tkpkbot.UnitRibuJiwa:
		return Decimal(v, decimals) + " ribu jiwa"
	case tkpkbot.UnitJiwa:
		return Decimal(v, decimals) + " jiwa"
	case tkpkbot.UnitPersen:
		return Percent(v, decimals)
	case tkpkbot.UnitRupiahKB:
		return Rupiah(int64(math.Round(v)))
	}
	return Decimal(v, decimals)
}

// FigureChange is a non-zero change of a figure: "▼ 0,33 poin",
// "▼ 9,73 ribu jiwa", "▲ Rp43.769". The arrow gives the direction, so the
// number is unsigned; a rise is not called bad or good, since whether it
// is depends on the indicator and the reader knows which. A percentage
// moves in points, not percent.
func FigureChange(delta float64, decimals int, unit string) string {
	arrow := "▲ "
	if delta < 0 {
		arrow = "▼ "
	}
	abs := math.Abs(delta)
	if unit == tkpkbot.UnitPersen {
		return arrow + Decimal(abs, decimals) + " poin"
	}
	return arrow + FigureValue(abs, decimals, unit)
}
