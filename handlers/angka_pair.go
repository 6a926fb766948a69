package handlers

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"tkpkbot"
	"tkpkbot/indo"
)

// yearRounds lists the survey rounds of a year among a card's periods
// (poverty periods only), oldest first.
func yearRounds(periods []tkpkbot.Period, year int) []tkpkbot.Period {
	var out []tkpkbot.Period
	for _, p := range periods {
		if p.Year == year && p.IsRound() {
			out = append(out, p)
		}
	}
	return out
}

// pairHTML puts the two rounds of one year side by side, one line per
// indicator ("• P0: 5,78% | 5,51%"), which stays narrow enough for a
// phone where two columns of a table would not. Values of the whole year
// (IPM, extreme poverty) or of a third round (TPT's August) belong to
// both and are listed once below. Yearly changes, rank and other sources
// stay on each round's own card, behind the buttons.
func pairHTML(year int, a, b tkpkbot.Card) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "<b>%s</b> — %d\n", escape(a.Region.Official), year)
	fmt.Fprintf(&sb, "<i>%s | %s</i>\n", indo.PeriodLabel(a.Period), indo.PeriodLabel(b.Period))

	own := func(c tkpkbot.Card) map[tkpkbot.Indicator]tkpkbot.Figure {
		m := map[tkpkbot.Indicator]tkpkbot.Figure{}
		for _, f := range append(slices.Clone(c.Figures), c.Supporting...) {
			if _, ok := m[f.Indicator]; !ok && f.Period == c.Period {
				m[f.Indicator] = f
			}
		}
		return m
	}
	left, right := own(a), own(b)
	for _, in := range tkpkbot.Indicators {
		l, lok := left[in.Indicator]
		r, rok := right[in.Indicator]
		if !lok && !rok {
			continue
		}
		fmt.Fprintf(&sb, "• %s: %s\n", cardLabels[in.Indicator], pairValues(l, lok, r, rok))
	}
	fmt.Fprintf(&sb, "<i>Sumber %s: %s</i>\n", indo.MonthName(monthOf(a.Period)), escape(strings.Join(ownSources(a), "; ")))
	fmt.Fprintf(&sb, "<i>Sumber %s: %s</i>\n", indo.MonthName(monthOf(b.Period)), escape(strings.Join(ownSources(b), "; ")))

	var yearly, side []tkpkbot.Figure
	seen := map[string]bool{}
	for _, c := range []tkpkbot.Card{a, b} {
		for _, f := range append(slices.Clone(c.Figures), c.Supporting...) {
			k := string(f.Indicator) + "|" + f.Period.Key() + "|" + f.Source
			if f.Period == c.Period || seen[k] {
				continue
			}
			seen[k] = true
			if slices.ContainsFunc(c.Supporting, func(g tkpkbot.Figure) bool { return g == f }) {
				side = append(side, f)
			} else {
				yearly = append(yearly, f)
			}
		}
	}
	if len(yearly) > 0 {
		fmt.Fprintf(&sb, "\n<b>Tahun %d</b>\n", year)
		writeListed(&sb, yearly)
	}
	if len(side) > 0 {
		sb.WriteString("\n<b>Indikator lain</b>\n")
		writeListed(&sb, side)
	}
	sb.WriteString("\nPerubahan tahunan, peringkat dan sumber lain: buka kartu per periode di bawah.")
	return sb.String()
}

func monthOf(p tkpkbot.Period) time.Month { return time.Month(p.Month) }

// pairValues is "<b>221,34</b> | <b>211,88</b> ribu jiwa": a head count's
// unit once at the end when both sides share it, else each value whole;
// "–" for a side without a value.
func pairValues(l tkpkbot.Figure, lok bool, r tkpkbot.Figure, rok bool) string {
	if lok && rok && l.Unit == r.Unit && (l.Unit == tkpkbot.UnitRibuJiwa || l.Unit == tkpkbot.UnitJiwa) {
		return fmt.Sprintf("<b>%s</b> | <b>%s</b> %s", indo.Decimal(l.Value, l.Decimals), indo.Decimal(r.Value, r.Decimals), l.Unit)
	}
	side := func(f tkpkbot.Figure, ok bool) string {
		if !ok {
			return "–"
		}
		v, _ := figureText(f)
		return "<b>" + v + "</b>"
	}
	suffix := ""
	if lok && l.Unit == tkpkbot.UnitRupiahKB || rok && r.Unit == tkpkbot.UnitRupiahKB {
		suffix = " per kapita per bulan"
	}
	return side(l, lok) + " | " + side(r, rok) + suffix
}

// ownSources are the sources of a card's values for its own period, in
// the order they are shown.
func ownSources(c tkpkbot.Card) []string {
	var out []string
	for _, f := range append(slices.Clone(c.Figures), c.Supporting...) {
		if f.Period == c.Period && !slices.Contains(out, f.Source) {
			out = append(out, f.Source)
		}
	}
	return out
}

// writeListed writes figures with their periods, one source line under
// each run of the same source.
func writeListed(b *strings.Builder, figs []tkpkbot.Figure) {
	for i, f := range figs {
		value, suffix := figureText(f)
		fmt.Fprintf(b, "• %s %s: <b>%s</b>%s\n", cardLabels[f.Indicator], indo.PeriodLabel(f.Period), value, suffix)
		if i == len(figs)-1 || figs[i+1].Source != f.Source {
			fmt.Fprintf(b, "<i>Sumber: %s</i>\n", escape(f.Source))
		}
	}
}

// pairButtons open each round's full card, and the chart.
func pairButtons(a, b tkpkbot.Card) [][]tkpkbot.Button {
	return [][]tkpkbot.Button{
		{
			{Text: "Kartu " + indo.PeriodLabel(a.Period), Data: angkaData(a.Region.Code, a.Period)},
			{Text: "Kartu " + indo.PeriodLabel(b.Period), Data: angkaData(b.Region.Code, b.Period)},
		},
		{{Text: "📈 Grafik", Data: grafikData(a.Region.Code, tkpkbot.IndP0)}},
	}
}
