package handlers

import (
	"context"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// Dedup remembers handled update IDs across restarts and replicas.
type Dedup interface {
	SeenUpdate(ctx context.Context, updateID int64) (bool, error)
	MarkUpdate(ctx context.Context, updateID int64) (bool, error)
}

// Process handles one update synchronously unless it was handled before:
// Telegram redelivers updates whose confirmation it did not receive.
func (h *Handlers) Process(ctx context.Context, b *bot.Bot, upd *models.Update) {
	if h.Dedup != nil {
		seen, err := h.Dedup.SeenUpdate(ctx, upd.ID)
		if err != nil {
			h.Log.Warn("dedup check failed; handling anyway", "update_id", upd.ID, "err", err)
		} else if seen {
			h.Log.Info("duplicate update dropped", "update_id", upd.ID)
			return
		}
	}
	b.ProcessUpdate(ctx, upd)
	if h.Dedup != nil {
		if _, err := h.Dedup.MarkUpdate(ctx, upd.ID); err != nil {
			h.Log.Warn("could not record handled update", "update_id", upd.ID, "err", err)
		}
	}
}
