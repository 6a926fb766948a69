package reminders

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot"

	"tkpkbot"
	"tkpkbot/internal/clocktest"
)

func TestLimiterPacesOverallAndPerChat(t *testing.T) {
	ft := clocktest.New(time.Unix(1_700_000_000, 0))
	l := NewLimiter(25, 1, time.Second, ft.Now, nil)
	t0 := ft.Now()
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
	l2 := NewLimiter(25, 5, time.Second, ft.Now, nil)
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
	ft := clocktest.New(time.Unix(1_700_000_000, 0))
	l := NewLimiter(10, 5, 0, ft.Now, ft.Sleep)
	start := ft.Now()
	for i := 0; i < 25; i++ {
		if err := l.Wait(context.Background(), int64(i)); err != nil {
			t.Fatal(err)
		}
	}
	// 5 at once, then 20 more at 10/s.
	if got := ft.Now().Sub(start); got != 2*time.Second {
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

func TestParseOffsets(t *testing.T) {
	h := time.Hour
	cases := []struct {
		in   string
		want []time.Duration
	}{
		{"", DefaultMeetingOffsets},
		{"168h,24h,2h", []time.Duration{168 * h, 24 * h, 2 * h}},
		{" 2h , 7d,24h,2h ", []time.Duration{168 * h, 24 * h, 2 * h}},
		{"90m,1h30m", []time.Duration{90 * time.Minute}},
		{"3h,", []time.Duration{3 * h}},
		{"OFF", []time.Duration{}},
		{"none", []time.Duration{}},
	}
	for _, c := range cases {
		got, err := ParseOffsets(c.in, DefaultMeetingOffsets)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) || (got == nil) != (c.want == nil) {
			t.Errorf("%q = %v, want %v", c.in, got, c.want)
		}
	}
	for _, in := range []string{"24", "abc", "-2h", "0s", "30s", "1441h", "61d", ",", "1d,2d,3d,4d,5d,6d,7d,8d,9d,10d,11d", "2h;3h", strings.Repeat("1h,", 100)} {
		if got, err := ParseOffsets(in, nil); err == nil {
			t.Errorf("%q accepted as %v", in, got)
		}
	}
}

func FuzzParseOffsets(f *testing.F) {
	for _, s := range []string{"168h,24h,2h", "7d,1d", "off", "", "1h30m, 90m", "-1h", "1e9h", "9223372036854775807ns"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ParseOffsets(in, DefaultReportOffsets)
		if err != nil {
			return
		}
		if len(got) > maxOffsets {
			t.Fatalf("%q: %d offsets", in, len(got))
		}
		for i, d := range got {
			if d < minOffset || d > maxOffset {
				t.Fatalf("%q: offset %v out of range", in, d)
			}
			if i > 0 && got[i-1] <= d {
				t.Fatalf("%q: not strictly decreasing: %v", in, got)
			}
		}
	})
}

func TestClassify(t *testing.T) {
	cases := []struct {
		err  error
		want class
	}{
		{nil, classSent},
		{&bot.TooManyRequestsError{Message: "too many requests", RetryAfter: 3}, classRateLimited},
		{fmt.Errorf("%w, Forbidden: bot was blocked by the user", bot.ErrorForbidden), classUnreachable},
		{fmt.Errorf("%w, Bad Request: chat not found", bot.ErrorBadRequest), classUnreachable},
		{fmt.Errorf("%w, Bad Request: can't parse entities", bot.ErrorBadRequest), classPermanent},
		{fmt.Errorf("%w, Unauthorized", bot.ErrorUnauthorized), classTransient},
		{errors.New("error response from telegram for method sendMessage, 502 Bad Gateway"), classTransient},
		{fmt.Errorf("error do request for method sendMessage, %w", &net.OpError{Op: "dial", Err: errors.New("connection refused")}), classTransient},
		{fmt.Errorf("error do request for method sendMessage, %w", context.DeadlineExceeded), classUnknown},
		{fmt.Errorf("error read response body for method sendMessage, %w", errors.New("unexpected EOF")), classUnknown},
	}
	for _, c := range cases {
		if got, _ := classify(c.err); got != c.want {
			t.Errorf("classify(%v) = %d, want %d", c.err, got, c.want)
		}
	}
	if _, wait := classify(&bot.TooManyRequestsError{RetryAfter: 7}); wait != 7*time.Second {
		t.Errorf("retry_after wait = %v", wait)
	}
}

func TestUntil(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Second:                "sebentar lagi",
		45 * time.Minute:                "45 menit lagi",
		2 * time.Hour:                   "2 jam lagi",
		2*time.Hour - 10*time.Second:    "2 jam lagi",
		24 * time.Hour:                  "24 jam lagi",
		168 * time.Hour:                 "7 hari lagi",
		168*time.Hour - 5*time.Minute:   "7 hari lagi",
		3*24*time.Hour + 13*time.Hour:   "4 hari lagi",
		35*time.Hour + 59*time.Minute:   "36 jam lagi",
		36 * time.Hour:                  "2 hari lagi",
		time.Hour + 29*time.Minute:      "1 jam lagi",
		59*time.Minute + 45*time.Second: "60 menit lagi",
	} {
		if got := Until(d); got != want {
			t.Errorf("Until(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestRSVPData(t *testing.T) {
	for _, a := range []tkpkbot.RSVP{tkpkbot.RSVPHadir, tkpkbot.RSVPTidakHadir, tkpkbot.RSVPBelumPasti} {
		data := RSVPData(42, a)
		if len(data) > 64 {
			t.Fatalf("callback data %q longer than Telegram allows", data)
		}
		id, got, ok := ParseRSVPData(strings.TrimPrefix(data, RSVPPrefix+":"))
		if !ok || id != 42 || got != a {
			t.Fatalf("round trip %q = %d %q %v", data, id, got, ok)
		}
	}
	for _, bad := range []string{"", "42", "42:x", "x:h", "-1:h", "0:h"} {
		if _, _, ok := ParseRSVPData(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}
