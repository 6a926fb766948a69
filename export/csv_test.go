package export

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"tkpkbot"
)

func TestCSV(t *testing.T) {
	data, recs := readBack(t, fixture())
	// The bytes Excel and LibreOffice see: BOM, no "sep=" line, every field
	// quoted, ";" between fields, CRLF after every record.
	wantHead := "\xEF\xBB\xBF" + `"Wilayah";"Kode BPS";"Minggu";"Awal minggu";"Kegiatan";"KK dijangkau";` +
		`"Realisasi anggaran (Rp)";"Kendala";"Rencana minggu depan";"Dikirim (WITA)";"Terlambat";"Revisi";"Versi";"Strategi";"Sumber dana"` + "\r\n"
	if !strings.HasPrefix(data, wantHead) {
		t.Fatalf("file starts\n%q\nwant\n%q", data[:min(len(data), len(wantHead))], wantHead)
	}
	wantRow := "\r\n" + `"Balikpapan";"6471";"2024-W50";"2024-12-09";"'+62 812 5555 0000 dihubungi";"0";"0";` +
		`"'@camat belum membalas";"'-";"2024-12-16 09:30";"Ya";"Ya";"2";"—";"—"` + "\r\n"
	if !strings.Contains(data, wantRow) {
		t.Errorf("no row %q", wantRow)
	}
	if !strings.Contains(data, `;"1250";"125000000";`) || !strings.Contains(data, `"Rapat koordinasi, ""evaluasi""`+"\nbaris kedua\";") {
		t.Errorf("numbers or quoted text not as expected:\n%.600s", data)
	}
	// Four records, so four CRLFs; the only other line break is the LF
	// inside a quoted cell, which is how Excel writes a cell's line break.
	if n := strings.Count(data, "\r\n"); n != 4 || strings.Count(data, "\r") != 4 || strings.Count(data, "\n") != 5 || !strings.HasSuffix(data, "\r\n") {
		t.Errorf("%d CRLF, %d CR, %d LF", n, strings.Count(data, "\r"), strings.Count(data, "\n"))
	}
	want := [][]string{
		headers,
		{"Samarinda", "6472", "2024-W50", "2024-12-09", "Verifikasi data P3KE di 10 kelurahan 👍🏽",
			"1250", "125000000", "'" + injection, "Rapat koordinasi, \"evaluasi\"\nbaris kedua",
			"2024-12-13 15:04", "Tidak", "Tidak", "1", "Pengurangan beban pengeluaran, Peningkatan pendapatan", "APBD Kabupaten/Kota, CSR/swasta"},
		{"Balikpapan", "6471", "2024-W50", "2024-12-09", "'+62 812 5555 0000 dihubungi",
			"0", "0", "'@camat belum membalas", "'-",
			"2024-12-16 09:30", "Ya", "Ya", "2", "—", "—"},
	}
	if len(recs) != 4 {
		t.Fatalf("%d records", len(recs))
	}
	for i := range want {
		if !slices.Equal(recs[i], want[i]) {
			t.Errorf("record %d\n got %q\nwant %q", i, recs[i], want[i])
		}
	}
	last := recs[3]
	if last[3] != "2024-12-30" || last[5] != "44524" || last[6] != "1250000" || last[9] != "" {
		t.Errorf("record 3 = %q", slices.Delete(slices.Clone(last), 4, 5))
	}
	if !strings.HasSuffix(last[4], "…") {
		t.Error("long text not truncated")
	}
}

// injections are report texts that would run as formulas if a cell, or a
// piece a naive split on "," or ";" makes of one, started with them.
var injections = []string{
	"Kegiatan;=1+1;", "@SUM(A1)", "-2+3", "+1", "=1+1", "\t=1", "\r=1",
	"a,=1", "a, -1", "a;\"=1\"", `"=HYPERLINK(""x"")"`, "x;;@y", "a , ; +1", " =1",
}

func TestCSVInjection(t *testing.T) {
	w := tkpkbot.Week{Year: 2024, Week: 50}
	var rows []Row
	for i := 0; i < len(injections); i += 3 {
		row := Row{RegionName: injections[i], RegionCode: "6472", Report: tkpkbot.Report{Week: w, Version: 1}}
		if i+1 < len(injections) {
			row.Report.Activities = injections[i+1]
		}
		if i+2 < len(injections) {
			row.Report.Obstacles = injections[i+2]
		}
		rows = append(rows, row)
	}
	data, recs := readBack(t, rows)
	checkNoFormula(t, data)

	// Read back as Excel and LibreOffice do, each cell is the text with
	// a ' in front of every formula start.
	var cells []string
	for _, r := range recs[1:] {
		cells = append(cells, r[0], r[4], r[7])
	}
	want := []string{
		"Kegiatan;'=1+1;", "'@SUM(A1)", "'-2+3", "'+1", "'=1+1", "'\t=1", "\n'=1",
		"a,'=1", "a, '-1", "a;\"'=1\"", `"'=HYPERLINK(""x"")"`, "x;;'@y", "a , ; '+1", " '=1",
	}
	if !slices.Equal(cells[:len(want)], want) {
		t.Errorf("cells\n got %q\nwant %q", cells[:len(want)], want)
	}
}

// readBack writes rows with CSV and reads the file as Excel and
// LibreOffice do: past the BOM, ";" between fields. It returns the file as
// written too, for the checks on its bytes.
func readBack(t *testing.T, rows []Row) (data string, recs [][]string) {
	t.Helper()
	var buf bytes.Buffer
	if err := CSV(&buf, rows, wita); err != nil {
		t.Fatal(err)
	}
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF")))
	cr.Comma = ';'
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	return buf.String(), recs
}

// checkNoFormula splits data on ";" and on "," as a reader set to the
// other separator, or a naive tool, would, and fails if a piece (after
// spaces and quotes, which such readers drop) starts a formula. The BOM
// goes first, as every reader drops it.
func checkNoFormula(t *testing.T, data string) {
	t.Helper()
	data = strings.TrimPrefix(data, "\uFEFF")
	for _, sep := range []string{";", ","} {
		for _, line := range strings.Split(data, "\r\n") {
			for _, piece := range strings.Split(line, sep) {
				p := strings.TrimLeft(piece, " \"\n")
				if p != "" && formulaPrefix(p[0]) {
					t.Errorf("split on %q gives %q in line %q", sep, piece, line)
				}
			}
		}
	}
}

func TestDefuse(t *testing.T) {
	for in, want := range map[string]string{
		"":               "",
		"=1+1":           "'=1+1",
		"+62":            "'+62",
		"-5 KK":          "'-5 KK",
		"@SUM(1)":        "'@SUM(1)",
		"\t=1":           "'\t=1",
		"\r=1":           "'\r=1",
		"a=1":            "a=1",
		"Rp1.000":        "Rp1.000",
		"1250":           "1250",
		"2024-12-09":     "2024-12-09",
		"a;b, c":         "a;b, c",
		"Kegiatan;=1+1;": "Kegiatan;'=1+1;",
		"a, -1":          "a, '-1",
		"a;\"=1\"":       "a;\"'=1\"",
		" =1":            " '=1",
		"x;;@y":          "x;;'@y",
		"5-2=3, ok":      "5-2=3, ok",
		"a\n-b":          "a\n-b",
		"\n=1":           "\n'=1",
		"a;\n\n@1":       "a;\n\n'@1",
	} {
		if got := defuse(in); got != want {
			t.Errorf("defuse(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzCSVCell(f *testing.F) {
	for _, s := range injections {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		row := Row{RegionName: s, RegionCode: s, Report: tkpkbot.Report{Activities: s, Obstacles: s, NextPlan: s}}
		data, recs := readBack(t, []Row{row})
		checkNoFormula(t, data)
		if len(recs) != 2 || len(recs[1]) != len(headers) {
			t.Fatalf("read back: %d records", len(recs))
		}
		// Defusing only adds apostrophes.
		if got, want := strings.ReplaceAll(recs[1][4], "'", ""), strings.ReplaceAll(clean(s), "'", ""); got != want && !strings.HasSuffix(got, "…") {
			t.Fatalf("cell %q from %q", recs[1][4], s)
		}
	})
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"a\r\nb\rc":     "a\nb\nc",
		"x\x00\x07y\tz": "xy\tz",
		"bad\xffutf8":   "badutf8",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
	exact := strings.Repeat("a", maxCellUnits)
	if clean(exact) != exact {
		t.Error("text at the limit must not be cut")
	}
	if got := clean(exact + "b"); utf16Len(got) != maxCellUnits || !strings.HasSuffix(got, "a…") {
		t.Errorf("one over the limit: len %d", utf16Len(got))
	}
}
