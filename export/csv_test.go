package export

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
)

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := CSV(&buf, fixture(), wita); err != nil {
		t.Fatal(err)
	}
	data := buf.String()
	if !strings.HasPrefix(data, "\uFEFFWilayah,") {
		t.Fatalf("no BOM: %q", data[:20])
	}
	if !strings.Contains(data, "Kode BPS,Minggu") || !strings.Contains(data, "Versi\r\n") {
		t.Fatal("header not CRLF-terminated")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(data, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		headers,
		{"Samarinda", "6472", "2024-W50", "2024-12-09", "Verifikasi data P3KE di 10 kelurahan 👍🏽",
			"1250", "125000000", "'" + injection, "Rapat koordinasi, \"evaluasi\"\nbaris kedua",
			"2024-12-13 15:04", "Tidak", "Tidak", "1"},
		{"Balikpapan", "6471", "2024-W50", "2024-12-09", "'+62 812 5555 0000 dihubungi",
			"0", "0", "'@camat belum membalas", "'-",
			"2024-12-16 09:30", "Ya", "Ya", "2"},
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

func TestDefuse(t *testing.T) {
	for in, want := range map[string]string{
		"":        "",
		"=1+1":    "'=1+1",
		"+62":     "'+62",
		"-5 KK":   "'-5 KK",
		"@SUM(1)": "'@SUM(1)",
		"\t=1":    "'\t=1",
		"a=1":     "a=1",
		"Rp1.000": "Rp1.000",
	} {
		if got := defuse(in); got != want {
			t.Errorf("defuse(%q) = %q, want %q", in, got, want)
		}
	}
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
