package handlers

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"tkpkbot"
	"tkpkbot/chart"
	"tkpkbot/indo"
)

func (h *Handlers) riwayat(ctx context.Context, r *Request) error {
	now := h.Clock.Now()
	cur := tkpkbot.WeekOf(now, h.Location)
	text, year, problem := splitRegionYear(r.Args, cur.Year)
	if problem == "" && text != "" {
		problem = "Tulis tahunnya saja, misalnya /riwayat " + strconv.Itoa(cur.Year) + "; peta ini memuat semua kabupaten/kota."
	}
	if problem != "" {
		h.reply(ctx, r, escape(problem))
		return nil
	}
	from, to := tkpkbot.YearWeeks(year)
	if cur.Before(to) {
		to = cur
	}
	v, err := h.progressOf(ctx, from, to, year)
	if err != nil {
		return err
	}
	att, err := h.Progress.MeetingAttendance(ctx, from.Start(h.Location), to.Next().Start(h.Location))
	if err != nil {
		return err
	}
	attended := map[string]tkpkbot.RegionAttendance{}
	meetings := 0
	for _, a := range att {
		attended[a.RegionCode], meetings = a, a.Meetings
	}
	png, summary, err := riwayatChart(v, year, attended, meetings)
	if err != nil {
		return err
	}
	return h.Telegram.SendPhoto(ctx, r.ChatID, tkpkbot.Upload{Name: fmt.Sprintf("riwayat-%d.png", year), Data: png}, summary, nil)
}

// riwayatChart draws the year's heat map and words its caption.
func riwayatChart(v progressView, year int, attended map[string]tkpkbot.RegionAttendance, meetings int) ([]byte, string, error) {
	labels := make([]string, len(v.Weeks))
	for i, w := range v.Weeks {
		labels[i] = strconv.Itoa(w.Week.Week)
	}
	besideTitle := ""
	if meetings > 0 {
		besideTitle = "Hadir rapat"
	}
	rows := make([]chart.HeatRow, 0, len(v.Regions))
	for _, p := range v.Regions {
		row := chart.HeatRow{Label: p.Region.Name, Right: "—"}
		for _, c := range p.Cells {
			row.Cells = append(row.Cells, string(c))
		}
		if rate, ok := p.Part.OnTimeRate(); ok {
			row.Right = indo.Percent(rate*100, 0)
		}
		if meetings > 0 {
			row.Beside = fmt.Sprintf("%d/%d", attended[p.Region.Code].Attended, meetings)
		}
		rows = append(rows, row)
	}
	png, err := chart.Heatmap(fmt.Sprintf("Laporan mingguan kabupaten/kota %d", year),
		"Tepat waktu: dari minggu yang lewat tenggat, tanpa libur. Hadir rapat: rapat yang dihadiri anggota wilayah itu.",
		labels, rows, "Tepat waktu", besideTitle)
	if err != nil {
		return nil, "", fmt.Errorf("render heat map %d: %w", year, err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Riwayat laporan %d (minggu %d–%d): ", year, v.From.Week, v.To.Week)
	b.WriteString(strings.TrimPrefix(participationLine(v.Province.Part), "🗓 Laporan: "))
	if meetings > 0 {
		fmt.Fprintf(&b, "; %d rapat dengan jawaban kehadiran", meetings)
	}
	return png, b.String() + ".", nil
}
