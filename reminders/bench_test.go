package reminders_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/internal/telegramtest"
	"tkpkbot/reminders"
	"tkpkbot/store"
	"tkpkbot/telegram"
)

func seedMembers(b *testing.B, db *store.DB, n int) {
	b.Helper()
	if _, err := db.Pool.Exec(context.Background(), `INSERT INTO users (id, first_name, role)
		SELECT 100000 + i, 'Anggota ' || i, 'pengamat' FROM generate_series(1, $1) i`, n); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkBroadcast1000 announces a meeting to 1 000 people through the
// fake Bot API with the production limits (25 messages/s overall, 1/s per
// chat), with a 429 (retry_after 1 s) injected three times. It reports the
// rate achieved, the limit, the busiest second and the 429s seen. One
// iteration takes about 40 s: run it with -benchtime=1x.
func BenchmarkBroadcast1000(b *testing.B) {
	ctx := context.Background()
	fake := telegramtest.New()
	defer fake.Close()
	var calls, tooMany atomic.Int64
	fake.SetHandler("sendMessage", func(c telegramtest.Call) (any, *telegramtest.APIError) {
		if n := calls.Add(1); n%300 == 150 && n < 1000 {
			tooMany.Add(1)
			return nil, &telegramtest.APIError{Code: 429, RetryAfter: 1}
		}
		return nil, nil
	})
	clock, db := clockAndStore(b, at(2024, 12, 9, 8, 0), store.Options{})
	seedMembers(b, db, 1000)
	tg := &telegram.Client{APIURL: fake.URL(), Token: "123456:TEST-TOKEN"}
	sw := reminders.New(reminders.Options{
		Store: db, Holidays: db, Reports: db, Telegram: tg,
		Limiter: telegram.NewLimiter(telegram.DefaultRate, 1, telegram.DefaultPerChat, nil, nil),
		Clock:   clock, Location: wita, Log: slogDiscard(),
	})
	b.ResetTimer()
	var sent int
	var elapsed time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if _, err := db.CreateMeeting(ctx, tkpkbot.Meeting{Title: fmt.Sprintf("Rakor %d", i), StartsAt: at(2024, 12, 30, 9, 0)}); err != nil {
			b.Fatal(err)
		}
		fake.Reset()
		b.StartTimer()
		start := time.Now()
		st, err := sw.RunStats(ctx)
		if err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		if st.Sent != 1000 {
			b.Fatalf("sent %d of 1000 (%+v)", st.Sent, st)
		}
		sent += st.Sent
	}
	b.StopTimer()
	// The busiest one-second window of accepted sends.
	var times []time.Time
	for _, c := range fake.CallsTo("sendMessage") {
		if c.Err == nil {
			times = append(times, c.At)
		}
	}
	busiest := 0
	for i, j := 0, 0; j < len(times); j++ {
		for times[j].Sub(times[i]) >= time.Second {
			i++
		}
		busiest = max(busiest, j-i+1)
	}
	b.ReportMetric(float64(sent)/elapsed.Seconds(), "msgs/s")
	b.ReportMetric(telegram.DefaultRate, "limit_msgs/s")
	b.ReportMetric(float64(busiest), "max_msgs_in_1s")
	b.ReportMetric(float64(tooMany.Load())/float64(b.N), "429s/op")
}

// noTelegram accepts every message instantly, so the benchmark below
// measures the database side of a sweep alone.
type noTelegram struct{ n atomic.Int64 }

func (t *noTelegram) SendOnce(context.Context, int64, string, tkpkbot.Keyboard) (int, error) {
	return int(t.n.Add(1)), nil
}

// BenchmarkSweep10000 fans one reminder out to 10 000 people and claims,
// marks and records every delivery (three writes each) with no rate limit
// and an instant Telegram.
func BenchmarkSweep10000(b *testing.B) {
	ctx := context.Background()
	clock, db := clockAndStore(b, at(2024, 12, 9, 8, 0), store.Options{MaxConns: 16})
	seedMembers(b, db, 10000)
	tg := &noTelegram{}
	sw := reminders.New(reminders.Options{
		Store: db, Holidays: db, Reports: db, Telegram: tg, Clock: clock, Location: wita, Log: slogDiscard(),
		Workers: 12, Batch: 200,
	})
	b.ResetTimer()
	var rows int
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if _, err := db.CreateMeeting(ctx, tkpkbot.Meeting{Title: fmt.Sprintf("Rakor %d", i), StartsAt: at(2024, 12, 30, 9, 0)}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		st, err := sw.RunStats(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if st.Sent != 10000 {
			b.Fatalf("sent %d of 10000", st.Sent)
		}
		rows += st.Sent
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}
