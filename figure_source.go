package tkpkbot

import (
	"strings"
	"unicode"
)

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
