package handlers

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"tkpkbot"
	"tkpkbot/chart"
	"tkpkbot/indo"
	"tkpkbot/match"
)

// reachNote is said wherever weekly KK counts are summed: the form asks
// for households reached that week, so a sum counts reach.
const reachNote = "Jumlah KK adalah jumlah jangkauan mingguan: KK yang sama bisa terhitung lebih dari sekali."

func (h *Handlers) capaian(ctx context.Context, r *Request) error {
	now := h.Clock.Now().In(h.Location)
	thisYear := tkpkbot.WeekOf(now, h.Location).Year
	text, year, problem := splitRegionYear(r.Args, thisYear)
	if problem != "" {
		h.reply(ctx, r, escape(problem)+"\n"+capaianExamples)
		return nil
	}
	reg := tkpkbot.Regions[0]
	if text != "" {
		m := match.Region(text)
		if m.Kind != match.Exact {
			h.reply(ctx, r, "Wilayah <b>"+escape(text)+"</b> tidak dikenali. "+regionHint(m)+"\n"+capaianExamples)
			return nil
		}
		reg = m.Region
	}
	if r.User.Role == tkpkbot.RoleKoordinator {
		own, _ := tkpkbot.RegionByCode(r.User.RegionCode)
		if text != "" && reg.Code != own.Code {
			h.reply(ctx, r, fmt.Sprintf("Koordinator melihat capaian wilayahnya sendiri. Berikut capaian <b>%s</b>; wilayah lain dilihat admin atau pengamat.", escape(own.Official)))
		}
		reg = own
	}
	from, to := tkpkbot.YearWeeks(year)
	if cur := tkpkbot.WeekOf(now, h.Location); cur.Before(to) {
		to = cur
	}
	v, err := h.progressOf(ctx, from, to, year)
	if err != nil {
		return err
	}
	if reg.Code == tkpkbot.ProvinceCode {
		return h.capaianAll(ctx, r, v, year)
	}
	text, err = h.capaianRegion(ctx, v, reg, year)
	if err != nil {
		return err
	}
	h.reply(ctx, r, text)
	return nil
}

const capaianExamples = "Contoh: <code>/capaian</code>, <code>/capaian Samarinda</code>, <code>/capaian Kukar 2024</code>."

func (v progressView) region(code string) regionProgress {
	for _, p := range v.Regions {
		if p.Region.Code == code {
			return p
		}
	}
	return v.Province
}

// capaianRegion is one region's year so far.
func (h *Handlers) capaianRegion(ctx context.Context, v progressView, reg tkpkbot.Region, year int) (string, error) {
	p := v.region(reg.Code)
	var b strings.Builder
	fmt.Fprintf(&b, "📈 <b>Capaian %s %d</b>\n%s s.d. %s\n\n", escape(reg.Official), year,
		indo.WeekLabel(v.From, h.Location), indo.WeekLabel(v.To, h.Location))
	b.WriteString(reachLine(p) + "\n")
	b.WriteString(budgetLine(p) + "\n")
	b.WriteString(participationLine(p.Part) + "\n")
	counts, known, err := h.followUpCounts(ctx)
	if err != nil {
		return "", err
	}
	if known {
		b.WriteString(followUpLine(counts[reg.Code], reg) + "\n")
	}
	notes, err := h.recentObstacles(ctx, reg.Code, v.From, v.To, 3)
	if err != nil {
		return "", err
	}
	solved, err := h.solvedKendala(ctx, reg.Code, known && len(notes) > 0)
	if err != nil {
		return "", err
	}
	if len(notes) > 0 {
		b.WriteString("\n<b>Kendala terakhir yang dilaporkan</b>\n")
		for _, n := range notes {
			mark := ""
			if solved[n.Week] {
				mark = " — ✅ teratasi"
			}
			fmt.Fprintf(&b, "• Minggu %d: %s%s\n", n.Week.Week, escape(truncateRunes(n.Obstacles, 160)), mark)
		}
	}
	if fig, ok := h.poorPopulation(ctx, reg.Code); ok {
		value, _ := figureText(fig)
		fmt.Fprintf(&b, "\n<b>Konteks:</b> penduduk miskin %s (%s, %s).\n", value, indo.PeriodLabel(fig.Period), escape(fig.Source))
	}
	b.WriteString("\n<i>" + reachNote + "</i>")
	return b.String(), nil
}

// followUpLine is a region's open kendala and tindak lanjut now, whatever
// the year shown, with where to see and close the tasks.
func followUpLine(c tkpkbot.RegionFollowUp, reg tkpkbot.Region) string {
	s := fmt.Sprintf("🧩 Kendala terbuka saat ini: <b>%s</b> · 📌 tindak lanjut terbuka: <b>%s</b>",
		indo.Int(int64(c.OpenKendala)), indo.Int(int64(c.OpenActions)))
	if c.Overdue > 0 {
		s += fmt.Sprintf(" (⚠️ %s lewat tenggat)", indo.Int(int64(c.Overdue)))
	}
	if c.OpenActions > 0 {
		s += "\n   Rincian dan tombol Selesai: /tindaklanjut " + escape(reg.Name)
	}
	return s
}

func reachLine(p regionProgress) string {
	s := fmt.Sprintf("👪 KK dijangkau: <b>%s KK</b>", indo.Int(p.Households))
	if pct, ok := percent(p.Households, p.TargetKK.Value); ok {
		return s + fmt.Sprintf(" dari target %s KK (<b>%s</b>)", indo.Int(p.TargetKK.Value), indo.Percent(pct, 1))
	}
	return s + " (target KK belum diimpor)"
}

func budgetLine(p regionProgress) string {
	s := fmt.Sprintf("💰 Realisasi anggaran: <b>%s</b>", indo.Rupiah(p.Budget))
	if pct, ok := percent(p.Budget, p.TargetBudget.Value); ok {
		return s + fmt.Sprintf(" dari pagu %s (<b>%s</b>)", indo.Rupiah(p.TargetBudget.Value), indo.Percent(pct, 1))
	}
	return s + " (pagu belum diimpor)"
}

func participationLine(p tkpkbot.Participation) string {
	s := fmt.Sprintf("🗓 Laporan: %s tepat waktu · %s terlambat · %s belum", indo.Int(int64(p.OnTime)), indo.Int(int64(p.Late)), indo.Int(int64(p.Missing)))
	if p.Off > 0 {
		s += fmt.Sprintf(" · %s libur", indo.Int(int64(p.Off)))
	}
	if rate, ok := p.OnTimeRate(); ok {
		s += fmt.Sprintf(" (tepat waktu %s)", indo.Percent(rate*100, 0))
	}
	return s
}

// recentObstacles are the region's latest reported kendala in from..to,
// newest first, "-" (none) left out.
func (h *Handlers) recentObstacles(ctx context.Context, region string, from, to tkpkbot.Week, n int) ([]tkpkbot.Report, error) {
	rs, err := h.Reports.RegionReports(ctx, region, 60)
	if err != nil {
		return nil, err
	}
	var out []tkpkbot.Report
	for _, r := range rs {
		if len(out) < n && tkpkbot.Contains(from, to, r.Week) && strings.Trim(r.Obstacles, "-–— ") != "" {
			out = append(out, r)
		}
	}
	return out, nil
}

// solvedKendala are the weeks whose kendala of region a later report
// said was solved, so the latest kendala are not read as still open.
func (h *Handlers) solvedKendala(ctx context.Context, region string, wanted bool) (map[tkpkbot.Week]bool, error) {
	if !wanted {
		return nil, nil
	}
	ks, err := h.FollowUps.KendalaHistory(ctx)
	if err != nil {
		return nil, fmt.Errorf("kendala history for /capaian: %w", err)
	}
	out := map[tkpkbot.Week]bool{}
	for _, k := range ks {
		if k.RegionCode == region && !k.Open() {
			out[k.Week] = true
		}
	}
	return out, nil
}

// poorPopulation is the region's latest "penduduk miskin" from the
// figures cache, for context beside the households reached.
func (h *Handlers) poorPopulation(ctx context.Context, region string) (tkpkbot.Figure, bool) {
	if h.figs == nil {
		return tkpkbot.Figure{}, false
	}
	s, err := h.figs.Series(ctx, region, tkpkbot.IndMiskin)
	if err != nil || len(s.Points) == 0 {
		if err != nil {
			h.Log.Warn("poverty figure for /capaian", "region", region, "err", err)
		}
		return tkpkbot.Figure{}, false
	}
	return s.Points[len(s.Points)-1], true
}

// capaianAll is the ten regions in one short table, and the bar chart.
func (h *Handlers) capaianAll(ctx context.Context, r *Request, v progressView, year int) error {
	var b strings.Builder
	fmt.Fprintf(&b, "📈 <b>Capaian kabupaten/kota %d</b>\n%s s.d. %s\n\n", year, indo.WeekLabel(v.From, h.Location), indo.WeekLabel(v.To, h.Location))
	counts, known, err := h.followUpCounts(ctx)
	if err != nil {
		return err
	}
	// The follow-up columns are two characters each: the table must stay
	// within a phone's width.
	const cols = "%-11s %6s %8s %4s %5s"
	const more = " %2s %2s"
	header := fmt.Sprintf(cols, "Wilayah", "KK", "Target", "%", "Tepat")
	if known {
		header += fmt.Sprintf(more, "Kd", "TL")
	}
	b.WriteString("<pre>" + header + "\n")
	var overdue []string
	row := func(name string, p regionProgress) {
		pct := "—"
		if x, ok := percent(p.Households, p.TargetKK.Value); ok {
			pct = indo.Decimal(x, 0)
		}
		target := "—"
		if p.TargetKK.Value > 0 {
			target = indo.Int(p.TargetKK.Value)
		}
		rate := "—"
		if x, ok := p.Part.OnTimeRate(); ok {
			rate = indo.Decimal(x*100, 0) + "%"
		}
		fmt.Fprintf(&b, cols, truncateRunes(name, 11), indo.Int(p.Households), target, pct, rate)
		if known {
			c := counts[p.Region.Code]
			fmt.Fprintf(&b, more, indo.Int(int64(c.OpenKendala)), indo.Int(int64(c.OpenActions)))
			if c.Overdue > 0 && p.Region.Code != tkpkbot.ProvinceCode {
				overdue = append(overdue, fmt.Sprintf("%s %s", escape(p.Region.Name), indo.Int(int64(c.Overdue))))
			}
		}
		b.WriteString("\n")
	}
	for _, p := range v.Regions {
		row(shortName(p.Region), p)
	}
	row("Provinsi", v.Province)
	b.WriteString("</pre>\n")
	b.WriteString(budgetLine(v.Province) + "\n")
	b.WriteString(participationLine(v.Province.Part) + "\n")
	if len(overdue) > 0 {
		b.WriteString("⚠️ Tindak lanjut lewat tenggat: " + strings.Join(overdue, ", ") + " (/tindaklanjut)\n")
	}
	legend := ""
	if known {
		legend = " Kd/TL: kendala dan tindak lanjut yang terbuka saat ini."
	}
	fmt.Fprintf(&b, "\n<i>%s%s Rincian satu wilayah: /capaian Samarinda.</i>", reachNote, legend)
	h.reply(ctx, r, b.String())

	bars, province, ok := capaianBars(v)
	if !ok {
		h.reply(ctx, r, "Grafik capaian menunggu target KK: impor dengan /impor_target.")
		return nil
	}
	png, err := chart.Bars(fmt.Sprintf("KK dijangkau %d, %% dari target", year),
		"Jangkauan mingguan dijumlah (KK yang sama bisa terhitung dua kali). Garis: provinsi.", bars, province, "Provinsi")
	if err != nil {
		return fmt.Errorf("render capaian chart: %w", err)
	}
	return h.Telegram.SendPhoto(ctx, r.ChatID, tkpkbot.Upload{Name: fmt.Sprintf("capaian-%d.png", year), Data: png},
		fmt.Sprintf("Capaian KK %d per kabupaten/kota terhadap target, diurutkan; garis putus-putus: provinsi %s.", year, indo.Percent(province, 0)), nil)
}

// capaianBars are the regions that have a KK target, as percent of it.
func capaianBars(v progressView) ([]chart.Bar, float64, bool) {
	var bars []chart.Bar
	for _, p := range v.Regions {
		if x, ok := percent(p.Households, p.TargetKK.Value); ok {
			bars = append(bars, chart.Bar{Label: p.Region.Name, Value: x})
		}
	}
	sort.SliceStable(bars, func(i, j int) bool { return bars[i].Value > bars[j].Value })
	province, ok := percent(v.Province.Households, v.Province.TargetKK.Value)
	return bars, province, ok && len(bars) > 0
}

// shortName fits a region in the table's first column.
func shortName(r tkpkbot.Region) string {
	if len(r.Aliases) > 0 && len([]rune(r.Name)) > 11 {
		return r.Aliases[0]
	}
	return r.Name
}
