package handlers

import (
	"context"
	"fmt"

	"tkpkbot"
)

// recapFollowUps is each region's open kendala and tindak lanjut as a
// suffix of its /rekap line (" · 🧩 1 · 📌 2 (⚠️ 1)"); regions with none
// get nothing.
func (h *Handlers) recapFollowUps(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	if h.FollowUps == nil {
		return out, nil
	}
	counts, err := h.FollowUps.FollowUpCounts(ctx, h.Clock.Now())
	if err != nil {
		return nil, err
	}
	for _, c := range counts {
		out[c.RegionCode] = followUpSuffix(c)
	}
	return out, nil
}

// followUpSuffix is " · 🧩 1 · 📌 2 (⚠️ 1)", "" with nothing open; the
// /triwulan chat summary uses it too.
func followUpSuffix(c tkpkbot.RegionFollowUp) string {
	var s string
	if c.OpenKendala > 0 {
		s += fmt.Sprintf(" · 🧩 %d", c.OpenKendala)
	}
	if c.OpenActions > 0 {
		s += fmt.Sprintf(" · 📌 %d", c.OpenActions)
		if c.Overdue > 0 {
			s += fmt.Sprintf(" (⚠️ %d)", c.Overdue)
		}
	}
	return s
}
