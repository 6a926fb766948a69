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

// maxExportWeeks bounds an export so one request cannot build a huge file.
const maxExportWeeks = 260

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
		tables, terr := h.followUpTables(ctx, from, to)
		if terr != nil {
			return terr
		}
		err, name = export.XLSX(&buf, rows, matrix, h.Location, tables...), name+".xlsx"
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
