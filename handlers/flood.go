package handlers

import (
	"context"
	"sync"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// floodGuard limits each user to a burst of messages refilled at a steady
// rate. Messages over the limit are not handled; the user gets one notice
// per flood, and other users are never delayed by it.
type floodGuard struct {
	mu      sync.Mutex
	burst   float64
	perSec  float64
	now     func() time.Time
	buckets map[int64]*bucket
}

type bucket struct {
	tokens   float64
	last     time.Time
	notified bool
}

// Flooding is about real seconds, so the guard reads the wall clock, not
// the injected business clock.
func newFloodGuard(burst int, perSec float64, now func() time.Time) *floodGuard {
	return &floodGuard{burst: float64(burst), perSec: perSec, now: now, buckets: map[int64]*bucket{}}
}

func (f *floodGuard) take(user int64) (ok, notify bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.now()
	b := f.buckets[user]
	if b == nil {
		b = &bucket{tokens: f.burst, last: now}
		f.buckets[user] = b
		if len(f.buckets) > 10000 {
			f.prune(now)
		}
	}
	b.tokens = min(f.burst, b.tokens+now.Sub(b.last).Seconds()*f.perSec)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		b.notified = false
		return true, false
	}
	notify = !b.notified
	b.notified = true
	return false, notify
}

// prune forgets users whose bucket is full again, bounding memory.
func (f *floodGuard) prune(now time.Time) {
	for id, b := range f.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*f.perSec >= f.burst {
			delete(f.buckets, id)
		}
	}
}

func (f *floodGuard) allow(ctx context.Context, h *Handlers, b *bot.Bot, upd *models.Update) bool {
	var user, chat int64
	switch {
	case upd.Message != nil && upd.Message.From != nil:
		user, chat = upd.Message.From.ID, upd.Message.Chat.ID
	case upd.CallbackQuery != nil:
		user = upd.CallbackQuery.From.ID
		if m := upd.CallbackQuery.Message.Message; m != nil {
			chat = m.Chat.ID
		}
	default:
		return true
	}
	ok, notify := f.take(user)
	if !ok {
		h.Log.Warn("flood: update not handled", "update_id", upd.ID, "user", user)
		if notify && chat != 0 {
			if err := h.Send(ctx, b, chat, msgFlood); err != nil {
				h.Log.Warn("flood notice failed", "chat", chat, "err", err)
			}
		}
	}
	return ok
}
