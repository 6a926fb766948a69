package match

import "tkpkbot"

// indicatorKeys maps every normalised spelling (code, name, short label,
// alias) to its index in tkpkbot.Indicators.
var indicatorKeys = func() map[string]int {
	m := make(map[string]int)
	add := func(s string, i int) {
		k := normIndicator(s)
		if k == "" {
			return
		}
		if j, dup := m[k]; dup && j != i {
			panic("match: indicator key " + k + " is shared by two indicators")
		}
		m[k] = i
	}
	for i, in := range tkpkbot.Indicators {
		add(string(in.Indicator), i)
		add(in.Name, i)
		add(in.Short, i)
		for _, a := range in.Aliases {
			add(a, i)
		}
	}
	return m
}()

// maxIndicatorWords bounds the n-grams IndicatorInText has to try.
var maxIndicatorWords = func() int {
	n := 1
	for _, in := range tkpkbot.Indicators {
		for _, s := range append([]string{in.Name, in.Short}, in.Aliases...) {
			if w := len(splitWords(s)); w > n {
				n = w
			}
		}
	}
	return n
}()

// Indicator finds an indicator by code, name or alias, ignoring case,
// spaces and punctuation; "%" counts as the word "persen".
func Indicator(s string) (tkpkbot.IndicatorInfo, bool) {
	if len(s) > 200 {
		return tkpkbot.IndicatorInfo{}, false
	}
	i, ok := indicatorKeys[normIndicator(s)]
	if !ok {
		return tkpkbot.IndicatorInfo{}, false
	}
	return tkpkbot.Indicators[i], true
}

// normIndicator is normKey plus "%" → "persen", because "%" is a word for
// users ("ekstrem %") while other punctuation is noise.
func normIndicator(s string) string {
	var buf [64]byte
	b := buf[:0]
	for _, r := range s {
		b = appendNormIndicator(b, r)
	}
	return string(b)
}

func appendNormIndicator(b []byte, r rune) []byte {
	if r == '%' {
		return append(b, "persen"...)
	}
	return appendNorm(b, r)
}
