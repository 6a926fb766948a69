package handlers

import (
	"context"
	"time"

	"tkpkbot"
)

// weekInfo is the week's deadline with admin days off applied and whether
// the week is off. Without a MeetingService only the fixed holidays count.
func (h *Handlers) weekInfo(ctx context.Context, w tkpkbot.Week) (deadline time.Time, off tkpkbot.Holiday, isOff bool, err error) {
	var cal tkpkbot.Calendar
	if h.Meetings != nil {
		if cal, err = h.Meetings.Calendar(ctx, w, w); err != nil {
			return time.Time{}, off, false, err
		}
	}
	off, isOff = cal.WeekOff(w, h.Location)
	return cal.Deadline(h.Deadline, w, h.Location), off, isOff, nil
}
