package handlers

import (
	"context"
	"fmt"
	"sort"
	"time"

	"tkpkbot"
	"tkpkbot/reminders"
)

// FollowUpAgenda is what a meeting's agenda lists on its own: every
// overdue tindak lanjut at now and every region's open kendala, one HTML
// line each (see followUpAgendaLines), unfiltered: not for a chat as is
// (tkpkbot.AgendaFor decides what a viewer reads). The store appends the
// same items to every upcoming meeting's agenda (AgendaService.Agenda).
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

// followUpAgendaLines words open kendala and overdue tasks as agenda lines
// (reminders.AgendaLine, the words /rapat and the reminder use): overdue
// tasks first (they are what the meeting must chase), then kendala, each
// by region in the province's order, oldest first.
func followUpAgendaLines(ks []tkpkbot.Kendala, as []tkpkbot.Action, now time.Time) []string {
	var tasks, kendala []tkpkbot.AgendaItem
	for i := range as {
		if as[i].Overdue(now) {
			tasks = append(tasks, tkpkbot.AgendaItem{Source: tkpkbot.AgendaOverdue, Text: as[i].Task, RegionCode: as[i].RegionCode, Action: &as[i]})
		}
	}
	for i := range ks {
		if ks[i].Open() {
			kendala = append(kendala, tkpkbot.AgendaItem{Source: tkpkbot.AgendaKendala, Text: ks[i].Text, RegionCode: ks[i].RegionCode, Kendala: &ks[i]})
		}
	}
	sort.SliceStable(tasks, func(i, j int) bool {
		a, b := tasks[i].Action, tasks[j].Action
		if ra, rb := regionOrder(a.RegionCode), regionOrder(b.RegionCode); ra != rb {
			return ra < rb
		}
		return a.DueAt.Before(b.DueAt)
	})
	sort.SliceStable(kendala, func(i, j int) bool {
		a, b := kendala[i].Kendala, kendala[j].Kendala
		if ra, rb := regionOrder(a.RegionCode), regionOrder(b.RegionCode); ra != rb {
			return ra < rb
		}
		return a.OpenedAt.Before(b.OpenedAt)
	})
	var out []string
	for _, it := range append(tasks, kendala...) {
		out = append(out, reminders.AgendaLine(it))
	}
	return out
}
