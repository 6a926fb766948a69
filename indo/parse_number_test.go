package indo

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

var countOK = []struct {
	in   string
	want int64
}{
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

var countBad = []struct{ in, want string }{
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
	for _, tc := range countOK {
		got, err := ParseCount(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseCount(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, tc := range countBad {
		got, err := ParseCount(tc.in)
		if err == nil {
			t.Errorf("ParseCount(%q) = %d, want error %q", tc.in, got, tc.want)
			continue
		}
		checkFriendly(t, tc.in, err)
		if err.Error() != tc.want {
			t.Errorf("ParseCount(%q) error = %q, want %q", tc.in, err, tc.want)
		}
	}
}

func FuzzParseCount(f *testing.F) {
	for _, tc := range countOK {
		f.Add(tc.in)
	}
	for _, tc := range countBad {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseCount(s)
		if err != nil {
			checkFriendly(t, s, err)
			return
		}
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
	})
}

type decimalCase struct {
	in    string
	value float64
	dec   int
}

var decimalOK = []decimalCase{
	{"37,80", 37.8, 2},
	{"37.80", 37.8, 2},
	{"5,78", 5.78, 2},
	{"0,989", 0.989, 3},
	{"0.989", 0.989, 3},
	{"1.234,56", 1234.56, 2},
	{"1,234.56", 1234.56, 2},
	{"1.234.567", 1234567, 0},
	{"1,234,567", 1234567, 0},
	{"1 234,5", 1234.5, 1},
	{"221340", 221340, 0},
	{"221.340,0", 221340, 1},
	{"1234.567", 1234.567, 3},
	{"-0,33", -0.33, 2},
	{"+0,33", 0.33, 2},
	{"−9.730,5", -9730.5, 1},
	{"-0", 0, 0},
	{"0", 0, 0},
	{" 10,84 ", 10.84, 2},
	{"10,8400", 10.84, 4},
}

var decimalBad = []struct{ in, want string }{
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
	for _, tc := range decimalOK {
		v, d, err := ParseDecimal(tc.in)
		if err != nil || v != tc.value || d != tc.dec {
			t.Errorf("ParseDecimal(%q) = %v, %d, %v; want %v, %d", tc.in, v, d, err, tc.value, tc.dec)
		}
	}
	for _, tc := range decimalBad {
		v, d, err := ParseDecimal(tc.in)
		if err == nil {
			t.Errorf("ParseDecimal(%q) = %v, %d; want error %q", tc.in, v, d, tc.want)
			continue
		}
		checkFriendly(t, tc.in, err)
		if err.Error() != tc.want {
			t.Errorf("ParseDecimal(%q) error = %q, want %q", tc.in, err, tc.want)
		}
	}
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

func FuzzParseDecimal(f *testing.F) {
	for _, tc := range decimalOK {
		f.Add(tc.in)
	}
	for _, tc := range decimalBad {
		f.Add(tc.in)
	}
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
