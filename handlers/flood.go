package handlers

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"tkpkbot"
)

// floodMaxWait bounds how long flood control holds an update back. Past
// it a person would rather resend than wait, and the poller cannot confirm
// anything behind a held update, so holding longer would stall everyone.
const floodMaxWait = 30 * time.Second

// floodGuard limits each user to a burst of messages refilled at a steady
// rate, as a token bucket kept in its GCRA form: tat is when the user's
// bucket would be full again. Messages are counted by their own date, so
// a backlog typed at a human pace while the bot was down is not a flood.
// An update over the limit is delayed until the bucket has a token for
// it; only one that would wait longer than maxWait is dropped, and then
// the user gets one notice per flood.
type floodGuard struct {
	mu       sync.Mutex
	burst    int
	interval time.Duration // one token's refill time
	maxWait  time.Duration
	now      func() time.Time
	buckets  map[int64]*bucket
}

type bucket struct {
	tat      time.Time
	notified bool
}

// Flooding is about real seconds, so the guard reads the wall clock, not
// the injected business clock.
func newFloodGuard(burst int, perSec float64, now func() time.Time) *floodGuard {
	interval := 24 * time.Hour // no rate: in effect the burst is all there is
	if perSec > 0 {
		interval = time.Duration(float64(time.Second) / perSec)
	}
	return &floodGuard{burst: burst, interval: interval, maxWait: floodMaxWait, now: now, buckets: map[int64]*bucket{}}
}

// take spends a token of user for an update sent at sent (the message's
// date). ok is false when the update would have to wait longer than
// maxWait; it then changes nothing, unless keep says the update must be
// handled anyway, and then it is scheduled like any other with its wait
// capped at maxWait. wait is how long to hold the update from now.
func (f *floodGuard) take(user int64, sent time.Time, keep bool) (wait time.Duration, ok bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.now()
	if sent.After(now) {
		// Telegram's clock is ahead of ours. Counted at its date, each held
		// message would wait the lead again on top of its turn.
		sent = now
	}
	b := f.buckets[user]
	if b == nil {
		b = &bucket{tat: sent}
		f.buckets[user] = b
		if len(f.buckets) > 10000 {
			f.prune(now)
		}
	}
	tat := b.tat
	if tat.Before(sent) {
		tat = sent
	}
	// The message conforms when the bucket, refilled up to its date, still
	// holds a token: tat is at most burst-1 intervals ahead of the date.
	tolerance := time.Duration(f.burst-1) * f.interval
	behind := tat.Sub(sent) - tolerance // how long after its date the message is due
	if behind > f.maxWait && !keep {
		return 0, false
	}
	b.tat = tat.Add(f.interval)
	if behind <= 0 {
		b.notified = false // within the burst again: a later flood is a new one
		return 0, true
	}
	behind = min(behind, f.maxWait)
	// The message is due at its date plus behind. Telegram's clock and ours
	// may differ and dates have whole seconds, so the wait never exceeds
	// behind; when the message arrived late (a backlog), it has already
	// waited and is due now.
	wait = min(sent.Add(behind).Sub(now), behind)
	return max(wait, 0), true
}

// flooded records that one of user's updates was dropped; true for the
// first drop of a flood, which is the one the user is told about.
func (f *floodGuard) flooded(user int64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.buckets[user]
	if b == nil || b.notified {
		return false
	}
	b.notified = true
	return true
}

// prune forgets users whose bucket is full again, bounding memory.
func (f *floodGuard) prune(now time.Time) {
	for id, b := range f.buckets {
		if !b.tat.After(now) {
			delete(f.buckets, id)
		}
	}
}

// floodSubject is who an update counts against and when it was sent. A
// callback query carries no date of its own (its message's date is when
// the bot sent the buttons), so a press counts at arrival.
func (f *floodGuard) subject(upd *tkpkbot.Update, botUsername string) (user, chat int64, sent time.Time, counted bool) {
	switch {
	case upd.From.ID == 0:
		return 0, 0, time.Time{}, false
	case upd.Kind == tkpkbot.UpdateMessage || upd.Kind == tkpkbot.UpdateDocument:
		if cmd, _ := parseCommand(upd.Text, botUsername); cmd == ignoreCommand {
			return 0, 0, time.Time{}, false // costs nothing and holding it would hold up the group
		}
		sent = upd.Date
		if sent.IsZero() {
			sent = f.now()
		}
		return upd.From.ID, upd.ChatID, sent, true
	case upd.IsCallback():
		return upd.From.ID, upd.OrderKey(), f.now(), true
	}
	return 0, 0, time.Time{}, false
}

// admit decides whether upd is handled, holding it back first when its
// user is over the limit. The error is non-nil only when shutdown or ctx
// cut the wait short: the update is then neither handled nor dropped, and
// must not be confirmed.
func (f *floodGuard) admit(ctx context.Context, h *Handlers, upd *tkpkbot.Update) (bool, error) {
	user, chat, sent, counted := f.subject(upd, h.BotUsername)
	if !counted {
		return true, nil
	}
	wait, ok := f.take(user, sent, false)
	if !ok && h.formBound(ctx, upd) {
		wait, ok = f.take(user, sent, true)
	}
	if !ok {
		h.Log.Warn("flood: update not handled", "update_id", upd.ID, "user", user)
		if f.flooded(user) && chat != 0 {
			if err := h.Send(ctx, chat, msgFlood); err != nil {
				h.Log.Warn("flood notice failed", "chat", chat, "err", err)
			}
		}
		return false, nil
	}
	if wait > 0 {
		h.Log.Info("flood: update delayed", "update_id", upd.ID, "user", user, "wait", wait.Round(time.Millisecond).String())
		if err := tkpkbot.Pause(ctx, wait); err != nil {
			return false, fmt.Errorf("flood wait for update %d: %w", upd.ID, err)
		}
	}
	return true, nil
}

// formBound reports whether upd belongs to an open /lapor form: a plain
// message in private chat while the user has a form (formAnswer takes it
// as the next step's answer, so losing it would shift every later answer
// to the wrong step), or a press of a form button. When the database
// cannot tell, the update is kept: handling it answers the user anyway.
func (h *Handlers) formBound(ctx context.Context, upd *tkpkbot.Update) bool {
	if upd.IsCallback() {
		return strings.HasPrefix(upd.CallbackData, "lapor:")
	}
	if upd.Kind == tkpkbot.UpdateOther || upd.From.ID == 0 || !upd.Private || h.Reports == nil {
		return false
	}
	if cmd, _ := parseCommand(upd.Text, h.BotUsername); cmd != "" {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_, err := h.Reports.Form(ctx, upd.From.ID)
	if err != nil && tkpkbot.ErrorCode(err) == tkpkbot.ENOTFOUND {
		return false
	}
	if err != nil {
		h.Log.Warn("flood: could not look up the user's form; keeping the update", "update_id", upd.ID, "err", err)
	}
	return true
}
