package handlers

import (
	"context"
	"time"

	"tkpkbot"
	"tkpkbot/metrics"
)

// Prepare records the users of a fetched batch in one round trip before
// its updates are handled one by one.
func (h *Handlers) Prepare(ctx context.Context, updates []*tkpkbot.Update) {
	users := make([]tkpkbot.User, 0, len(updates))
	for _, u := range updates {
		if r := h.request(u); r.User.ID != 0 && r.Command != ignoreCommand {
			users = append(users, r.User)
		}
	}
	if len(users) == 0 {
		return
	}
	if err := h.Users.TouchAll(ctx, users); err != nil {
		// Each update's own Touch tries again and answers the user.
		h.Log.Warn("could not record the batch's users", "count", len(users), "err", err)
	}
}

// updateTimeout bounds one update's handling so a hung database or Bot
// API cannot stall a chat forever.
const updateTimeout = 30 * time.Second

// ProcessFresh handles an update the transport has checked is not a
// redelivery; the transport records it once handled. Flood control may
// hold the update back first; an error then means the wait was cut short
// and the update was not handled. Otherwise the error is non-nil when
// handling failed in a way a redelivery may fix.
func (h *Handlers) ProcessFresh(ctx context.Context, upd *tkpkbot.Update) error {
	metrics.UpdatesReceived.WithLabelValues(upd.Kind).Inc()
	if h.flood != nil {
		// Before updateTimeout starts, so a delayed update keeps its full
		// time to be handled.
		gctx, cancel := context.WithTimeout(ctx, h.flood.maxWait+updateTimeout)
		ok, err := h.flood.admit(gctx, h, upd)
		cancel()
		if err != nil {
			return err
		}
		if !ok {
			metrics.ObserveUpdate(upd.Kind, "", "flood", 0)
			return nil
		}
	}
	ctx, cancel := context.WithTimeout(ctx, updateTimeout)
	defer cancel()
	return h.handle(ctx, upd)
}
