package indo

import "strings"

// MaxRupiah is the largest amount ParseRupiah accepts, Rp1.000 triliun: no
// regional budget comes near it, so anything larger is a typing slip (an
// extra group of zeros) and saying so beats storing it.
const MaxRupiah int64 = 1_000_000_000_000_000

// rupiahUnits maps the words people type after a number to the power of
// ten they stand for. "m" is miliar, as in Indonesian usage, never million.
var rupiahUnits = map[string]int{
	"rb": 3, "ribu": 3, "k": 3,
	"jt": 6, "juta": 6,
	"m": 9, "miliar": 9, "milyar": 9,
	"t": 12, "tn": 12, "triliun": 12,
}

var pow10 = [...]uint64{1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
	1_000_000_000, 10_000_000_000, 100_000_000_000, 1_000_000_000_000}

// ParseRupiah reads an amount of rupiah as it is typed in chats and forms:
// "Rp1.250.000", "Rp. 1.250.000,-", "1.250.000,00", "rp1250000",
// "1,25 jt", "1.5 juta", "250 rb", "2 M", "2 miliar". The result is exact:
// scaled digits are shifted as text, never multiplied as floats, and an
// amount that would leave a fraction of a rupiah ("1,2345678 jt") is
// refused. Dots group thousands and a comma is the decimal separator; before
// a unit, a single dot not followed by exactly three digits is a decimal
// point too, because "1.5 juta" cannot mean anything else.
func ParseRupiah(s string) (int64, error) {
	s = strings.ToLower(clean(s))
	if len(s) > maxNumberLen {
		return 0, fail("Nominalnya terlalu panjang. Tulis angkanya saja, misalnya Rp1.250.000.")
	}
	negative := func() (int64, error) {
		return 0, fail("Nominal tidak boleh negatif. Tulis 0 atau lebih, misalnya Rp1.250.000.")
	}
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
		return negative()
	}
	for _, p := range []string{"rp", "idr"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = strings.TrimPrefix(strings.TrimPrefix(rest, "."), " ")
			break
		}
	}
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
		return negative()
	}
	// A full stop after the amount or after an abbreviation ("1,5 jt.")
	// ends the sentence; it is not part of the number.
	s = strings.TrimSpace(strings.TrimSuffix(s, "."))
	// ",-" and ".-" close an amount on receipts and letters; they mean
	// "no cents", exactly like ",00".
	for _, p := range []string{",-", ".-"} {
		if rest, ok := strings.CutSuffix(s, p); ok {
			s = rest
			break
		}
	}
	s = strings.TrimSpace(strings.TrimSuffix(s, "rupiah"))

	j := len(s)
	for j > 0 && 'a' <= s[j-1] && s[j-1] <= 'z' {
		j--
	}
	word, num := s[j:], strings.TrimSpace(s[:j])
	exp := 0
	if word != "" {
		e, ok := rupiahUnits[word]
		if !ok {
			return 0, fail("Tulis nominal dengan angka, boleh dengan satuan rb, jt, atau M, misalnya Rp1.250.000 atau 1,25 jt.")
		}
		exp = e
	}
	if num == "" {
		return 0, fail("Tulis nominal rupiah dengan angka, misalnya Rp1.250.000 atau 1,25 jt.")
	}

	n, p := scanNumeral(num)
	switch {
	case p == numChars:
		return 0, fail("Tulis nominal dengan angka, boleh dengan satuan rb, jt, atau M, misalnya Rp1.250.000 atau 1,25 jt.")
	case p == numGroups:
		return 0, fail("Pemisah ribuan harus diikuti tepat 3 angka, misalnya Rp1.250.000.")
	case n.ambiguous && n.dec == '.':
		n = n.asThousands()
	case n.dec == '.' && !n.mixed && exp == 0:
		return 0, fail("Titik dipakai untuk pemisah ribuan dan harus diikuti tepat 3 angka, misalnya Rp1.250.000.")
	}

	frac := strings.TrimRight(n.fracPart, "0")
	if len(frac) > exp {
		return 0, fail("Nominal rupiah harus bulat, tanpa sen. Tulis misalnya Rp1.250.000 atau 1,25 jt.")
	}
	tooBig := func() (int64, error) {
		return 0, fail("Nominal itu terlalu besar, lebih dari Rp1.000 triliun. Periksa lagi jumlah nolnya, misalnya Rp1.250.000.")
	}
	whole, ok := parseDigits(n.intPart)
	if !ok || whole > uint64(MaxRupiah)/pow10[exp] {
		return tooBig()
	}
	part, _ := parseDigits(frac) // at most 12 digits, cannot overflow
	v := whole*pow10[exp] + part*pow10[exp-len(frac)]
	if v > uint64(MaxRupiah) {
		return tooBig()
	}
	return int64(v), nil
}
