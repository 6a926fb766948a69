package handlers

import (
	"context"
	"fmt"
	"strings"

	"tkpkbot"
	"tkpkbot/indo"
)

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
	fu, err := h.recapFollowUps(ctx)
	if err != nil {
		return "", nil, err
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
		fmt.Fprintf(&b, "%s — %s%s\n", escape(reg.Name), line, fu[reg.Code])
	}
	n := int64(len(districts))
	fmt.Fprintf(&b, "\nPartisipasi: <b>%s dari %s wilayah (%s)</b>\nTotal KK dijangkau: <b>%s KK</b>\nTotal realisasi anggaran: <b>%s</b>",
		indo.Int(sent), indo.Int(n), indo.Percent(float64(sent)*100/float64(n), 0), indo.Int(households), indo.Rupiah(budget))
	if len(fu) > 0 {
		b.WriteString("\n(🧩 kendala terbuka, 📌 tindak lanjut terbuka, ⚠️ lewat tenggat: /tindaklanjut)")
	}
	rows := [][]tkpkbot.Button{{{Text: "◀ " + w.Prev().String(), Data: "rekap:" + w.Prev().String()}}}
	if cur := tkpkbot.WeekOf(h.Clock.Now(), h.Location); w != cur {
		rows[0] = append(rows[0], tkpkbot.Button{Text: w.Next().String() + " ▶", Data: "rekap:" + w.Next().String()})
	}
	return b.String(), rows, nil
}

// recapButton steps /rekap to another week.
func (h *Handlers) recapButton(ctx context.Context, r *Request, data string) error {
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
}
