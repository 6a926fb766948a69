package match

import (
	"strings"

	"tkpkbot"
)

// Kind says how sure Region is.
type Kind int

const (
	// None: nothing plausible; show the region list.
	None Kind = iota
	// Exact: a name, alias, code or unique prefix; safe to act on.
	Exact
	// Ambiguous: several regions fit equally ("kutai"); ask back.
	Ambiguous
	// Suggest: looks like a typo; offer "Maksud Anda …?" and never
	// act on it without the user's click.
	Suggest
)

func (k Kind) String() string {
	switch k {
	case Exact:
		return "exact"
	case Ambiguous:
		return "ambiguous"
	case Suggest:
		return "suggest"
	}
	return "none"
}

// Result is the outcome of matching user input against tkpkbot.Regions.
// Region is set only for Exact; Candidates only for Ambiguous (in Regions
// order) and Suggest (best first, at most maxSuggestions).
type Result struct {
	Kind       Kind
	Region     tkpkbot.Region
	Candidates []tkpkbot.Region
	// OnlyPrefix marks a Suggest whose every candidate is near only to the
	// start of a name ("sekda" to "sendawar"): a hint where a region is
	// expected, too weak to call a word in free text a misspelt region.
	OnlyPrefix bool
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
	// codes to an index in tkpkbot.Regions.
	exactKeys map[string]int
	// kemendagriKeys maps Kemendagri codes written without the dot
	// ("6407") to an index in tkpkbot.Regions.
	kemendagriKeys map[string]int
	// nameKeys are the texts prefixes and typos are measured against.
	// Codes are left out: "640" would prefix every region.
	nameKeys []nameKey
	// maxNameKeyLen lets the typo search skip input that is too long to
	// be within any threshold of any name.
	maxNameKeyLen int
	// maxRegionWords bounds the n-grams RegionInText tries.
	maxRegionWords int
)

func init() {
	if len(tkpkbot.Regions) > 64 {
		panic("match: Region keeps region sets in a uint64")
	}
	exactKeys = make(map[string]int)
	kemendagriKeys = make(map[string]int)
	addExact := func(s string, i int) {
		k := normKey(s)
		if j, dup := exactKeys[k]; dup && j != i {
			panic("match: region key " + k + " is shared by two regions")
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
	for i, r := range tkpkbot.Regions {
		addName(r.Name, i)
		addName(r.Official, i)
		for _, a := range r.Aliases {
			addName(a, i)
		}
		addExact(r.Code, i)
		kemendagriKeys[normKey(r.KemendagriCode)] = i
		if r.Kind == tkpkbot.KindProvinsi {
			// "provinsi" on its own can only mean this province.
			addName("provinsi", i)
			addName("propinsi", i)
		}
	}
}

// Region matches what a user typed for a region: a name, an official
// name ("Kota Samarinda", "kab. paser"), an alias ("Kukar"), a BPS code
// ("6472"), a Kemendagri code ("64.72"), or a unique prefix of at least three
// letters ("bali"). Case, spaces and punctuation are ignored. Several
// regions sharing a prefix give Ambiguous; near misses give
// Suggest.
func Region(input string) Result {
	if len(input) > maxMatchInput {
		return Result{}
	}
	input = strings.TrimSpace(input)
	if isDottedCode(input) {
		// BPS never writes its codes with a dot, so a dotted code is
		// Kemendagri's, even where the same digits are another region's
		// BPS code (64.02 is Kutai Kartanegara, BPS 6402 is Kutai Barat).
		if i, ok := kemendagriKeys[normKey(input)]; ok {
			return exact(i)
		}
		return Result{}
	}
	var buf [maxMatchInput]byte
	n := string(appendNormString(buf[:0], input))
	if n == "" {
		return Result{}
	}
	if isDigits(n) {
		if i, ok := exactKeys[n]; ok {
			return exact(i)
		}
		if i, ok := kemendagriKeys[n]; ok {
			return exact(i)
		}
		return Result{}
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
		for i := range tkpkbot.Regions {
			if hits == 1<<i {
				return exact(i)
			}
		}
	default:
		m := Result{Kind: Ambiguous}
		for i := range tkpkbot.Regions {
			if hits&(1<<i) != 0 {
				m.Candidates = append(m.Candidates, tkpkbot.Regions[i])
			}
		}
		return m
	}

	return suggest(variants)
}

func exact(i int) Result {
	return Result{Kind: Exact, Region: tkpkbot.Regions[i]}
}
