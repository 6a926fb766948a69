package telegram

import (
	"context"
	"log/slog"
	"time"

	"tkpkbot"
	"tkpkbot/metrics"
)

// Dedup remembers handled update IDs across restarts and replicas, because
// Telegram redelivers an update whose confirmation it did not receive.
type Dedup interface {
	SeenUpdates(ctx context.Context, ids []int64) (map[int64]bool, error)
	MarkUpdates(ctx context.Context, ids []int64) error
	NewestUpdate(ctx context.Context) (int64, error)
}

// Seen drops redelivered updates. Its methods fit the Poller's Newest,
// Filter and Done; Once wraps a handler for the webhook.
type Seen struct {
	Dedup Dedup // nil: every update counts as new
	Log   *slog.Logger
}

// Newest is the highest update ID handled before (by any process);
// fetched updates above it cannot be duplicates.
func (s Seen) Newest(ctx context.Context) (int64, error) {
	if s.Dedup == nil {
		return 0, nil
	}
	return s.Dedup.NewestUpdate(ctx)
}

// Mark records handled updates; the poller calls it before the getUpdates
// call whose offset confirms them to Telegram.
func (s Seen) Mark(ctx context.Context, ids []int64) {
	if s.Dedup == nil || len(ids) == 0 {
		return
	}
	if err := s.Dedup.MarkUpdates(ctx, ids); err != nil {
		s.Log.Warn("could not record handled updates", "count", len(ids), "err", err)
	}
}

// Filter drops the updates of a batch that were handled before, with one
// query for the batch instead of one per update.
func (s Seen) Filter(ctx context.Context, updates []*tkpkbot.Update) []*tkpkbot.Update {
	if s.Dedup == nil || len(updates) == 0 {
		return updates
	}
	ids := make([]int64, len(updates))
	for i, u := range updates {
		ids[i] = u.ID
	}
	seen, err := s.Dedup.SeenUpdates(ctx, ids)
	if err != nil {
		s.Log.Warn("dedup check failed; handling the batch anyway", "err", err)
		return updates
	}
	fresh := updates[:0:0]
	for _, u := range updates {
		if seen[u.ID] {
			s.Log.Info("duplicate update dropped", "update_id", u.ID)
			metrics.ObserveUpdate(u.Kind, "", "duplicate", 0)
			continue
		}
		fresh = append(fresh, u)
	}
	return fresh
}

// dedupTimeout bounds each dedup query on the webhook's path, apart from
// the handling, so a flood wait in the handler cannot eat their time.
const dedupTimeout = 30 * time.Second

// Once is the webhook's path: handle unless handled before, and record
// the update when handled, as a batch of one through Filter and Mark. The
// error is non-nil when handling failed in a way a redelivery may fix.
func (s Seen) Once(handle func(ctx context.Context, upd *tkpkbot.Update) error) func(ctx context.Context, upd *tkpkbot.Update) error {
	return func(ctx context.Context, upd *tkpkbot.Update) error {
		fctx, cancel := context.WithTimeout(ctx, dedupTimeout)
		fresh := s.Filter(fctx, []*tkpkbot.Update{upd})
		cancel()
		if len(fresh) == 0 {
			return nil
		}
		err := handle(ctx, upd)
		if err == nil {
			mctx, cancel := context.WithTimeout(ctx, dedupTimeout)
			s.Mark(mctx, []int64{upd.ID})
			cancel()
		}
		return err
	}
}
