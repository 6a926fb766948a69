package handlers

import (
	"context"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"tkpkbot/metrics"
)

// Dedup remembers handled update IDs across restarts and replicas.
type Dedup interface {
	SeenUpdate(ctx context.Context, updateID int64) (bool, error)
	MarkUpdate(ctx context.Context, updateID int64) (bool, error)
}

// updateTimeout bounds one update's handling so a hung database or Bot
// API cannot stall a chat forever.
const updateTimeout = 30 * time.Second

// Process handles one update synchronously unless it was handled before:
// Telegram redelivers updates whose confirmation it did not receive. The
// error is non-nil when handling failed in a way a redelivery may fix.
func (h *Handlers) Process(ctx context.Context, b *bot.Bot, upd *models.Update) error {
	ctx, cancel := context.WithTimeout(ctx, updateTimeout)
	defer cancel()
	kind := updateKind(upd)
	metrics.UpdatesReceived.WithLabelValues(kind).Inc()
	if h.Dedup != nil {
		seen, err := h.Dedup.SeenUpdate(ctx, upd.ID)
		if err != nil {
			h.Log.Warn("dedup check failed; handling anyway", "update_id", upd.ID, "err", err)
		} else if seen {
			h.Log.Info("duplicate update dropped", "update_id", upd.ID)
			metrics.ObserveUpdate(kind, "", "duplicate", 0)
			return nil
		}
	}
	if h.flood != nil && !h.flood.allow(ctx, h, b, upd) {
		metrics.ObserveUpdate(kind, "", "flood", 0)
		return nil
	}
	err := h.handle(ctx, b, upd)
	if h.Dedup != nil && err == nil {
		if _, merr := h.Dedup.MarkUpdate(ctx, upd.ID); merr != nil {
			h.Log.Warn("could not record handled update", "update_id", upd.ID, "err", merr)
		}
	}
	return err
}
