package handlers

import (
	"context"
	"fmt"
	"time"

	"tkpkbot"
	"tkpkbot/export"
)

// followUpTables are the workbook's "Kendala" and "Tindak lanjut" sheets:
// every item ever opened, with when and by whom it was closed and how.
func (h *Handlers) followUpTables(ctx context.Context) ([]export.Table, error) {
	if h.FollowUps == nil {
		return nil, nil
	}
	ks, err := h.FollowUps.KendalaHistory(ctx)
	if err != nil {
		return nil, err
	}
	as, err := h.FollowUps.Actions(ctx, "", true)
	if err != nil {
		return nil, err
	}
	now := h.Clock.Now()
	kt := export.Table{Name: "Kendala",
		Headers: []string{"Wilayah", "Kode BPS", "Minggu", "Kendala", "Dibuka (WITA)", "Status", "Ditutup (WITA)", "Ditutup oleh", "Catatan", "Lewat laporan"},
		Widths:  []float64{18, 10, 10, 50, 17, 12, 17, 18, 40, 12}}
	for _, k := range ks {
		status, closed, who, via := "terbuka", time.Time{}, "", ""
		if !k.Open() {
			status, closed, who, via = "teratasi", *k.ClosedAt, closerName(k.ClosedName, k.ClosedBy), viaReport(k.ClosedReport)
		}
		kt.Rows = append(kt.Rows, []any{regionName(k.RegionCode), k.RegionCode, k.Week.String(), k.Text, k.OpenedAt, status, closed, who, k.Note, via})
	}
	at := export.Table{Name: "Tindak lanjut",
		Headers: []string{"Wilayah", "Kode BPS", "Rapat", "Tugas", "Tenggat", "Dibuat (WITA)", "Status", "Selesai (WITA)", "Oleh", "Catatan", "Lewat laporan"},
		Widths:  []float64{18, 10, 8, 50, 17, 17, 14, 17, 18, 40, 12}}
	for _, a := range as {
		status, closed, who, via := "terbuka", time.Time{}, "", ""
		switch {
		case !a.Open():
			status, closed, who, via = "selesai", *a.ClosedAt, closerName(a.ClosedName, a.ClosedBy), viaReport(a.ClosedReport)
		case a.Overdue(now):
			status = "lewat tenggat"
		}
		at.Rows = append(at.Rows, []any{regionName(a.RegionCode), a.RegionCode, fmt.Sprintf("#%d", a.MeetingID), a.Task, a.DueAt, a.CreatedAt, status, closed, who, a.Note, via})
	}
	return []export.Table{kt, at}, nil
}

func regionName(code string) string {
	if reg, ok := tkpkbot.RegionByCode(code); ok {
		return reg.Name
	}
	return code
}

func closerName(name string, id int64) string {
	if name != "" {
		return name
	}
	return fmt.Sprintf("ID %d", id)
}

func viaReport(report int64) string {
	if report != 0 {
		return "Ya"
	}
	return "Tidak"
}
