// Package chart draws the poverty-figure charts the bot sends as photos.
// It needs no network and no system fonts: gonum/plot embeds Liberation.
package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"
	"sort"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Point is one value at one period. Time places it on the x axis in
// years (2024.17 for March 2024), so the axis is proportional to time and
// a missing round leaves a wider step; Order sorts periods whose Labels
// ("Mar 2022", "Sep 2022", "2023") do not sort as text. Text is the value
// as drawn beside the point, formatted by the caller as the source
// printed it; empty means formatted from Value.
type Point struct {
	Label string
	Order int
	Time  float64
	Value float64
	Text  string
}

// Series is one line, e.g. one region.
type Series struct {
	Name   string
	Points []Point
}

// 600×375 pt at 96 dpi is 800×500 px: large enough to read on a phone,
// small enough that Telegram does not recompress it much.
const (
	widthPt  = 600
	heightPt = 375
	dpi      = 96
	margin   = 10
)

// Chart is a line chart of periods. FromZero starts the value axis at
// zero, which counts of people need: a cut axis makes a fall of a tenth
// look like a collapse. Otherwise an axis that does not start at zero
// says so under the chart.
type Chart struct {
	Title, YLabel, Caption string
	Series                 []Series
	FromZero               bool
}

// Line renders series as a PNG line chart with periods on the x axis; see
// Chart.PNG.
func Line(title, yLabel, caption string, series []Series) ([]byte, error) {
	return Chart{Title: title, YLabel: yLabel, Caption: caption, Series: series}.PNG()
}

// PNG renders the chart. Every point carries its value. Where a series
// skips periods (a step over one and a half times its usual step) the
// line across the gap is dashed, so an interpolation is not read as data.
func (ch Chart) PNG() ([]byte, error) {
	series := ch.Series
	periods, err := collectPeriods(series)
	if err != nil {
		return nil, err
	}
	p := plot.New()
	p.Title.Text = ch.Title
	p.Title.TextStyle.Font = sans(13, xfont.WeightBold)
	p.Title.Padding = 8
	p.X.Label.Text = "Periode"
	p.Y.Label.Text = ch.YLabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(11, xfont.WeightNormal)
		a.Tick.Label.Font = sans(10, xfont.WeightNormal)
		a.Padding = 0
	}

	lo, hi := valueRange(series)
	if ch.FromZero {
		lo = math.Min(lo, 0)
	}
	var step float64
	var dec int
	p.Y.Min, p.Y.Max, step, dec = niceRange(lo, hi)
	p.Y.Tick.Marker = yTicks{step: step, dec: dec}
	caption := ch.Caption
	if p.Y.Min > 0 {
		note := "Sumbu tegak tidak mulai dari nol."
		if caption != "" {
			note = caption + " · " + note
		}
		caption = note
	}

	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal.Color = color.Gray{Y: 215}
	p.Add(grid)

	x := xPositions(periods)
	var entries []legendEntry
	var labels valueLabels
	for i, s := range series {
		if len(s.Points) == 0 {
			continue
		}
		pts := slices.Clone(s.Points)
		sort.SliceStable(pts, func(a, b int) bool { return x[pts[a].Label] < x[pts[b].Label] })
		xys := make(plotter.XYs, len(pts))
		for j, pt := range pts {
			xys[j] = plotter.XY{X: x[pt.Label], Y: pt.Value}
		}
		c := palette[i%len(palette)]
		solid, dashed := splitAtGaps(xys, Gaps(pts))
		var line *plotter.Line
		for _, seg := range solid {
			l, err := plotter.NewLine(seg)
			if err != nil {
				return nil, fmt.Errorf("chart: series %q: %w", s.Name, err)
			}
			l.Color, l.Width = c, vg.Points(2)
			p.Add(l)
			line = l
		}
		for _, seg := range dashed {
			l, err := plotter.NewLine(seg)
			if err != nil {
				return nil, fmt.Errorf("chart: series %q: %w", s.Name, err)
			}
			l.Color, l.Width, l.Dashes = c, vg.Points(1.2), []vg.Length{vg.Points(4), vg.Points(3)}
			p.Add(l)
		}
		points, err := plotter.NewScatter(xys)
		if err != nil {
			return nil, fmt.Errorf("chart: series %q: %w", s.Name, err)
		}
		points.Color, points.Radius = c, vg.Points(3.5)
		points.Shape = glyphs[i%len(glyphs)]
		p.Add(points)
		if line == nil {
			line = &plotter.Line{LineStyle: draw.LineStyle{Color: c, Width: vg.Points(2)}}
		}
		entries = append(entries, legendEntry{name: s.Name, line: line, points: points})
		for j, pt := range pts {
			text := pt.Text
			if text == "" {
				text = formatID(pt.Value, dec+1)
			}
			labels.add(xys[j], text, c)
		}
	}
	labels.place()
	labels.style = p.X.Tick.Label
	labels.style.Font = sans(8.5, xfont.WeightNormal)
	p.Add(&labels)

	first, last := x[periods[0].label], x[periods[len(periods)-1].label]
	pad := math.Max((last-first)*0.04, 0.5)
	p.X.Min, p.X.Max = first-pad, last+pad
	p.X.Tick.Marker = plot.ConstantTicks(xTicks(periods, x, p.X.Min, p.X.Max, p.X.Tick.Label))
	return render(p, entries, caption)
}

// xPositions places each period label at its Time, or, when no point has
// a Time, at its rank (the ordinal axis of callers that know no dates).
func xPositions(periods []period) map[string]float64 {
	x := make(map[string]float64, len(periods))
	timed := slices.ContainsFunc(periods, func(p period) bool { return p.time != 0 })
	for i, p := range periods {
		x[p.label] = float64(i)
		if timed {
			x[p.label] = p.time
		}
	}
	return x
}

// Gaps returns the indexes i of sorted points where the step from
// points[i-1] to points[i] is over one and a half times the series' usual
// (smallest) step: a skipped round. Callers name the gaps in their
// captions; PNG dashes them.
func Gaps(points []Point) []int {
	if len(points) < 3 {
		return nil
	}
	pts := slices.Clone(points)
	sort.SliceStable(pts, func(a, b int) bool { return pts[a].Order < pts[b].Order })
	minStep := math.Inf(1)
	for i := 1; i < len(pts); i++ {
		if d := pts[i].Time - pts[i-1].Time; d > 1e-9 {
			minStep = math.Min(minStep, d)
		}
	}
	var out []int
	for i := 1; i < len(pts); i++ {
		if pts[i].Time-pts[i-1].Time > 1.5*minStep+1e-9 {
			out = append(out, i)
		}
	}
	return out
}

// splitAtGaps cuts a sorted line into solid runs and the dashed segments
// bridging each gap.
func splitAtGaps(xys plotter.XYs, gaps []int) (solid, dashed []plotter.XYs) {
	start := 0
	for _, g := range gaps {
		solid = append(solid, xys[start:g])
		dashed = append(dashed, plotter.XYs{xys[g-1], xys[g]})
		start = g
	}
	return append(solid, xys[start:]), dashed
}

type period struct {
	label string
	order int
	time  float64
}

// collectPeriods returns the union of labels sorted by Order (first Order
// seen wins), rejecting input that cannot be drawn.
func collectPeriods(series []Series) ([]period, error) {
	seen := map[string]bool{}
	var out []period
	for _, s := range series {
		for _, pt := range s.Points {
			if math.IsNaN(pt.Value) || math.IsInf(pt.Value, 0) || math.IsNaN(pt.Time) || math.IsInf(pt.Time, 0) {
				return nil, fmt.Errorf("chart: series %q has no number at %q", s.Name, pt.Label)
			}
			if !seen[pt.Label] {
				seen[pt.Label] = true
				out = append(out, period{pt.Label, pt.Order, pt.Time})
			}
		}
	}
	if len(out) == 0 {
		return nil, errors.New("chart: no data points")
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].order < out[j].order })
	return out, nil
}

func valueRange(series []Series) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range series {
		for _, pt := range s.Points {
			lo, hi = math.Min(lo, pt.Value), math.Max(hi, pt.Value)
		}
	}
	return lo, hi
}

func sans(size vg.Length, w xfont.Weight) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Weight: w, Size: size}
}

func render(p *plot.Plot, entries []legendEntry, caption string) ([]byte, error) {
	img := vgimg.NewWith(vgimg.UseWH(widthPt, heightPt), vgimg.UseDPI(dpi))
	dc := draw.New(img)
	dc = draw.Crop(dc, margin, -margin, margin, -margin)

	bottom := vg.Length(0)
	if caption != "" {
		sty := captionStyle(p, dc.Max.X-dc.Min.X, caption)
		dc.FillText(sty, vg.Point{X: dc.Min.X, Y: dc.Min.Y}, caption)
		bottom += sty.Height(caption) + 4
	}
	bottom += drawLegend(p, draw.Crop(dc, 0, 0, bottom, 0), entries) + 6
	fitTitle(p, dc.Max.X-dc.Min.X)
	p.Draw(draw.Crop(dc, 0, 0, bottom, 0))

	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: encode png: %w", err)
	}
	return buf.Bytes(), nil
}
