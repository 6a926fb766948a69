package handlers

import (
	"context"
	"fmt"

	"tkpkbot"
	"tkpkbot/indo"
	"tkpkbot/match"
)

// laporanExamples names a week that exists today: the one before now.
func (h *Handlers) laporanExamples() string {
	return fmt.Sprintf("Contoh: <code>/laporan Samarinda</code>, <code>/laporan Kukar minggu lalu</code>, <code>/laporan Berau %s</code>.",
		tkpkbot.WeekOf(h.Clock.Now(), h.Location).Prev().Prev())
}

func (h *Handlers) regionReport(ctx context.Context, r *Request) error {
	text, w, err := splitRegionWeek(r.Args, h.Clock.Now(), h.Location)
	if err != nil {
		h.reply(ctx, r, escape(tkpkbot.ErrorMessage(err))+"\n"+h.laporanExamples())
		return nil
	}
	if text == "" {
		var buttons []tkpkbot.Button
		for _, reg := range tkpkbot.Districts() {
			buttons = append(buttons, tkpkbot.Button{Text: reg.Name, Data: laporanData(reg.Code, w, 0)})
		}
		h.reply(ctx, r, "Laporan wilayah mana, untuk "+indo.WeekLabel(w, h.Location)+"? Pilih di bawah, atau tulis namanya.\n"+h.laporanExamples(), grid(2, buttons)...)
		return nil
	}
	m := match.Region(text)
	if m.Kind != match.Exact {
		var rows [][]tkpkbot.Button
		for _, c := range m.Candidates {
			if c.Code != tkpkbot.ProvinceCode {
				rows = append(rows, []tkpkbot.Button{{Text: c.Name, Data: laporanData(c.Code, w, 0)}})
			}
		}
		h.reply(ctx, r, "Wilayah <b>"+escape(text)+"</b> tidak dikenali. "+regionHint(m)+"\n"+h.laporanExamples(), rows...)
		return nil
	}
	if m.Region.Code == tkpkbot.ProvinceCode {
		h.reply(ctx, r, "Laporan mingguan dikirim per kabupaten/kota. Untuk seluruh provinsi, lihat <code>/rekap</code>; untuk satu wilayah, misalnya <code>/laporan Samarinda</code>.")
		return nil
	}
	view, rows, err := h.laporanView(ctx, m.Region, w, 0)
	if err != nil {
		return err
	}
	h.reply(ctx, r, view, rows...)
	return nil
}

func (h *Handlers) laporanButton(ctx context.Context, r *Request, data string) error {
	// The router checked the row; this is checked again because the view
	// shows any region's report and the data names the region.
	if r.User.Role != tkpkbot.RoleAdmin && r.User.Role != tkpkbot.RolePengamat {
		h.answer(ctx, r, "")
		h.reply(ctx, r, escape(h.commands["laporan"].refusal(r.User)))
		return nil
	}
	reg, w, version, ok := parseLaporanData(data)
	if !ok {
		h.answer(ctx, r, msgStaleButton)
		return nil
	}
	h.answer(ctx, r, "")
	view, rows, err := h.laporanView(ctx, reg, w, version)
	if err != nil {
		return err
	}
	h.edit(ctx, r, view, rows...)
	return nil
}

// laporanView is one region's report for week w: the chosen version (0:
// the one in force) in full, buttons to step weeks and, for a revised
// report, one per version.
func (h *Handlers) laporanView(ctx context.Context, reg tkpkbot.Region, w tkpkbot.Week, version int) (string, [][]tkpkbot.Button, error) {
	vs, err := h.Reports.ReportVersions(ctx, reg.Code, w)
	if err != nil {
		return "", nil, err
	}
	nav := h.weekNav(w, func(w tkpkbot.Week) string { return laporanData(reg.Code, w, 0) })
	if len(vs) == 0 {
		text := fmt.Sprintf("Belum ada laporan <b>%s</b> untuk %s.", escape(reg.Official), indo.WeekLabel(w, h.Location))
		if w == tkpkbot.WeekOf(h.Clock.Now(), h.Location) {
			deadline, _, off, err := h.weekInfo(ctx, w)
			if err != nil {
				return "", nil, err
			}
			if off {
				text += " Minggu ini libur, jadi tidak dihitung belum melapor."
			} else {
				text += " Tenggat: " + indo.DateTime(deadline) + "."
			}
		}
		return text, [][]tkpkbot.Button{nav}, nil
	}
	shown := vs[len(vs)-1]
	for _, v := range vs {
		if v.Version == version {
			shown = v
		}
	}
	text, err := h.reportCard(ctx, shown, len(vs))
	if err != nil {
		return "", nil, err
	}
	rows := [][]tkpkbot.Button{nav}
	if len(vs) > 1 {
		var buttons []tkpkbot.Button
		for _, v := range vs {
			label := fmt.Sprintf("Versi %d", v.Version)
			if v.Version == shown.Version {
				label = "• " + label
			}
			buttons = append(buttons, tkpkbot.Button{Text: label, Data: laporanData(reg.Code, w, v.Version)})
		}
		rows = append(rows, grid(4, buttons)...)
	}
	return text, rows, nil
}
