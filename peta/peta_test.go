package peta

import (
	"bytes"
	"fmt"
	"image/color"
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
		Source: "Sumber: BPS Provinsi Kalimantan Timur, via kaltim.bps.go.id", Direction: HigherWorse,
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

// BenchmarkRender is one /peta: the budget is 150 ms and 150 KB.
func BenchmarkRender(b *testing.B) {
	m := sample()
	var size int
	for b.Loop() {
		png, err := Render(m)
		if err != nil {
			b.Fatal(err)
		}
		size = len(png)
	}
	b.ReportMetric(float64(size)/1024, "KB/png")
}

func TestHigherIsBetterDarkensTheLowest(t *testing.T) {
	m := sample()
	cl := classify(m)
	if cl.shade[cl.n-1] != ramp[len(ramp)-1] || cl.shade[0] != ramp[0] {
		t.Fatalf("higher-is-worse: highest class %v, want the darkest", cl.shade[cl.n-1])
	}
	m.Direction = LowerWorse
	cl = classify(m)
	if cl.shade[0] != ramp[len(ramp)-1] || cl.shade[cl.n-1] != ramp[0] {
		t.Fatalf("higher-is-better: lowest class %v, want the darkest", cl.shade[0])
	}
	if got := strings.Join(drawn(t, m), "\n"); !strings.Contains(got, "Makin gelap = makin rendah (makin buruk).") {
		t.Fatalf("legend does not say darker is lower:\n%s", got)
	}
}

func TestRampLightnessFallsMonotonically(t *testing.T) {
	for _, r := range [][]color.RGBA{ramp, neutralRamp} {
		prev := 256.0
		for i, c := range r {
			y := 0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B)
			if y >= prev {
				t.Fatalf("%v: colour %d is not darker in greyscale than the one before", r, i)
			}
			prev = y
		}
	}
}

func TestNeutralIndicatorIsNotRed(t *testing.T) {
	m := sample()
	m.Direction = Neutral
	cl := classify(m)
	if cl.shade[cl.n-1] != neutralRamp[len(neutralRamp)-1] {
		t.Fatalf("neutral: highest class %v, want the darkest blue", cl.shade[cl.n-1])
	}
}

func TestBoundariesCoverEveryRegion(t *testing.T) {
	shapes, err := loadShapes()
	if err != nil {
		t.Fatal(err)
	}
	if len(shapes) != len(tkpkbot.Districts()) {
		t.Fatalf("%d shapes for %d kabupaten/kota", len(shapes), len(tkpkbot.Districts()))
	}
	for _, s := range shapes {
		if _, out := callouts[s.code]; !out && !inside(s.rings, s.label) {
			t.Errorf("label of %s is outside it", s.official)
		}
	}
}
