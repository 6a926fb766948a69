package handlers

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"tkpkbot"
	"tkpkbot/export"
	"tkpkbot/indo"
)

func init() { features = append(features, (*Handlers).registerRekap) }

// maxExportWeeks bounds an export so one request cannot build a huge file.
const maxExportWeeks = 260

func (h *Handlers) registerRekap() {
	h.OnCommand(&Command{
		Name: "laporanku", Menu: "Laporan wilayah saya (koordinator)",
		Usage: "/laporanku", Example: "/laporanku", Help: "laporan wilayah Anda minggu ini secara lengkap, dengan tombol ke minggu sebelumnya",
		Run: h.myReports,
	})
	h.OnCommand(&Command{
		Name: "rekap", Menu: "Rekap laporan mingguan",
		Usage: "/rekap [minggu]", Example: "/rekap minggu lalu", Help: "status laporan semua wilayah (minggu ini, minggu lalu, atau nomor minggu, lihat /bantuan rekap)",
		Run: h.recap,
	})
	h.OnCommand(&Command{
		Name: "ekspor", Menu: "Ekspor laporan ke Excel (admin)",
		Usage: "/ekspor [csv] [dari] [sampai]", Example: "/ekspor 2024-W40 2024-W50",
		Help: "unduh semua laporan sebagai .xlsx (atau csv); bawaan 12 minggu terakhir", Run: h.exportReports,
	})
	h.OnCallback("laporanku", h.laporankuButton)
	h.OnCallback("rekap", func(ctx context.Context, r *Request, data string) error {
		h.answer(ctx, r, "")
		if r.User.Role != tkpkbot.RoleAdmin && r.User.Role != tkpkbot.RolePengamat {
			h.reply(ctx, r, "Maaf, rekap hanya untuk admin atau pengamat.")
			return nil
		}
		w, err := indo.ParseWeek(data, h.Clock.Now(), h.Location)
		if err != nil {
			return tkpkbot.Errorf(tkpkbot.EINVALID, "%s", err.Error())
		}
		text, rows, err := h.recapText(ctx, w)
		if err != nil {
			return err
		}
		h.edit(ctx, r, text, rows...)
		return nil
	})
}

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
		h.answer(ctx, r, "Tombol ini sudah tidak berlaku.")
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

func (h *Handlers) recap(ctx context.Context, r *Request) error {
	w, err := indo.ParseWeek(r.Args, h.Clock.Now(), h.Location)
	if err != nil {
		h.reply(ctx, r, escape(err.Error())+fmt.Sprintf("\nContoh: <code>/rekap</code>, <code>/rekap minggu lalu</code>, <code>/rekap %s</code>.",
			tkpkbot.WeekOf(h.Clock.Now(), h.Location).Prev()))
		return nil
	}
	text, rows, err := h.recapText(ctx, w)
	if err != nil {
		return err
	}
	h.reply(ctx, r, text, rows...)
	return nil
}

// recapText is the province view of one week, with buttons to step weeks.
func (h *Handlers) recapText(ctx context.Context, w tkpkbot.Week) (string, [][]tkpkbot.Button, error) {
	rs, err := h.Reports.LatestReports(ctx, w)
	if err != nil {
		return "", nil, err
	}
	byRegion := map[string]tkpkbot.Report{}
	for _, rep := range rs {
		byRegion[rep.RegionCode] = rep
	}
	deadline, off, isOff, err := h.weekInfo(ctx, w)
	if err != nil {
		return "", nil, err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<b>Rekap laporan mingguan</b>\n%s\nTenggat: %s\n\n", indo.WeekLabel(w, h.Location), indo.DateTime(deadline))
	if isOff {
		if off.Note != "" {
			off.Note = " (" + off.Note + ")"
		}
		fmt.Fprintf(&b, "🏖 <b>Minggu libur</b>%s: tidak ada wilayah yang dihitung belum melapor.\n\n", escape(off.Note))
	}
	var sent, households, budget int64
	districts := tkpkbot.Districts()
	for _, reg := range districts {
		rep, ok := byRegion[reg.Code]
		var line string
		switch {
		case !ok && isOff:
			line = "🏖 " + string(tkpkbot.StatusOff)
		case !ok:
			line = "⬜ belum"
		case rep.Status() == tkpkbot.StatusRevised:
			line = "🔁 revisi, " + indo.DateTime(rep.SubmittedAt.In(h.Location))
			if rep.Late {
				line += " (terlambat)"
			}
		case rep.Late:
			line = "🟧 terlambat, " + indo.DateTime(rep.SubmittedAt.In(h.Location))
		default:
			line = "✅ terkirim, " + indo.DateTime(rep.SubmittedAt.In(h.Location))
		}
		if ok {
			sent++
			households += rep.Households
			budget += rep.Budget
		}
		fmt.Fprintf(&b, "%s — %s\n", escape(reg.Name), line)
	}
	n := int64(len(districts))
	fmt.Fprintf(&b, "\nPartisipasi: <b>%s dari %s wilayah (%s)</b>\nTotal KK dijangkau: <b>%s KK</b>\nTotal realisasi anggaran: <b>%s</b>",
		indo.Int(sent), indo.Int(n), indo.Percent(float64(sent)*100/float64(n), 0), indo.Int(households), indo.Rupiah(budget))
	rows := [][]tkpkbot.Button{{{Text: "◀ " + w.Prev().String(), Data: "rekap:" + w.Prev().String()}}}
	if cur := tkpkbot.WeekOf(h.Clock.Now(), h.Location); w != cur {
		rows[0] = append(rows[0], tkpkbot.Button{Text: w.Next().String() + " ▶", Data: "rekap:" + w.Next().String()})
	}
	return b.String(), rows, nil
}

func (h *Handlers) exportReports(ctx context.Context, r *Request) error {
	args := strings.Fields(r.Args)
	csvOut := len(args) > 0 && strings.EqualFold(args[0], "csv")
	if csvOut || len(args) > 0 && strings.EqualFold(args[0], "xlsx") {
		args = args[1:]
	}
	now := h.Clock.Now()
	to := tkpkbot.WeekOf(now, h.Location)
	from := to
	for i := 0; i < 11; i++ {
		from = from.Prev()
	}
	usage := fmt.Sprintf("\nContoh: <code>/ekspor</code> (12 minggu terakhir), <code>/ekspor %s %s</code>, <code>/ekspor csv %s</code>.", from, to, from)
	var err error
	switch len(args) {
	case 0:
	case 1:
		if from, err = indo.ParseWeek(args[0], now, h.Location); err != nil {
			h.reply(ctx, r, escape(err.Error())+usage)
			return nil
		}
	case 2:
		if from, err = indo.ParseWeek(args[0], now, h.Location); err == nil {
			to, err = indo.ParseWeek(args[1], now, h.Location)
		}
		if err != nil {
			h.reply(ctx, r, escape(err.Error())+usage)
			return nil
		}
	default:
		h.reply(ctx, r, "Terlalu banyak isian."+usage)
		return nil
	}
	if to.Start(h.Location).Before(from.Start(h.Location)) {
		from, to = to, from
	}
	var weeks []tkpkbot.Week
	for w := from; !to.Start(h.Location).Before(w.Start(h.Location)); w = w.Next() {
		weeks = append(weeks, w)
		if len(weeks) > maxExportWeeks {
			h.reply(ctx, r, "Rentang terlalu panjang (lebih dari 5 tahun). Persempit rentang minggunya."+usage)
			return nil
		}
	}
	rs, err := h.Reports.LatestReportsBetween(ctx, from, to)
	if err != nil {
		return err
	}
	rows, matrix := exportRows(rs, weeks)
	var buf bytes.Buffer
	name := fmt.Sprintf("laporan-tkpk-%s_%s", from, to)
	if csvOut {
		err, name = export.CSV(&buf, rows, h.Location), name+".csv"
	} else {
		err, name = export.XLSX(&buf, rows, matrix, h.Location), name+".xlsx"
	}
	if err != nil {
		return fmt.Errorf("build export: %w", err)
	}
	caption := fmt.Sprintf("Laporan TKPK %s s.d. %s: %s laporan dari %s minggu.", from, to, indo.Int(int64(len(rs))), indo.Int(int64(len(weeks))))
	if csvOut {
		// The one step people get wrong is the separator in LibreOffice or
		// in Excel without Indonesian settings; say it where the file lands.
		caption += " CSV UTF-8 dengan pemisah titik koma (;): di Excel berpengaturan Indonesia cukup klik dua kali; di LibreOffice centang \"Titik koma\" saat membuka."
	}
	return h.sendDocument(ctx, r, name, buf.Bytes(), caption)
}

func exportRows(rs []tkpkbot.Report, weeks []tkpkbot.Week) ([]export.Row, export.Matrix) {
	m := export.Matrix{Weeks: weeks, Cells: map[string]map[tkpkbot.Week]string{}}
	for _, reg := range tkpkbot.Districts() {
		m.Regions = append(m.Regions, reg.Name)
		m.Cells[reg.Name] = map[tkpkbot.Week]string{}
		for _, w := range weeks {
			m.Cells[reg.Name][w] = string(tkpkbot.StatusMissing)
		}
	}
	rows := make([]export.Row, 0, len(rs))
	for _, rep := range rs {
		reg, _ := tkpkbot.RegionByCode(rep.RegionCode)
		rows = append(rows, export.Row{RegionCode: rep.RegionCode, RegionName: reg.Name, Report: rep, Revised: rep.Version > 1})
		if cells, ok := m.Cells[reg.Name]; ok {
			cells[rep.Week] = string(rep.Status())
		}
	}
	return rows, m
}

func (h *Handlers) sendDocument(ctx context.Context, r *Request, name string, data []byte, caption string) error {
	return h.Telegram.SendDocument(ctx, r.ChatID, tkpkbot.Upload{Name: name, Data: data}, caption)
}
