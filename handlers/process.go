package handlers

import (
	"context"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"tkpkbot"
	"tkpkbot/metrics"
)

// Dedup remembers handled update IDs across restarts and replicas.
type Dedup interface {
	SeenUpdates(ctx context.Context, ids []int64) (map[int64]bool, error)
	MarkUpdates(ctx context.Context, ids []int64) error
	NewestUpdate(ctx context.Context) (int64, error)
}

// NewestHandled is the highest update ID handled before (by any process);
// fetched updates above it cannot be duplicates.
func (h *Handlers) NewestHandled(ctx context.Context) (int64, error) {
	if h.Dedup == nil {
		return 0, nil
	}
	return h.Dedup.NewestUpdate(ctx)
}

// Prepare records the users of a fetched batch in one round trip before
// its updates are handled one by one.
func (h *Handlers) Prepare(ctx context.Context, updates []*models.Update) {
	users := make([]tkpkbot.User, 0, len(updates))
	for _, u := range updates {
		if r := h.request(nil, u); r.User.ID != 0 && r.Command != ignoreCommand {
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

// MarkHandled records handled updates; the poller calls it before the
// getUpdates call whose offset confirms them to Telegram.
func (h *Handlers) MarkHandled(ctx context.Context, ids []int64) {
	if h.Dedup == nil || len(ids) == 0 {
		return
	}
	if err := h.Dedup.MarkUpdates(ctx, ids); err != nil {
		h.Log.Warn("could not record handled updates", "count", len(ids), "err", err)
	}
}

// FilterSeen drops the updates of a getUpdates batch that were handled
// before, with one query for the batch instead of one per update.
func (h *Handlers) FilterSeen(ctx context.Context, updates []*models.Update) []*models.Update {
	if h.Dedup == nil || len(updates) == 0 {
		return updates
	}
	ids := make([]int64, len(updates))
	for i, u := range updates {
		ids[i] = u.ID
	}
	seen, err := h.Dedup.SeenUpdates(ctx, ids)
	if err != nil {
		h.Log.Warn("dedup check failed; handling the batch anyway", "err", err)
		return updates
	}
	fresh := updates[:0:0]
	for _, u := range updates {
		if seen[u.ID] {
			h.Log.Info("duplicate update dropped", "update_id", u.ID)
			metrics.ObserveUpdate(updateKind(u), "", "duplicate", 0)
			continue
		}
		fresh = append(fresh, u)
	}
	return fresh
}

// updateTimeout bounds one update's handling so a hung database or Bot
// API cannot stall a chat forever.
const updateTimeout = 30 * time.Second

// Process handles one update synchronously unless it was handled before:
// Telegram redelivers updates whose confirmation it did not receive. It is
// the webhook's path: a batch of one through FilterSeen and MarkHandled.
// The error is non-nil when handling failed in a way a redelivery may fix.
func (h *Handlers) Process(ctx context.Context, b *bot.Bot, upd *models.Update) error {
	// Each step gets its own timeout: a flood wait between them must not
	// eat the handler's time.
	fctx, cancel := context.WithTimeout(ctx, updateTimeout)
	fresh := h.FilterSeen(fctx, []*models.Update{upd})
	cancel()
	if len(fresh) == 0 {
		return nil
	}
	err := h.ProcessFresh(ctx, b, upd)
	if err == nil {
		mctx, cancel := context.WithTimeout(ctx, updateTimeout)
		h.MarkHandled(mctx, []int64{upd.ID})
		cancel()
	}
	return err
}

// ProcessFresh handles an update FilterSeen already checked; the caller
// records it with MarkHandled (the poller does so for all updates finished
// since its last fetch). Flood control may hold the update back first; an
// error then means the wait was cut short and the update was not handled.
func (h *Handlers) ProcessFresh(ctx context.Context, b *bot.Bot, upd *models.Update) error {
	kind := updateKind(upd)
	metrics.UpdatesReceived.WithLabelValues(kind).Inc()
	if h.flood != nil {
		// Before updateTimeout starts, so a delayed update keeps its full
		// time to be handled.
		gctx, cancel := context.WithTimeout(ctx, h.flood.maxWait+updateTimeout)
		ok, err := h.flood.admit(gctx, h, b, upd)
		cancel()
		if err != nil {
			return err
		}
		if !ok {
			metrics.ObserveUpdate(kind, "", "flood", 0)
			return nil
		}
	}
	ctx, cancel := context.WithTimeout(ctx, updateTimeout)
	defer cancel()
	return h.handle(ctx, b, upd)
}
