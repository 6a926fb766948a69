package handlers

import (
	"fmt"
	"slices"
	"strings"

	"tkpkbot"
	"tkpkbot/indo"
)

// cardLabels name indicators on a card's lines; missingLabels in the
// "belum ada data" sentence.
var (
	cardLabels = map[tkpkbot.Indicator]string{
		tkpkbot.IndMiskin:        "Penduduk miskin",
		tkpkbot.IndP0:            "Persentase (P0)",
		tkpkbot.IndP1:            "Kedalaman (P1)",
		tkpkbot.IndP2:            "Keparahan (P2)",
		tkpkbot.IndGK:            "Garis kemiskinan",
		tkpkbot.IndEkstremPersen: "Miskin ekstrem",
		tkpkbot.IndEkstremJiwa:   "Penduduk miskin ekstrem",
		tkpkbot.IndIPM:           "IPM",
		tkpkbot.IndTPT:           "TPT",
		tkpkbot.IndGini:          "Rasio Gini",
	}
	missingLabels = map[tkpkbot.Indicator]string{
		tkpkbot.IndMiskin: "penduduk miskin",
		tkpkbot.IndP0:     "P0",
		tkpkbot.IndP1:     "P1",
		tkpkbot.IndP2:     "P2",
		tkpkbot.IndGK:     "garis kemiskinan",
	}
)

// figureText is indo.FigureValue with the poverty line's "per kapita per
// bulan" apart, so it can stay out of bold.
func figureText(f tkpkbot.Figure) (value, suffix string) {
	if f.Unit == tkpkbot.UnitRupiahKB {
		suffix = " per kapita per bulan"
	}
	return indo.FigureValue(f.Value, f.Decimals, f.Unit), suffix
}

// changeText is indo.FigureChange, or "tetap" where a card's value did not
// move.
func changeText(f tkpkbot.Figure, ch *tkpkbot.Change) string {
	if ch.Delta == 0 {
		return "tetap"
	}
	return indo.FigureChange(ch.Delta, ch.Decimals, f.Unit)
}

// cardHTML renders a card that has figures. Every group of values (one
// period, one source) ends with its source line; so do the ranking and
// the other sources.
func cardHTML(c tkpkbot.Card) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<b>%s</b> — %s\n", escape(c.Region.Official), indo.PeriodLabel(c.Period))
	for start := 0; start < len(c.Figures); {
		end := start + 1
		for end < len(c.Figures) && sameGroup(c.Figures[end], c.Figures[start]) {
			end++
		}
		g := c.Figures[start]
		if start > 0 && g.Period != c.Figures[start-1].Period {
			fmt.Fprintf(&b, "\n<b>%s</b>\n", periodHeading(g.Period))
		}
		var agreeing []string
		if start == 0 {
			agreeing = c.Agreeing
		}
		writeGroup(&b, c.Figures[start:end], c.Changes[start:end], agreeing)
		if end == len(c.Figures) || c.Figures[end].Period != c.Period {
			if g.Period == c.Period {
				writeMissing(&b, c)
			}
		}
		start = end
	}
	if len(c.Figures) == 0 {
		writeMissing(&b, c) // a card of IPM, TPT or Gini alone
	}
	writePosition(&b, c)
	writeSupporting(&b, c.Supporting, c.SupportingChanges)
	writeOthers(&b, c.Others)
	return strings.TrimRight(b.String(), "\n")
}

// writeSupporting lists IPM, TPT and Gini under their own heading, each
// with its period (IPM is yearly, TPT from August), grouped by source
// like the headline values.
func writeSupporting(b *strings.Builder, figs []tkpkbot.Figure, changes []*tkpkbot.Change) {
	if len(figs) == 0 {
		return
	}
	b.WriteString("\n<b>Indikator lain</b>\n")
	for start := 0; start < len(figs); {
		end := start + 1
		for end < len(figs) && figs[end].Source == figs[start].Source {
			end++
		}
		var fromSources []string
		for i := start; i < end; i++ {
			f := figs[i]
			value, suffix := figureText(f)
			fmt.Fprintf(b, "• %s %s: <b>%s</b>%s", cardLabels[f.Indicator], indo.PeriodLabel(f.Period), value, suffix)
			if ch := changes[i]; ch != nil {
				fmt.Fprintf(b, " (%s dari %s)", changeText(f, ch), indo.PeriodLabel(ch.From.Period))
				if ch.From.Source != f.Source && !slices.Contains(fromSources, ch.From.Source) {
					fromSources = append(fromSources, ch.From.Source)
				}
			}
			b.WriteByte('\n')
		}
		fmt.Fprintf(b, "<i>Sumber: %s</i>\n", escape(figs[start].Source))
		if len(fromSources) > 0 {
			fmt.Fprintf(b, "<i>Angka pembanding: %s</i>\n", escape(strings.Join(fromSources, "; ")))
		}
		start = end
	}
}

func sameGroup(a, b tkpkbot.Figure) bool { return a.Period == b.Period && a.Source == b.Source }

// periodHeading names a later group's period: a bare "2023" reads better
// as "Tahun 2023".
func periodHeading(p tkpkbot.Period) string {
	if p.IsYear() {
		return "Tahun " + indo.PeriodLabel(p)
	}
	return indo.PeriodLabel(p)
}

// writeGroup writes one period's values from one source, the source, any
// other sources that agree, and which year-earlier values the arrows
// compare with.
func writeGroup(b *strings.Builder, figs []tkpkbot.Figure, changes []*tkpkbot.Change, agreeing []string) {
	var fromSources []string
	anyChange := false
	for i, f := range figs {
		value, suffix := figureText(f)
		fmt.Fprintf(b, "• %s: <b>%s</b>%s", cardLabels[f.Indicator], value, suffix)
		if ch := changes[i]; ch != nil {
			fmt.Fprintf(b, " (%s)", changeText(f, ch))
			anyChange = true
			if ch.From.Source != f.Source && !slices.Contains(fromSources, ch.From.Source) {
				fromSources = append(fromSources, ch.From.Source)
			}
		}
		b.WriteByte('\n')
	}
	fmt.Fprintf(b, "<i>Sumber: %s</i>\n", escape(figs[0].Source))
	if len(agreeing) > 0 {
		fmt.Fprintf(b, "<i>Angka sama juga dari: %s</i>\n", escape(strings.Join(agreeing, "; ")))
	}
	earlier := indo.PeriodLabel(figs[0].Period.YearEarlier())
	switch {
	case !anyChange && figs[0].Period.IsDated():
		// a dated report is compared with nothing, so nothing is missing
	case !anyChange:
		fmt.Fprintf(b, "<i>Perubahan tahunan: belum ada data %s</i>\n", earlier)
	case len(fromSources) == 0:
		fmt.Fprintf(b, "<i>▲▼ perubahan dari %s</i>\n", earlier)
	default:
		fmt.Fprintf(b, "<i>▲▼ perubahan dari %s (sumber: %s)</i>\n", earlier, escape(strings.Join(fromSources, "; ")))
	}
}

func writeMissing(b *strings.Builder, c tkpkbot.Card) {
	if len(c.Missing) == 0 {
		return
	}
	names := make([]string, len(c.Missing))
	for i, in := range c.Missing {
		names[i] = missingLabels[in]
	}
	fmt.Fprintf(b, "Belum ada data %s: %s.\n", indo.PeriodLabel(c.Period), strings.Join(names, ", "))
}

// writePosition places a kabupaten/kota in the province: its P0 rank (1
// is the highest, i.e. the poorest) and its share of the province's poor.
func writePosition(b *strings.Builder, c tkpkbot.Card) {
	if c.Rank == nil && c.Share == nil {
		return
	}
	b.WriteByte('\n')
	var sources []string
	if r := c.Rank; r != nil {
		withData := ""
		if r.Count < r.Total {
			withData = " dengan data"
		}
		fmt.Fprintf(b, "• P0 peringkat %d dari %d kabupaten/kota%s (1 = tertinggi)\n", r.Position, r.Count, withData)
		sources = append(sources, escape(strings.Join(r.Families, ", "))+" per kabupaten/kota (lihat /peringkat)")
	}
	if s := c.Share; s != nil {
		value, _ := figureText(s.Province)
		fmt.Fprintf(b, "• %s dari %s penduduk miskin Kalimantan Timur\n", indo.Percent(s.Percent, 1), value)
		sources = append(sources, "Kalimantan Timur: "+escape(s.Province.Source))
	}
	fmt.Fprintf(b, "<i>Sumber: %s</i>\n", strings.Join(sources, "; "))
}

// writeOthers lists other sources' numbers, grouped by source, each with
// its own period: they are shown, never merged into the headline.
func writeOthers(b *strings.Builder, others []tkpkbot.Figure) {
	if len(others) == 0 {
		return
	}
	b.WriteString("\n<b>Sumber lain</b>\n")
	var order []string
	for _, f := range others {
		if !slices.Contains(order, f.Source) {
			order = append(order, f.Source)
		}
	}
	for _, src := range order {
		for _, f := range others {
			if f.Source != src {
				continue
			}
			value, suffix := figureText(f)
			fmt.Fprintf(b, "• %s: %s%s (%s)\n", cardLabels[f.Indicator], value, suffix, indo.PeriodLabel(f.Period))
		}
		fmt.Fprintf(b, "<i>Sumber: %s</i>\n", escape(src))
	}
}

// cardButtons step to the survey rounds around the card and open its chart.
func cardButtons(c tkpkbot.Card) [][]tkpkbot.Button {
	var nav []tkpkbot.Button
	if !c.Prev.IsZero() {
		nav = append(nav, tkpkbot.Button{Text: "◀ " + indo.PeriodLabel(c.Prev), Data: angkaData(c.Region.Code, c.Prev)})
	}
	if !c.Next.IsZero() {
		nav = append(nav, tkpkbot.Button{Text: indo.PeriodLabel(c.Next) + " ▶", Data: angkaData(c.Region.Code, c.Next)})
	}
	rows := [][]tkpkbot.Button{}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	return append(rows, []tkpkbot.Button{{Text: "📈 Grafik", Data: grafikData(c.Region.Code, tkpkbot.IndP0)}})
}
