// Package chart draws the poverty-figure charts the bot sends as photos.
// It needs no network and no system fonts: gonum/plot embeds Liberation.
package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"
	"sort"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Point is one value at one period; Order sorts periods whose Labels
// ("Mar 2022", "Sep 2022", "2023") do not sort as text.
type Point struct {
	Label string
	Order int
	Value float64
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

// Line renders series as a PNG line chart with periods on the x axis.
// A series missing some periods is drawn through the periods it has.
func Line(title, yLabel, caption string, series []Series) ([]byte, error) {
	periods, err := collectPeriods(series)
	if err != nil {
		return nil, err
	}
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = sans(13, xfont.WeightBold)
	p.Title.Padding = 8
	p.X.Label.Text = "Periode"
	p.Y.Label.Text = yLabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(11, xfont.WeightNormal)
		a.Tick.Label.Font = sans(10, xfont.WeightNormal)
		a.Padding = 0
	}

	lo, hi := valueRange(series)
	var step float64
	var dec int
	p.Y.Min, p.Y.Max, step, dec = niceRange(lo, hi)
	p.Y.Tick.Marker = yTicks{step: step, dec: dec}

	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal.Color = color.Gray{Y: 215}
	p.Add(grid)

	index := make(map[string]int, len(periods))
	for i, lbl := range periods {
		index[lbl] = i
	}
	var entries []legendEntry
	for i, s := range series {
		if len(s.Points) == 0 {
			continue
		}
		xys := make(plotter.XYs, 0, len(s.Points))
		for _, pt := range s.Points {
			xys = append(xys, plotter.XY{X: float64(index[pt.Label]), Y: pt.Value})
		}
		sort.SliceStable(xys, func(a, b int) bool { return xys[a].X < xys[b].X })
		line, points, err := plotter.NewLinePoints(xys)
		if err != nil {
			return nil, fmt.Errorf("chart: series %q: %w", s.Name, err)
		}
		c := palette[i%len(palette)]
		line.Color, line.Width = c, vg.Points(2)
		points.Color, points.Radius = c, vg.Points(3.5)
		points.Shape = glyphs[i%len(glyphs)]
		p.Add(line, points)
		entries = append(entries, legendEntry{name: s.Name, line: line, points: points})
	}

	// Ordinal x positions keep March and September evenly spaced and put
	// a yearly figure between them without inventing a time scale.
	p.X.Min, p.X.Max = -0.5, float64(len(periods))-0.5
	p.X.Tick.Marker = plot.ConstantTicks(xTicks(periods, p.X.Tick.Label))
	return render(p, entries, caption)
}

// collectPeriods returns the union of labels sorted by Order (first Order
// seen wins), rejecting input that cannot be drawn.
func collectPeriods(series []Series) ([]string, error) {
	order := map[string]int{}
	var labels []string
	for _, s := range series {
		for _, pt := range s.Points {
			if math.IsNaN(pt.Value) || math.IsInf(pt.Value, 0) {
				return nil, fmt.Errorf("chart: series %q has no number at %q", s.Name, pt.Label)
			}
			if _, ok := order[pt.Label]; !ok {
				order[pt.Label] = pt.Order
				labels = append(labels, pt.Label)
			}
		}
	}
	if len(labels) == 0 {
		return nil, errors.New("chart: no data points")
	}
	sort.SliceStable(labels, func(i, j int) bool { return order[labels[i]] < order[labels[j]] })
	return labels, nil
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
