// Package clocktest is a settable clock for tests of time-dependent logic.
package clocktest

import (
	"context"
	"sync"
	"time"
)

// Clock is a tkpkbot.Clock that only moves when told to.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// New returns a clock stopped at t.
func New(t time.Time) *Clock { return &Clock{t: t} }

func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// Sleep advances the clock by d instead of waiting, so code that paces
// itself (reminders' Limiter) runs a minute of sending in no time.
func (c *Clock) Sleep(_ context.Context, d time.Duration) error {
	if d > 0 {
		c.Advance(d)
	}
	return nil
}
