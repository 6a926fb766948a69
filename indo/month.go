package indo

import (
	"strings"
	"time"
)

// MonthWord reads one word as a month name, the way dates and periods are
// read: Indonesian, English or old spellings, any case, and prefixes of
// three letters or more ("Mar", "sept", "Des."). Callers use it to tell a
// month typed without its year from a word that is no period at all.
func MonthWord(w string) (time.Month, bool) {
	return lookupMonth(dropApostrophes(strings.ToLower(strings.TrimSpace(w))))
}
