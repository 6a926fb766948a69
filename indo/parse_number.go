package indo

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxNumberLen caps typed numbers: nothing real is longer, and the cap
// keeps messages from echoing or processing pasted essays.
const maxNumberLen = 64

// numeral is a non-negative number as typed, split at its decimal separator
// with the thousands separators removed.
type numeral struct {
	intPart  string // ASCII digits, never empty
	fracPart string // ASCII digits after the decimal separator
	dec      byte   // the decimal separator as typed: '.', ',' or 0 for none
	// ambiguous marks "1.250" and "1,250": a single separator followed by
	// exactly three digits after a 1–3 digit integer, which is a thousands
	// group in Indonesian and a decimal in English. The caller decides.
	ambiguous bool
	// mixed marks that both '.' and ',' appear, which settles which one is
	// the decimal separator.
	mixed bool
}

// asThousands reads an ambiguous numeral's separator as a thousands dot.
func (n numeral) asThousands() numeral {
	return numeral{intPart: n.intPart + n.fracPart}
}

type numProblem int

const (
	numOK     numProblem = iota
	numChars             // something other than digits, '.', ',' and spaces
	numGroups            // separators where no convention puts them
)

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isSep(c byte) bool { return c == '.' || c == ',' || c == ' ' }

// scanNumeral reads digits grouped by '.', ',' or ' ' with an optional
// decimal separator. s is clean (trimmed, single spaces) and unsigned.
//
// Rules: when both '.' and ',' appear, the last one is the decimal
// separator and occurs once; a separator that occurs several times groups
// thousands; spaces only ever group; thousands groups have exactly three
// digits after a first group of one to three.
func scanNumeral(s string) (numeral, numProblem) {
	if s == "" {
		return numeral{}, numChars
	}
	var dots, commas, spaces int
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			continue
		case c == '.':
			dots++
		case c == ',':
			commas++
		case c == ' ':
			spaces++
		default:
			return numeral{}, numChars
		}
		if i == 0 || i == len(s)-1 || isSep(s[i-1]) {
			return numeral{}, numGroups
		}
	}

	var dec, grp byte
	single := false
	switch {
	case dots > 0 && commas > 0:
		if spaces > 0 {
			return numeral{}, numGroups
		}
		dec = s[strings.LastIndexAny(s, ".,")]
		grp = '.' + ',' - dec
		if strings.Count(s, string(dec)) != 1 {
			return numeral{}, numGroups
		}
	case dots+commas > 1:
		if spaces > 0 {
			return numeral{}, numGroups
		}
		grp = '.'
		if commas > 0 {
			grp = ','
		}
	case dots+commas == 1:
		dec = '.'
		if commas > 0 {
			dec = ','
		}
		if spaces > 0 {
			grp = ' '
		} else {
			single = true
		}
	case spaces > 0:
		grp = ' '
	}

	n := numeral{intPart: s, dec: dec, mixed: dots > 0 && commas > 0}
	if dec != 0 {
		i := strings.IndexByte(s, dec)
		n.intPart, n.fracPart = s[:i], s[i+1:]
		if strings.IndexFunc(n.fracPart, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
			return numeral{}, numGroups
		}
	}
	if grp != 0 {
		groups := strings.Split(n.intPart, string(grp))
		if len(groups[0]) > 3 {
			return numeral{}, numGroups
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return numeral{}, numGroups
			}
		}
		n.intPart = strings.Join(groups, "")
	}
	if strings.IndexFunc(n.intPart, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
		return numeral{}, numGroups
	}
	n.ambiguous = single && len(n.fracPart) == 3 && len(n.intPart) <= 3 && n.intPart[0] != '0'
	return n, numOK
}

// ParseCount reads a whole number of people, households or activities.
// Dots and spaces group thousands ("1.250", "1 250"); a comma, a sign or a
// dot that is not followed by exactly three digits is refused, because
// "1.25" might be 1,25 or a typo for 1.250 and a count must not be guessed.
func ParseCount(s string) (int64, error) {
	s = clean(s)
	switch {
	case s == "":
		return 0, fail("Tulis jumlahnya dengan angka, misalnya 1.250.")
	case len(s) > maxNumberLen:
		return 0, fail("Angkanya terlalu panjang. Tulis jumlahnya saja, misalnya 1.250.")
	case s[0] == '-' || strings.HasPrefix(s, "−"):
		return 0, fail("Jumlah tidak boleh negatif. Tulis angka 0 atau lebih, misalnya 1.250.")
	}
	n, p := scanNumeral(s)
	switch {
	case p == numChars && strings.ContainsFunc(s, unicode.IsLetter):
		return 0, fail("Tulis angka bulat tanpa huruf, misalnya 1.250.")
	case p == numChars:
		return 0, fail("Tulis angka bulat saja tanpa simbol, misalnya 1.250.")
	case strings.Contains(s, ","):
		// Even "1,250,000", which could only mean thousands: one rule
		// ("no commas") is easier to follow than knowing when they are
		// allowed.
		return 0, fail("Tulis angka bulat tanpa koma, misalnya 1.250.")
	case p == numGroups:
		return 0, fail("Pemisah ribuan harus diikuti tepat 3 angka, misalnya 1.250 atau 1.250.000.")
	case n.ambiguous:
		n = n.asThousands()
	}
	if n.dec == '.' {
		return 0, fail("Titik hanya untuk pemisah ribuan dan harus diikuti tepat 3 angka. Tulis angka bulat, misalnya 1.250.")
	}
	v, ok := parseDigits(n.intPart)
	if !ok || v > 1<<63-1 {
		return 0, fail("Angkanya terlalu besar. Periksa lagi jumlah digitnya, misalnya 1.250.")
	}
	return int64(v), nil
}

// parseDigits reads ASCII digits, ignoring leading zeros, and reports
// overflow of uint64 as !ok.
func parseDigits(d string) (uint64, bool) {
	d = strings.TrimLeft(d, "0")
	if d == "" {
		return 0, true
	}
	if len(d) > 20 {
		return 0, false
	}
	v, err := strconv.ParseUint(d, 10, 64)
	return v, err == nil
}

// ParseDecimal reads a figure from a CSV or a message: "37,80" and "37.80"
// are both (37.8, 2), "1.234,56" and "1,234.56" are (1234.56, 2), and
// "1.234.567" is (1234567, 0). decimals counts the digits written after the
// decimal separator, so a figure prints back as the source printed it.
//
// A single separator followed by exactly three digits ("728.208",
// "1,250") is refused as ambiguous, unless the integer part is 0 ("0,989"
// can only be a decimal); ParseDecimalHint settles such input instead.
// A leading minus is allowed, since changes between periods can be
// negative.
func ParseDecimal(s string) (value float64, decimals int, err error) {
	return parseDecimal(s, false, false)
}

// ParseDecimalHint is ParseDecimal for callers that know how a source writes
// numbers: an ambiguous "728.208" is read as 728208 when thousandsLikely
// (a column of counts of people) and as 728,208 otherwise (a column of
// indices or percentages).
func ParseDecimalHint(s string, thousandsLikely bool) (value float64, decimals int, err error) {
	return parseDecimal(s, true, thousandsLikely)
}

func parseDecimal(s string, hinted, thousands bool) (float64, int, error) {
	s = clean(s)
	if len(s) > maxNumberLen {
		return 0, 0, fail("Angkanya terlalu panjang. Tulis angkanya saja, misalnya 37,80.")
	}
	neg := false
	switch {
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "+"):
		neg = s[0] == '-'
		s = s[1:]
	case strings.HasPrefix(s, "−"):
		neg = true
		s = s[len("−"):]
	}
	if s == "" {
		return 0, 0, fail("Tulis angkanya, misalnya 37,80.")
	}
	n, p := scanNumeral(s)
	switch {
	case p == numChars:
		return 0, 0, fail("Tulis angka tanpa huruf atau simbol, misalnya 37,80.")
	case p == numGroups:
		return 0, 0, fail("Pemisah ribuan harus diikuti tepat 3 angka dan koma desimal hanya satu, misalnya 1.234,56.")
	case n.ambiguous && !hinted:
		// The input is only digits and one separator here, so echoing it
		// is safe in HTML and tells the user which cell is meant.
		return 0, 0, failf("Angka %s ambigu: bisa ribuan (%s) atau desimal (%s koma %s). Hapus pemisah ribuannya, misalnya %s, atau tambahkan angka desimal, misalnya %s,%s0.",
			s, n.intPart+n.fracPart, n.intPart, n.fracPart, n.intPart+n.fracPart, n.intPart, n.fracPart)
	case n.ambiguous && thousands:
		n = n.asThousands()
	}
	lit := n.intPart
	if n.fracPart != "" {
		lit += "." + n.fracPart
	}
	v, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		return 0, 0, fail("Angkanya terlalu besar. Periksa lagi jumlah digitnya, misalnya 37,80.")
	}
	if neg && v != 0 {
		v = -v
	}
	return v, len(n.fracPart), nil
}

// approxPrefixes are how people mark a count as an estimate ("± 12",
// "sekitar 12"). A weekly count of households reached is an estimate
// anyway, so the mark is dropped rather than refused. Longer forms come
// first so "kurang lebih" is not read as a stray "kurang".
var approxPrefixes = []string{
	"kurang lebih", "lebih kurang", "kira-kira", "kira kira", "sekitar", "kurleb", "kl.", "kl",
	"+/-", "+-", "±",
}

// reCountRange spots "10-12" and "10 s/d 12": a range has no single value,
// and picking one end would be a guess.
var reCountRange = regexp.MustCompile(`^\d[\d.]*\s*(-|–|—|s/d|s\.d\.?|sd|sampai|hingga|\.\.)\s*\d[\d.]*$`)

// ParseCountOf is ParseCount for an answer to "how many <unit>": it also
// takes the unit after the number ("12 KK", "12kk", "12 K.K."), an
// estimate mark before it ("± 12", "sekitar 12") and a full stop at the
// end ("12 KK."), because that is how people answer the question in chat.
// Anything else around the number, a range or another unit ("12 orang")
// is refused: those are different answers, not different spellings.
// unit is a short ASCII word such as "KK"; messages name it.
func ParseCountOf(s, unit string) (int64, error) {
	t := strings.ToLower(clean(s))
	if len(t) > maxNumberLen {
		return ParseCount(s)
	}
	t = strings.TrimSpace(strings.TrimSuffix(t, "."))
	if u := strings.ToLower(unit); u != "" {
		dotted := strings.Join(strings.Split(u, ""), ".")
		for _, form := range []string{u, dotted} {
			if rest, ok := strings.CutSuffix(t, form); ok && (rest == "" || isDigit(rest[len(rest)-1]) || rest[len(rest)-1] == ' ') {
				t = strings.TrimSpace(rest)
				break
			}
		}
	}
	for _, p := range approxPrefixes {
		rest, ok := strings.CutPrefix(t, p)
		// A word needs a boundary after it: "kl" must not eat "klaster".
		last, _ := utf8.DecodeLastRuneInString(p)
		if ok && (rest == "" || rest[0] == ' ' || isDigit(rest[0]) || !unicode.IsLetter(last)) {
			t = strings.TrimSpace(rest)
			break
		}
	}
	switch {
	case t == "":
		return 0, failf("Tulis jumlah %s dengan angka, misalnya 12 atau 1.250.", unit)
	case reCountRange.MatchString(t):
		return 0, fail("Tulis satu angka saja, bukan rentang. Jika ragu, tulis perkiraan terdekat, misalnya 12.")
	case strings.Contains(t, "orang") || strings.Contains(t, "jiwa"):
		return 0, failf("Yang ditanyakan jumlah %s, bukan jumlah orang. Tulis jumlah %s dengan angka, misalnya 12.", unit, unit)
	case strings.ContainsFunc(t, unicode.IsLetter):
		return 0, failf("Tulis jumlah %s dengan angka saja, misalnya 12 atau 1.250.", unit)
	}
	return ParseCount(t)
}
