package figures

import (
	"math"

	"tkpkbot"
)

// familyRank puts BPS, the official statistic, ahead of other families.
func familyRank(source string) int {
	if tkpkbot.SourceFamily(source) == "BPS" {
		return 0
	}
	return 1
}

// base is the value in the indicator's smallest unit, so counts in ribu
// jiwa and jiwa compare.
func base(f tkpkbot.Figure) float64 {
	if f.Unit == tkpkbot.UnitRibuJiwa {
		return f.Value * 1000
	}
	return f.Value
}

// sameValue reports two figures that state the same number: 221,34 ribu
// jiwa and 221.340 jiwa agree. The tolerance only absorbs float noise.
func sameValue(a, b tkpkbot.Figure) bool {
	if _, ok := a.InUnit(b.Unit); !ok {
		return false
	}
	x, y := base(a), base(b)
	return math.Abs(x-y) <= 1e-9*math.Max(math.Abs(x), math.Abs(y))
}
