package tkpkbot

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MatchKind says how sure MatchRegion is.
type MatchKind int

const (
	// MatchNone: nothing plausible; show the region list.
	MatchNone MatchKind = iota
	// MatchExact: a name, alias, code or unique prefix; safe to act on.
	MatchExact
	// MatchAmbiguous: several regions fit equally ("kutai"); ask back.
	MatchAmbiguous
	// MatchSuggest: looks like a typo; offer "Maksud Anda …?" and never
	// act on it without the user's click.
	MatchSuggest
)

func (k MatchKind) String() string {
	switch k {
	case MatchExact:
		return "exact"
	case MatchAmbiguous:
		return "ambiguous"
	case MatchSuggest:
		return "suggest"
	}
	return "none"
}

// RegionMatch is the outcome of matching user input against Regions.
// Region is set only for MatchExact; Candidates only for MatchAmbiguous (in
// Regions order) and MatchSuggest (best first, at most maxSuggestions).
type RegionMatch struct {
	Kind       MatchKind
	Region     Region
	Candidates []Region
}

const (
	// Longer input is not a region name; bail out before doing any work
	// so a pasted essay or a wall of emoji costs nothing.
	maxMatchInput = 200
	// Below this a prefix ("pa", "ku") says too little to act on.
	minPrefixLen   = 3
	maxSuggestions = 3
	// Free-text scanning looks at one Telegram message at most.
	maxTextInput = 4096
)

// namePrefixes are administrative words people put before a name. Longest
// first so "kabupaten" is tried before "kab".
var namePrefixes = []string{"kabupaten", "propinsi", "provinsi", "kota", "prov", "prop", "kab", "kot"}

type nameKey struct {
	key    string
	region int
}

var (
	// exactKeys maps normalised names, official names, aliases and BPS
	// codes to an index in Regions.
	exactKeys map[string]int
	// kemendagriKeys maps Kemendagri codes written without the dot
	// ("6407") to an index in Regions.
	kemendagriKeys map[string]int
	// nameKeys are the texts prefixes and typos are measured against.
	// Codes are left out: "640" would prefix every region.
	nameKeys []nameKey
	// maxNameKeyLen lets the typo search skip input that is too long to
	// be within any threshold of any name.
	maxNameKeyLen int
	// maxRegionWords bounds the n-grams FindRegionInText tries.
	maxRegionWords int
)

func init() {
	if len(Regions) > 64 {
		panic("tkpkbot: MatchRegion keeps region sets in a uint64")
	}
	exactKeys = make(map[string]int)
	kemendagriKeys = make(map[string]int)
	addExact := func(s string, i int) {
		k := normKey(s)
		if j, dup := exactKeys[k]; dup && j != i {
			panic("tkpkbot: region key " + k + " is shared by two regions")
		}
		exactKeys[k] = i
	}
	addName := func(s string, i int) {
		addExact(s, i)
		k := normKey(s)
		nameKeys = append(nameKeys, nameKey{k, i})
		maxNameKeyLen = max(maxNameKeyLen, len(k))
		maxRegionWords = max(maxRegionWords, len(splitWords(s)))
	}
	for i, r := range Regions {
		addName(r.Name, i)
		addName(r.Official, i)
		for _, a := range r.Aliases {
			addName(a, i)
		}
		addExact(r.Code, i)
		kemendagriKeys[normKey(r.KemendagriCode)] = i
		if r.Kind == KindProvinsi {
			// "provinsi" on its own can only mean this province.
			addName("provinsi", i)
			addName("propinsi", i)
		}
	}
}

// MatchRegion matches what a user typed for a region: a name, an official
// name ("Kota Samarinda", "kab. paser"), an alias ("Kukar"), a BPS code
// ("6472"), a Kemendagri code ("64.72"), or a unique prefix of at least three
// letters ("bali"). Case, spaces and punctuation are ignored. Several
// regions sharing a prefix give MatchAmbiguous; near misses give
// MatchSuggest.
func MatchRegion(input string) RegionMatch {
	if len(input) > maxMatchInput {
		return RegionMatch{}
	}
	input = strings.TrimSpace(input)
	if isDottedCode(input) {
		// BPS never writes its codes with a dot, so a dotted code is
		// Kemendagri's, even where the same digits are another region's
		// BPS code (64.02 is Kutai Kartanegara, BPS 6402 is Kutai Barat).
		if i, ok := kemendagriKeys[normKey(input)]; ok {
			return exact(i)
		}
		return RegionMatch{}
	}
	var buf [maxMatchInput]byte
	n := string(appendNormString(buf[:0], input))
	if n == "" {
		return RegionMatch{}
	}
	if isDigits(n) {
		if i, ok := exactKeys[n]; ok {
			return exact(i)
		}
		if i, ok := kemendagriKeys[n]; ok {
			return exact(i)
		}
		return RegionMatch{}
	}

	var vbuf [4]string
	variants := append(vbuf[:0], n)
	for _, p := range namePrefixes {
		if len(n) > len(p) && strings.HasPrefix(n, p) && len(variants) < len(vbuf) {
			variants = append(variants, n[len(p):])
		}
	}

	for _, v := range variants {
		if i, ok := exactKeys[v]; ok {
			return exact(i)
		}
	}

	// Prefixes: a set of region indexes as a bitmask keeps this
	// allocation-free and the result in Regions order.
	var hits uint64
	for _, v := range variants {
		if len(v) < minPrefixLen {
			continue
		}
		for _, k := range nameKeys {
			if strings.HasPrefix(k.key, v) {
				hits |= 1 << k.region
			}
		}
	}
	switch {
	case hits == 0:
	case hits&(hits-1) == 0:
		for i := range Regions {
			if hits == 1<<i {
				return exact(i)
			}
		}
	default:
		m := RegionMatch{Kind: MatchAmbiguous}
		for i := range Regions {
			if hits&(1<<i) != 0 {
				m.Candidates = append(m.Candidates, Regions[i])
			}
		}
		return m
	}

	return suggest(variants)
}

func exact(i int) RegionMatch {
	return RegionMatch{Kind: MatchExact, Region: Regions[i]}
}

// typoThreshold is the largest edit distance still read as a typo: one slip
// in a short name, more in a long one.
func typoThreshold(n int) int {
	switch {
	case n <= 5:
		return 1
	case n <= 10:
		return 2
	}
	return 3
}

// Prefix typos ("kutai kartneg") are only trusted on input long enough that
// a prefix says something; on short input every name would be near.
const minPrefixTypoLen = 5

func suggest(variants []string) RegionMatch {
	var best [64]int // per region; 0 = not a candidate, else distance+1
	found := false
	for _, v := range variants {
		if len(v) < minPrefixLen || len(v) > maxNameKeyLen+3 || !hasLetter(v) {
			continue
		}
		t := typoThreshold(len(v))
		for _, k := range nameKeys {
			full, pre := editDistance(v, k.key, t)
			d := full
			if len(v) >= minPrefixTypoLen && pre < d {
				d = pre
			}
			if d > t {
				continue
			}
			if best[k.region] == 0 || d+1 < best[k.region] {
				best[k.region] = d + 1
				found = true
			}
		}
	}
	if !found {
		return RegionMatch{}
	}
	idx := make([]int, 0, len(Regions))
	for i := range Regions {
		if best[i] != 0 {
			idx = append(idx, i)
		}
	}
	// Stable keeps Regions order among equally near names.
	sort.SliceStable(idx, func(a, b int) bool { return best[idx[a]] < best[idx[b]] })
	if len(idx) > maxSuggestions {
		idx = idx[:maxSuggestions]
	}
	m := RegionMatch{Kind: MatchSuggest, Candidates: make([]Region, len(idx))}
	for j, i := range idx {
		m.Candidates[j] = Regions[i]
	}
	return m
}

// editDistance returns the optimal-string-alignment (restricted
// Damerau-Levenshtein) distance between a and b, and the smallest distance
// between a and any prefix of b at least minPrefixTypoLen-1 long. Both are
// capped at limit+1: once a whole row exceeds limit nothing can come back
// under it, so the loop stops early.
func editDistance(a, b string, limit int) (full, prefix int) {
	// Region names are under 30 bytes and suggest skips input much
	// longer than that, so small rows suffice.
	const maxLen = 64
	if len(a) >= maxLen || len(b) >= maxLen {
		return limit + 1, limit + 1
	}
	// Three rows: the transposition rule looks two rows back. Fixed
	// arrays keep the matcher allocation-free.
	var r0, r1, r2 [maxLen]int
	prev2, prev, cur := r0[:len(b)+1], r1[:len(b)+1], r2[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			rowMin = min(rowMin, d)
		}
		if rowMin > limit {
			return limit + 1, limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	// prev now holds the last row: distances from a to each prefix of b.
	full = min(prev[len(b)], limit+1)
	prefix = limit + 1
	for j := max(minPrefixTypoLen-1, 1); j <= len(b); j++ {
		prefix = min(prefix, prev[j])
	}
	return full, prefix
}

// FindRegionInText finds a region named in a free-text question such as
// "berapa penduduk miskin di kukar 2023?" and returns the text without that
// mention. Only exact names, official names, aliases and BPS codes count:
// prefixes and typos would fire on ordinary words ("sama", "pas").
// A kabupaten/kota wins over the province when both are named ("samarinda,
// kaltim" is about Samarinda); otherwise the longest mention, then the
// first.
func FindRegionInText(text string) (RegionMatch, string) {
	if len(text) > maxTextInput {
		return RegionMatch{}, text
	}
	words := splitWords(text)
	nb, offs := normWords(text, words, appendNorm)

	bestRegion, bestStart, bestEnd, bestWords := -1, 0, 0, 0
	better := func(region, nw int) bool {
		if bestRegion < 0 {
			return true
		}
		dist, bestDist := Regions[region].Kind != KindProvinsi, Regions[bestRegion].Kind != KindProvinsi
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
		return RegionMatch{}, text
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

// percentWords and countWords steer FindIndicatorInText between the
// percentage and the head-count variant of the same indicator.
var (
	percentWords = map[string]bool{"persen": true, "persentase": true, "prosentase": true, "tingkat": true}
	countWords   = map[string]bool{"jiwa": true, "orang": true, "jumlah": true, "banyak": true, "warga": true}
)

// FindIndicatorInText finds the indicator a free-text question asks about.
// The longest matching phrase wins ("garis kemiskinan" over "kemiskinan"),
// then the first. A word like "persen" or "jiwa" elsewhere in the question
// switches between the count and the percentage: "berapa persen penduduk
// miskin" asks for P0, not the head count.
func FindIndicatorInText(text string) (IndicatorInfo, bool) {
	if len(text) > maxTextInput {
		return IndicatorInfo{}, false
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
		return IndicatorInfo{}, false
	}
	in := Indicators[best].Indicator
	switch {
	case in == IndMiskin && hasPercent:
		in = IndP0
	case in == IndP0 && hasCount && !hasPercent:
		in = IndMiskin
	case in == IndEkstremJiwa && hasPercent:
		in = IndEkstremPersen
	case in == IndEkstremPersen && hasCount && !hasPercent:
		in = IndEkstremJiwa
	}
	for _, info := range Indicators {
		if info.Indicator == in {
			return info, true
		}
	}
	return Indicators[best], true
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

// normKey lowercases s and drops everything but letters and digits, so
// "Kutai-Kartanegara", "KutaiKartanegara" and "kutai kartanegara." agree.
func normKey(s string) string {
	var buf [64]byte
	return string(appendNormString(buf[:0], s))
}

func appendNormString(b []byte, s string) []byte {
	for _, r := range s {
		b = appendNorm(b, r)
	}
	return b
}

func appendNorm(b []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return append(b, byte(r))
		case r >= 'A' && r <= 'Z':
			return append(b, byte(r+'a'-'A'))
		}
		return b
	}
	// Phone keyboards in CJK mode type fullwidth Latin ("ｋｕｋａｒ").
	if r >= 0xFF01 && r <= 0xFF5E {
		return appendNorm(b, r-0xFEE0)
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return utf8.AppendRune(b, unicode.ToLower(r))
	}
	return b
}

func isDigits[S string | []byte](s S) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

func hasLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return true
		}
	}
	return false
}

// isDottedCode reports whether s looks like "64.72": digits and dots only,
// with at least one dot between digits.
func isDottedCode(s string) bool {
	s = strings.TrimRight(s, ".")
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			if i == 0 || s[i-1] == '.' {
				return false
			}
			dot = true
		case c < '0' || c > '9':
			return false
		}
	}
	return dot
}
