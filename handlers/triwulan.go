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
	counts, known, err := h.followUpCounts(ctx)
	if err != nil {
		return export.QuarterBook{}, "", err
	}
	kendala, actions, err := h.quarterFollowUps(ctx, q, known)
	if err != nil {
		return export.QuarterBook{}, "", err
	}
	pctNote := "Persentase dibanding target dan pagu tahunan " + fmt.Sprint(q.Year) + "."
	if known {
		pctNote += " Status kendala dan tindak lanjut per " + indo.ShortDate(h.Clock.Now().In(h.Location)) + "."
	}
	book := export.QuarterBook{Title: title + " — TKPK Kalimantan Timur", Period: period,
		Notes:   []string{thursdayNote, reachNote, pctNote},
		Summary: u.Role != tkpkbot.RoleKoordinator, Location: h.Location}
	// withFollowUps gives a region's sheet its counts and lists, and its
	// chat line the counts.
	withFollowUps := func(qr *export.QuarterRegion, line string) string {
		if !known {
			return line
		}
		c := counts[qr.Code]
		qr.FollowUps, qr.Kendala, qr.Actions = &c, kendala[qr.Code], actions[qr.Code]
		return line + followUpSuffix(c)
	}
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
		line := withFollowUps(&qr, quarterLine(p, len(v.Weeks)))
		book.Regions = append(book.Regions, qr)
		b.WriteString(line + "\n")
	}
	if book.Summary {
		prov, err := h.quarterRegion(ctx, v.Province, v, nil, nil)
		if err != nil {
			return book, "", err
		}
		prov.Weeks = nil
		line := withFollowUps(&prov, quarterLine(v.Province, len(v.Weeks)*len(v.Regions)))
		prov.Kendala, prov.Actions = nil, nil
		book.Province = prov
		b.WriteString("\n" + line + "\n")
	}
	legend := ""
	if known {
		legend = " 🧩 kendala dan 📌 tindak lanjut yang terbuka saat ini (⚠️ lewat tenggat)."
	}
	b.WriteString("\n<i>" + reachNote + " Minggu masuk triwulan hari Kamisnya. % dari target tahunan." + legend + "</i>")
	return book, b.String(), nil
}

// quarterFollowUps are the kendala and tindak lanjut of q per region, as
// sheet rows (tkpkbot.Kendala.InPeriod, Action.InPeriod), with their
// status now; nothing without the follow-up service.
func (h *Handlers) quarterFollowUps(ctx context.Context, q tkpkbot.Quarter, known bool) (kendala, actions map[string][]export.FollowUpRow, err error) {
	if !known {
		return nil, nil, nil
	}
	ks, err := h.FollowUps.KendalaHistory(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("quarter kendala: %w", err)
	}
	as, err := h.FollowUps.Actions(ctx, "", true)
	if err != nil {
		return nil, nil, fmt.Errorf("quarter tindak lanjut: %w", err)
	}
	from, to := q.Weeks()
	start, end := from.Start(h.Location), to.Next().Start(h.Location)
	now := h.Clock.Now()
	kendala, actions = map[string][]export.FollowUpRow{}, map[string][]export.FollowUpRow{}
	closed := func(at *time.Time, name string, by int64) (time.Time, string) {
		if at == nil {
			return time.Time{}, ""
		}
		return *at, closerName(name, by)
	}
	for _, k := range ks {
		if !k.InPeriod(from, to, start, end) {
			continue
		}
		at, who := closed(k.ClosedAt, k.ClosedName, k.ClosedBy)
		kendala[k.RegionCode] = append(kendala[k.RegionCode], export.FollowUpRow{Ref: k.Week.String(), Date: k.OpenedAt,
			Status: kendalaStatus(k), Text: k.Text, ClosedAt: at, ClosedBy: who, Note: k.Note})
	}
	for _, a := range as {
		if !a.InPeriod(start, end) {
			continue
		}
		at, who := closed(a.ClosedAt, a.ClosedName, a.ClosedBy)
		actions[a.RegionCode] = append(actions[a.RegionCode], export.FollowUpRow{Ref: fmt.Sprintf("#%d", a.MeetingID), Date: a.DueOn,
			Status: actionStatus(a, now), Text: a.Task, ClosedAt: at, ClosedBy: who, Note: a.Note})
	}
	return kendala, actions, nil
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
