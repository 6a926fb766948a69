package indo

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// isApostrophe reports the marks inside words such as "Jum'at": dropping
// them rather than turning them into spaces keeps the word whole.
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', '`', '´':
		return true
	}
	return false
}

// clean trims s and turns each run of Unicode white space into one ASCII
// space: phones insert no-break spaces, spreadsheets thin ones, and people
// type two spaces by accident.
func clean(s string) string {
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c <= ' ' && (c != ' ' || i == 0 || i == len(s)-1 || s[i-1] == ' ')) {
			simple = false
			break
		}
	}
	if simple {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	gap := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			gap = true
			continue
		}
		if gap && b.Len() > 0 {
			b.WriteByte(' ')
		}
		gap = false
		b.WriteRune(r)
	}
	return b.String()
}
