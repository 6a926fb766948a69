package peta

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"tkpkbot"
)

// sample is P0, Maret 2024, with Mahakam Ulu left out to show "no data".
func sample() Map {
	vals := map[string]float64{"6401": 8.44, "6402": 8.35, "6403": 7.06, "6404": 8.87, "6405": 4.73,
		"6409": 6.43, "6471": 2.42, "6472": 4.40, "6474": 4.23}
	m := Map{Title: "Persentase penduduk miskin (P0)", Period: "Maret 2024",
		Source: "Sumber: BPS Provinsi Kalimantan Timur, via kaltim.bps.go.id", HigherIsWorse: true,
		Values: map[string]Value{},
		Format: func(v float64) string { return strings.ReplaceAll(fmt.Sprintf("%.2f", v), ".", ",") }}
	for k, v := range vals {
		m.Values[k] = Value{V: v, Text: strings.ReplaceAll(fmt.Sprintf("%.2f%%", v), ".", ",")}
	}
	return m
}

func TestRenderWritesPNG(t *testing.T) {
	b, err := Render(sample())
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got.X != 800 || got.Y != 960 {
		t.Fatalf("size %v", got)
	}
	if len(b) > 150<<10 {
		t.Fatalf("PNG is %d KB, budget 150 KB", len(b)>>10)
	}
	if os.Getenv("PETA_WRITE") != "" {
		_ = os.WriteFile(os.Getenv("PETA_WRITE"), b, 0o644)
	}
}

// drawn renders m on a recording canvas and returns every string written.
func drawn(t *testing.T, m Map) []string {
	t.Helper()
	var rec recorder.Canvas
	w, h := Size()
	if err := Draw(draw.Canvas{Canvas: &rec, Rectangle: vg.Rectangle{Max: vg.Point{X: w, Y: h}}}, m); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range rec.Actions {
		if fs, ok := a.(*recorder.FillString); ok {
			out = append(out, fs.String)
		}
	}
	return out
}

func TestEveryRegionNamedWithItsValueAndLegend(t *testing.T) {
	got := strings.Join(drawn(t, sample()), "\n")
	for _, r := range tkpkbot.Districts() {
		if !strings.Contains(got, r.Name) {
			t.Errorf("no label for %s", r.Name)
		}
	}
	for _, want := range []string{
		"Persentase penduduk miskin (P0)", "Kabupaten/kota di Kalimantan Timur, Maret 2024",
		"8,44%", "2,42%", "4,40%", // values on the map
		"2,42 – 3,71", "7,58 – 8,87", // lowest and highest of 5 classes
		NoData, "Makin gelap = makin tinggi (makin buruk).",
		"Periode: Maret 2024", "Sumber: BPS Provinsi Kalimantan Timur, via kaltim.bps.go.id",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("map does not show %q; it shows:\n%s", want, got)
		}
	}
	if n := strings.Count(got, NoData); n != 2 { // Mahakam Ulu and the legend
		t.Errorf("%q drawn %d times, want 2 (one region, one legend entry)", NoData, n)
	}
}
