package handlers

import (
	"context"
	"fmt"

	"tkpkbot"
	"tkpkbot/indo"
)

// reportCard is one version of a region's weekly report in full, as
// /laporanku and /laporan show it: region, week, who sent it and when,
// its standing among the versions, then the five answers. of is how many
// versions the week has, so an older one is marked as not in force.
func (h *Handlers) reportCard(ctx context.Context, rep tkpkbot.Report, of int) (string, error) {
	reg, _ := tkpkbot.RegionByCode(rep.RegionCode)
	who, err := h.senderName(ctx, rep.SubmittedBy)
	if err != nil {
		return "", err
	}
	fu, err := h.reportFollowUpLines(ctx, rep.ID)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("📄 <b>Laporan %s</b>\n%s\nDikirim oleh <b>%s</b>, %s\nStatus: %s\n\n%s%s",
		escape(reg.Official), indo.WeekLabel(rep.Week, h.Location), escape(who),
		indo.DateTime(rep.SubmittedAt.In(h.Location)), versionStatus(rep, of), reportBody(rep), fu), nil
}

// versionStatus words a version's place: on time or late, and for a
// revised week which version this is and whether it is the one in force.
func versionStatus(rep tkpkbot.Report, of int) string {
	s := "✅ terkirim tepat waktu"
	if rep.Late {
		s = "🟧 terlambat (dikirim setelah tenggat)"
	}
	switch {
	case of <= 1:
		return s
	case rep.Version < of:
		return fmt.Sprintf("🗂 versi %d dari %d — versi lama; yang berlaku versi %d", rep.Version, of, of)
	case rep.Late:
		return fmt.Sprintf("🔁 revisi ke-%d (versi %d dari %d), terlambat", rep.Version-1, rep.Version, of)
	}
	return fmt.Sprintf("🔁 revisi ke-%d (versi %d dari %d); versi sebelumnya tetap tersimpan", rep.Version-1, rep.Version, of)
}

// senderName names who sent a report; someone the bot no longer knows
// is named by their Telegram ID so the report still says who it was.
func (h *Handlers) senderName(ctx context.Context, id int64) (string, error) {
	u, err := h.Users.FindUser(ctx, id)
	if tkpkbot.ErrorCode(err) == tkpkbot.ENOTFOUND {
		return fmt.Sprintf("pengguna ID %d", id), nil
	} else if err != nil {
		return "", fmt.Errorf("name the sender of a report: %w", err)
	}
	return displayName(u), nil
}

// weekNav is the row that steps a report view one week back or forward;
// data makes a button's callback data for a week. There is nothing to
// step to after the current week.
func (h *Handlers) weekNav(w tkpkbot.Week, data func(tkpkbot.Week) string) []tkpkbot.Button {
	row := []tkpkbot.Button{{Text: fmt.Sprintf("◀ Minggu %d", w.Prev().Week), Data: data(w.Prev())}}
	cur := tkpkbot.WeekOf(h.Clock.Now(), h.Location)
	if w.Start(h.Location).Before(cur.Start(h.Location)) {
		row = append(row, tkpkbot.Button{Text: fmt.Sprintf("Minggu %d ▶", w.Next().Week), Data: data(w.Next())})
		if w.Next() != cur {
			row = append(row, tkpkbot.Button{Text: "Minggu ini ⏩", Data: data(cur)})
		}
	}
	return row
}
