package chart

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Bar is one region's value, in percent.
type Bar struct {
	Label string
	Value float64
}

// Bars renders bars as a PNG of horizontal bars, largest on top, with a
// dashed vertical line at ref (the province) labelled refLabel. Values
// are percent of target; the axis runs to at least 100 so a region at
// 40% looks like 40% of the way there.
func Bars(title, caption string, bars []Bar, ref float64, refLabel string) ([]byte, error) {
	if len(bars) == 0 {
		return nil, fmt.Errorf("chart: no bars")
	}
	for _, b := range append(bars, Bar{Label: refLabel, Value: ref}) {
		if math.IsNaN(b.Value) || math.IsInf(b.Value, 0) || b.Value < 0 {
			return nil, fmt.Errorf("chart: bar %q has no drawable value", b.Label)
		}
	}
	sorted := append([]Bar(nil), bars...)
	// Smallest first: gonum draws the first bar at the bottom.
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Value < sorted[j].Value })

	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = sans(13, xfont.WeightBold)
	p.Title.Padding = 8
	p.X.Label.Text = "% dari target"
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(11, xfont.WeightNormal)
		a.Tick.Label.Font = sans(10, xfont.WeightNormal)
	}
	top := ref
	vals := make(plotter.Values, len(sorted))
	labels := make([]string, len(sorted))
	for i, b := range sorted {
		vals[i], labels[i] = b.Value, b.Label
		top = math.Max(top, b.Value)
	}
	p.X.Min = 0
	var step float64
	var dec int
	_, p.X.Max, step, dec = niceRange(0, math.Max(100, top*1.12))
	p.X.Tick.Marker = yTicks{step: step, dec: dec}

	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil
	grid.Vertical.Color = color.Gray{Y: 215}
	p.Add(grid)

	bc, err := plotter.NewBarChart(vals, vg.Points(16))
	if err != nil {
		return nil, fmt.Errorf("chart: bars: %w", err)
	}
	bc.Horizontal = true
	bc.Color = palette[0]
	bc.LineStyle.Width = 0
	p.Add(bc)

	n := float64(len(sorted))
	line, err := plotter.NewLine(plotter.XYs{{X: ref, Y: -0.6}, {X: ref, Y: n - 0.4}})
	if err != nil {
		return nil, fmt.Errorf("chart: province line: %w", err)
	}
	line.Color, line.Width, line.Dashes = palette[1], vg.Points(2), []vg.Length{vg.Points(6), vg.Points(4)}
	p.Add(line)

	xys := make([]plotter.XY, 0, len(sorted)+1)
	texts := make([]string, 0, len(sorted)+1)
	for i, b := range sorted {
		xys = append(xys, plotter.XY{X: b.Value, Y: float64(i)})
		texts = append(texts, " "+formatID(b.Value, 0)+"%")
	}
	lbl, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: texts})
	if err != nil {
		return nil, fmt.Errorf("chart: labels: %w", err)
	}
	for i := range lbl.TextStyle {
		lbl.TextStyle[i].Font = sans(9, xfont.WeightNormal)
		lbl.TextStyle[i].YAlign = draw.YCenter
	}
	p.Add(lbl)
	refText, err := plotter.NewLabels(plotter.XYLabels{XYs: []plotter.XY{{X: ref, Y: n - 0.4}},
		Labels: []string{" " + refLabel + " " + formatID(ref, 0) + "%"}})
	if err != nil {
		return nil, fmt.Errorf("chart: province label: %w", err)
	}
	refText.TextStyle[0].Font = sans(9, xfont.WeightBold)
	refText.TextStyle[0].Color = palette[1]
	p.Add(refText)

	p.NominalY(labels...)
	p.Y.Padding = 0
	return render(p, nil, caption)
}
