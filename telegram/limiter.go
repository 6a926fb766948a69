package telegram

import (
	"context"
	"sync"
	"time"
	"tkpkbot"
)

// Telegram's documented limits: about 30 messages a second per bot and one
// a second per chat. The defaults stay under them with a margin, because a
// 429 costs a retry_after pause for everyone.
const (
	DefaultRate    = 25.0
	DefaultPerChat = time.Second
)

// Limiter paces sends: a token bucket (in its GCRA form) for the whole bot
// and a minimum gap per chat. Time is injected because rate limiting is
// about real seconds between requests, which is not the business clock a
// test advances by days: production and benchmarks use the wall clock,
// unit tests a fake one.
type Limiter struct {
	rate    float64
	burst   int
	perChat time.Duration
	now     func() time.Time
	sleep   func(ctx context.Context, d time.Duration) error

	mu      sync.Mutex
	tat     time.Time // theoretical arrival time of the next send
	blocked time.Time // a 429 said: nothing before this
	chats   map[int64]time.Time
}

// NewLimiter allows rate messages a second overall (burst at once) and
// one per chat every perChat. rate <= 0 means no overall limit. now and
// sleep may be nil for the wall clock.
func NewLimiter(rate float64, burst int, perChat time.Duration, now func() time.Time, sleep func(context.Context, time.Duration) error) *Limiter {
	if burst < 1 {
		burst = 1
	}
	if now == nil {
		now = time.Now
	}
	if sleep == nil {
		sleep = tkpkbot.Sleep
	}
	return &Limiter{rate: rate, burst: burst, perChat: perChat, now: now, sleep: sleep, chats: map[int64]time.Time{}}
}

// Wait blocks until a message to chat may be sent, reserving that slot.
func (l *Limiter) Wait(ctx context.Context, chat int64) error {
	return l.sleep(ctx, l.reserve(chat))
}

// reserve books the earliest slot that respects every limit and returns
// how long to wait for it. Booking under the lock before sleeping makes
// concurrent workers queue up instead of all waking at once.
func (l *Limiter) reserve(chat int64) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	at := now
	if t := l.chats[chat]; t.After(at) {
		at = t
	}
	if l.blocked.After(at) {
		at = l.blocked
	}
	if l.rate > 0 {
		interval := time.Duration(float64(time.Second) / l.rate)
		tolerance := time.Duration(l.burst-1) * interval
		if earliest := l.tat.Add(-tolerance); earliest.After(at) {
			at = earliest
		}
		l.tat = later(l.tat, at).Add(interval)
	}
	if l.perChat > 0 {
		l.chats[chat] = at.Add(l.perChat)
		if len(l.chats) > 4096 {
			for c, t := range l.chats {
				if !t.After(now) {
					delete(l.chats, c)
				}
			}
		}
	}
	return at.Sub(now)
}

// Block holds every send until d from now: Telegram's retry_after applies
// to the bot, so pressing on with other chats would only earn more 429s.
func (l *Limiter) Block(d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.blocked = later(l.blocked, l.now().Add(d))
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
