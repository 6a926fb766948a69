package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"tkpkbot"
)

// RegionInText finds a region named in a free-text question such as
// "berapa penduduk miskin di kukar 2023?" and returns the text without that
// mention. Only exact names, official names, aliases and BPS codes count:
// prefixes and typos would fire on ordinary words ("sama", "pas").
// A kabupaten/kota wins over the province when both are named ("samarinda,
// kaltim" is about Samarinda); otherwise the longest mention, then the
// first.
func RegionInText(text string) (Result, string) {
	if len(text) > maxTextInput {
		return Result{}, text
	}
	words := splitWords(text)
	nb, offs := normWords(text, words, appendNorm)

	bestRegion, bestStart, bestEnd, bestWords := -1, 0, 0, 0
	better := func(region, nw int) bool {
		if bestRegion < 0 {
			return true
		}
		dist, bestDist := tkpkbot.Regions[region].Kind != tkpkbot.KindProvinsi, tkpkbot.Regions[bestRegion].Kind != tkpkbot.KindProvinsi
		if dist != bestDist {
			return dist
		}
		return nw > bestWords
	}
	for nw := min(maxRegionWords, len(words)); nw >= 1; nw-- {
		for i := 0; i+nw <= len(words); i++ {
			key := nb[offs[i]:offs[i+nw]]
			if len(key) == 0 {
				continue
			}
			// Bare numbers are years and counts far more often than
			// codes, so only a single four-digit BPS code counts.
			if isDigits(key) && (nw > 1 || len(key) != 4) {
				continue
			}
			region, ok := exactKeys[string(key)]
			if !ok && !isDigits(key) {
				for _, p := range namePrefixes {
					if len(key) > len(p) && string(key[:len(p)]) == p {
						if region, ok = exactKeys[string(key[len(p):])]; ok {
							break
						}
					}
				}
			}
			if ok && better(region, nw) {
				bestRegion, bestStart, bestEnd, bestWords = region, words[i].start, words[i+nw-1].end, nw
			}
		}
	}
	if bestRegion < 0 {
		return Result{}, text
	}
	// Punctuation left stranded by the cut ("samarinda, kaltim") carries
	// nothing for the caller's next parser, so it goes too.
	fields := strings.Fields(text[:bestStart] + " " + text[bestEnd:])
	kept := fields[:0]
	for _, f := range fields {
		if strings.IndexFunc(f, func(r rune) bool { return isWordRune(r) || r == '%' }) >= 0 {
			kept = append(kept, f)
		}
	}
	return exact(bestRegion), strings.Join(kept, " ")
}

// percentWords and countWords steer IndicatorInText between the
// percentage and the head-count variant of the same indicator.
var (
	percentWords = map[string]bool{"persen": true, "persentase": true, "prosentase": true, "tingkat": true}
	countWords   = map[string]bool{"jiwa": true, "orang": true, "jumlah": true, "banyak": true, "warga": true}
)

// IndicatorInText finds the indicator a free-text question asks about.
// The longest matching phrase wins ("garis kemiskinan" over "kemiskinan"),
// then the first. A word like "persen" or "jiwa" elsewhere in the question
// switches between the count and the percentage: "berapa persen penduduk
// miskin" asks for P0, not the head count.
func IndicatorInText(text string) (tkpkbot.IndicatorInfo, bool) {
	if len(text) > maxTextInput {
		return tkpkbot.IndicatorInfo{}, false
	}
	words := splitWords(text)
	nb, offs := normWords(text, words, appendNormIndicator)
	hasPercent, hasCount := false, false
	for i := range words {
		w := nb[offs[i]:offs[i+1]]
		hasPercent = hasPercent || percentWords[string(w)]
		hasCount = hasCount || countWords[string(w)]
	}
	best, bestLen := -1, 0
	for nw := min(maxIndicatorWords, len(words)); nw >= 1; nw-- {
		for i := 0; i+nw <= len(words); i++ {
			key := nb[offs[i]:offs[i+nw]]
			if k, ok := indicatorKeys[string(key)]; ok && len(key) > bestLen {
				best, bestLen = k, len(key)
			}
		}
	}
	if best < 0 {
		return tkpkbot.IndicatorInfo{}, false
	}
	in := tkpkbot.Indicators[best].Indicator
	switch {
	case in == tkpkbot.IndMiskin && hasPercent:
		in = tkpkbot.IndP0
	case in == tkpkbot.IndP0 && hasCount && !hasPercent:
		in = tkpkbot.IndMiskin
	case in == tkpkbot.IndEkstremJiwa && hasPercent:
		in = tkpkbot.IndEkstremPersen
	case in == tkpkbot.IndEkstremPersen && hasCount && !hasPercent:
		in = tkpkbot.IndEkstremJiwa
	}
	if info, ok := tkpkbot.IndicatorByCode(in); ok {
		return info, true
	}
	return tkpkbot.Indicators[best], true
}

type span struct{ start, end int }

// normWords normalises every word into one buffer so that words i..j-1
// are the contiguous bytes nb[offs[i]:offs[j]]: an n-gram key is a slice,
// never a new string.
func normWords(text string, words []span, appendFn func([]byte, rune) []byte) (nb []byte, offs []int) {
	nb = make([]byte, 0, len(text)+8)
	offs = make([]int, 1, len(words)+1)
	for _, w := range words {
		for _, r := range text[w.start:w.end] {
			nb = appendFn(nb, r)
		}
		offs = append(offs, len(nb))
	}
	return nb, offs
}

// splitWords splits text into runs of letters and digits; "%" is a word of
// its own because it carries meaning ("berapa %").
func splitWords(text string) []span {
	var out []span
	start := -1
	for i, r := range text {
		word := isWordRune(r)
		if start >= 0 && !word {
			out = append(out, span{start, i})
			start = -1
		}
		if r == '%' {
			out = append(out, span{i, i + 1})
			continue
		}
		if start < 0 && word {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(text)})
	}
	return out
}

func isWordRune(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') ||
		r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
