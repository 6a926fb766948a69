package indo

import (
	"strings"
	"testing"
)

var rupiahOK = []accepts[int64]{
	{"Rp1.250.000", 1250000},
	{"Rp 1.250.000", 1250000},
	{"rp1250000", 1250000},
	{"RP 1.250.000", 1250000},
	{"IDR 1.250.000", 1250000},
	{"1250000", 1250000},
	{"1.250.000", 1250000},
	{"1 250 000", 1250000},
	{"1,25 jt", 1250000},
	{"1,25 juta", 1250000},
	{"1,25jt", 1250000},
	{"1.5 juta", 1500000},
	{"1.25 jt", 1250000},
	{"1,2345 jt", 1234500},
	{"1,250 jt", 1250000},
	{"1.250 jt", 1250000000},
	{"1.234,5 jt", 1234500000},
	{"250 rb", 250000},
	{"250 ribu", 250000},
	{"250rb", 250000},
	{"250k", 250000},
	{"2 M", 2000000000},
	{"2 miliar", 2000000000},
	{"2,5 milyar", 2500000000},
	{"1 triliun", 1000000000000},
	{"0", 0},
	{"Rp0", 0},
	{"0 jt", 0},
	{"0,5 rb", 500},
	{"1.250.000,00", 1250000},
	{"1.250.000,-", 1250000},
	{"Rp. 1.250.000,-", 1250000},
	{"Rp1.250.000.", 1250000},
	{"1,5 jt.", 1500000},
	{"Rp 1.250.000,-.", 1250000},
	{"1.250.000 rupiah", 1250000},
	{"Rp 2 juta rupiah", 2000000},
	{"1,234.00", 1234},
	{"1,250,000", 1250000},
	{"Rp1.000.000.000.000.000", MaxRupiah},
	{"1000 t", MaxRupiah},
	{"1.000 triliun", MaxRupiah},
}

var rupiahBad = []refuses{
	{"", "Tulis nominal rupiah dengan angka, misalnya Rp1.250.000 atau 1,25 jt."},
	{"Rp", "Tulis nominal rupiah dengan angka, misalnya Rp1.250.000 atau 1,25 jt."},
	{"jt", "Tulis nominal rupiah dengan angka, misalnya Rp1.250.000 atau 1,25 jt."},
	{"-5000", "Nominal tidak boleh negatif. Tulis 0 atau lebih, misalnya Rp1.250.000."},
	{"-Rp5.000", "Nominal tidak boleh negatif. Tulis 0 atau lebih, misalnya Rp1.250.000."},
	{"Rp-5.000", "Nominal tidak boleh negatif. Tulis 0 atau lebih, misalnya Rp1.250.000."},
	{"Rp -5.000", "Nominal tidak boleh negatif. Tulis 0 atau lebih, misalnya Rp1.250.000."},
	{"abc", "Tulis nominal dengan angka, boleh dengan satuan rb, jt, atau M, misalnya Rp1.250.000 atau 1,25 jt."},
	{"5 kg", "Tulis nominal dengan angka, boleh dengan satuan rb, jt, atau M, misalnya Rp1.250.000 atau 1,25 jt."},
	{"1e6", "Tulis nominal dengan angka, boleh dengan satuan rb, jt, atau M, misalnya Rp1.250.000 atau 1,25 jt."},
	{"satu juta", "Tulis nominal dengan angka, boleh dengan satuan rb, jt, atau M, misalnya Rp1.250.000 atau 1,25 jt."},
	{"1,25", "Nominal rupiah harus bulat, tanpa sen. Tulis misalnya Rp1.250.000 atau 1,25 jt."},
	{"1,250", "Nominal rupiah harus bulat, tanpa sen. Tulis misalnya Rp1.250.000 atau 1,25 jt."},
	{"1.250.000,50", "Nominal rupiah harus bulat, tanpa sen. Tulis misalnya Rp1.250.000 atau 1,25 jt."},
	{"1,2345678 jt", "Nominal rupiah harus bulat, tanpa sen. Tulis misalnya Rp1.250.000 atau 1,25 jt."},
	{"0,0005 rb", "Nominal rupiah harus bulat, tanpa sen. Tulis misalnya Rp1.250.000 atau 1,25 jt."},
	{"1.25", "Titik dipakai untuk pemisah ribuan dan harus diikuti tepat 3 angka, misalnya Rp1.250.000."},
	{"1.2500", "Titik dipakai untuk pemisah ribuan dan harus diikuti tepat 3 angka, misalnya Rp1.250.000."},
	{"1.25.000", "Pemisah ribuan harus diikuti tepat 3 angka, misalnya Rp1.250.000."},
	{"Rp1.250.0000", "Pemisah ribuan harus diikuti tepat 3 angka, misalnya Rp1.250.000."},
	{"1.000.000.000.000.001", "Nominal itu terlalu besar, lebih dari Rp1.000 triliun. Periksa lagi jumlah nolnya, misalnya Rp1.250.000."},
	{"1001 t", "Nominal itu terlalu besar, lebih dari Rp1.000 triliun. Periksa lagi jumlah nolnya, misalnya Rp1.250.000."},
	{"1000,5 t", "Nominal itu terlalu besar, lebih dari Rp1.000 triliun. Periksa lagi jumlah nolnya, misalnya Rp1.250.000."},
	{"99999999999999999999999", "Nominal itu terlalu besar, lebih dari Rp1.000 triliun. Periksa lagi jumlah nolnya, misalnya Rp1.250.000."},
	{strings.Repeat("1", 65), "Nominalnya terlalu panjang. Tulis angkanya saja, misalnya Rp1.250.000."},
}

func TestParseRupiah(t *testing.T) {
	checkParse(t, "ParseRupiah", ParseRupiah, rupiahOK, rupiahBad)
}

func FuzzParseRupiah(f *testing.F) {
	fuzzParse(f, ParseRupiah, rupiahOK, rupiahBad, func(t *testing.T, s string, n int64) {
		if n < 0 || n > MaxRupiah {
			t.Fatalf("ParseRupiah(%q) = %d out of bounds", s, n)
		}
		if back, err := ParseRupiah(Rupiah(n)); err != nil || back != n {
			t.Fatalf("ParseRupiah(%q) = %d but ParseRupiah(%q) = %d, %v", s, n, Rupiah(n), back, err)
		}
		if strings.ContainsAny(s, "-−") && !strings.Contains(s, ",-") && !strings.Contains(s, ".-") {
			t.Fatalf("ParseRupiah(%q) = %d, accepted a minus sign", s, n)
		}
	})
}

func BenchmarkParseRupiah(b *testing.B) {
	for b.Loop() {
		if _, err := ParseRupiah("Rp 1.250.000,-"); err != nil {
			b.Fatal(err)
		}
		if _, err := ParseRupiah("1,25 jt"); err != nil {
			b.Fatal(err)
		}
	}
}
