package handlers

import (
	"context"
	"fmt"
	"time"

	"tkpkbot"
	"tkpkbot/export"
)

// followUpTables are the workbook's "Kendala" and "Tindak lanjut" sheets:
// the items that belong to the exported weeks from..to (raised, due or
// closed in them, or still open then; the rule of /triwulan), with when
// and by whom each was closed and how.
func (h *Handlers) followUpTables(ctx context.Context, from, to tkpkbot.Week) ([]export.Table, error) {
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
	start, end := from.Start(h.Location), to.Next().Start(h.Location)
	kt := export.Table{Name: "Kendala",
		Headers: []string{"Wilayah", "Kode BPS", "Minggu", "Kendala", "Dibuka (WITA)", "Status", "Ditutup (WITA)", "Ditutup oleh", "Catatan", "Lewat laporan"},
		Widths:  []float64{18, 10, 10, 50, 17, 12, 17, 18, 40, 12}}
	for _, k := range ks {
		if !k.InPeriod(from, to, start, end) {
			continue
		}
		closed, who, via := time.Time{}, "", ""
		if !k.Open() {
			closed, who, via = *k.ClosedAt, closerName(k.ClosedName, k.ClosedBy), viaReport(k.ClosedReport)
		}
		kt.Rows = append(kt.Rows, []any{tkpkbot.RegionName(k.RegionCode), k.RegionCode, k.Week.String(), k.Text, k.OpenedAt, kendalaStatus(k), closed, who, k.Note, via})
	}
	at := export.Table{Name: "Tindak lanjut",
		Headers: []string{"Wilayah", "Kode BPS", "Rapat", "Tugas", "Tenggat", "Dibuat (WITA)", "Status", "Selesai (WITA)", "Oleh", "Catatan", "Lewat laporan"},
		Widths:  []float64{18, 10, 8, 50, 17, 17, 14, 17, 18, 40, 12}}
	for _, a := range as {
		if !a.InPeriod(start, end) {
			continue
		}
		closed, who, via := time.Time{}, "", ""
		if !a.Open() {
			closed, who, via = *a.ClosedAt, closerName(a.ClosedName, a.ClosedBy), viaReport(a.ClosedReport)
		}
		at.Rows = append(at.Rows, []any{tkpkbot.RegionName(a.RegionCode), a.RegionCode, fmt.Sprintf("#%d", a.MeetingID), a.Task, a.DueAt, a.CreatedAt, actionStatus(a, now), closed, who, a.Note, via})
	}
	return []export.Table{kt, at}, nil
}

// kendalaStatus and actionStatus are the status words of the sheets
// (/ekspor, /triwulan).
func kendalaStatus(k tkpkbot.Kendala) string {
	if k.Open() {
		return "terbuka"
	}
	return "teratasi"
}

func actionStatus(a tkpkbot.Action, now time.Time) string {
	switch {
	case !a.Open():
		return "selesai"
	case a.Overdue(now):
		return "lewat tenggat"
	}
	return "terbuka"
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
