package reminders

import (
	"context"
	"time"
)

// Pacer spaces sends out to Telegram's limits; telegram.Limiter is the
// production one.
type Pacer interface {
	// Wait blocks until a message to chat may be sent, reserving the slot.
	Wait(ctx context.Context, chat int64) error
	// Block holds every send until d from now, after a 429.
	Block(d time.Duration)
}

// unpaced sends at once; tests that are not about pacing use it.
type unpaced struct{}

func (unpaced) Wait(ctx context.Context, _ int64) error { return ctx.Err() }
func (unpaced) Block(time.Duration)                     {}
