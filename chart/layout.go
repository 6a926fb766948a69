package chart

import (
	"image/color"
	"math"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// palette is Okabe–Ito (minus its yellow, unreadable on white) followed by
// Tol's muted colours, so the first lines stay apart for colour-blind
// readers and ten kabupaten/kota plus the province still get distinct hues.
var palette = []color.RGBA{
	{0x00, 0x72, 0xB2, 0xFF}, {0xD5, 0x5E, 0x00, 0xFF}, {0x00, 0x9E, 0x73, 0xFF},
	{0xCC, 0x79, 0xA7, 0xFF}, {0xE6, 0x9F, 0x00, 0xFF}, {0x56, 0xB4, 0xE9, 0xFF},
	{0x00, 0x00, 0x00, 0xFF}, {0x88, 0x22, 0x55, 0xFF}, {0x44, 0xAA, 0x99, 0xFF},
	{0x99, 0x99, 0x33, 0xFF}, {0x66, 0x11, 0x00, 0xFF},
}

// Shapes vary too, so lines stay apart in a greyscale printout.
var glyphs = []draw.GlyphDrawer{
	draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}, draw.RingGlyph{},
	draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.CrossGlyph{},
}

// approxDataWidth is the x axis length once the y labels are placed; it
// only has to be good enough to decide how many x labels fit.
const approxDataWidth = widthPt - 2*margin - 50

// xTicks marks every period at its place and labels as many as fit
// without touching, counting back from the latest period, which readers
// look for first. min and max are the axis range, which approxDataWidth
// points span.
func xTicks(periods []period, x map[string]float64, min, max float64, sty text.Style) []plot.Tick {
	scale := vg.Length(approxDataWidth) / vg.Length(max-min)
	ticks := make([]plot.Tick, len(periods))
	lastPos, lastHalf := vg.Length(math.Inf(1)), vg.Length(0)
	for i := len(periods) - 1; i >= 0; i-- {
		p := periods[i]
		ticks[i].Value = x[p.label]
		pos := vg.Length(x[p.label]-min) * scale
		half := sty.Width(p.label) / 2
		if lastPos-pos >= lastHalf+half+6 {
			ticks[i].Label = p.label
			lastPos, lastHalf = pos, half
		}
	}
	return ticks
}

type legendEntry struct {
	name   string
	line   *plotter.Line
	points *plotter.Scatter
}

// drawLegend lays entries out in centred rows along the bottom of c and
// returns the height used. gonum's own legend is a vertical box inside the
// data area, where it hides the latest points.
func drawLegend(p *plot.Plot, c draw.Canvas, entries []legendEntry) vg.Length {
	if len(entries) == 0 {
		return 0
	}
	sty := p.X.Tick.Label
	sty.Font = sans(10, xfont.WeightNormal)
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
	const thumb, gap, spacing = 22, 4, 16
	width := c.Max.X - c.Min.X

	rows, rowW := LegendRows(entries, width, spacing, func(e legendEntry) vg.Length {
		return thumb + gap + sty.Width(e.name)
	})

	rowH := sty.Height("Ag") + 4
	total := rowH * vg.Length(len(rows))
	for r, row := range rows {
		x := c.Min.X + (width-rowW[r])/2
		mid := c.Min.Y + total - rowH*vg.Length(r) - rowH/2
		for _, e := range row {
			tc := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
				Min: vg.Point{X: x, Y: mid - rowH/2}, Max: vg.Point{X: x + thumb, Y: mid + rowH/2},
			}}
			e.line.Thumbnail(&tc)
			e.points.Thumbnail(&tc)
			c.FillText(sty, vg.Point{X: x + thumb + gap, Y: mid}, e.name)
			x += thumb + gap + sty.Width(e.name) + spacing
		}
	}
	return total
}

// LegendRows packs legend entries left to right into rows no wider than
// width, spacing apart, each as wide as size says; it returns the rows and
// the width each takes. The line chart and the map (peta) both lay their
// legends out this way, along the bottom rather than in a box.
func LegendRows[E any](entries []E, width, spacing vg.Length, size func(E) vg.Length) (rows [][]E, rowW []vg.Length) {
	for _, e := range entries {
		w := size(e)
		if n := len(rows); n > 0 && rowW[n-1]+spacing+w <= width {
			rows[n-1] = append(rows[n-1], e)
			rowW[n-1] += spacing + w
			continue
		}
		rows = append(rows, []E{e})
		rowW = append(rowW, w)
	}
	return rows, rowW
}

// captionStyle is small grey text, shrunk until the caption fits.
func captionStyle(p *plot.Plot, width vg.Length, caption string) text.Style {
	sty := p.X.Tick.Label
	sty.Font = sans(9, xfont.WeightNormal)
	sty.Color = color.Gray{Y: 90}
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YBottom
	shrink(&sty, width, caption)
	return sty
}

// fitTitle breaks a long title over two lines before resorting to a
// smaller font: a 13 pt two-line title reads better on a phone than 8 pt.
func fitTitle(p *plot.Plot, width vg.Length) {
	sty := &p.Title.TextStyle
	if t := p.Title.Text; sty.Width(t) > width {
		if two, ok := splitMiddle(t); ok && sty.Width(two) <= width {
			p.Title.Text = two
			return
		}
	}
	shrink(sty, width, p.Title.Text)
}

// splitMiddle replaces the space nearest the middle of s with a newline.
func splitMiddle(s string) (string, bool) {
	best := -1
	for i := range len(s) {
		if s[i] == ' ' && (best < 0 || abs(i-len(s)/2) < abs(best-len(s)/2)) {
			best = i
		}
	}
	if best < 0 {
		return s, false
	}
	return s[:best] + "\n" + s[best+1:], true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// shrink lowers the font size, down to 7 pt, until txt fits in width:
// long region names would otherwise run off the image.
func shrink(sty *text.Style, width vg.Length, txt string) {
	for sty.Width(txt) > width && sty.Font.Size > 7 {
		sty.Font.Size -= 0.5
	}
}
