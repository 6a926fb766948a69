package figcsv

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"tkpkbot"
	"tkpkbot/data"
)

const header = "wilayah,periode,indikator,nilai,satuan,sumber\n"

func parse(t *testing.T, s string) ([]tkpkbot.Figure, error) {
	t.Helper()
	return Parse(strings.NewReader(s))
}

func mustParse(t *testing.T, s string) []tkpkbot.Figure {
	t.Helper()
	figs, err := parse(t, s)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return figs
}

// lineErrors returns the ParseError's lines, failing the test for any other
// outcome.
func lineErrors(t *testing.T, s string) []LineError {
	t.Helper()
	figs, err := parse(t, s)
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("Parse = %d figures, %v; want a *ParseError", len(figs), err)
	}
	if figs != nil {
		t.Errorf("Parse returned %d figures with an error", len(figs))
	}
	return pe.Lines
}

func TestEmbeddedDataset(t *testing.T) {
	figs, err := Parse(bytes.NewReader(data.FiguresCSV))
	if err != nil {
		t.Fatalf("data/figures.csv: %v", err)
	}
	if len(figs) != 208 {
		t.Errorf("%d figures, want 208", len(figs))
	}
	want := []tkpkbot.Figure{
		{RegionCode: "6400", Period: tkpkbot.Period{Year: 2024, Month: 3}, Indicator: tkpkbot.IndP0, Value: 5.78, Decimals: 2, Unit: tkpkbot.UnitPersen, Source: "BPS Kaltim, rilis 1 Juli 2024"},
		{RegionCode: "6472", Period: tkpkbot.Period{Year: 2024, Month: 3}, Indicator: tkpkbot.IndMiskin, Value: 37.80, Decimals: 2, Unit: tkpkbot.UnitRibuJiwa, Source: "BPS, via databoks.katadata.co.id"},
		{RegionCode: "6471", Period: tkpkbot.Period{Year: 2024, Month: 3}, Indicator: tkpkbot.IndGK, Value: 782248, Decimals: 0, Unit: tkpkbot.UnitRupiahKB, Source: "BPS, via prokal.co"},
		{RegionCode: "6405", Period: tkpkbot.Period{Year: 2023, Month: 3}, Indicator: tkpkbot.IndP1, Value: 0.157, Decimals: 3, Unit: tkpkbot.UnitIndeks, Source: "BPS, via a-news.id and berauterkini.co.id"},
		{RegionCode: "6403", Period: tkpkbot.Period{Year: 2024, Month: 3}, Indicator: tkpkbot.IndMiskin, Value: 59, Decimals: 2, Unit: tkpkbot.UnitRibuJiwa, Source: "BPS, via databoks.katadata.co.id"},
		{RegionCode: "6472", Period: tkpkbot.Period{Year: 2024, Month: 12, Day: 3}, Indicator: tkpkbot.IndMiskin, Value: 44524, Unit: tkpkbot.UnitJiwa, Source: "Dinas Sosial Kaltim, rapat TKPK 3 Desember 2024"},
		{RegionCode: "6400", Period: tkpkbot.Period{Year: 2024, Month: 3}, Indicator: tkpkbot.IndMiskin, Value: 221340, Unit: tkpkbot.UnitJiwa, Source: "Dinas Sosial Kaltim, rapat TKPK 3 Desember 2024"},
		{RegionCode: "6400", Period: tkpkbot.Period{Year: 2023}, Indicator: tkpkbot.IndEkstremPersen, Value: 0.10, Decimals: 2, Unit: tkpkbot.UnitPersen, Source: "Pemprov Kaltim, via kompas.id"},
		{RegionCode: "6400", Period: tkpkbot.Period{Year: 2023}, Indicator: tkpkbot.IndEkstremJiwa, Value: 3910, Unit: tkpkbot.UnitJiwa, Source: "Pemprov Kaltim, via kompas.id"},
		// "1,015" is a decimal in an index, no longer refused as ambiguous.
		{RegionCode: "6400", Period: tkpkbot.Period{Year: 2020, Month: 3}, Indicator: tkpkbot.IndP1, Value: 1.015, Decimals: 3, Unit: tkpkbot.UnitIndeks, Source: "BPS, via seputarkaltim.kaltimprov.go.id"},
		{RegionCode: "6472", Period: tkpkbot.Period{Year: 2024}, Indicator: tkpkbot.IndIPM, Value: 83.11, Decimals: 2, Unit: tkpkbot.UnitIndeks, Source: "BPS, via temankita.com"},
		{RegionCode: "6474", Period: tkpkbot.Period{Year: 2023, Month: 8}, Indicator: tkpkbot.IndTPT, Value: 7.74, Decimals: 2, Unit: tkpkbot.UnitPersen, Source: "BPS, via kipkaltim.id"},
		{RegionCode: "6400", Period: tkpkbot.Period{Year: 2024, Month: 9}, Indicator: tkpkbot.IndGini, Value: 0.310, Decimals: 3, Unit: tkpkbot.UnitRasio, Source: "BPS, via niaga.asia"},
	}
	for _, w := range want {
		found := false
		for _, f := range figs {
			if f == w {
				found = true
			}
		}
		if !found {
			t.Errorf("missing %+v", w)
		}
	}
	// Two sources for the same region, period and indicator are both kept.
	n := 0
	for _, f := range figs {
		if f.RegionCode == "6400" && f.Period.Key() == "2024-03" && f.Indicator == tkpkbot.IndP0 {
			n++
		}
	}
	if n != 2 {
		t.Errorf("Kaltim 2024-03 P0: %d figures, want 2 (BPS and Dinsos)", n)
	}
}

func TestParseFlexibleInput(t *testing.T) {
	want := tkpkbot.Figure{RegionCode: "6472", Period: tkpkbot.Period{Year: 2024, Month: 3}, Indicator: tkpkbot.IndMiskin,
		Value: 37.80, Decimals: 2, Unit: tkpkbot.UnitRibuJiwa, Source: "BPS, via databoks.katadata.co.id"}
	tests := []struct{ name, csv string }{
		{"canonical", header + `6472,2024-03,miskin,"37,80",ribu jiwa,"BPS, via databoks.katadata.co.id"` + "\n"},
		{"dot decimal", header + `6472,2024-03,miskin,37.80,ribu jiwa,"BPS, via databoks.katadata.co.id"` + "\n"},
		{"name and month name", header + `Samarinda,Maret 2024,miskin,"37,80",ribu jiwa,"BPS, via databoks.katadata.co.id"` + "\n"},
		{"official name, lower month", header + `Kota Samarinda,maret 2024,miskin,"37,80",Ribu Jiwa,"BPS, via databoks.katadata.co.id"` + "\n"},
		{"kemendagri code", header + `64.72,2024-03,miskin,"37,80",ribu jiwa,"BPS, via databoks.katadata.co.id"` + "\n"},
		{"indicator name", header + `6472,2024-03,Penduduk miskin,"37,80",ribu jiwa,"BPS, via databoks.katadata.co.id"` + "\n"},
		{"semicolon", "wilayah;periode;indikator;nilai;satuan;sumber\n6472;2024-03;miskin;37,80;ribu jiwa;BPS, via databoks.katadata.co.id\n"},
		{"BOM and CRLF", "\xEF\xBB\xBF" + strings.ReplaceAll(header, "\n", "\r\n") + `6472,2024-03,miskin,"37,80",ribu jiwa,"BPS, via databoks.katadata.co.id"` + "\r\n"},
		{"column order and case", "SUMBER,Nilai,wilayah,Periode,indikator,satuan\n" + `"BPS, via databoks.katadata.co.id","37,80",6472,2024-03,miskin,ribu jiwa` + "\n"},
		{"extra columns and spaces", "wilayah, periode, indikator, nilai, satuan, sumber, catatan\n" + `6472, 2024-03, miskin, "37,80", ribu jiwa, "BPS, via databoks.katadata.co.id", cek lagi` + "\n"},
		{"blank rows and no final newline", header + "\n,,,,,\n" + `6472,2024-03,miskin,"37,80",ribu jiwa,"BPS, via databoks.katadata.co.id"`},
		{"old Mac line ends", strings.ReplaceAll(header, "\n", "\r") + `6472,2024-03,miskin,"37,80",ribu jiwa,"BPS, via databoks.katadata.co.id"` + "\r"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			figs := mustParse(t, tt.csv)
			if len(figs) != 1 || figs[0] != want {
				t.Errorf("got %+v, want %+v", figs, want)
			}
		})
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		in, unit string
		value    float64
		decimals int
	}{
		{"37,80", tkpkbot.UnitRibuJiwa, 37.80, 2},
		{"37.80", tkpkbot.UnitRibuJiwa, 37.80, 2},
		{"59,00", tkpkbot.UnitRibuJiwa, 59, 2},
		{"236,25", tkpkbot.UnitRibuJiwa, 236.25, 2},
		{"0,989", tkpkbot.UnitIndeks, 0.989, 3},
		{"0.157", tkpkbot.UnitIndeks, 0.157, 3},
		{"1,35", tkpkbot.UnitIndeks, 1.35, 2},
		{"0", tkpkbot.UnitIndeks, 0, 0},
		{"4,30", tkpkbot.UnitPersen, 4.30, 2},
		{"4,30%", tkpkbot.UnitPersen, 4.30, 2},
		{"5", tkpkbot.UnitPersen, 5, 0},
		{"100", tkpkbot.UnitPersen, 100, 0},
		{"782248", tkpkbot.UnitRupiahKB, 782248, 0},
		{"782.248", tkpkbot.UnitRupiahKB, 782248, 0},
		{"782,248", tkpkbot.UnitRupiahKB, 782248, 0},
		{"Rp782.248", tkpkbot.UnitRupiahKB, 782248, 0},
		{"Rp. 782.248", tkpkbot.UnitRupiahKB, 782248, 0},
		{"782.248,00", tkpkbot.UnitRupiahKB, 782248, 0},
		{"44524", tkpkbot.UnitJiwa, 44524, 0},
		{"44.524", tkpkbot.UnitJiwa, 44524, 0},
		{"221.340", tkpkbot.UnitJiwa, 221340, 0},
		{"3,910", tkpkbot.UnitJiwa, 3910, 0},
		{"1.234.567", tkpkbot.UnitJiwa, 1234567, 0},
		{"1,234,567", tkpkbot.UnitJiwa, 1234567, 0},
		{"1.234,5", tkpkbot.UnitRibuJiwa, 1234.5, 1},
		{"1,234.5", tkpkbot.UnitRibuJiwa, 1234.5, 1},
		{"1.234,567", tkpkbot.UnitRibuJiwa, 1234.567, 3},
		{"1234,567", tkpkbot.UnitRibuJiwa, 1234.567, 3}, // four digits cannot be a thousands group
		{"+5,1", tkpkbot.UnitPersen, 5.1, 1},
		// A lone separator and three digits is a decimal mark where the
		// thousands reading is beyond the unit's bound: always so for
		// indeks, persen and rasio, and for ribu jiwa above 100.000.
		{"1,015", tkpkbot.UnitIndeks, 1.015, 3},
		{"1.223", tkpkbot.UnitIndeks, 1.223, 3},
		{"83,110", tkpkbot.UnitIndeks, 83.11, 3},
		{"1.250", tkpkbot.UnitPersen, 1.25, 3},
		{"5,310", tkpkbot.UnitPersen, 5.31, 3},
		{"0,310", tkpkbot.UnitRasio, 0.31, 3},
		{"0.335", tkpkbot.UnitRasio, 0.335, 3},
		{"236,250", tkpkbot.UnitRibuJiwa, 236.25, 3},
	}
	for _, tt := range tests {
		v, dec, reason := number(tt.in, tt.unit)
		if reason != "" || math.Abs(v-tt.value) > 1e-9 || dec != tt.decimals {
			t.Errorf("number(%q, %s) = %v, %d, %q; want %v, %d", tt.in, tt.unit, v, dec, reason, tt.value, tt.decimals)
		}
	}
}

func TestNumberRejects(t *testing.T) {
	tests := []struct{ in, unit, reason string }{
		{"abc", tkpkbot.UnitPersen, `angka "abc" tidak bisa dibaca`},
		{"", tkpkbot.UnitPersen, "nilai kosong"},
		// 1,25 or 1.250 ribu jiwa are both plausible head counts.
		{"1.250", tkpkbot.UnitRibuJiwa, `angka "1.250" ambigu: bisa 1,250 atau 1250`},
		{"99,999", tkpkbot.UnitRibuJiwa, `angka "99,999" ambigu`},
		{"1.234.567", tkpkbot.UnitIndeks, "terlalu besar"},
		{"1.234,5", tkpkbot.UnitPersen, "terlalu besar"},
		{"1,5", tkpkbot.UnitRasio, "terlalu besar untuk satuan rasio"},
		{"-3", tkpkbot.UnitPersen, `angka "-3" negatif`},
		{"5,78,1", tkpkbot.UnitPersen, "tidak bisa dibaca"},
		{"1.2.3", tkpkbot.UnitJiwa, "tidak bisa dibaca"},
		{"1..2", tkpkbot.UnitPersen, "tidak bisa dibaca"},
		{",5", tkpkbot.UnitPersen, "tidak bisa dibaca"},
		{"5,", tkpkbot.UnitPersen, "tidak bisa dibaca"},
		{"5 78", tkpkbot.UnitPersen, "tidak bisa dibaca"},
		{"1e3", tkpkbot.UnitJiwa, "tidak bisa dibaca"},
		{"NaN", tkpkbot.UnitIndeks, "tidak bisa dibaca"},
		{"1.234,5.6", tkpkbot.UnitRibuJiwa, "tidak bisa dibaca"},
		{"12.34.567", tkpkbot.UnitJiwa, "tidak bisa dibaca"},
		{"0.248.000", tkpkbot.UnitJiwa, "tidak bisa dibaca"},
		{"221,34", tkpkbot.UnitJiwa, "harus bilangan bulat"},
		{"782248,5", tkpkbot.UnitRupiahKB, "harus bilangan bulat"},
		{"150", tkpkbot.UnitPersen, "terlalu besar"},
		{"221340", tkpkbot.UnitRibuJiwa, "terlalu besar"},
		{"1234567890123456", tkpkbot.UnitJiwa, "terlalu panjang"},
		{"5,78%", tkpkbot.UnitIndeks, "tidak bisa dibaca"},
	}
	for _, tt := range tests {
		_, _, reason := number(tt.in, tt.unit)
		if !strings.Contains(reason, tt.reason) {
			t.Errorf("number(%q, %s) reason %q, want it to contain %q", tt.in, tt.unit, reason, tt.reason)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in   string
		want tkpkbot.Period
	}{
		{"2024-03", tkpkbot.Period{Year: 2024, Month: 3}},
		{"2022-09", tkpkbot.Period{Year: 2022, Month: 9}},
		{"2024-3", tkpkbot.Period{Year: 2024, Month: 3}},
		{"Maret 2024", tkpkbot.Period{Year: 2024, Month: 3}},
		{"maret 2024", tkpkbot.Period{Year: 2024, Month: 3}},
		{"MARET  2024", tkpkbot.Period{Year: 2024, Month: 3}},
		{"Mar 2024", tkpkbot.Period{Year: 2024, Month: 3}},
		{"September 2022", tkpkbot.Period{Year: 2022, Month: 9}},
		{"Sept. 2022", tkpkbot.Period{Year: 2022, Month: 9}},
		{"2023", tkpkbot.Period{Year: 2023}},
		{"2024-12-03", tkpkbot.Period{Year: 2024, Month: 12, Day: 3}},
		{"3 Desember 2024", tkpkbot.Period{Year: 2024, Month: 12, Day: 3}},
		{"2024-02-29", tkpkbot.Period{Year: 2024, Month: 2, Day: 29}},
		// Any month reads; the row checks it against the indicator.
		{"2023-08", tkpkbot.Period{Year: 2023, Month: 8}},
		{"Agustus 2023", tkpkbot.Period{Year: 2023, Month: 8}},
		{"2024-06", tkpkbot.Period{Year: 2024, Month: 6}},
	}
	for _, tt := range tests {
		got, reason := parsePeriod(tt.in)
		if reason != "" || got != tt.want {
			t.Errorf("parsePeriod(%q) = %+v, %q; want %+v", tt.in, got, reason, tt.want)
		}
	}
	bad := []struct{ in, reason string }{
		{"2023-13", `periode "2023-13" tidak valid`},
		{"2023-00", "tidak valid"},
		{"2023-02-30", "tidak valid"},
		{"2023-02-29", "tidak valid"},
		{"Maret", "tidak valid"},
		{"Maretan 2024", "tidak valid"},
		{"32 Maret 2024", "tidak valid"},
		{"23", "tidak valid"},
		{"20234", "tidak valid"},
		{"1890", "tidak valid"},
		{"2024-03-", "tidak valid"},
		{"2024-003", "tidak valid"},
		{"24-03", "tidak valid"},
		{"2024/03", "tidak valid"},
		{"", "periode kosong"},
	}
	for _, tt := range bad {
		got, reason := parsePeriod(tt.in)
		if !strings.Contains(reason, tt.reason) {
			t.Errorf("parsePeriod(%q) = %+v, %q; want reason containing %q", tt.in, got, reason, tt.reason)
		}
	}
}

// TestRoundsPerIndicator: a month without a day must be one of the
// indicator's survey rounds, and the refusal says which.
func TestRoundsPerIndicator(t *testing.T) {
	ok := []string{
		"6400,2024-03,p0,\"5,78\",persen,BPS",
		"6400,September 2024,gini,\"0,310\",rasio,BPS",
		"6400,2023-08,tpt,\"5,31\",persen,BPS",
		"6400,Agustus 2024,tpt,\"5,14\",persen,BPS",
		"6472,2024,ipm,\"83,11\",indeks,BPS",
		"6400,2024-06-01,tpt,\"5,1\",persen,Disnaker",
	}
	for _, row := range ok {
		if _, err := parse(t, header+row+"\n"); err != nil {
			t.Errorf("%s: %v", row, err)
		}
	}
	bad := []struct{ row, reason string }{
		{"6400,2024-06,p0,\"5,78\",persen,BPS", `periode "2024-06": survei BPS untuk p0 hanya Maret (03) dan September (09); laporan bertanggal ditulis lengkap, mis. 2024-06-01`},
		{"6400,Juni 2024,miskin,\"5,78\",ribu jiwa,BPS", "survei BPS untuk miskin hanya Maret (03) dan September (09)"},
		{"6400,2023-03,tpt,\"5,31\",persen,BPS", `periode "2023-03": survei BPS untuk tpt hanya Agustus (08)`},
		{"6400,2023-08,gini,\"0,3\",rasio,BPS", "survei BPS untuk gini hanya Maret (03) dan September (09)"},
		{"6472,2024-03,ipm,\"83,11\",indeks,BPS", `periode "2024-03": ipm hanya per tahun (tulis 2024)`},
	}
	for _, tt := range bad {
		lines := lineErrors(t, header+tt.row+"\n")
		if len(lines) != 1 || !strings.Contains(lines[0].Reason, tt.reason) {
			t.Errorf("%s: %+v, want reason containing %q", tt.row, lines, tt.reason)
		}
	}
}

func TestUnits(t *testing.T) {
	ok := []struct {
		ind        tkpkbot.Indicator
		satuan     string
		nilai      string
		unit       string
		value      float64
		decimalsOK int
	}{
		{tkpkbot.IndMiskin, "ribu jiwa", "37,80", tkpkbot.UnitRibuJiwa, 37.8, 2},
		{tkpkbot.IndMiskin, "jiwa", "44.524", tkpkbot.UnitJiwa, 44524, 0},
		{tkpkbot.IndMiskin, "Ribu  Jiwa", "2,90", tkpkbot.UnitRibuJiwa, 2.9, 2},
		{tkpkbot.IndP0, "persen", "5,78", tkpkbot.UnitPersen, 5.78, 2},
		{tkpkbot.IndP0, "%", "5,78", tkpkbot.UnitPersen, 5.78, 2},
		{tkpkbot.IndP1, "indeks", "0,989", tkpkbot.UnitIndeks, 0.989, 3},
		{tkpkbot.IndP2, "", "0,226", tkpkbot.UnitIndeks, 0.226, 3},
		{tkpkbot.IndGK, "Rp/kapita/bulan", "782248", tkpkbot.UnitRupiahKB, 782248, 0},
		{tkpkbot.IndGK, "rp / kapita / bulan", "782.248", tkpkbot.UnitRupiahKB, 782248, 0},
		{tkpkbot.IndGK, "rupiah", "782.248", tkpkbot.UnitRupiahKB, 782248, 0},
		{tkpkbot.IndGK, "Rp", "782.248", tkpkbot.UnitRupiahKB, 782248, 0},
		{tkpkbot.IndEkstremPersen, "persen", "0,10", tkpkbot.UnitPersen, 0.1, 2},
		{tkpkbot.IndEkstremJiwa, "jiwa", "3.910", tkpkbot.UnitJiwa, 3910, 0},
		{tkpkbot.IndIPM, "indeks", "83,11", tkpkbot.UnitIndeks, 83.11, 2},
		{tkpkbot.IndIPM, "", "78,79", tkpkbot.UnitIndeks, 78.79, 2},
		{tkpkbot.IndTPT, "persen", "5,31", tkpkbot.UnitPersen, 5.31, 2},
		{tkpkbot.IndTPT, "%", "5.14", tkpkbot.UnitPersen, 5.14, 2},
		{tkpkbot.IndGini, "rasio", "0,310", tkpkbot.UnitRasio, 0.31, 3},
		{tkpkbot.IndGini, "Ratio", "0.335", tkpkbot.UnitRasio, 0.335, 3},
		{tkpkbot.IndGini, "", "0,322", tkpkbot.UnitRasio, 0.322, 3},
	}
	for _, tt := range ok {
		in := header + fmt.Sprintf("6400,2023,%s,%q,%s,Uji\n", tt.ind, tt.nilai, tt.satuan)
		figs, err := parse(t, in)
		if err != nil {
			t.Errorf("%s %q %q: %v", tt.ind, tt.satuan, tt.nilai, err)
			continue
		}
		f := figs[0]
		if f.Unit != tt.unit || math.Abs(f.Value-tt.value) > 1e-9 || f.Decimals != tt.decimalsOK {
			t.Errorf("%s %q %q: %+v", tt.ind, tt.satuan, tt.nilai, f)
		}
	}
	bad := []struct {
		ind            tkpkbot.Indicator
		satuan, reason string
	}{
		{tkpkbot.IndMiskin, "persen", `satuan "persen" tidak cocok untuk miskin (pakai ribu jiwa atau jiwa)`},
		{tkpkbot.IndMiskin, "", "satuan kosong (untuk miskin pakai ribu jiwa atau jiwa)"},
		{tkpkbot.IndP0, "jiwa", `satuan "jiwa" tidak cocok untuk p0 (pakai persen)`},
		{tkpkbot.IndP0, "", "satuan kosong"},
		{tkpkbot.IndP1, "persen", "tidak cocok untuk p1"},
		{tkpkbot.IndGK, "jiwa", "tidak cocok untuk gk (pakai Rp/kapita/bulan)"},
		{tkpkbot.IndGK, "dolar", `satuan "dolar" tidak cocok`},
		{tkpkbot.IndEkstremPersen, "jiwa", "tidak cocok untuk ekstrem_persen"},
		{tkpkbot.IndEkstremJiwa, "persen", "tidak cocok untuk ekstrem_jiwa"},
		{tkpkbot.IndIPM, "persen", "tidak cocok untuk ipm (pakai indeks)"},
		{tkpkbot.IndTPT, "", "satuan kosong (untuk tpt pakai persen)"},
		{tkpkbot.IndTPT, "jiwa", "tidak cocok untuk tpt (pakai persen)"},
		{tkpkbot.IndGini, "indeks", "tidak cocok untuk gini (pakai rasio)"},
	}
	for _, tt := range bad {
		lines := lineErrors(t, header+fmt.Sprintf("6400,2023,%s,1,%s,Uji\n", tt.ind, tt.satuan))
		if len(lines) != 1 || !strings.Contains(lines[0].Reason, tt.reason) {
			t.Errorf("%s %q: %+v, want reason containing %q", tt.ind, tt.satuan, lines, tt.reason)
		}
	}
}

func TestEveryBadLineIsListed(t *testing.T) {
	in := header + // line 1
		`Smrinda,2024-03,p0,"4,30",persen,BPS` + "\n" + // 2
		`6472,2024-03,p0,abc,persen,BPS` + "\n" + // 3
		`6472,2024-03,p1,"0,5",indeks,` + "\n" + // 4
		`6472,2023-13,p0,"4,81",persen,BPS` + "\n" + // 5
		`6472,2024-03,miskin,"37,80",ribu jiwa,BPS` + "\n" + // 6: good
		`Kutai,2024-03,p0,"4,30",persen,BPS` + "\n" + // 7
		`6472,2024-03,p3,"4,30",persen,BPS` + "\n" + // 8
		`xyz,maret,miskin,"1.250",ribu jiwa,` + "\n" + // 9: several problems at once
		`6472,2024-03,miskin,"37,8",ribu jiwa,BPS` + "\n" + // 10: duplicate of 6
		`6472,2024-03,miskin,"37,8",ribu jiwa,Dinsos` + "\n" + // 11: other source: fine
		`6472,2024-03` + "\n" + // 12
		`6472,2024-03,p0,"4,3,persen,BPS` + "\n" // 13: unbalanced quote
	lines := lineErrors(t, in)
	want := []LineError{
		{2, `wilayah "Smrinda" tidak dikenal; maksud Anda Samarinda?`},
		{3, `angka "abc" tidak bisa dibaca`},
		{4, "sumber kosong"},
		{5, `periode "2023-13" tidak valid (tulis mis. 2024-03, Maret 2024, 2023 atau 2024-12-03)`},
		{7, `wilayah "Kutai" ambigu (Kutai Barat, Kutai Kartanegara, Kutai Timur); tulis nama lengkap atau kode BPS`},
		{8, `indikator "p3" tidak dikenal (pakai miskin, p0, p1, p2, gk, ekstrem_persen, ekstrem_jiwa, ipm, tpt atau gini)`},
		{9, `wilayah "xyz" tidak dikenal; tulis kode BPS (mis. 6472) atau nama wilayah; ` +
			`periode "maret" tidak valid (tulis mis. 2024-03, Maret 2024, 2023 atau 2024-12-03); ` +
			`angka "1.250" ambigu: bisa 1,250 atau 1250; tulis desimal dengan koma tanpa pemisah ribuan, atau bilangan bulat tanpa pemisah; ` +
			`sumber kosong`},
		{10, "sama dengan baris 6 (wilayah, periode, indikator dan sumber yang sama)"},
		{12, "hanya 2 kolom, seharusnya 6 (periksa pemisah dan tanda kutip)"},
		{13, `tanda kutip (") tidak seimbang; sel yang berisi koma harus diapit tanda kutip`},
	}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("got\n%s\nwant\n%s", fmtLines(lines), fmtLines(want))
	}
}

func fmtLines(ls []LineError) string {
	var b strings.Builder
	for _, l := range ls {
		fmt.Fprintf(&b, "  %d: %s\n", l.Line, l.Reason)
	}
	return b.String()
}

func TestLineNumbersAsSpreadsheetRows(t *testing.T) {
	// A quoted cell spanning lines is one spreadsheet row; blank lines are
	// rows too.
	in := header +
		"6472,2024-03,p0,\"4,30\",persen,\"BPS,\nbaris kedua\"\n" + // row 2, lines 2-3
		"\n" + // row 3
		"6472,2024-03,p0,abc,persen,BPS\n" // row 4
	lines := lineErrors(t, in)
	if len(lines) != 1 || lines[0].Line != 4 {
		t.Errorf("got %+v, want one error on row 4", lines)
	}
}

func TestHeader(t *testing.T) {
	tests := []struct{ in, reason string }{
		{"wilayah,periode,indikator,nilai,satuan\n6472,2024-03,p0,1,persen\n", "kolom sumber tidak ada"},
		{"region,period,indicator,value,unit,source\n", "kolom wilayah, periode, indikator, nilai, satuan, sumber tidak ada"},
		{"6472,2024-03,p0,\"4,30\",persen,BPS\n", "(baris judul tampaknya terlewat)"},
		{"wilayah,wilayah,periode,indikator,nilai,satuan,sumber\n", `kolom "wilayah" muncul dua kali`},
		{"wilayah,\"periode\n", "baris judul tidak terbaca"},
	}
	for _, tt := range tests {
		lines := lineErrors(t, tt.in)
		if len(lines) != 1 || lines[0].Line != 1 || !strings.Contains(lines[0].Reason, tt.reason) {
			t.Errorf("Parse(%q) = %+v, want line 1 %q", tt.in, lines, tt.reason)
		}
	}
}

func TestWholeFileErrors(t *testing.T) {
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range header {
		utf16 = append(utf16, byte(r), 0)
	}
	tests := []struct {
		name   string
		in     []byte
		reason string
	}{
		{"empty", nil, "Berkas kosong"},
		{"whitespace", []byte(" \n\n "), "Berkas kosong"},
		{"header only", []byte(header), "tanpa baris data"},
		{"utf-16", utf16, "Berkas bukan CSV teks UTF-8: ini UTF-16"},
		{"utf-16 without BOM", utf16[2:], "Berkas bukan CSV teks UTF-8: berisi byte NUL"},
		{"windows-1252", []byte(header + "6472,2024-03,p0,1,persen,Bappeda \xABSamarinda\xBB\n"), "Berkas bukan CSV teks UTF-8: baris 2"},
		{"binary", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "Berkas bukan CSV teks UTF-8"},
		{"xlsx", []byte("PK\x03\x04\x14\x00\x06\x00"), "Berkas bukan CSV teks UTF-8: ini tampaknya berkas Excel (.xlsx)"},
		{"too big", bytes.Repeat([]byte("a"), MaxBytes+1), "Berkas terlalu besar"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			figs, err := Parse(bytes.NewReader(tt.in))
			if err == nil || figs != nil {
				t.Fatalf("Parse = %d figures, %v", len(figs), err)
			}
			if !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("error %q, want it to contain %q", err, tt.reason)
			}
			if tkpkbot.ErrorCode(err) != tkpkbot.EINVALID {
				t.Errorf("code %q, want EINVALID", tkpkbot.ErrorCode(err))
			}
			if !strings.Contains(tkpkbot.ErrorMessage(err), tt.reason) {
				t.Errorf("user message %q hides the reason", tkpkbot.ErrorMessage(err))
			}
		})
	}
}

func TestRowLimit(t *testing.T) {
	rows := func(n int) string {
		var b strings.Builder
		b.WriteString(header)
		for i := range n {
			fmt.Fprintf(&b, "6472,2024-03,p0,1,persen,Sumber %d\n", i)
		}
		return b.String()
	}
	figs, err := Parse(strings.NewReader(rows(MaxRows)))
	if err != nil || len(figs) != MaxRows {
		t.Errorf("Parse of exactly MaxRows rows: %d figures, %v", len(figs), err)
	}
	_, err = Parse(strings.NewReader(rows(MaxRows + 1)))
	if err == nil || !strings.Contains(err.Error(), "lebih dari 20000 baris data") || tkpkbot.ErrorCode(err) != tkpkbot.EINVALID {
		t.Errorf("Parse of MaxRows+1 rows: %v", err)
	}
}

func TestParseErrorMessage(t *testing.T) {
	e := &ParseError{Lines: []LineError{{2, "sumber kosong"}, {5, `angka "abc" tidak bisa dibaca`}}}
	want := `CSV ditolak, tidak ada data yang disimpan: 2 baris bermasalah. baris 2: sumber kosong; baris 5: angka "abc" tidak bisa dibaca`
	if e.Error() != want {
		t.Errorf("Error() = %q\nwant      %q", e.Error(), want)
	}
	var many ParseError
	for i := range 8 {
		many.Lines = append(many.Lines, LineError{i + 2, "sumber kosong"})
	}
	if got := many.Error(); !strings.HasSuffix(got, "baris 6: sumber kosong; dan 3 baris lain") {
		t.Errorf("Error() = %q", got)
	}
	for range 1234 {
		many.Lines = append(many.Lines, LineError{9, "sumber kosong"})
	}
	if got := many.Error(); !strings.HasPrefix(got, "CSV ditolak, tidak ada data yang disimpan: 1.242 baris bermasalah.") ||
		!strings.HasSuffix(got, "; dan 1.237 baris lain") {
		t.Errorf("Error() with 1.242 lines = %q", got)
	}
	if tkpkbot.ErrorCode(e) != tkpkbot.EINVALID || tkpkbot.ErrorMessage(e) != want {
		t.Errorf("ErrorCode/Message = %q, %q", tkpkbot.ErrorCode(e), tkpkbot.ErrorMessage(e))
	}
}

func TestHeadAndMore(t *testing.T) {
	lines := func(n int) *ParseError {
		e := &ParseError{}
		for i := range n {
			e.Lines = append(e.Lines, LineError{i + 2, "sumber kosong"})
		}
		return e
	}
	for _, tt := range []struct {
		lines, n, head, rest int
		more                 string
	}{
		{1, MaxListed, 1, 0, "dan 0 baris lain"},
		{MaxListed, MaxListed, MaxListed, 0, "dan 0 baris lain"},
		{MaxListed + 1, MaxListed, MaxListed, 1, "dan 1 baris lain"},
		{1254, MaxListed, MaxListed, 1234, "dan 1.234 baris lain"},
		{3, 0, 0, 3, "dan 3 baris lain"},
		{3, -1, 0, 3, "dan 3 baris lain"},
	} {
		head, rest := lines(tt.lines).Head(tt.n)
		if len(head) != tt.head || rest != tt.rest || More(rest) != tt.more {
			t.Errorf("%d lines, Head(%d) = %d, %d (%q); want %d, %d (%q)", tt.lines, tt.n, len(head), rest, More(rest), tt.head, tt.rest, tt.more)
		}
		if len(head) > 0 && head[0].Line != 2 {
			t.Errorf("Head does not start at the first line: %+v", head[0])
		}
	}
}

func TestQuote(t *testing.T) {
	a39, a40 := strings.Repeat("a", 39), strings.Repeat("a", 40)
	for _, tt := range []struct{ in, want string }{
		{"", `""`},
		{"Smrinda", `"Smrinda"`},
		{a40, `"` + a40 + `"`},
		{a40 + "b", `"` + a39 + `…"`},
		{strings.Repeat("x", 1<<20), `"` + strings.Repeat("x", 39) + `…"`},
		// Cut between characters, never inside one: each é is two bytes,
		// each emoji four.
		{strings.Repeat("é", 41), `"` + strings.Repeat("é", 39) + `…"`},
		{strings.Repeat("😀", 50), `"` + strings.Repeat("😀", 39) + `…"`},
		// Escapes count as the characters the reader sees, and are never
		// split.
		{`say "hi"`, `"say \"hi\""`},
		{strings.Repeat("a", 37) + "\nbbb", `"` + strings.Repeat("a", 37) + `\n…"`},
		{strings.Repeat("a", 38) + "\nbbb", `"` + strings.Repeat("a", 38) + `…"`},
		{strings.Repeat("a", 38) + "\n", `"` + strings.Repeat("a", 38) + `\n"`},
		{strings.Repeat("a", 36) + "\u202ebbb", `"` + strings.Repeat("a", 36) + `…"`},
	} {
		if got := quote(tt.in); got != tt.want {
			t.Errorf("quote(%.60q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// quoted matches the cells quote writes into a reason.
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// longestQuote is the longest quoted cell in a reason, in characters
// between the quotes. csvReason's bare (") is not a quote of a cell.
func longestQuote(reason string) int {
	n := 0
	for _, q := range quoted.FindAllString(strings.ReplaceAll(reason, `(")`, ""), -1) {
		n = max(n, utf8.RuneCountInString(q)-2)
	}
	return n
}

func TestLongCellsAreQuotedShort(t *testing.T) {
	long := func(s string) string { return strings.Repeat(s, 100_000/len(s)) }
	tests := []struct {
		name, row, reason string
	}{
		{"wilayah", long("Samarinda") + `,2024-03,p0,1,persen,BPS`, "wilayah \"SamarindaSamarinda"},
		{"wilayah suggest", "Smarinda" + long("a") + `,2024-03,p0,1,persen,BPS`, "wilayah \"Smarindaaaa"},
		{"periode", `6472,` + long("2024-") + `,p0,1,persen,BPS`, "periode \"2024-2024-"},
		{"periode words", `6472,Juni ` + long("2024 ") + `,p0,1,persen,BPS`, "periode \"Juni 2024"},
		{"indikator", `6472,2024-03,` + long("p0") + `,1,persen,BPS`, "indikator \"p0p0"},
		{"satuan", `6472,2024-03,p0,1,` + long("persen") + `,BPS`, "satuan \"persenpersen"},
		{"nilai", `6472,2024-03,p0,` + long("1") + `,persen,BPS`, "angka \"1111"},
		{"nilai unreadable", `6472,2024-03,p0,` + long("x") + `,persen,BPS`, "angka \"xxxx"},
		{"nilai unknown unit", `6472,2024-03,p3,` + long("x") + `,,BPS`, "angka \"xxxx"},
		{"nilai negative", `6472,2024-03,p0,-` + long("9") + `,persen,BPS`, "angka \"-999"},
		{"quotes and newlines", `6472,2024-03,"` + long("p\"\"\n") + `",1,persen,BPS`, `indikator "p\"\n`},
		{"everything", long("x") + "," + long("y") + "," + long("z") + "," + long("1") + "," + long("u") + "," + long("s"), "wilayah"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := lineErrors(t, header+tt.row+"\n")
			if len(lines) != 1 || lines[0].Line != 2 || !strings.Contains(lines[0].Reason, tt.reason) {
				t.Fatalf("got\n%.300s\nwant one reason on row 2 containing %q", fmtLines(lines), tt.reason)
			}
			if n := longestQuote(lines[0].Reason); n > maxQuoteRunes {
				t.Errorf("a quote of %d characters in %q", n, lines[0].Reason)
			}
			if n := utf8.RuneCountInString(lines[0].Reason); n > maxReasonRunes {
				t.Errorf("reason of %d characters: %q", n, lines[0].Reason)
			}
		})
	}
}

// maxReasonRunes bounds every reason of one row: six cells quoted short,
// each with its explanation.
const maxReasonRunes = 1000

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestReadError(t *testing.T) {
	_, err := Parse(failingReader{})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("Parse(failing reader) = %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(data.FiguresCSV)
	for _, s := range []string{
		header + `6472,2024-03,miskin,"37,80",ribu jiwa,"BPS, via x"` + "\n",
		header + "Smrinda,2023-13,p3,abc,,\n",
		"wilayah;periode;indikator;nilai;satuan;sumber\n6472;Maret 2024;p0;4,30;%;BPS\n",
		header + "6472,2024-12-03,miskin,44.524,jiwa,Dinsos\n6472,2024-12-03,miskin,44.524,jiwa,Dinsos\n",
		header + "\"6472\n,\"x\n",
		"\xEF\xBB\xBF" + header + "kukar,3 desember 2024,gk,Rp782.248,rp,x\n",
		header + `6400,2020-03,p1,"1,015",indeks,BPS` + "\n" + `smd,2024,ipm,"83,11",,BPS` + "\n" +
			`btg,Agustus 2023,tpt,"7,74",%,BPS` + "\n" + `6400,2024-09,gini,"0,310",rasio,BPS` + "\n" + `6400,2024-03,tpt,5,persen,BPS` + "\n",
		"",
		"\xff\xfe",
		"a\x00b",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		figs, err := Parse(bytes.NewReader(in))
		if err != nil {
			if figs != nil {
				t.Fatal("figures returned with an error")
			}
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			var pe *ParseError
			if errors.As(err, &pe) {
				if len(pe.Lines) == 0 {
					t.Fatal("ParseError without lines")
				}
				last := 0
				for _, l := range pe.Lines {
					if l.Line < 1 || l.Reason == "" || !utf8.ValidString(l.Reason) {
						t.Fatalf("bad line error %+v", l)
					}
					if n := longestQuote(l.Reason); n > maxQuoteRunes {
						t.Fatalf("quote of %d characters in %q", n, l.Reason)
					}
					if n := utf8.RuneCountInString(l.Reason); n > maxReasonRunes {
						t.Fatalf("reason of %d characters: %q", n, l.Reason)
					}
					if l.Line < last {
						t.Fatalf("lines out of order: %+v", pe.Lines)
					}
					last = l.Line
				}
			}
			return
		}
		if len(figs) == 0 {
			t.Fatal("no figures and no error")
		}
		for _, f := range figs {
			if _, ok := tkpkbot.RegionByCode(f.RegionCode); !ok {
				t.Fatalf("unknown region %q", f.RegionCode)
			}
			if f.Source == "" || f.Unit == "" || f.Indicator == "" || f.Period.Year == 0 {
				t.Fatalf("incomplete figure %+v", f)
			}
			if math.IsNaN(f.Value) || math.IsInf(f.Value, 0) || f.Value < 0 || f.Decimals < 0 {
				t.Fatalf("bad value %+v", f)
			}
		}
	})
}

// FuzzNumber: whatever a cell holds, number either refuses it with a
// reason or returns a value within the unit's bounds that reads back the
// same: the decimal reading of "1,015" never turns into 1015.
func FuzzNumber(f *testing.F) {
	units := []string{tkpkbot.UnitRibuJiwa, tkpkbot.UnitJiwa, tkpkbot.UnitPersen, tkpkbot.UnitIndeks, tkpkbot.UnitRupiahKB, tkpkbot.UnitRasio}
	for _, s := range []string{"1,015", "1.223", "0,310", "236,250", "1.250", "782.248", "Rp782.248", "5,31%", "1.234,5", "", "-1", "0.248.000"} {
		for i := range units {
			f.Add(s, uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, s string, u uint8) {
		unit := units[int(u)%len(units)]
		v, dec, reason := number(s, unit)
		if reason != "" {
			if v != 0 || dec != 0 || !utf8.ValidString(reason) {
				t.Fatalf("number(%q, %s) = %v, %d with reason %q", s, unit, v, dec, reason)
			}
			return
		}
		if math.IsNaN(v) || v < 0 || v > upper[unit] || dec < 0 {
			t.Fatalf("number(%q, %s) = %v, %d", s, unit, v, dec)
		}
		if integerUnit(unit) && (dec != 0 || v != math.Trunc(v)) {
			t.Fatalf("number(%q, %s) = %v, %d: not whole", s, unit, v, dec)
		}
		// A lone comma is a decimal mark outside whole units.
		if i := strings.IndexByte(s, ','); !integerUnit(unit) && i > 0 && strings.Count(s, ",") == 1 && !strings.ContainsAny(s, ".") {
			want, err := strconv.ParseFloat(strings.TrimSuffix(strings.Replace(strings.TrimPrefix(s, "+"), ",", ".", 1), "%"), 64)
			if err == nil && math.Abs(want-v) > 1e-9*math.Max(1, want) {
				t.Fatalf("number(%q, %s) = %v, want the decimal reading %v", s, unit, v, want)
			}
		}
	})
}

func FuzzQuote(f *testing.F) {
	for _, s := range []string{"", "Smrinda", strings.Repeat("é", 41), strings.Repeat("a", 38) + "\n", `"\`, "\xff\xfe", "\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := quote(s)
		if !utf8.ValidString(q) || len(q) < 2 || q[0] != '"' || q[len(q)-1] != '"' {
			t.Fatalf("quote(%q) = %s", s, q)
		}
		if n := utf8.RuneCountInString(q) - 2; n > maxQuoteRunes {
			t.Fatalf("quote(%q) has %d characters", s, n)
		}
		if !utf8.ValidString(s) {
			return
		}
		if full := strconv.Quote(s); utf8.RuneCountInString(full)-2 <= maxQuoteRunes {
			if q != full {
				t.Fatalf("quote(%q) = %s, want %s", s, q, full)
			}
			return
		}
		cut, ok := strings.CutSuffix(q, "…\"")
		if !ok {
			t.Fatalf("quote(%q) = %s: cut without …", s, q)
		}
		prefix, err := strconv.Unquote(cut + `"`)
		if err != nil || !strings.HasPrefix(s, prefix) {
			t.Fatalf("quote(%q) = %s: not a prefix (%v)", s, q, err)
		}
	})
}
