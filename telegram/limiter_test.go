package telegram

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// fakeTime is a clock and sleeper for the limiter: sleeping advances it.
type fakeTime struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeTime) now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.t }
func (f *fakeTime) sleep(_ context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if d > 0 {
		f.t = f.t.Add(d)
	}
	return nil
}

func TestLimiterPacesOverallAndPerChat(t *testing.T) {
	ft := &fakeTime{t: time.Unix(1_700_000_000, 0)}
	l := NewLimiter(25, 1, time.Second, ft.now, nil)
	t0 := ft.now()
	// 50 different chats: 40 ms apart, so 50 take 1.96 s.
	var last time.Duration
	for i := 0; i < 50; i++ {
		d := l.reserve(int64(i))
		if i > 0 && d-last != 40*time.Millisecond {
			t.Fatalf("send %d waits %v after previous %v", i, d, last)
		}
		last = d
	}
	if last != 49*40*time.Millisecond {
		t.Fatalf("50th send at %v", last)
	}
	// Same chat twice: a second apart even though the bucket allows more.
	l2 := NewLimiter(25, 5, time.Second, ft.now, nil)
	if a, b := l2.reserve(7), l2.reserve(7); b-a != time.Second {
		t.Fatalf("same chat spaced %v", b-a)
	}
	// A 429 holds everyone.
	l.Block(10 * time.Second)
	if d := l.reserve(999); d < 10*time.Second {
		t.Fatalf("after Block, wait %v", d)
	}
	_ = t0
}

func TestLimiterBurstThenRate(t *testing.T) {
	ft := &fakeTime{t: time.Unix(1_700_000_000, 0)}
	l := NewLimiter(10, 5, 0, ft.now, ft.sleep)
	start := ft.now()
	for i := 0; i < 25; i++ {
		if err := l.Wait(context.Background(), int64(i)); err != nil {
			t.Fatal(err)
		}
	}
	// 5 at once, then 20 more at 10/s.
	if got := ft.now().Sub(start); got != 2*time.Second {
		t.Fatalf("25 sends took %v, want 2s", got)
	}
}

func TestLimiterWaitHonoursContext(t *testing.T) {
	l := NewLimiter(1, 1, 0, nil, nil)
	l.Block(time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if err := l.Wait(ctx, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait = %v", err)
	}
}
