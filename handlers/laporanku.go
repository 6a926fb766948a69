package handlers

import (
	"context"
	"fmt"

	"tkpkbot"
	"tkpkbot/indo"
)

func (h *Handlers) myReports(ctx context.Context, r *Request) error {
	text, rows, err := h.myReportsView(ctx, r.User.RegionCode, tkpkbot.WeekOf(h.Clock.Now(), h.Location))
	if err != nil {
		return err
	}
	h.reply(ctx, r, text, rows...)
	return nil
}

func (h *Handlers) laporankuButton(ctx context.Context, r *Request, data string) error {
	// The region is the presser's own, now; the data only names a week,
	// so a copied button cannot show another region's report.
	if r.User.Role != tkpkbot.RoleKoordinator {
		h.answer(ctx, r, "")
		h.reply(ctx, r, escape(h.commands["laporanku"].refusal(r.User)))
		return nil
	}
	w, ok := parseWeekKey(data)
	if cur := tkpkbot.WeekOf(h.Clock.Now(), h.Location); !ok || cur.Start(h.Location).Before(w.Start(h.Location)) {
		h.answer(ctx, r, msgStaleButton)
		return nil
	}
	h.answer(ctx, r, "")
	text, rows, err := h.myReportsView(ctx, r.User.RegionCode, w)
	if err != nil {
		return err
	}
	h.edit(ctx, r, text, rows...)
	return nil
}

// myReportsView is the coordinator's region's report of week w in full.
// For the current week without a report it says so and shows the latest
// report instead, so the coordinator sees what was last sent.
func (h *Handlers) myReportsView(ctx context.Context, region string, w tkpkbot.Week) (string, [][]tkpkbot.Button, error) {
	reg, ok := tkpkbot.RegionByCode(region)
	if !ok {
		return "", nil, fmt.Errorf("coordinator without a known region %q", region)
	}
	nav := func(w tkpkbot.Week) [][]tkpkbot.Button {
		return [][]tkpkbot.Button{h.weekNav(w, func(w tkpkbot.Week) string { return "laporanku:" + w.String() })}
	}
	vs, err := h.Reports.ReportVersions(ctx, region, w)
	if err != nil {
		return "", nil, err
	}
	if len(vs) > 0 {
		text, err := h.reportCard(ctx, vs[len(vs)-1], len(vs))
		return text, nav(w), err
	}
	if cur := tkpkbot.WeekOf(h.Clock.Now(), h.Location); w != cur {
		return fmt.Sprintf("Tidak ada laporan %s untuk %s.", escape(reg.Official), indo.WeekLabel(w, h.Location)), nav(w), nil
	}
	deadline, _, off, err := h.weekInfo(ctx, w)
	if err != nil {
		return "", nil, err
	}
	text := fmt.Sprintf("Laporan %s untuk %s belum dikirim; tenggat %s. Ketik /lapor.", escape(reg.Official), indo.WeekLabel(w, h.Location), indo.DateTime(deadline))
	if off {
		text = fmt.Sprintf("Minggu ini (%s) libur; laporan tetap boleh dikirim dengan /lapor.", indo.WeekLabel(w, h.Location))
	}
	rs, err := h.Reports.RegionReports(ctx, region, 1)
	if err != nil {
		return "", nil, err
	}
	if len(rs) == 0 {
		return "Belum ada laporan dari " + escape(reg.Official) + ". Kirim yang pertama dengan /lapor.", nil, nil
	}
	// RegionReports gives the latest version; its week's count says
	// whether it was revised.
	last, err := h.Reports.ReportVersions(ctx, region, rs[0].Week)
	if err != nil {
		return "", nil, err
	}
	card, err := h.reportCard(ctx, last[len(last)-1], len(last))
	if err != nil {
		return "", nil, err
	}
	return text + "\n\nLaporan terakhir yang dikirim:\n\n" + card, nav(rs[0].Week), nil
}
