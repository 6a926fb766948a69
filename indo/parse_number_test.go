package indo

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

var countOK = []accepts[int64]{
	{"1250", 1250},
	{"1.250", 1250},
	{"1 250", 1250},
	{" 12 ", 12},
	{"1.250.000", 1250000},
	{"1 250 000", 1250000},
	{"1\u00a0250", 1250},
	{"0", 0},
	{"007", 7},
	{"999", 999},
	{"9.223.372.036.854.775.807", math.MaxInt64},
}

var countBad = []refuses{
	{"", "Tulis jumlahnya dengan angka, misalnya 1.250."},
	{"   ", "Tulis jumlahnya dengan angka, misalnya 1.250."},
	{"-3", "Jumlah tidak boleh negatif. Tulis angka 0 atau lebih, misalnya 1.250."},
	{"−3", "Jumlah tidak boleh negatif. Tulis angka 0 atau lebih, misalnya 1.250."},
	{"abc", "Tulis angka bulat tanpa huruf, misalnya 1.250."},
	{"12 orang", "Tulis angka bulat tanpa huruf, misalnya 1.250."},
	{"+5", "Tulis angka bulat saja tanpa simbol, misalnya 1.250."},
	{"1.250?", "Tulis angka bulat saja tanpa simbol, misalnya 1.250."},
	{"1,5", "Tulis angka bulat tanpa koma, misalnya 1.250."},
	{"1,250", "Tulis angka bulat tanpa koma, misalnya 1.250."},
	{"1.250,00", "Tulis angka bulat tanpa koma, misalnya 1.250."},
	{"1,250,000", "Tulis angka bulat tanpa koma, misalnya 1.250."},
	{"1,25,0", "Tulis angka bulat tanpa koma, misalnya 1.250."},
	{"1.25", "Titik hanya untuk pemisah ribuan dan harus diikuti tepat 3 angka. Tulis angka bulat, misalnya 1.250."},
	{"12.5", "Titik hanya untuk pemisah ribuan dan harus diikuti tepat 3 angka. Tulis angka bulat, misalnya 1.250."},
	{"1.2500", "Titik hanya untuk pemisah ribuan dan harus diikuti tepat 3 angka. Tulis angka bulat, misalnya 1.250."},
	{"1.25.000", "Pemisah ribuan harus diikuti tepat 3 angka, misalnya 1.250 atau 1.250.000."},
	{"1..250", "Pemisah ribuan harus diikuti tepat 3 angka, misalnya 1.250 atau 1.250.000."},
	{".250", "Pemisah ribuan harus diikuti tepat 3 angka, misalnya 1.250 atau 1.250.000."},
	{"1.", "Pemisah ribuan harus diikuti tepat 3 angka, misalnya 1.250 atau 1.250.000."},
	{"1 25", "Pemisah ribuan harus diikuti tepat 3 angka, misalnya 1.250 atau 1.250.000."},
	{"1.250 000", "Pemisah ribuan harus diikuti tepat 3 angka, misalnya 1.250 atau 1.250.000."},
	{"1250.000.000", "Pemisah ribuan harus diikuti tepat 3 angka, misalnya 1.250 atau 1.250.000."},
	{"9223372036854775808", "Angkanya terlalu besar. Periksa lagi jumlah digitnya, misalnya 1.250."},
	{"99999999999999999999999", "Angkanya terlalu besar. Periksa lagi jumlah digitnya, misalnya 1.250."},
	{strings.Repeat("1", 100), "Angkanya terlalu panjang. Tulis jumlahnya saja, misalnya 1.250."},
}

func TestParseCount(t *testing.T) {
	checkParse(t, "ParseCount", ParseCount, countOK, countBad)
}

func FuzzParseCount(f *testing.F) {
	fuzzParse(f, ParseCount, countOK, countBad, func(t *testing.T, s string, n int64) {
		if n < 0 {
			t.Fatalf("ParseCount(%q) = %d, negative", s, n)
		}
		for _, back := range []string{Int(n), strconv.FormatInt(n, 10)} {
			if m, err := ParseCount(back); err != nil || m != n {
				t.Fatalf("ParseCount(%q) = %d but ParseCount(%q) = %d, %v", s, n, back, m, err)
			}
		}
		// Whatever was accepted has no comma and no letter: a count
		// must never be guessed out of "1,5" or "12 orang".
		if strings.ContainsAny(s, ",abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			t.Fatalf("ParseCount(%q) = %d, accepted a comma or letter", s, n)
		}
		// The answer to "how many KK" is read at least as leniently.
		if m, err := ParseCountOf(s, "KK"); err != nil || m != n {
			t.Fatalf("ParseCount(%q) = %d but ParseCountOf gives %d, %v", s, n, m, err)
		}
	})
}

// decimalValue is what ParseDecimal reads: the value and the decimals it
// was written with.
type decimalValue struct {
	value float64
	dec   int
}

// decimalOf is ParseDecimal with its results as one value, for the tables.
func decimalOf(s string) (decimalValue, error) {
	v, d, err := ParseDecimal(s)
	return decimalValue{v, d}, err
}

var decimalOK = []accepts[decimalValue]{
	{"37,80", decimalValue{37.8, 2}},
	{"37.80", decimalValue{37.8, 2}},
	{"5,78", decimalValue{5.78, 2}},
	{"0,989", decimalValue{0.989, 3}},
	{"0.989", decimalValue{0.989, 3}},
	{"1.234,56", decimalValue{1234.56, 2}},
	{"1,234.56", decimalValue{1234.56, 2}},
	{"1.234.567", decimalValue{1234567, 0}},
	{"1,234,567", decimalValue{1234567, 0}},
	{"1 234,5", decimalValue{1234.5, 1}},
	{"221340", decimalValue{221340, 0}},
	{"221.340,0", decimalValue{221340, 1}},
	{"1234.567", decimalValue{1234.567, 3}},
	{"-0,33", decimalValue{-0.33, 2}},
	{"+0,33", decimalValue{0.33, 2}},
	{"−9.730,5", decimalValue{-9730.5, 1}},
	{"-0", decimalValue{0, 0}},
	{"0", decimalValue{0, 0}},
	{" 10,84 ", decimalValue{10.84, 2}},
	{"10,8400", decimalValue{10.84, 4}},
}

var decimalBad = []refuses{
	{"728.208", "Angka 728.208 ambigu: bisa ribuan (728208) atau desimal (728 koma 208). Hapus pemisah ribuannya, misalnya 728208, atau tambahkan angka desimal, misalnya 728,2080."},
	{"1,250", "Angka 1,250 ambigu: bisa ribuan (1250) atau desimal (1 koma 250). Hapus pemisah ribuannya, misalnya 1250, atau tambahkan angka desimal, misalnya 1,2500."},
	{"", "Tulis angkanya, misalnya 37,80."},
	{"-", "Tulis angkanya, misalnya 37,80."},
	{"abc", "Tulis angka tanpa huruf atau simbol, misalnya 37,80."},
	{"37,80%", "Tulis angka tanpa huruf atau simbol, misalnya 37,80."},
	{"1e5", "Tulis angka tanpa huruf atau simbol, misalnya 37,80."},
	{"--1", "Tulis angka tanpa huruf atau simbol, misalnya 37,80."},
	{"1.2.3", "Pemisah ribuan harus diikuti tepat 3 angka dan koma desimal hanya satu, misalnya 1.234,56."},
	{"1,2,3", "Pemisah ribuan harus diikuti tepat 3 angka dan koma desimal hanya satu, misalnya 1.234,56."},
	{"1.234,5,6", "Pemisah ribuan harus diikuti tepat 3 angka dan koma desimal hanya satu, misalnya 1.234,56."},
	{"1,234.5.6", "Pemisah ribuan harus diikuti tepat 3 angka dan koma desimal hanya satu, misalnya 1.234,56."},
	{"12.34,5", "Pemisah ribuan harus diikuti tepat 3 angka dan koma desimal hanya satu, misalnya 1.234,56."},
	{"1 234.567 8", "Pemisah ribuan harus diikuti tepat 3 angka dan koma desimal hanya satu, misalnya 1.234,56."},
	{",5", "Pemisah ribuan harus diikuti tepat 3 angka dan koma desimal hanya satu, misalnya 1.234,56."},
	{strings.Repeat("9", 65), "Angkanya terlalu panjang. Tulis angkanya saja, misalnya 37,80."},
}

func TestParseDecimal(t *testing.T) {
	checkParse(t, "ParseDecimal", decimalOf, decimalOK, decimalBad)
	if v, _, _ := ParseDecimal("-0"); math.Signbit(v) {
		t.Errorf("ParseDecimal(\"-0\") is negative zero")
	}
}

func TestParseDecimalHint(t *testing.T) {
	for _, tc := range []struct {
		in        string
		thousands bool
		value     float64
		dec       int
	}{
		{"728.208", true, 728208, 0},
		{"728.208", false, 728.208, 3},
		{"1,250", true, 1250, 0},
		{"1,250", false, 1.25, 3},
		{"0,989", true, 0.989, 3},
		{"37,80", true, 37.8, 2},
		{"1.234.567", false, 1234567, 0},
		{"1.234,567", true, 1234.567, 3},
	} {
		v, d, err := ParseDecimalHint(tc.in, tc.thousands)
		if err != nil || v != tc.value || d != tc.dec {
			t.Errorf("ParseDecimalHint(%q, %v) = %v, %d, %v; want %v, %d", tc.in, tc.thousands, v, d, err, tc.value, tc.dec)
		}
	}
}

// FuzzParseDecimal checks the hinted parse too, errors included, so it
// runs its own body rather than fuzzParse's.
func FuzzParseDecimal(f *testing.F) {
	seedParse(f, decimalOK, decimalBad)
	f.Fuzz(func(t *testing.T, s string) {
		v, d, err := ParseDecimal(s)
		hv, hd, herr := ParseDecimalHint(s, true)
		if (err == nil) && (herr != nil || hv != v || hd != d) {
			t.Fatalf("ParseDecimal(%q) = %v, %d but the hinted parse gives %v, %d, %v", s, v, d, hv, hd, herr)
		}
		if err != nil {
			checkFriendly(t, s, err)
			if herr != nil {
				checkFriendly(t, s, herr)
			}
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) || d < 0 || d > maxNumberLen {
			t.Fatalf("ParseDecimal(%q) = %v, %d out of bounds", s, v, d)
		}
		// Printing with the decimals read and parsing again gives the same
		// value, as long as the digits fit in a float64 exactly enough.
		digits := 0
		for _, c := range s {
			if '0' <= c && c <= '9' {
				digits++
			}
		}
		if digits > 15 || d > maxDecimals {
			return
		}
		out := Decimal(v, d)
		back, bd, err := ParseDecimalHint(out, d == 0)
		if err != nil || back != v || bd != d {
			t.Fatalf("ParseDecimal(%q) = %v, %d; Decimal gives %q which parses as %v, %d, %v", s, v, d, out, back, bd, err)
		}
	})
}

var countOfOK = []accepts[int64]{
	{"12", 12},
	{"12 KK", 12},
	{"12 kk", 12},
	{"12KK", 12},
	{"12 Kk", 12},
	{"12 KK.", 12},
	{"12.", 12},
	{"12 K.K.", 12},
	{"± 12", 12},
	{"±12", 12},
	{"+- 12", 12},
	{"+/- 12 KK", 12},
	{"sekitar 12", 12},
	{"Sekitar 12 KK.", 12},
	{"kurang lebih 1.250 KK", 1250},
	{"kira-kira 40", 40},
	{"kl. 40 kk", 40},
	{"1.250.", 1250},
	{" 0 KK ", 0},
	{"12\u00a0KK", 12},
}

var countOfBad = []refuses{
	{"", "Tulis jumlah KK dengan angka, misalnya 12 atau 1.250."},
	{"KK", "Tulis jumlah KK dengan angka, misalnya 12 atau 1.250."},
	{"sekitar", "Tulis jumlah KK dengan angka, misalnya 12 atau 1.250."},
	{"12 orang", "Yang ditanyakan jumlah KK, bukan jumlah orang. Tulis jumlah KK dengan angka, misalnya 12."},
	{"45 jiwa", "Yang ditanyakan jumlah KK, bukan jumlah orang. Tulis jumlah KK dengan angka, misalnya 12."},
	{"10-12", "Tulis satu angka saja, bukan rentang. Jika ragu, tulis perkiraan terdekat, misalnya 12."},
	{"10 s/d 12 KK", "Tulis satu angka saja, bukan rentang. Jika ragu, tulis perkiraan terdekat, misalnya 12."},
	{"10 sampai 12", "Tulis satu angka saja, bukan rentang. Jika ragu, tulis perkiraan terdekat, misalnya 12."},
	{"dua belas", "Tulis jumlah KK dengan angka saja, misalnya 12 atau 1.250."},
	{"lebih dari 12", "Tulis jumlah KK dengan angka saja, misalnya 12 atau 1.250."},
	{"12 KK 3 RT", "Tulis jumlah KK dengan angka saja, misalnya 12 atau 1.250."},
	{"klaster 12", "Tulis jumlah KK dengan angka saja, misalnya 12 atau 1.250."},
	{"kk 12", "Tulis jumlah KK dengan angka saja, misalnya 12 atau 1.250."},
	{"± -3", "Jumlah tidak boleh negatif. Tulis angka 0 atau lebih, misalnya 1.250."},
	{"1,5 KK", "Tulis angka bulat tanpa koma, misalnya 1.250."},
	{"1.25 KK", "Titik hanya untuk pemisah ribuan dan harus diikuti tepat 3 angka. Tulis angka bulat, misalnya 1.250."},
	{"12 KK?", "Tulis jumlah KK dengan angka saja, misalnya 12 atau 1.250."},
	{"12?", "Tulis angka bulat saja tanpa simbol, misalnya 1.250."},
	{strings.Repeat("1", 100) + " KK", "Angkanya terlalu panjang. Tulis jumlahnya saja, misalnya 1.250."},
}

// countOfKK is ParseCountOf asked for a number of households.
func countOfKK(s string) (int64, error) { return ParseCountOf(s, "KK") }

func TestParseCountOf(t *testing.T) {
	checkParse(t, "ParseCountOf", countOfKK, countOfOK, countOfBad)
	// Whatever the strict parser takes, the lenient one takes the same way.
	checkParse(t, "ParseCountOf", countOfKK, countOK, nil)
}

func FuzzParseCountOf(f *testing.F) {
	fuzzParse(f, countOfKK, countOfOK, countOfBad, func(t *testing.T, s string, n int64) {
		if n < 0 {
			t.Fatalf("ParseCountOf(%q) = %d, negative", s, n)
		}
		// The value is made of the digits typed, in order, and nothing
		// else: the unit and the estimate mark carry no digits, and a
		// count is never guessed out of "1,5" or "10-12".
		var digits strings.Builder
		for _, c := range s {
			if '0' <= c && c <= '9' {
				digits.WriteRune(c)
			}
		}
		if want := strings.TrimLeft(digits.String(), "0"); want != strings.TrimLeft(strconv.FormatInt(n, 10), "0") {
			t.Fatalf("ParseCountOf(%q) = %d, not the digits typed (%q)", s, n, digits.String())
		}
		if strings.ContainsAny(s, ",") {
			t.Fatalf("ParseCountOf(%q) = %d, accepted a comma", s, n)
		}
		for _, back := range []string{Int(n), Int(n) + " KK", "± " + Int(n)} {
			if m, err := countOfKK(back); err != nil || m != n {
				t.Fatalf("ParseCountOf(%q) = %d but ParseCountOf(%q) = %d, %v", s, n, back, m, err)
			}
		}
	})
}
