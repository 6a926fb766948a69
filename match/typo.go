package match

import (
	"sort"

	"tkpkbot"
)

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

func suggest(variants []string) Result {
	var best [64]int // per region; 0 = not a candidate, else distance+1
	whole := false   // some candidate is near as a whole name, not only its start
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
			whole = whole || full <= t
			if best[k.region] == 0 || d+1 < best[k.region] {
				best[k.region] = d + 1
				found = true
			}
		}
	}
	if !found {
		return Result{}
	}
	idx := make([]int, 0, len(tkpkbot.Regions))
	for i := range tkpkbot.Regions {
		if best[i] != 0 {
			idx = append(idx, i)
		}
	}
	// Stable keeps Regions order among equally near names.
	sort.SliceStable(idx, func(a, b int) bool { return best[idx[a]] < best[idx[b]] })
	if len(idx) > maxSuggestions {
		idx = idx[:maxSuggestions]
	}
	m := Result{Kind: Suggest, Candidates: make([]tkpkbot.Region, len(idx)), OnlyPrefix: !whole}
	for j, i := range idx {
		m.Candidates[j] = tkpkbot.Regions[i]
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
