package chart

import (
	"bytes"
	"fmt"
	"image/color"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// HeatRow is one region: a status per week and the texts at its right.
type HeatRow struct {
	Label  string
	Cells  []string // a key of HeatColours, or "" for a week not due yet
	Right  string   // e.g. the on-time rate
	Beside string   // e.g. meeting attendance; "" for none
}

// HeatColours are the cell colours by status, Okabe–Ito so colour-blind
// readers still tell on time from late and missing.
var HeatColours = map[string]color.RGBA{
	"terkirim":  {0x00, 0x9E, 0x73, 0xFF},
	"terlambat": {0xE6, 0x9F, 0x00, 0xFF},
	"belum":     {0xD5, 0x5E, 0x00, 0xFF},
	"libur":     {0xBB, 0xBB, 0xBB, 0xFF},
	"":          {0xF2, 0xF2, 0xF2, 0xFF},
}

// HeatLegend names the colours in the order the legend shows them.
var HeatLegend = [][2]string{{"terkirim", "tepat waktu"}, {"terlambat", "terlambat"}, {"belum", "belum"}, {"libur", "libur"}, {"", "belum jatuh tempo"}}

// Heatmap renders rows × weeks as a PNG; weekLabels name the columns
// (every fourth is printed). rightTitle and besideTitle head the text
// columns.
func Heatmap(title, caption string, weekLabels []string, rows []HeatRow, rightTitle, besideTitle string) ([]byte, error) {
	if len(rows) == 0 || len(weekLabels) == 0 {
		return nil, fmt.Errorf("chart: empty heat map")
	}
	for _, r := range rows {
		if len(r.Cells) != len(weekLabels) {
			return nil, fmt.Errorf("chart: row %q has %d cells for %d weeks", r.Label, len(r.Cells), len(weekLabels))
		}
		for _, c := range r.Cells {
			if _, ok := HeatColours[c]; !ok {
				return nil, fmt.Errorf("chart: row %q: unknown status %q", r.Label, c)
			}
		}
	}
	const (
		labelW = 118
		rightW = 62
		rowH   = 22
	)
	besideW := vg.Length(0)
	if besideTitle != "" {
		besideW = 70
	}
	h := vg.Length(70 + rowH*len(rows) + 60)
	img := vgimg.NewWith(vgimg.UseWH(widthPt, h), vgimg.UseDPI(dpi))
	c := draw.New(img)
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())

	sty := func(size vg.Length, w xfont.Weight, xa draw.XAlignment) text.Style {
		return text.Style{Color: color.Black, Font: sans(size, w), XAlign: xa, YAlign: draw.YCenter, Handler: plot.DefaultTextHandler}
	}
	top := h - margin
	c.FillText(sty(13, xfont.WeightBold, draw.XLeft), vg.Point{X: margin, Y: top - 8}, title)
	gridTop := top - 48
	cellW := (widthPt - 2*margin - labelW - rightW - besideW) / vg.Length(len(weekLabels))
	x0 := vg.Length(margin + labelW)
	small := sty(8, xfont.WeightNormal, draw.XCenter)
	for j, l := range weekLabels {
		if j%4 == 0 || j == len(weekLabels)-1 {
			c.FillText(small, vg.Point{X: x0 + cellW*vg.Length(j) + cellW/2, Y: gridTop + 8}, l)
		}
	}
	right := x0 + cellW*vg.Length(len(weekLabels))
	c.FillText(sty(9, xfont.WeightBold, draw.XCenter), vg.Point{X: right + rightW/2, Y: gridTop + 8}, rightTitle)
	if besideTitle != "" {
		c.FillText(sty(9, xfont.WeightBold, draw.XCenter), vg.Point{X: right + rightW + besideW/2, Y: gridTop + 8}, besideTitle)
	}
	for i, r := range rows {
		y := gridTop - vg.Length(rowH*(i+1))
		c.FillText(sty(10, xfont.WeightNormal, draw.XLeft), vg.Point{X: margin, Y: y + rowH/2}, r.Label)
		for j, s := range r.Cells {
			rect := vg.Rectangle{Min: vg.Point{X: x0 + cellW*vg.Length(j) + 0.5, Y: y + 1}, Max: vg.Point{X: x0 + cellW*vg.Length(j+1) - 0.5, Y: y + rowH - 1}}
			c.SetColor(HeatColours[s])
			c.Fill(rect.Path())
		}
		c.FillText(sty(10, xfont.WeightBold, draw.XCenter), vg.Point{X: right + rightW/2, Y: y + rowH/2}, r.Right)
		if besideTitle != "" {
			c.FillText(sty(10, xfont.WeightNormal, draw.XCenter), vg.Point{X: right + rightW + besideW/2, Y: y + rowH/2}, r.Beside)
		}
	}
	// Legend, then the caption.
	ly := gridTop - vg.Length(rowH*len(rows)) - 18
	lx := vg.Length(margin)
	for _, e := range HeatLegend {
		c.SetColor(HeatColours[e[0]])
		c.Fill(vg.Rectangle{Min: vg.Point{X: lx, Y: ly - 5}, Max: vg.Point{X: lx + 10, Y: ly + 5}}.Path())
		st := sty(9, xfont.WeightNormal, draw.XLeft)
		c.FillText(st, vg.Point{X: lx + 14, Y: ly}, e[1])
		lx += 14 + st.Width(e[1]) + 16
	}
	if caption != "" {
		c.FillText(sty(8, xfont.WeightNormal, draw.XLeft), vg.Point{X: margin, Y: ly - 20}, caption)
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: encode png: %w", err)
	}
	return buf.Bytes(), nil
}
