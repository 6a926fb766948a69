// Package peta draws the choropleth of the ten kabupaten/kota of
// Kalimantan Timur that /peta sends. It takes values already chosen and
// formatted (the domain decides which figure counts) and returns a PNG;
// the boundaries are the embedded data.KaltimGeoJSON.
package peta

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"tkpkbot/chart"
)

// Value is one region's figure: the number that sets its colour and the
// text printed on the map ("5,78%", "42,84 ribu jiwa").
type Value struct {
	V    float64
	Text string
}

// Map is everything one map shows.
type Map struct {
	Title  string // the indicator's name
	Period string // "Maret 2024"
	Source string // printed under the map, wrapped to fit
	// Values by the project's region code; a kabupaten/kota without one
	// is hatched and labelled "tidak ada data".
	Values map[string]Value
	// Direction says which end is worse, which the darkest colour marks.
	Direction Direction
	// Format prints a class boundary in the values' unit and decimals.
	Format func(float64) string
}

// Direction is how an indicator's values read.
type Direction int

const (
	// HigherWorse: darker is higher (poverty rates, counts).
	HigherWorse Direction = iota
	// LowerWorse: darker is lower (an index where higher is better).
	LowerWorse
	// Neutral: neither end is bad news (the poverty line is a price
	// level); darker is higher, in a hue that does not say "alarm".
	Neutral
)

// NoData is the label of a region without a value.
const NoData = "tidak ada data"

// 600×720 pt at 96 dpi is 800×960 px: the province is about as tall as
// it is wide, and the legend and sources need a strip under it.
const (
	widthPt  = 600
	heightPt = 720
	dpi      = 96
	margin   = 12
)

// ramp is ColorBrewer's 5-class Reds: one hue whose lightness falls
// monotonically (CIELAB L* ≈ 93, 77, 62, 48, 33), so the order of the
// classes survives a greyscale printout and colour-blind eyes.
var ramp = []color.RGBA{
	{0xfe, 0xe5, 0xd9, 0xff}, {0xfc, 0xae, 0x91, 0xff}, {0xfb, 0x6a, 0x4a, 0xff},
	{0xde, 0x2d, 0x26, 0xff}, {0xa5, 0x0f, 0x15, 0xff},
}

// neutralRamp is ColorBrewer's 5-class Blues, as monotone as Reds, for
// values that are neither good nor bad.
var neutralRamp = []color.RGBA{
	{0xef, 0xf3, 0xff, 0xff}, {0xbd, 0xd7, 0xe7, 0xff}, {0x6b, 0xae, 0xd6, 0xff},
	{0x31, 0x82, 0xbd, 0xff}, {0x08, 0x51, 0x9c, 0xff},
}

var (
	ink     = color.Gray{Y: 25}
	border  = color.Gray{Y: 70}
	hatchC  = color.Gray{Y: 120}
	subtle  = color.Gray{Y: 80}
	leaderC = color.Gray{Y: 60}
)

// Render draws m as a PNG.
func Render(m Map) ([]byte, error) {
	img := vgimg.NewWith(vgimg.UseWH(widthPt, heightPt), vgimg.UseDPI(dpi))
	if err := Draw(draw.New(img), m); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("peta: encode png: %w", err)
	}
	return buf.Bytes(), nil
}

// Size is the canvas Draw expects, in points.
func Size() (w, h vg.Length) { return widthPt, heightPt }

// Draw draws m on c, which should be Size() large. Tests draw on a
// recording canvas to check what was written without comparing pixels.
func Draw(c draw.Canvas, m Map) error {
	shapes, err := loadShapes()
	if err != nil {
		return err
	}
	if m.Format == nil {
		m.Format = func(v float64) string { return fmt.Sprint(v) }
	}
	for code, v := range m.Values {
		if math.IsNaN(v.V) || math.IsInf(v.V, 0) {
			return fmt.Errorf("peta: region %s has no number", code)
		}
	}
	cls := classify(m)

	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	c = draw.Crop(c, margin, -margin, margin, -margin)
	width := c.Max.X - c.Min.X

	// Top: the title, two lines.
	top := c.Max.Y
	title := style(14, xfont.WeightBold, ink, draw.XCenter, draw.YTop)
	shrink(&title, width, m.Title)
	c.FillText(title, vg.Point{X: c.Center().X, Y: top}, m.Title)
	top -= title.Height(m.Title) + 3
	sub := "Kabupaten/kota di Kalimantan Timur, " + m.Period
	subSty := style(11, xfont.WeightNormal, subtle, draw.XCenter, draw.YTop)
	shrink(&subSty, width, sub)
	c.FillText(subSty, vg.Point{X: c.Center().X, Y: top}, sub)
	top -= subSty.Height(sub) + 8

	// Bottom, from the edge up: the sources, the period, the legend.
	bottom := c.Min.Y
	src := style(8.5, xfont.WeightNormal, subtle, draw.XLeft, draw.YBottom)
	lines := wrap(src, width, m.Source)
	for i := len(lines) - 1; i >= 0; i-- {
		c.FillText(src, vg.Point{X: c.Min.X, Y: bottom}, lines[i])
		bottom += src.Height(lines[i]) + 1
	}
	per := style(9.5, xfont.WeightNormal, ink, draw.XLeft, draw.YBottom)
	c.FillText(per, vg.Point{X: c.Min.X, Y: bottom}, "Periode: "+m.Period)
	bottom += per.Height("Ag") + 8
	bottom += drawLegend(c, bottom, width, cls, m)
	bottom += 6

	area := vg.Rectangle{Min: vg.Point{X: c.Min.X, Y: bottom}, Max: vg.Point{X: c.Max.X, Y: top}}
	drawRegions(c, area, shapes, cls, m)
	return nil
}

// classes split the values into up to five equal-width bands.
type classes struct {
	lo, hi float64
	n      int
	shade  []color.RGBA // per class, lowest values first
}

func classify(m Map) classes {
	var vals []float64
	for _, v := range m.Values {
		vals = append(vals, v.V)
	}
	if len(vals) == 0 {
		return classes{}
	}
	sort.Float64s(vals)
	distinct := 1
	for i := 1; i < len(vals); i++ {
		if vals[i] != vals[i-1] {
			distinct++
		}
	}
	cl := classes{lo: vals[0], hi: vals[len(vals)-1], n: min(5, distinct)}
	colours := ramp
	if m.Direction == Neutral {
		colours = neutralRamp
	}
	if cl.n == 1 {
		cl.shade = []color.RGBA{colours[2]}
		return cl
	}
	// Spread the n classes over the whole ramp, so three classes still
	// run from light to dark.
	for i := range cl.n {
		dark := i
		if m.Direction == LowerWorse {
			dark = cl.n - 1 - i
		}
		cl.shade = append(cl.shade, colours[int(math.Round(float64(dark)*float64(len(colours)-1)/float64(cl.n-1)))])
	}
	return cl
}

func (cl classes) of(v float64) int {
	if cl.n <= 1 || cl.hi == cl.lo {
		return 0
	}
	return min(cl.n-1, int(float64(cl.n)*(v-cl.lo)/(cl.hi-cl.lo)))
}

func (cl classes) edge(i int) float64 {
	return cl.lo + float64(i)*(cl.hi-cl.lo)/float64(max(1, cl.n))
}

// labels are the legend's entries, lowest class first.
func (cl classes) labels(format func(float64) string) []string {
	if cl.n == 0 {
		return nil
	}
	if cl.n == 1 {
		return []string{format(cl.lo)}
	}
	out := make([]string, cl.n)
	for i := range cl.n {
		out[i] = format(cl.edge(i)) + " – " + format(cl.edge(i+1))
	}
	return out
}

// dark says whether text on a fill needs to be white.
func dark(c color.RGBA) bool {
	return 0.299*float64(c.R)+0.587*float64(c.G)+0.114*float64(c.B) < 140
}

// drawLegend lays the classes and the no-data swatch out in rows above
// y, and the direction of the colours under them; it returns the height.
func drawLegend(c draw.Canvas, y, width vg.Length, cls classes, m Map) vg.Length {
	sty := style(10, xfont.WeightNormal, ink, draw.XLeft, draw.YCenter)
	type entry struct {
		label string
		fill  color.Color
		hatch bool
	}
	var entries []entry
	for i, l := range cls.labels(m.Format) {
		entries = append(entries, entry{label: l, fill: cls.shade[i]})
	}
	entries = append(entries, entry{label: NoData, fill: color.White, hatch: true})

	const sw, sh, gap, spacing = 22, 13, 5, 16
	rows, _ := chart.LegendRows(entries, width, spacing, func(e entry) vg.Length {
		return sw + gap + sty.Width(e.label)
	})
	note := map[Direction]string{
		HigherWorse: "Makin gelap = makin tinggi (makin buruk).",
		LowerWorse:  "Makin gelap = makin rendah (makin buruk).",
		Neutral:     "Makin gelap = makin tinggi.",
	}[m.Direction]
	noteSty := style(9.5, xfont.WeightNormal, subtle, draw.XLeft, draw.YBottom)
	used := noteSty.Height(note) + 4
	c.FillText(noteSty, vg.Point{X: c.Min.X, Y: y}, note)

	rowH := vg.Length(sh + 6)
	for r := len(rows) - 1; r >= 0; r-- {
		mid := y + used + rowH/2
		x := c.Min.X
		for _, e := range rows[r] {
			box := vg.Rectangle{Min: vg.Point{X: x, Y: mid - sh/2}, Max: vg.Point{X: x + sw, Y: mid + sh/2}}
			c.SetColor(e.fill)
			c.Fill(box.Path())
			if e.hatch {
				hatch(c, [][]vg.Point{rectPoints(box)})
			}
			c.SetColor(border)
			c.SetLineWidth(0.6)
			c.Stroke(box.Path())
			c.FillText(sty, vg.Point{X: x + sw + gap, Y: mid}, e.label)
			x += sw + gap + sty.Width(e.label) + spacing
		}
		used += rowH
	}
	return used
}

func rectPoints(r vg.Rectangle) []vg.Point {
	return []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}}
}

// hatch strokes diagonal lines across the even-odd interior of rings:
// "no data" must not read as the lightest class in greyscale.
func hatch(c draw.Canvas, rings [][]vg.Point) {
	const step = 5
	lo, hi := vg.Length(math.Inf(1)), vg.Length(math.Inf(-1))
	for _, ring := range rings {
		for _, p := range ring {
			lo, hi = min(lo, p.X-p.Y), max(hi, p.X-p.Y)
		}
	}
	c.SetColor(hatchC)
	c.SetLineWidth(0.7)
	start := vg.Length(math.Floor(float64(lo)/step)) * step
	for u := start; u <= hi; u += step {
		// Crossings of the line x - y = u with every edge, along x.
		var xs []vg.Length
		for _, ring := range rings {
			for i := range ring {
				p, q := ring[i], ring[(i+1)%len(ring)]
				up, uq := p.X-p.Y, q.X-q.Y
				if (up <= u) == (uq <= u) {
					continue
				}
				t := (u - up) / (uq - up)
				xs = append(xs, p.X+t*(q.X-p.X))
			}
		}
		sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] })
		for i := 0; i+1 < len(xs); i += 2 {
			var path vg.Path
			path.Move(vg.Point{X: xs[i], Y: xs[i] - u})
			path.Line(vg.Point{X: xs[i+1], Y: xs[i+1] - u})
			c.Stroke(path)
		}
	}
}

// callouts move the labels of regions too small to hold them out to sea,
// east or south-east of them, with a leader line: offsets in degrees.
var callouts = map[string]lngLat{
	"6471": {0.75, 0.05},  // Balikpapan
	"6472": {0.8, -0.05},  // Samarinda
	"6474": {0.7, 0.2},    // Bontang
	"6409": {0.55, -0.55}, // Penajam Paser Utara: narrow, beside Balikpapan
}

// drawRegions fits the province into area, keeping its shape, and draws
// every region with its name and value.
func drawRegions(c draw.Canvas, area vg.Rectangle, shapes []shape, cls classes, m Map) {
	minLng, minLat, maxLng, maxLat := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range shapes {
		minLng, minLat = min(minLng, s.bbox[0].lng), min(minLat, s.bbox[0].lat)
		maxLng, maxLat = max(maxLng, s.bbox[1].lng), max(maxLat, s.bbox[1].lat)
	}
	// Room east for the callouts' text.
	maxLng += 0.9
	// Near the equator a degree of longitude is as long as one of
	// latitude to within 0,1 %; cos keeps it honest anyway.
	kx := math.Cos((minLat + maxLat) / 2 * math.Pi / 180)
	w, h := float64(area.Max.X-area.Min.X), float64(area.Max.Y-area.Min.Y)
	scale := math.Min(w/((maxLng-minLng)*kx), h/(maxLat-minLat))
	offX := float64(area.Min.X) + (w-(maxLng-minLng)*kx*scale)/2
	offY := float64(area.Min.Y) + (h-(maxLat-minLat)*scale)/2
	proj := func(p lngLat) vg.Point {
		return vg.Point{X: vg.Length(offX + (p.lng-minLng)*kx*scale), Y: vg.Length(offY + (p.lat-minLat)*scale)}
	}

	projected := make([][][]vg.Point, len(shapes))
	for i, s := range shapes {
		for _, ring := range s.rings {
			pts := make([]vg.Point, len(ring))
			for k, p := range ring {
				pts[k] = proj(p)
			}
			projected[i] = append(projected[i], pts)
		}
	}
	fills := make([]color.RGBA, len(shapes))
	for i, s := range shapes {
		var path vg.Path
		for _, ring := range projected[i] {
			path.Move(ring[0])
			for _, p := range ring[1:] {
				path.Line(p)
			}
			path.Close()
		}
		v, ok := m.Values[s.code]
		if ok {
			fills[i] = cls.shade[cls.of(v.V)]
		} else {
			fills[i] = color.RGBA{0xff, 0xff, 0xff, 0xff}
		}
		c.SetColor(fills[i])
		c.Fill(path)
		if !ok {
			hatch(c, projected[i])
		}
		c.SetColor(border)
		c.SetLineWidth(0.6)
		c.Stroke(path)
	}

	name := style(9, xfont.WeightBold, ink, draw.XCenter, draw.YBottom)
	val := style(9, xfont.WeightNormal, ink, draw.XCenter, draw.YTop)
	for i, s := range shapes {
		v, ok := m.Values[s.code]
		text := NoData
		if ok {
			text = v.Text
		}
		at := proj(s.label)
		ns, vs := name, val
		if off, out := callouts[s.code]; out {
			to := proj(lngLat{s.label.lng + off.lng, s.label.lat + off.lat})
			c.SetColor(leaderC)
			c.SetLineWidth(0.7)
			var leader vg.Path
			leader.Move(at)
			leader.Line(vg.Point{X: to.X - 2, Y: to.Y})
			c.Stroke(leader)
			c.SetColor(ink)
			c.Fill(circle(at, 1.6))
			ns.XAlign, vs.XAlign = draw.XLeft, draw.XLeft
			at = to
		} else if ok && dark(fills[i]) {
			ns.Color, vs.Color = color.White, color.White
		} else if !ok {
			// Text over hatching is hard to read: give it a white card.
			w := max(ns.Width(displayName(s)), vs.Width(text))/2 + 3
			hgt := ns.Height("Ag") + 2
			c.SetColor(color.White)
			c.Fill(vg.Rectangle{Min: vg.Point{X: at.X - w, Y: at.Y - hgt}, Max: vg.Point{X: at.X + w, Y: at.Y + hgt}}.Path())
		}
		c.FillText(ns, vg.Point{X: at.X, Y: at.Y + 1}, displayName(s))
		c.FillText(vs, vg.Point{X: at.X, Y: at.Y - 1}, text)
	}
}

// displayName is the region's short name; "Kutai Kartanegara" fits its
// regency, and no label needs "Kabupaten".
func displayName(s shape) string {
	name := strings.TrimPrefix(strings.TrimPrefix(s.official, "Kabupaten "), "Kota ")
	return name
}

func circle(at vg.Point, r vg.Length) vg.Path {
	var p vg.Path
	p.Move(vg.Point{X: at.X + r, Y: at.Y})
	p.Arc(at, r, 0, 2*math.Pi)
	p.Close()
	return p
}

func style(size vg.Length, w xfont.Weight, col color.Color, x draw.XAlignment, y draw.YAlignment) text.Style {
	return text.Style{
		Color:   col,
		Font:    font.Font{Typeface: "Liberation", Variant: "Sans", Weight: w, Size: size},
		XAlign:  x,
		YAlign:  y,
		Handler: plot.DefaultTextHandler,
	}
}

// shrink lowers the font size, down to 7 pt, until txt fits in width.
func shrink(sty *text.Style, width vg.Length, txt string) {
	for sty.Width(txt) > width && sty.Font.Size > 7 {
		sty.Font.Size -= 0.5
	}
}

// wrap breaks s into lines that fit width, at spaces.
func wrap(sty text.Style, width vg.Length, s string) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		cur := ""
		for _, w := range strings.Fields(para) {
			if cur != "" && sty.Width(cur+" "+w) > width {
				lines = append(lines, cur)
				cur = w
				continue
			}
			if cur != "" {
				cur += " "
			}
			cur += w
		}
		if cur != "" {
			lines = append(lines, cur)
		}
	}
	if len(lines) > 4 {
		lines = append(lines[:3], "…")
	}
	return lines
}
