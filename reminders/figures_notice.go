package reminders

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"tkpkbot"
	"tkpkbot/indo"
)

// maxNoticeLines keeps a notice short: an import of a whole new year
// would otherwise list dozens of values; /angka shows the rest.
const maxNoticeLines = 12

// figuresNoticeHTML is one import's news for one subscriber: per region,
// each new or changed value with its change, and the /angka line that
// shows the card.
func figuresNoticeHTML(changes []tkpkbot.FigureChange) string {
	var b strings.Builder
	b.WriteString("🔔 <b>Angka baru untuk wilayah langganan Anda</b>\n")
	shown := 0
	for i := 0; i < len(changes) && shown < maxNoticeLines; {
		code := changes[i].RegionCode
		reg, _ := tkpkbot.RegionByCode(code)
		fmt.Fprintf(&b, "\n<b>%s</b>\n", indo.Esc(reg.Official))
		var periods []tkpkbot.Period
		for ; i < len(changes) && changes[i].RegionCode == code; i++ {
			c := changes[i]
			if shown == maxNoticeLines {
				break
			}
			shown++
			info, _ := tkpkbot.IndicatorByCode(c.Indicator)
			name := info.Short
			if name == "" {
				name = string(c.Indicator)
			}
			fmt.Fprintf(&b, "• %s %s: <b>%s</b> %s\n", indo.Esc(name), indo.PeriodLabel(c.Period),
				indo.FigureValue(c.New, c.Decimals, c.Unit), changeNote(c))
			if !slices.Contains(periods, c.Period) {
				periods = append(periods, c.Period)
			}
		}
		for _, p := range periods {
			fmt.Fprintf(&b, "Lihat: <code>/angka %s %s</code>\n", indo.Esc(reg.Name), indo.PeriodLabel(p))
		}
	}
	if rest := len(changes) - shown; rest > 0 {
		fmt.Fprintf(&b, "\n… dan %s angka lain; lihat /angka.\n", indo.Int(int64(rest)))
	}
	b.WriteString("\nAtur langganan: /langganan · Berhenti: <code>/langganan off</code>")
	return b.String()
}

// changeNote is "(baru)" or "(sebelumnya 4,40%; ▼ 0,19 poin)".
func changeNote(c tkpkbot.FigureChange) string {
	if !c.HadOld {
		return "(baru)"
	}
	delta := c.New - c.Old
	// Both values as printed, so 4,40 → 4,21 is 0,19 and not 0,18999.
	p := math.Pow(10, float64(c.Decimals))
	delta = math.Round(delta*p) / p
	if delta == 0 {
		return fmt.Sprintf("(sebelumnya %s; nilainya sama, penulisannya berubah)", indo.FigureValue(c.Old, c.Decimals, c.Unit))
	}
	return fmt.Sprintf("(sebelumnya %s; %s)", indo.FigureValue(c.Old, c.Decimals, c.Unit), indo.FigureChange(delta, c.Decimals, c.Unit))
}
