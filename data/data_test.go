package data

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"testing"
)

func readRows(t *testing.T) []map[string]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(FiguresCSV))
	all, err := r.ReadAll()
	if err != nil {
		t.Fatalf("figures.csv: %v", err)
	}
	want := []string{"wilayah", "periode", "indikator", "nilai", "satuan", "sumber"}
	if fmt.Sprint(all[0]) != fmt.Sprint(want) {
		t.Fatalf("header %q, want %q", all[0], want)
	}
	var rows []map[string]string
	for _, rec := range all[1:] {
		m := map[string]string{}
		for i, h := range want {
			m[h] = rec[i]
		}
		rows = append(rows, m)
	}
	return rows
}

const (
	srcDinsos = "Dinas Sosial Kaltim, rapat TKPK 3 Desember 2024"
	srcPemda  = "Pemprov Kaltim, via kompas.id"
)

// TestRowCount pins the transcription: the table has 98 non-empty
// value cells (counted row by row below), plus four values from the Dinsos
// meeting and two on extreme poverty.
func TestRowCount(t *testing.T) {
	// Non-empty cells per table row, read off the issue independently of
	// the CSV; a dropped or invented value changes one of these.
	cellsPerRow := map[string]int{
		"6400 2022-03": 5, "6400 2022-09": 5, "6400 2023-03": 5, "6400 2024-03": 5, "6400 2024-09": 2, "6400 2025-03": 3,
		"6401 2022-03": 5, "6401 2023-03": 1, "6401 2024-03": 2,
		"6402 2023-03": 2, "6402 2024-03": 3,
		"6403 2023-03": 3, "6403 2024-03": 2,
		"6404 2022-03": 2, "6404 2023-03": 3, "6404 2024-03": 2,
		"6405 2022-03": 1, "6405 2023-03": 5, "6405 2024-03": 5,
		"6409 2024-03": 1,
		"6411 2023-03": 1, "6411 2024-03": 3,
		"6471 2022-03": 2, "6471 2023-03": 5, "6471 2024-03": 5,
		"6472 2022-03": 4, "6472 2023-03": 4, "6472 2024-03": 2,
		"6474 2022-03": 5, "6474 2023-03": 2, "6474 2024-03": 3,
	}
	table := 0
	for _, n := range cellsPerRow {
		table += n
	}
	if table != 98 {
		t.Fatalf("table cells = %d, want 98", table)
	}

	rows := readRows(t)
	if len(rows) != table+4+2 {
		t.Errorf("figures.csv has %d rows, want %d", len(rows), table+4+2)
	}
	got := map[string]int{}
	other := 0
	for _, r := range rows {
		if r["sumber"] == srcDinsos || r["sumber"] == srcPemda {
			other++
			continue
		}
		got[r["wilayah"]+" "+r["periode"]]++
	}
	if other != 6 {
		t.Errorf("%d Dinsos/Pemprov rows, want 6", other)
	}
	for k, n := range cellsPerRow {
		if got[k] != n {
			t.Errorf("%s: %d rows, want %d", k, got[k], n)
		}
	}
	for k := range got {
		if _, ok := cellsPerRow[k]; !ok {
			t.Errorf("%s: rows for a period the table does not have", k)
		}
	}
}

func TestSampleCells(t *testing.T) {
	rows := readRows(t)
	find := func(wilayah, periode, indikator, sumber string) map[string]string {
		t.Helper()
		var hit map[string]string
		for _, r := range rows {
			if r["wilayah"] == wilayah && r["periode"] == periode && r["indikator"] == indikator && r["sumber"] == sumber {
				if hit != nil {
					t.Errorf("%s %s %s %q: two rows", wilayah, periode, indikator, sumber)
				}
				hit = r
			}
		}
		if hit == nil {
			t.Fatalf("%s %s %s %q: no row", wilayah, periode, indikator, sumber)
		}
		return hit
	}
	tests := []struct{ wilayah, periode, indikator, sumber, nilai, satuan string }{
		{"6400", "2024-03", "p0", "BPS Kaltim, rilis 1 Juli 2024", "5,78", "persen"},
		{"6400", "2024-03", "miskin", "BPS Kaltim, rilis 1 Juli 2024", "221,34", "ribu jiwa"},
		{"6400", "2022-03", "p1", "BPS, via kaltim.antaranews.com", "0,989", "indeks"},
		{"6400", "2023-03", "p2", "BPS, via mediaborneo.net", "0,140", "indeks"},
		{"6400", "2022-09", "gk", "BPS, via niaga.asia", "768120", "Rp/kapita/bulan"},
		{"6400", "2025-03", "gk", "BPS, via propublika.id", "866193", "Rp/kapita/bulan"},
		{"6472", "2024-03", "miskin", "BPS, via databoks.katadata.co.id", "37,80", "ribu jiwa"},
		{"6472", "2024-03", "p0", "BPS, via databoks.katadata.co.id", "4,30", "persen"},
		{"6471", "2024-03", "gk", "BPS, via prokal.co", "782248", "Rp/kapita/bulan"},
		{"6405", "2023-03", "p1", "BPS, via a-news.id and berauterkini.co.id", "0,157", "indeks"},
		{"6405", "2023-03", "p2", "BPS, via a-news.id and berauterkini.co.id", "0,01", "indeks"},
		{"6403", "2024-03", "miskin", "BPS, via databoks.katadata.co.id", "59,00", "ribu jiwa"},
		{"6411", "2024-03", "miskin", "BPS, via tribunnews.com", "2,90", "ribu jiwa"},
		{"6402", "2023-03", "gk", "BPS, via kaltimfaktual.co", "679660", "Rp/kapita/bulan"},
		{"6474", "2023-03", "gk", "BPS, via expresi.co", "763661", "Rp/kapita/bulan"},
		{"6409", "2024-03", "p0", "BPS, via radarpaser.com", "6,68", "persen"},
		{"6472", "2024-12-03", "miskin", srcDinsos, "44524", "jiwa"},
		{"6403", "2024-12-03", "miskin", srcDinsos, "57459", "jiwa"},
		{"6400", "2024-03", "p0", srcDinsos, "5,78", "persen"},
		{"6400", "2024-03", "miskin", srcDinsos, "221340", "jiwa"},
		{"6400", "2023", "ekstrem_persen", srcPemda, "0,10", "persen"},
		{"6400", "2023", "ekstrem_jiwa", srcPemda, "3910", "jiwa"},
	}
	for _, tt := range tests {
		r := find(tt.wilayah, tt.periode, tt.indikator, tt.sumber)
		if r["nilai"] != tt.nilai || r["satuan"] != tt.satuan {
			t.Errorf("%s %s %s: %q %q, want %q %q", tt.wilayah, tt.periode, tt.indikator, r["nilai"], r["satuan"], tt.nilai, tt.satuan)
		}
	}
}

func TestNeverEstimated(t *testing.T) {
	// Cells the issue leaves empty must stay absent, not be filled in.
	rows := readRows(t)
	absent := [][3]string{
		{"6400", "2024-09", "p1"}, {"6400", "2024-09", "gk"}, {"6400", "2025-03", "p1"},
		{"6401", "2023-03", "miskin"}, {"6409", "2024-03", "miskin"}, {"6472", "2024-03", "gk"},
		{"6472", "2023-03", "gk"}, {"6405", "2022-03", "p0"}, {"6474", "2023-03", "miskin"},
	}
	for _, a := range absent {
		for _, r := range rows {
			if r["wilayah"] == a[0] && r["periode"] == a[1] && r["indikator"] == a[2] {
				t.Errorf("%v has a value %q from %q; the issue leaves it empty", a, r["nilai"], r["sumber"])
			}
		}
	}
}
