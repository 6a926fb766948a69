package handlers

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"tkpkbot"
	"tkpkbot/chart"
	"tkpkbot/indo"
	"tkpkbot/match"
)

// maxCaption is Telegram's limit on a photo caption.
const maxCaption = 1024

// axisLabels name the y axis in the unit every point was converted to.
var axisLabels = map[string]string{
	tkpkbot.UnitRibuJiwa: "ribu jiwa",
	tkpkbot.UnitJiwa:     "jiwa",
	tkpkbot.UnitPersen:   "persen",
	tkpkbot.UnitIndeks:   "indeks",
	tkpkbot.UnitRupiahKB: "rupiah per kapita per bulan",
	tkpkbot.UnitRasio:    "rasio",
}

func (h *Handlers) grafik(ctx context.Context, r *Request) error {
	text, info := splitRegionIndicator(r.Args)
	reg, ok := h.chooseRegion(ctx, r, text, "grafik", ":"+string(info.Indicator))
	if !ok {
		return nil
	}
	return h.sendChart(ctx, r, reg, info)
}

func (h *Handlers) grafikButton(ctx context.Context, r *Request, data string) error {
	reg, ind, ok := parseRegionData(data)
	info, iok := match.Indicator(ind)
	if !ok || !iok || string(info.Indicator) != ind {
		h.answer(ctx, r, msgStaleButton)
		return nil
	}
	h.answer(ctx, r, "")
	return h.sendChart(ctx, r, reg, info)
}

// splitRegionIndicator reads "samarinda garis kemiskinan": the longest
// trailing words that name an indicator, else P0.
func splitRegionIndicator(args string) (string, tkpkbot.IndicatorInfo) {
	fields := strings.Fields(args)
	if len(fields) <= maxArgFields {
		for k := min(5, len(fields)); k >= 1; k-- {
			if info, ok := match.Indicator(strings.Join(fields[len(fields)-k:], " ")); ok {
				return strings.Join(fields[:len(fields)-k], " "), info
			}
		}
	}
	return strings.Join(fields, " "), indicatorInfo(tkpkbot.IndP0)
}

// countIndicator marks head counts: a province's count is many times a
// district's, so drawing both on one axis would flatten the district.
func countIndicator(ind tkpkbot.Indicator) bool {
	return ind == tkpkbot.IndMiskin || ind == tkpkbot.IndEkstremJiwa
}

// sendChart sends a region's series as a PNG line chart, with the
// province's for comparison where the scales are alike.
func (h *Handlers) sendChart(ctx context.Context, r *Request, reg tkpkbot.Region, info tkpkbot.IndicatorInfo) error {
	s, err := h.figs.Series(ctx, reg.Code, info.Indicator)
	if err != nil {
		return err
	}
	others, err := h.chartButtons(ctx, reg, info.Indicator)
	if err != nil {
		return err
	}
	if len(s.Points) == 0 {
		h.reply(ctx, r, fmt.Sprintf("Belum ada data %s untuk <b>%s</b>.", escape(strings.ToLower(info.Name)), escape(reg.Official)), others...)
		return nil
	}
	var prov tkpkbot.Series
	if reg.Code != tkpkbot.ProvinceCode && !countIndicator(info.Indicator) {
		if prov, err = h.figs.Series(ctx, tkpkbot.ProvinceCode, info.Indicator); err != nil {
			return err
		}
	}
	png, caption, err := renderChart(reg, info, s, prov)
	if err != nil {
		return err
	}
	file := tkpkbot.Upload{Name: "grafik-" + reg.Code + "-" + string(info.Indicator) + ".png", Data: png}
	return h.Telegram.SendPhoto(ctx, r.ChatID, file, caption, others)
}

// renderChart draws a region's series, with the province's (prov, empty
// when not wanted) over the same span, and writes its caption.
func renderChart(reg tkpkbot.Region, info tkpkbot.IndicatorInfo, s, prov tkpkbot.Series) ([]byte, string, error) {
	all := []tkpkbot.Series{s}
	withProvince := reg.Code != tkpkbot.ProvinceCode && !countIndicator(info.Indicator)
	if withProvince {
		// The province only over the region's own span, so the period
		// range the caption gives is the range drawn.
		prov.Points = within(prov.Points, s.Points[0].Period, s.Points[len(s.Points)-1].Period)
		if len(prov.Points) > 0 {
			all = append(all, prov)
		}
	}
	series := chartSeries(all)
	png, err := chart.Chart{
		Title: info.Name + " — " + reg.Official, YLabel: axisLabels[s.Unit],
		Caption:  periodRange(s) + " · Sumber: " + strings.Join(families(all), ", "),
		Series:   series,
		FromZero: countIndicator(info.Indicator),
	}.PNG()
	if err != nil {
		return nil, "", fmt.Errorf("render chart %s %s: %w", reg.Code, info.Indicator, err)
	}
	return png, chartCaption(reg, info, all, series, withProvince), nil
}

// within keeps the points from first to last.
func within(points []tkpkbot.Figure, first, last tkpkbot.Period) []tkpkbot.Figure {
	var out []tkpkbot.Figure
	for _, f := range points {
		if f.Period.Order() >= first.Order() && f.Period.Order() <= last.Order() {
			out = append(out, f)
		}
	}
	return out
}

// chartSeries places every value at its time, labelled with the digits
// its source printed.
func chartSeries(all []tkpkbot.Series) []chart.Series {
	out := make([]chart.Series, len(all))
	for i, ss := range all {
		out[i] = chart.Series{Name: ss.Region.Name}
		for _, f := range ss.Points {
			out[i].Points = append(out[i].Points, chart.Point{
				Label: indo.ShortPeriodLabel(f.Period), Order: f.Period.Order(), Time: periodTime(f.Period),
				Value: f.Value, Text: indo.Decimal(f.Value, f.Decimals),
			})
		}
	}
	return out
}

// periodTime is a period's place in years: a round at the start of its
// month, a year in its middle, so March and September are half a year
// apart and a skipped round shows as a wider step.
func periodTime(p tkpkbot.Period) float64 {
	switch {
	case p.Month == 0:
		return float64(p.Year) + 0.5
	case p.Day == 0:
		return float64(p.Year) + float64(p.Month-1)/12
	}
	return float64(p.Year) + float64(p.Month-1)/12 + float64(p.Day-1)/365
}

// periodRange is "Maret 2017–September 2025", the span of s.
func periodRange(s tkpkbot.Series) string {
	first, last := s.Points[0].Period, s.Points[len(s.Points)-1].Period
	if first == last {
		return indo.PeriodLabel(first)
	}
	return indo.PeriodLabel(first) + "–" + indo.PeriodLabel(last)
}

// chartButtons offers the region's other indicators that have a series.
func (h *Handlers) chartButtons(ctx context.Context, reg tkpkbot.Region, current tkpkbot.Indicator) ([][]tkpkbot.Button, error) {
	var row []tkpkbot.Button
	for _, ri := range chartIndicators {
		if ri.ind == current {
			continue
		}
		s, err := h.figs.Series(ctx, reg.Code, ri.ind)
		if err != nil {
			return nil, err
		}
		if len(s.Points) > 0 {
			row = append(row, tkpkbot.Button{Text: ri.label, Data: grafikData(reg.Code, ri.ind)})
		}
	}
	if len(row) == 0 {
		return nil, nil
	}
	return grid(4, row), nil
}

func families(all []tkpkbot.Series) []string {
	var out []string
	for _, s := range all {
		for _, f := range s.Points {
			if fam := tkpkbot.SourceFamily(f.Source); !slices.Contains(out, fam) {
				out = append(out, fam)
			}
		}
	}
	return out
}

// chartCaption is plain text (no parse mode), so nothing needs escaping.
// It names every source drawn, with the periods it covers.
func chartCaption(reg tkpkbot.Region, info tkpkbot.IndicatorInfo, all []tkpkbot.Series, drawn []chart.Series, withProvince bool) string {
	s := all[0]
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %s", info.Name, reg.Official)
	if len(all) > 1 {
		b.WriteString(" dan Provinsi Kalimantan Timur")
	}
	fmt.Fprintf(&b, ", %s.", periodRange(s))
	if countIndicator(info.Indicator) {
		b.WriteString(" Sumbu tegak mulai dari nol.")
	}
	var gaps []string
	for i, cs := range drawn {
		for _, g := range chart.Gaps(cs.Points) {
			gap := "antara " + indo.PeriodLabel(all[i].Points[g-1].Period) + " dan " + indo.PeriodLabel(all[i].Points[g].Period)
			if len(drawn) > 1 {
				gap = cs.Name + " " + gap
			}
			gaps = append(gaps, gap)
		}
	}
	if len(gaps) > 0 {
		b.WriteString("\nGaris putus-putus: tidak ada data " + strings.Join(gaps, "; ") + ".")
	}
	b.WriteString("\nSumber: ")
	var sources []string
	for _, ss := range all {
		for _, f := range ss.Points {
			if !slices.Contains(sources, f.Source) {
				sources = append(sources, f.Source)
			}
		}
	}
	b.WriteString(strings.Join(sources, "; "))
	b.WriteString(".")
	if !withProvince && reg.Code != tkpkbot.ProvinceCode {
		b.WriteString("\nGaris provinsi tidak digambar: jumlah jiwanya jauh lebih besar.")
	}
	b.WriteString("\nSumber lain dan angka bertanggal: /angka " + reg.Name)
	return truncateUTF16(b.String(), maxCaption)
}

// truncateUTF16 cuts s to Telegram's limit, counted as Telegram counts.
func truncateUTF16(s string, limit int) string {
	if indo.UTF16Len(s) <= limit {
		return s
	}
	n := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if n+w > limit-1 {
			return s[:i] + "…"
		}
		n += w
	}
	return s
}
