package export

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

func openWorkbook(t *testing.T) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := XLSX(&buf, fixture(), matrix(), wita); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestXLSXReport(t *testing.T) {
	f := openWorkbook(t)
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Laporan", "Rekap"}) {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows("Laporan")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], headers) || len(rows) != 4 {
		t.Fatalf("header %q, %d rows", rows[0], len(rows))
	}
	// Formatted values as Excel would display them (en-US separators).
	want := map[string]string{
		"A2": "Samarinda", "B2": "6472", "C2": "2024-W50", "D2": "09/12/2024",
		"E2": "Verifikasi data P3KE di 10 kelurahan 👍🏽",
		"F2": "1,250", "G2": "Rp125,000,000", "H2": injection,
		"I2": "Rapat koordinasi, \"evaluasi\"\nbaris kedua",
		"J2": "13/12/2024 15:04", "K2": "Tidak", "L2": "Tidak", "M2": "1",
		"N2": "Pengurangan beban pengeluaran, Peningkatan pendapatan", "O2": "APBD Kabupaten/Kota, CSR/swasta", "N3": "—",
		"E3": "+62 812 5555 0000 dihubungi", "H3": "@camat belum membalas", "I3": "-",
		"J3": "16/12/2024 09:30", "K3": "Ya", "L3": "Ya", "M3": "2", "F3": "0",
		"D4": "30/12/2024", "F4": "44,524", "G4": "Rp1,250,000", "J4": "",
	}
	for cell, w := range want {
		if got, _ := f.GetCellValue("Laporan", cell); got != w {
			t.Errorf("%s = %q, want %q", cell, got, w)
		}
	}
	raw := map[string]float64{"F2": 1250, "G2": 125000000, "M3": 2, "F4": 44524}
	for cell, w := range raw {
		typ, _ := f.GetCellType("Laporan", cell)
		v, _ := f.GetCellValue("Laporan", cell, excelize.Options{RawCellValue: true})
		if n, err := strconv.ParseFloat(v, 64); err != nil || n != w ||
			(typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber) {
			t.Errorf("%s: raw %q type %v, want number %v", cell, v, typ, w)
		}
	}
	for _, cell := range []string{"H2", "E3", "H3", "I3"} {
		typ, _ := f.GetCellType("Laporan", cell)
		formula, _ := f.GetCellFormula("Laporan", cell)
		if typ != excelize.CellTypeSharedString || formula != "" {
			t.Errorf("%s: type %v formula %q, want plain string", cell, typ, formula)
		}
	}
}

func TestXLSXTimeIsWITA(t *testing.T) {
	f := openWorkbook(t)
	v, _ := f.GetCellValue("Laporan", "J2", excelize.Options{RawCellValue: true})
	serial, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("J2 raw %q: %v", v, err)
	}
	got, _ := excelize.ExcelDateToTime(serial, false)
	if want := time.Date(2024, 12, 13, 15, 4, 0, 0, time.UTC); !got.Round(time.Second).Equal(want) {
		t.Errorf("J2 = %v, want wall time %v", got, want)
	}
}

func TestXLSXLongText(t *testing.T) {
	f := openWorkbook(t)
	got, _ := f.GetCellValue("Laporan", "E4")
	if n := len(utf16.Encode([]rune(got))); n != maxCellUnits {
		t.Errorf("E4 has %d UTF-16 units, want %d", n, maxCellUnits)
	}
	if !strings.HasSuffix(got, "…") || !strings.HasPrefix(long, strings.TrimSuffix(got, "…")) {
		t.Errorf("E4 not a truncated prefix: ...%q", got[len(got)-20:])
	}
}

func TestXLSXLayout(t *testing.T) {
	f := openWorkbook(t)
	p, err := f.GetPanes("Laporan")
	if err != nil || !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" {
		t.Errorf("panes %+v, %v", p, err)
	}
	var filter bool
	for _, d := range f.GetDefinedName() {
		filter = filter || (d.Name == "_xlnm._FilterDatabase" && strings.Contains(d.RefersTo, "$A$1:$O$4"))
	}
	if !filter {
		t.Errorf("no autofilter over A1:O4 in %+v", f.GetDefinedName())
	}
	if w, _ := f.GetColWidth("Laporan", "E"); w < 30 {
		t.Errorf("Kegiatan column width %v", w)
	}
	id, _ := f.GetCellStyle("Laporan", "A1")
	if st, _ := f.GetStyle(id); st == nil || st.Font == nil || !st.Font.Bold {
		t.Error("header is not bold")
	}
	id, _ = f.GetCellStyle("Laporan", "E2")
	if st, _ := f.GetStyle(id); st == nil || st.Alignment == nil || !st.Alignment.WrapText {
		t.Error("Kegiatan does not wrap")
	}
}

func TestXLSXMatrix(t *testing.T) {
	f := openWorkbook(t)
	rows, err := f.GetRows("Rekap")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Wilayah", "2024-W49", "2024-W50"},
		{"Samarinda", "terkirim", "terkirim"},
		{"Balikpapan", "revisi", "terlambat"},
		{"Mahakam Ulu", "libur", "belum"},
		{"Jumlah terkirim", "2", "2"},
	}
	if len(rows) != len(want) {
		t.Fatalf("Rekap rows %q", rows)
	}
	for i := range want {
		if !slices.Equal(rows[i], want[i]) {
			t.Errorf("row %d = %q, want %q", i+1, rows[i], want[i])
		}
	}
	if typ, _ := f.GetCellType("Rekap", "B5"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("total is %v, want number", typ)
	}
}

func TestXLSXEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := XLSX(&buf, nil, Matrix{}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := excelize.OpenReader(&buf); err != nil {
		t.Fatal(err)
	}
}
