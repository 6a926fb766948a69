package tkpkbot

import "time"

// Clock is injected wherever time matters so schedules are testable
// without sleeping.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real wall clock.
type SystemClock struct{}

func (SystemClock) Now() time.Time { return time.Now() }
