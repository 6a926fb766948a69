package handlers

import (
	"context"
	"fmt"
	"sort"
	"time"

	"tkpkbot"
	"tkpkbot/indo"
)

// FollowUpAgenda is what a meeting's agenda lists on its own: every
// region's open kendala and every tindak lanjut overdue at now, one HTML
// line each (see followUpAgendaLines).
func (h *Handlers) FollowUpAgenda(ctx context.Context, now time.Time) ([]string, error) {
	if h.FollowUps == nil {
		return nil, nil
	}
	ks, err := h.FollowUps.OpenKendala(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("agenda: open kendala: %w", err)
	}
	as, err := h.FollowUps.OverdueActions(ctx, now)
	if err != nil {
		return nil, fmt.Errorf("agenda: overdue tasks: %w", err)
	}
	return followUpAgendaLines(ks, as, now), nil
}

// followUpAgendaLines words open kendala and overdue tasks as agenda
// lines, by region in the province's order, overdue tasks first within a
// region (they are what the meeting must chase), oldest first.
func followUpAgendaLines(ks []tkpkbot.Kendala, as []tkpkbot.Action, now time.Time) []string {
	type line struct {
		region int
		kind   int // 0 overdue task, 1 kendala
		at     time.Time
		text   string
	}
	var ls []line
	for _, a := range as {
		if !a.Overdue(now) {
			continue
		}
		days := int(now.Sub(a.DueAt)/(24*time.Hour)) + 1
		ls = append(ls, line{regionOrder(a.RegionCode), 0, a.DueAt, fmt.Sprintf("⚠️ Tindak lanjut <b>%s</b> lewat tenggat %s (%d hari): %s",
			escape(regionName(a.RegionCode)), indo.ShortDate(a.DueOn), days, escape(shortText(a.Task, 200)))})
	}
	for _, k := range ks {
		if !k.Open() {
			continue
		}
		ls = append(ls, line{regionOrder(k.RegionCode), 1, k.OpenedAt, fmt.Sprintf("🧩 Kendala <b>%s</b> (minggu %d): %s",
			escape(regionName(k.RegionCode)), k.Week.Week, escape(shortText(k.Text, 200)))})
	}
	sort.SliceStable(ls, func(i, j int) bool {
		a, b := ls[i], ls[j]
		if a.region != b.region {
			return a.region < b.region
		}
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		return a.at.Before(b.at)
	})
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.text
	}
	return out
}
