package match

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

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
