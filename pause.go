package tkpkbot

import (
	"context"
	"time"
)

// PauseFunc holds the current update back for d. The transport's
// dispatcher supplies one that frees the update's worker meanwhile, so a
// flooding user does not take a worker from other people; flood control,
// in the handlers, only asks for the pause.
type PauseFunc func(ctx context.Context, d time.Duration) error

type pauseKey struct{}

// WithPause makes Pause use p for updates handled under ctx.
func WithPause(ctx context.Context, p PauseFunc) context.Context {
	return context.WithValue(ctx, pauseKey{}, p)
}

// Pause waits d with ctx's PauseFunc, or in place (the webhook, where
// Telegram waits for the answer anyway).
func Pause(ctx context.Context, d time.Duration) error {
	if p, ok := ctx.Value(pauseKey{}).(PauseFunc); ok {
		return p(ctx, d)
	}
	return Sleep(ctx, d)
}

// Sleep waits d or until ctx ends: the one interruptible wait that the
// flood guard, the send limiter and the reminder pacer share.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
