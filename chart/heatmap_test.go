package chart

import (
	"os"
	"testing"
)

func TestHeatmap(t *testing.T) {
	weeks := make([]string, 52)
	for i := range weeks {
		weeks[i] = itoa(i + 1)
	}
	row := func(name string, pattern ...string) HeatRow {
		r := HeatRow{Label: name, Right: "80%", Beside: "3/4"}
		for i := range weeks {
			r.Cells = append(r.Cells, pattern[i%len(pattern)])
		}
		return r
	}
	png, err := Heatmap("Laporan mingguan 2025", "Sumber: laporan bot", weeks, []HeatRow{
		row("Samarinda", "terkirim", "terkirim", "terlambat"), row("Bontang", "belum", "libur", ""),
	}, "Tepat waktu", "Rapat")
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, png)
	if b := img.Bounds(); b.Dx() != 800 {
		t.Fatalf("size %v", b)
	}
	for _, s := range []string{"terkirim", "terlambat", "belum", "libur"} {
		if _, found := colours(img, HeatColours[s]); !found {
			t.Errorf("no %s cells", s)
		}
	}
	if os.Getenv("CHART_OUT") != "" {
		_ = os.WriteFile(os.Getenv("CHART_OUT"), png, 0o644)
	}
	for _, bad := range [][]HeatRow{nil, {{Label: "x", Cells: []string{"terkirim"}}}, {row("x", "bogus")}} {
		if _, err := Heatmap("x", "", weeks, bad, "a", ""); err == nil {
			t.Errorf("drawn without error: %+v", bad)
		}
	}
}
