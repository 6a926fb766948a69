package handlers

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"tkpkbot"
	"tkpkbot/indo"
	"tkpkbot/peta"
)

func (h *Handlers) peta(ctx context.Context, r *Request) error {
	now := h.Clock.Now().In(h.Location)
	a, prob := parsePetaArgs(r.Args, now)
	switch {
	case prob == nil:
	case prob.Period != nil:
		h.reply(ctx, r, argsProblem(prob.Period, "/peta", "p0 "+strconv.Itoa(now.Year()-1)))
		return nil
	case prob.RegionWas.Code != "":
		h.reply(ctx, r, fmt.Sprintf("Peta selalu menampilkan kesepuluh kabupaten/kota. Angka %s saja: <code>/angka %s</code>\nPeta satu indikator: <code>/peta p0</code>, <code>/peta p1 2023</code>.",
			escape(prob.RegionWas.Name), escape(prob.RegionWas.Name)))
		return nil
	default:
		rows, err := h.petaButtons(ctx, "")
		if err != nil {
			return err
		}
		h.reply(ctx, r, "Indikator <b>"+escape(truncateRunes(prob.Unknown, 60))+"</b> tidak dikenal. Contoh: <code>/peta p0</code>, <code>/peta miskin 2024</code>, <code>/peta p1 maret 2023</code>. Pilih:", rows...)
		return nil
	}
	return h.sendMap(ctx, r, a.Indicator, a.Period)
}

func petaData(ind tkpkbot.Indicator, p tkpkbot.Period) string {
	if p.IsZero() {
		return "peta:" + string(ind)
	}
	return "peta:" + string(ind) + ":" + p.Key()
}

func (h *Handlers) petaButton(ctx context.Context, r *Request, data string) error {
	ind, rest, _ := strings.Cut(data, ":")
	info, ok := tkpkbot.IndicatorByCode(tkpkbot.Indicator(ind))
	p, pok := parsePeriodData(rest)
	if !ok || !pok {
		h.answer(ctx, r, msgStaleButton)
		return nil
	}
	h.answer(ctx, r, "")
	return h.sendMap(ctx, r, info, p)
}

// mapRanking picks the figures a map shows: at the period asked, or,
// for a year or none, the period that has the most kabupaten/kota (the
// latest of equals), because a newer round with two values is an empty
// map.
func (h *Handlers) mapRanking(ctx context.Context, ind tkpkbot.Indicator, asked tkpkbot.Period) (tkpkbot.Ranking, error) {
	rk, err := h.figs.Ranking(ctx, ind, asked)
	if err != nil || !asked.IsZero() && !asked.IsYear() {
		return rk, err
	}
	best := tkpkbot.Ranking{}
	for i := len(rk.Periods) - 1; i >= 0; i-- {
		p := rk.Periods[i]
		if p.IsDated() || asked.IsYear() && p.Year != asked.Year {
			continue
		}
		cand, err := h.figs.Ranking(ctx, ind, p)
		if err != nil {
			return rk, err
		}
		if len(cand.Entries) > len(best.Entries) {
			best = cand
		}
	}
	if len(best.Entries) == 0 {
		return rk, nil // dated figures only, or nothing: Ranking's choice
	}
	return best, nil
}

func (h *Handlers) sendMap(ctx context.Context, r *Request, info tkpkbot.IndicatorInfo, asked tkpkbot.Period) error {
	rk, err := h.mapRanking(ctx, info.Indicator, asked)
	if err != nil {
		return err
	}
	others, err := h.petaButtons(ctx, info.Indicator)
	if err != nil {
		return err
	}
	if rk.Period.IsZero() || len(rk.Entries) == 0 {
		h.noMapData(ctx, r, info, asked, rk, others)
		return nil
	}
	m, entries := mapOf(info, rk)
	png, err := peta.Render(m)
	if err != nil {
		return fmt.Errorf("render map %s %s: %w", info.Indicator, rk.Period.Key(), err)
	}
	file := tkpkbot.Upload{Name: "peta-" + string(info.Indicator) + "-" + rk.Period.Key() + ".png", Data: png}
	return h.Telegram.SendPhoto(ctx, r.ChatID, file, mapCaption(info, rk, entries), others)
}

func (h *Handlers) noMapData(ctx context.Context, r *Request, info tkpkbot.IndicatorInfo, asked tkpkbot.Period, rk tkpkbot.Ranking, others [][]tkpkbot.Button) {
	name := escape(strings.ToLower(info.Name))
	if asked.IsZero() || len(rk.Periods) == 0 {
		h.reply(ctx, r, fmt.Sprintf("Belum ada data %s per kabupaten/kota untuk dipetakan. Indikator lain:", name), others...)
		return
	}
	when := indo.PeriodLabel(asked)
	if asked.IsYear() {
		when = "tahun " + when
	}
	var buttons []tkpkbot.Button
	for _, p := range rk.Periods {
		buttons = append(buttons, tkpkbot.Button{Text: indo.PeriodLabel(p), Data: petaData(info.Indicator, p)})
	}
	h.reply(ctx, r, fmt.Sprintf("Belum ada data %s untuk %s. Periode yang tersedia:", name, when), grid(3, buttons)...)
}

// petaButtons offers every indicator of the domain list that some
// kabupaten/kota has, so an indicator added there gets its map for free.
func (h *Handlers) petaButtons(ctx context.Context, current tkpkbot.Indicator) ([][]tkpkbot.Button, error) {
	var buttons []tkpkbot.Button
	for _, info := range tkpkbot.Indicators {
		if info.Indicator == current {
			continue
		}
		rk, err := h.figs.Ranking(ctx, info.Indicator, tkpkbot.Period{})
		if err != nil {
			return nil, err
		}
		if len(rk.Entries) > 0 {
			buttons = append(buttons, tkpkbot.Button{Text: info.Short, Data: petaData(info.Indicator, tkpkbot.Period{})})
		}
	}
	return grid(4, buttons), nil
}

// mapDirection colours the worse end darkest. An indicator with no worse
// end (the poverty line: higher is dearer basic needs, not more poverty)
// gets the neutral ramp.
func mapDirection(info tkpkbot.IndicatorInfo) peta.Direction {
	switch {
	case info.HigherIsWorse:
		return peta.HigherWorse
	case info.HigherIsBetter:
		return peta.LowerWorse
	}
	return peta.Neutral
}

// mapUnit is the unit every value of a map is shown in: head counts in
// ribu jiwa (some regions publish jiwa), others as the first region's.
func mapUnit(ind tkpkbot.Indicator, entries []tkpkbot.RankEntry) string {
	switch ind {
	case tkpkbot.IndMiskin:
		return tkpkbot.UnitRibuJiwa
	case tkpkbot.IndEkstremJiwa:
		return tkpkbot.UnitJiwa
	}
	return entries[0].Figure.Unit
}

// mapOf converts a ranking into what the map draws; entries are those
// drawn, in the ranking's order (highest first), in one unit.
func mapOf(info tkpkbot.IndicatorInfo, rk tkpkbot.Ranking) (peta.Map, []tkpkbot.RankEntry) {
	unit := mapUnit(info.Indicator, rk.Entries)
	m := peta.Map{Title: info.Name, Period: indo.PeriodLabel(rk.Period), Direction: mapDirection(info),
		Values: map[string]peta.Value{}}
	var entries []tkpkbot.RankEntry
	dec := 0
	var sources []string
	for _, e := range rk.Entries {
		f := e.Figure
		v, ok := f.InUnit(unit)
		if !ok {
			continue // a unit the map cannot compare: shown as no data
		}
		if f.Unit == tkpkbot.UnitJiwa && unit == tkpkbot.UnitRibuJiwa {
			f.Decimals += 3
		} else if f.Unit == tkpkbot.UnitRibuJiwa && unit == tkpkbot.UnitJiwa {
			f.Decimals = max(0, f.Decimals-3)
		}
		f.Value, f.Unit = v, unit
		e.Figure = f
		text, _ := figureText(f)
		m.Values[f.RegionCode] = peta.Value{V: v, Text: text}
		entries = append(entries, e)
		dec = max(dec, f.Decimals)
		if !slices.Contains(sources, f.Source) {
			sources = append(sources, f.Source)
		}
	}
	m.Format = func(v float64) string {
		if unit == tkpkbot.UnitRupiahKB {
			return indo.Rupiah(int64(math.Round(v)))
		}
		return indo.Decimal(v, dec)
	}
	m.Source = "Sumber: " + strings.Join(sources, "; ") + "."
	return m, entries
}

// mapCaption names the highest and the lowest region (every one of them
// when tied) and what the map leaves out. Plain text, like chartCaption.
func mapCaption(info tkpkbot.IndicatorInfo, rk tkpkbot.Ranking, entries []tkpkbot.RankEntry) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s per kabupaten/kota, %s.\n", info.Name, indo.PeriodLabel(rk.Period))
	extreme := func(label string, v float64) {
		var names []string
		for _, e := range entries {
			if e.Figure.Value == v {
				names = append(names, e.Region.Name)
			}
		}
		var text string
		for _, e := range entries {
			if e.Figure.Value == v {
				text, _ = figureText(e.Figure)
				break
			}
		}
		fmt.Fprintf(&b, "%s: %s %s\n", label, strings.Join(names, ", "), text)
	}
	hi, lo := math.Inf(-1), math.Inf(1)
	for _, e := range entries {
		hi, lo = max(hi, e.Figure.Value), min(lo, e.Figure.Value)
	}
	extreme("Tertinggi", hi)
	if lo != hi {
		extreme("Terendah", lo)
	}
	have := map[string]bool{}
	for _, e := range entries {
		have[e.Region.Code] = true
	}
	var missing []string
	for _, reg := range tkpkbot.Districts() {
		if !have[reg.Code] {
			missing = append(missing, reg.Name)
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(&b, "Tidak ada data: %s.\n", strings.Join(missing, ", "))
	}
	fmt.Fprintf(&b, "Urutan lengkap dan sumber: /peringkat %s %s", info.Indicator, rk.Period.Key())
	return truncateUTF16(b.String(), maxCaption)
}
