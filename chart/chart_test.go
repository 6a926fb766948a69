package chart

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func periods(vals ...float64) []Point {
	var pts []Point
	for i, v := range vals {
		year := 2015 + i/2
		month := "Mar"
		if i%2 == 1 {
			month = "Sep"
		}
		pts = append(pts, Point{Label: month + " " + itoa(year), Order: year*100 + 3 + 6*(i%2), Value: v})
	}
	return pts
}

func itoa(n int) string { return strconv.Itoa(n) }

func sample() []Series {
	return []Series{
		{Name: "Samarinda", Points: periods(4.86, 4.72, 4.63, 4.58, 4.67, 4.76, 4.72, 4.77, 4.73, 4.68)},
		{Name: "Kalimantan Timur", Points: periods(6.23, 6.11, 6.00, 6.08, 6.03, 5.94, 6.10, 6.64, 6.54, 6.27)},
	}
}

func decode(t testing.TB, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	return img
}

// colours counts distinct colours and whether want (±12 per channel, to
// allow for antialiasing) appears at all.
func colours(img image.Image, want color.RGBA) (distinct int, found bool) {
	seen := map[color.RGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			seen[c] = true
			if near(c.R, want.R) && near(c.G, want.G) && near(c.B, want.B) {
				found = true
			}
		}
	}
	return len(seen), found
}

func near(a, b uint8) bool { return int(a)-int(b) <= 12 && int(b)-int(a) <= 12 }

func TestLine(t *testing.T) {
	out, err := Line("Persentase Penduduk Miskin", "Persen (%)", "Sumber: BPS", sample())
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, out)
	if b := img.Bounds(); b.Dx() != 800 || b.Dy() != 500 {
		t.Errorf("size %v, want 800×500", b.Size())
	}
	if c := color.RGBAModel.Convert(img.At(1, 1)).(color.RGBA); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("background %v, want white", c)
	}
	for i := range 2 {
		n, found := colours(img, palette[i])
		if n < 50 || !found {
			t.Errorf("series %d: %d colours, colour %v present: %v", i, n, palette[i], found)
		}
	}
	if path := os.Getenv("CHART_OUT"); path != "" {
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLineOnePointAndGaps(t *testing.T) {
	one := []Series{{Name: "Mahakam Ulu", Points: []Point{{Label: "2023", Order: 202312, Value: 10.02}}}}
	out, err := Line("P0", "Persen (%)", "", one)
	if err != nil {
		t.Fatal(err)
	}
	if _, found := colours(decode(t, out), palette[0]); !found {
		t.Error("single point not drawn")
	}

	gappy := sample()
	for _, s := range gappy {
		for i := range s.Points {
			s.Points[i].Value *= 150000
		}
	}
	gappy[0].Points = append(gappy[0].Points[:3], gappy[0].Points[6:]...)
	gappy[1].Points = append(gappy[1].Points, Point{Label: "Mar 2020", Order: 202003, Value: 6.1 * 150000})
	out, err = Line("Garis Kemiskinan", "Rupiah/kapita/bulan", "Sumber: BPS", gappy)
	if err != nil {
		t.Fatal(err)
	}
	if path := os.Getenv("CHART_OUT_GAPS"); path != "" {
		_ = os.WriteFile(path, out, 0o644)
	}
}

func TestLineManyPeriodsAndSeries(t *testing.T) {
	var many []Series
	names := []string{"Kalimantan Timur", "Paser", "Kutai Barat", "Kutai Kartanegara", "Kutai Timur",
		"Berau", "Penajam Paser Utara", "Mahakam Ulu", "Balikpapan", "Samarinda", "Bontang"}
	for i, n := range names {
		vals := make([]float64, 20)
		for j := range vals {
			vals[j] = 3 + float64(i) + float64(j%5)/10
		}
		many = append(many, Series{Name: n, Points: periods(vals...)})
	}
	out, err := Line(strings.Repeat("Judul sangat panjang ", 8), "Persen (%)", "Sumber: BPS", many)
	if err != nil {
		t.Fatal(err)
	}
	decode(t, out)
	if path := os.Getenv("CHART_OUT_MANY"); path != "" {
		_ = os.WriteFile(path, out, 0o644)
	}
}

func TestLineErrors(t *testing.T) {
	for name, s := range map[string][]Series{
		"nil":       nil,
		"no points": {{Name: "Samarinda"}},
		"NaN":       {{Name: "x", Points: []Point{{Label: "2023", Value: nan()}}}},
	} {
		if _, err := Line("t", "y", "c", s); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func nan() float64 { var z float64; return z / z }

func TestLineConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, err := Line("P0", "Persen (%)", "Sumber: BPS", sample()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

func BenchmarkLine(b *testing.B) {
	s := sample()
	for b.Loop() {
		if _, err := Line("Persentase Penduduk Miskin", "Persen (%)", "Sumber: BPS", s); err != nil {
			b.Fatal(err)
		}
	}
}
