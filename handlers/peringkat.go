package handlers

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"tkpkbot"
	"tkpkbot/indo"
	"tkpkbot/match"
)

type indicatorButton struct {
	ind   tkpkbot.Indicator
	label string
}

// rankIndicators are offered as buttons under a ranking; extreme poverty
// and the Gini ratio are only published for the province, so they have
// nothing to rank.
var rankIndicators = []indicatorButton{
	{tkpkbot.IndMiskin, "Jumlah"}, {tkpkbot.IndP0, "P0"}, {tkpkbot.IndP1, "P1"},
	{tkpkbot.IndP2, "P2"}, {tkpkbot.IndGK, "GK"}, {tkpkbot.IndIPM, "IPM"}, {tkpkbot.IndTPT, "TPT"},
}

// chartIndicators are offered under a chart: the province has a Gini
// series to draw.
var chartIndicators = append(slices.Clone(rankIndicators), indicatorButton{tkpkbot.IndGini, "Gini"})

func (h *Handlers) peringkat(ctx context.Context, r *Request) error {
	text, p, ok := h.periodArgs(ctx, r, "/peringkat", "p0")
	if !ok {
		return nil
	}
	info := indicatorInfo(tkpkbot.IndP0) // the headline rate
	if strings.TrimSpace(text) != "" {
		if info, ok = match.Indicator(text); !ok {
			h.reply(ctx, r, "Indikator <b>"+escape(truncateRunes(text, 60))+"</b> tidak dikenal. Pilih:", rankButtons("")...)
			return nil
		}
	}
	return h.sendRanking(ctx, r, info.Indicator, p, false)
}

func (h *Handlers) peringkatButton(ctx context.Context, r *Request, data string) error {
	ind, rest, _ := strings.Cut(data, ":")
	info, ok := match.Indicator(ind)
	p, pok := parsePeriodData(rest)
	if !ok || !pok || string(info.Indicator) != ind {
		h.answer(ctx, r, msgStaleButton)
		return nil
	}
	h.answer(ctx, r, "")
	return h.sendRanking(ctx, r, info.Indicator, p, true)
}

func (h *Handlers) sendRanking(ctx context.Context, r *Request, ind tkpkbot.Indicator, p tkpkbot.Period, edit bool) error {
	rk, err := h.figs.Ranking(ctx, ind, p)
	if err != nil {
		return err
	}
	html, rows := rankingHTML(rk, p)
	if edit {
		h.edit(ctx, r, html, rows...)
	} else {
		h.reply(ctx, r, html, rows...)
	}
	return nil
}

func indicatorInfo(ind tkpkbot.Indicator) tkpkbot.IndicatorInfo {
	info, _ := tkpkbot.IndicatorByCode(ind)
	return info
}

// rankingHTML lists the kabupaten/kota highest first, with the province
// for reference and every source named with the regions it covers.
func rankingHTML(rk tkpkbot.Ranking, asked tkpkbot.Period) (string, [][]tkpkbot.Button) {
	info := indicatorInfo(rk.Indicator)
	if rk.Period.IsZero() {
		if asked.IsZero() || len(rk.Periods) == 0 {
			return fmt.Sprintf("Belum ada data %s untuk kabupaten/kota.", escape(strings.ToLower(info.Name))), rankButtons(rk.Indicator)
		}
		when := indo.PeriodLabel(asked)
		if asked.IsYear() {
			when = "tahun " + when
		}
		buttons := make([]tkpkbot.Button, len(rk.Periods))
		for i, p := range rk.Periods {
			buttons[i] = tkpkbot.Button{Text: indo.PeriodLabel(p), Data: peringkatData(rk.Indicator, p)}
		}
		return fmt.Sprintf("Belum ada data %s untuk %s. Periode yang tersedia:", escape(strings.ToLower(info.Name)), when), grid(2, buttons)
	}

	var b strings.Builder
	fmt.Fprintf(&b, "<b>%s</b> — %s\nPeringkat kabupaten/kota, 1 = tertinggi:\n", escape(info.Name), indo.PeriodLabel(rk.Period))
	var sources []string
	covered := map[string][]string{}
	note := func(f tkpkbot.Figure, name string) {
		if _, ok := covered[f.Source]; !ok {
			sources = append(sources, f.Source)
		}
		covered[f.Source] = append(covered[f.Source], name)
	}
	for _, e := range rk.Entries {
		value, _ := figureText(e.Figure)
		fmt.Fprintf(&b, "%d. %s: %s\n", e.Position, escape(e.Region.Name), value)
		note(e.Figure, e.Region.Name)
	}
	if rk.Province.RegionCode != "" {
		value, _ := figureText(rk.Province)
		fmt.Fprintf(&b, "Provinsi Kalimantan Timur: %s\n", value)
		note(rk.Province, "Kalimantan Timur")
	}
	if len(rk.Missing) > 0 {
		names := make([]string, len(rk.Missing))
		for i, m := range rk.Missing {
			names[i] = m.Name
		}
		fmt.Fprintf(&b, "Belum ada data: %s.\n", escape(strings.Join(names, ", ")))
	}
	parts := make([]string, len(sources))
	for i, s := range sources {
		parts[i] = escape(s) + " (" + escape(strings.Join(covered[s], ", ")) + ")"
	}
	fmt.Fprintf(&b, "<i>Sumber: %s</i>", strings.Join(parts, "; "))
	return b.String(), rankButtons(rk.Indicator)
}

func rankButtons(current tkpkbot.Indicator) [][]tkpkbot.Button {
	var row []tkpkbot.Button
	for _, ri := range rankIndicators {
		if ri.ind != current {
			row = append(row, tkpkbot.Button{Text: ri.label, Data: peringkatData(ri.ind, tkpkbot.Period{})})
		}
	}
	return grid(4, row)
}
