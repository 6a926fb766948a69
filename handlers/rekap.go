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
		Usage: "/laporanku", Example: "/laporanku", Help: "laporan terakhir wilayah Anda: minggu, status, waktu kirim",
		Run: h.myReports,
	})
	h.OnCommand(&Command{
		Name: "rekap", Menu: "Rekap laporan mingguan",
		Usage: "/rekap [minggu]", Example: "/rekap minggu lalu", Help: "status laporan semua wilayah (minggu ini, minggu lalu, atau 2024-W50)",
		Run: h.recap,
	})
	h.OnCommand(&Command{
		Name: "ekspor", Menu: "Ekspor laporan ke Excel (admin)",
		Usage: "/ekspor [csv] [dari] [sampai]", Example: "/ekspor 2024-W40 2024-W50",
		Help: "unduh semua laporan sebagai .xlsx (atau csv); bawaan 12 minggu terakhir", Run: h.exportReports,
	})
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
	rs, err := h.Reports.RegionReports(ctx, r.User.RegionCode, 8)
	if err != nil {
		return err
	}
	reg, _ := tkpkbot.RegionByCode(r.User.RegionCode)
	if len(rs) == 0 {
		h.reply(ctx, r, "Belum ada laporan dari "+escape(reg.Official)+". Kirim yang pertama dengan /lapor.")
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<b>Laporan terakhir %s</b>\n\n", escape(reg.Official))
	for _, rep := range rs {
		fmt.Fprintf(&b, "• %s — %s, %s\n", indo.WeekLabel(rep.Week, h.Location), statusText(rep), indo.DateTime(rep.SubmittedAt.In(h.Location)))
	}
	cur := tkpkbot.WeekOf(h.Clock.Now(), h.Location)
	if deadline, _, off, err := h.weekInfo(ctx, cur); err != nil {
		return err
	} else if rs[0].Week != cur && !off {
		fmt.Fprintf(&b, "\nLaporan minggu ini belum dikirim; tenggat %s. Ketik /lapor.", indo.DateTime(deadline))
	}
	h.reply(ctx, r, b.String())
	return nil
}

func statusText(r tkpkbot.Report) string {
	s := string(r.Status())
	if r.Version > 1 && r.Late {
		s += ", terlambat"
	}
	return s
}

func (h *Handlers) recap(ctx context.Context, r *Request) error {
	w, err := indo.ParseWeek(r.Args, h.Clock.Now(), h.Location)
	if err != nil {
		h.reply(ctx, r, escape(err.Error())+"\nContoh: <code>/rekap</code>, <code>/rekap minggu lalu</code>, <code>/rekap 2024-W50</code>.")
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
	usage := "\nContoh: <code>/ekspor</code> (12 minggu terakhir), <code>/ekspor 2024-W40 2024-W50</code>, <code>/ekspor csv 2024-W40</code>."
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
