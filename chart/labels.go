package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// valueLabels writes each point's value beside it: a reader of a chart
// sent to a phone cannot hover for it. Where two lines share a period the
// upper one's label goes above its point and the others' below, so the
// numbers stay apart.
type valueLabels struct {
	items []valueLabel
	style text.Style
}

type valueLabel struct {
	xy    plotter.XY
	text  string
	color color.Color
	above bool
}

func (l *valueLabels) add(xy plotter.XY, s string, c color.Color) {
	l.items = append(l.items, valueLabel{xy: xy, text: s, color: c})
}

// place puts a label above its point unless another line has a higher
// value at the same period.
func (l *valueLabels) place() {
	for i := range l.items {
		it := &l.items[i]
		it.above = true
		for _, o := range l.items {
			if math.Abs(o.xy.X-it.xy.X) < 1e-9 && o.xy.Y > it.xy.Y {
				it.above = false
			}
		}
	}
}

// Plot implements plot.Plotter.
func (l *valueLabels) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	const gap = 5
	for _, it := range l.items {
		sty := l.style
		sty.Color = it.color
		sty.XAlign = draw.XCenter
		pt := vg.Point{X: trX(it.xy.X), Y: trY(it.xy.Y)}
		if it.above {
			sty.YAlign = draw.YBottom
			pt.Y += gap
		} else {
			sty.YAlign = draw.YTop
			pt.Y -= gap
		}
		c.FillText(sty, pt, it.text)
	}
}
