package main

import (
	"encoding/csv"
	"strings"
	"testing"
)

// TestEksporCSVOpensInIndonesianExcel checks the bytes of /ekspor csv as
// sent to the chat: the BOM, ";" between quoted fields, CRLF, and report
// text that cannot start a formula however the file is split.
func TestEksporCSVOpensInIndonesianExcel(t *testing.T) {
	h := coordinatorHarness(t, "Mahulu")
	sendReport(t, h, coordID, "Sari", "Kegiatan;=1+1;", "1.250", "Rp2.500.000", "@SUM(A1)", "-2+3, +1")
	h.say(adminID, "Admin", "/ekspor csv")
	docs := h.fake.CallsTo("sendDocument")
	if len(docs) != 1 || len(docs[0].Files) != 1 {
		t.Fatalf("sendDocument calls = %d", len(docs))
	}
	var name, data string
	for _, f := range docs[0].Files {
		name, data = f.Name, string(f.Data)
	}
	if !strings.HasSuffix(name, ".csv") {
		t.Fatalf("file name %q", name)
	}
	mustContain(t, docs[0].Params["caption"], "Laporan TKPK", "pemisah titik koma (;)", "LibreOffice")
	if !strings.HasPrefix(data, "\uFEFF\"Wilayah\";\"Kode BPS\";") || !strings.HasSuffix(data, "\"1\";\"Peningkatan pendapatan\";\"APBD Kabupaten/Kota\"\r\n") || strings.Count(data, "\r\n") != 2 {
		t.Fatalf("not a BOM, quoted, ;-separated, CRLF file:\n%q", data)
	}
	mustContain(t, data, `"Mahakam Ulu";"6411";"2024-W50";"2024-12-09";"Kegiatan;'=1+1;";"1250";"2500000";"'@SUM(A1)";"'-2+3, '+1"`)
	for _, sep := range []string{";", ","} {
		for _, piece := range strings.Split(data, sep) {
			if p := strings.TrimLeft(piece, " \"\r\n"); p != "" && strings.ContainsRune("=+-@\t\r", rune(p[0])) {
				t.Errorf("split on %q gives a piece starting a formula: %q", sep, piece)
			}
		}
	}
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(data, "\uFEFF")))
	cr.Comma = ';'
	recs, err := cr.ReadAll()
	if err != nil || len(recs) != 2 || len(recs[1]) != len(recs[0]) {
		t.Fatalf("read back with ';': %q, %v", recs, err)
	}
}
