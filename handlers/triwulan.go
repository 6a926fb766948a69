package handlers

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"tkpkbot"
	"tkpkbot/export"
	"tkpkbot/indo"
)

// thursdayNote is printed on every sheet: the rule decides where the
// weeks that straddle two quarters go, and readers comparing with a
// monthly report will ask.
const thursdayNote = "Satu minggu (Senin–Minggu) masuk triwulan tempat hari Kamisnya jatuh, seperti penomoran minggu ISO; minggu yang terbelah akhir bulan dihitung sekali."

func (h *Handlers) triwulan(ctx context.Context, r *Request) error {
	cur := tkpkbot.WeekOf(h.Clock.Now(), h.Location)
	q, problem := parseQuarter(r.Args, tkpkbot.QuarterOf(cur))
	if problem != "" {
		h.reply(ctx, r, "⚠️ "+problem)
		return nil
	}
	book, summary, err := h.quarterBook(ctx, q, r.User)
	if err != nil {
		return err
	}
	h.reply(ctx, r, summary)
	var buf bytes.Buffer
	if err := export.QuarterXLSX(&buf, book); err != nil {
		return fmt.Errorf("build quarterly workbook %s: %w", q, err)
	}
	name := "laporan-triwulan-" + q.String()
	if !book.Summary && len(book.Regions) == 1 {
		name += "-" + book.Regions[0].Code
	}
	return h.sendDocument(ctx, r, name+".xlsx", buf.Bytes(),
		fmt.Sprintf("%s: lembar ringkasan dan satu lembar per wilayah, siap cetak A4 mendatar.", book.Title))
}

// quarterBook builds the workbook of q and the chat summary, for every
// district (admin, pengamat) or the coordinator's own region.
func (h *Handlers) quarterBook(ctx context.Context, q tkpkbot.Quarter, u tkpkbot.User) (export.QuarterBook, string, error) {
	from, to := q.Weeks()
	running := false
	if cur := tkpkbot.WeekOf(h.Clock.Now(), h.Location); cur.Before(to) {
		to, running = cur, true
	}
	v, err := h.progressOf(ctx, from, to, q.Year)
	if err != nil {
		return export.QuarterBook{}, "", err
	}
	choices, err := h.Progress.ChoiceTotals(ctx, from, to)
	if err != nil {
		return export.QuarterBook{}, "", err
	}
	reports, err := h.Reports.LatestReportsBetween(ctx, from, to)
	if err != nil {
		return export.QuarterBook{}, "", err
	}
	byWeek := map[string]map[tkpkbot.Week]*tkpkbot.Report{}
	for i := range reports {
		rep := &reports[i]
		if byWeek[rep.RegionCode] == nil {
			byWeek[rep.RegionCode] = map[tkpkbot.Week]*tkpkbot.Report{}
		}
		byWeek[rep.RegionCode][rep.Week] = rep
	}
	period := fmt.Sprintf("Minggu %s s.d. %s (%s)", from, to,
		indo.DateRange(from.Start(h.Location), to.Start(h.Location).AddDate(0, 0, 6)))
	title := fmt.Sprintf("Laporan Triwulan %d %d", q.Q, q.Year)
	if running {
		period += ", triwulan masih berjalan"
	}
	book := export.QuarterBook{Title: title + " — TKPK Kalimantan Timur", Period: period,
		Notes:   []string{thursdayNote, reachNote, "Persentase dibanding target dan pagu tahunan " + fmt.Sprint(q.Year) + "."},
		Summary: u.Role != tkpkbot.RoleKoordinator}
	regions := v.Regions
	if u.Role == tkpkbot.RoleKoordinator {
		regions = []regionProgress{v.region(u.RegionCode)}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "📑 <b>%s</b>\n%s\n\n", title, escape(period))
	for _, p := range regions {
		qr, err := h.quarterRegion(ctx, p, v, choices, byWeek[p.Region.Code])
		if err != nil {
			return book, "", err
		}
		book.Regions = append(book.Regions, qr)
		b.WriteString(quarterLine(p, len(v.Weeks)) + "\n")
	}
	if book.Summary {
		prov, err := h.quarterRegion(ctx, v.Province, v, nil, nil)
		if err != nil {
			return book, "", err
		}
		prov.Weeks = nil
		book.Province = prov
		b.WriteString("\n" + quarterLine(v.Province, len(v.Weeks)*len(v.Regions)) + "\n")
	}
	b.WriteString("\n<i>" + reachNote + " Minggu masuk triwulan hari Kamisnya. % dari target tahunan.</i>")
	return book, b.String(), nil
}

// quarterLine is one region in the chat summary.
func quarterLine(p regionProgress, weeks int) string {
	name := p.Region.Name
	if p.Region.Code == tkpkbot.ProvinceCode {
		name = p.Region.Official
	}
	s := fmt.Sprintf("<b>%s</b>: %s/%s minggu, %s KK", escape(name), indo.Int(int64(p.Reports)), indo.Int(int64(weeks)), indo.Int(p.Households))
	if pct, ok := percent(p.Households, p.TargetKK.Value); ok {
		s += " (" + indo.Percent(pct, 1) + " target)"
	}
	return s + ", " + indo.Rupiah(p.Budget)
}

func (h *Handlers) quarterRegion(ctx context.Context, p regionProgress, v progressView, choices []tkpkbot.ChoiceTotals, reps map[tkpkbot.Week]*tkpkbot.Report) (export.QuarterRegion, error) {
	qr := export.QuarterRegion{Name: p.Region.Name, Code: p.Region.Code, Totals: p.Totals,
		TargetKK: p.TargetKK.Value, TargetBudget: p.TargetBudget.Value, Part: p.Part}
	if p.Region.Code == tkpkbot.ProvinceCode {
		qr.Name = p.Region.Official
	}
	k, tl, known, err := h.openFollowUps(ctx, p.Region.Code)
	if err != nil {
		return qr, err
	}
	if known {
		qr.FollowUps = fmt.Sprintf("%d kendala, %d tindak lanjut", k, tl)
	}
	label := map[string][]tkpkbot.Choice{tkpkbot.ChoiceStrategy: tkpkbot.Strategies, tkpkbot.ChoiceFunding: tkpkbot.FundingSources}
	for _, kind := range []string{tkpkbot.ChoiceStrategy, tkpkbot.ChoiceFunding} {
		for _, c := range label[kind] {
			for _, t := range choices {
				if t.RegionCode == p.Region.Code && t.Kind == kind && t.Code == c.Code {
					row := export.ChoiceRow{Label: c.Label, Totals: t.Totals}
					if kind == tkpkbot.ChoiceStrategy {
						qr.Strategies = append(qr.Strategies, row)
					} else {
						qr.Funding = append(qr.Funding, row)
					}
				}
			}
		}
	}
	for i, w := range v.Weeks {
		qw := export.QuarterWeek{Week: w.Week, Start: w.Week.Start(time.UTC), Report: reps[w.Week]}
		if p.Cells != nil {
			qw.Status = cellWord(p.Cells[i], qw.Report)
		}
		qr.Weeks = append(qr.Weeks, qw)
	}
	return qr, nil
}

// cellWord is a week's status in the words of /rekap and the export.
func cellWord(s tkpkbot.ReportStatus, rep *tkpkbot.Report) string {
	switch {
	case rep != nil && rep.Version > 1:
		return string(tkpkbot.StatusRevised)
	case s == tkpkbot.StatusPending:
		return "belum jatuh tempo"
	}
	return string(s)
}
