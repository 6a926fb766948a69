package bench

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"time"

	"tkpkbot/indo"
	"tkpkbot/internal/telegramtest"
)

// replyMethods are the calls that answer a user in a chat.
var replyMethods = map[string]bool{"sendMessage": true, "editMessageText": true, "sendDocument": true, "sendPhoto": true}

func replyChat(c telegramtest.Call) (int64, bool) {
	if !replyMethods[c.Method] || c.Err != nil {
		return 0, false
	}
	id, err := strconv.ParseInt(c.Params["chat_id"], 10, 64)
	return id, err == nil
}

// throughput pushes n updates as fast as possible and returns updates per
// second until the last reply arrived.
func throughput(ctx context.Context, fake *telegramtest.Server, c Config, text func(i int) string) (float64, error) {
	calls, unsub := fake.Subscribe()
	defer unsub()
	start := time.Now()
	for i := 0; i < c.Updates; i++ {
		fake.SendText(userBase+int64(i%c.Users), "Pengguna", text(i))
	}
	got := 0
	timeout := time.After(120 * time.Second)
	for got < c.Updates {
		select {
		case call := <-calls:
			if chat, ok := replyChat(call); ok && chat >= userBase && chat < userBase+int64(c.Users) {
				got++
			}
		case <-timeout:
			return 0, fmt.Errorf("%w (%d of %d)", errBenchTimeout, got, c.Updates)
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	return float64(c.Updates) / time.Since(start).Seconds(), nil
}

type pendingUpdate struct {
	at     time.Time
	expect int
	kind   string
}

type latencyStats struct {
	byKind map[string][]time.Duration
	all    []time.Duration
}

func (s *latencyStats) add(kind string, d time.Duration) {
	if s.byKind == nil {
		s.byKind = map[string][]time.Duration{}
	}
	s.byKind[kind] = append(s.byKind[kind], d)
	s.all = append(s.all, d)
}

func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

// mixRun sends the default mix at c.Rate for c.Duration and measures, per
// update, the time from enqueueing it to the arrival of its reply.
func mixRun(ctx context.Context, fake *telegramtest.Server, c Config) (latencyStats, float64, error) {
	var (
		mu      sync.Mutex
		pending = map[int64][]pendingUpdate{}
		stats   latencyStats
		open    int
	)
	calls, unsub := fake.Subscribe()
	defer unsub()
	go func() {
		for call := range calls {
			chat, ok := replyChat(call)
			if !ok {
				continue
			}
			mu.Lock()
			if q := pending[chat]; len(q) > 0 {
				q[0].expect--
				if q[0].expect == 0 {
					stats.add(q[0].kind, call.At.Sub(q[0].at))
					pending[chat] = q[1:]
					open--
				}
			}
			mu.Unlock()
		}
	}()
	push := func(chat int64, kind string, expect int, send func() int64) {
		mu.Lock()
		pending[chat] = append(pending[chat], pendingUpdate{at: time.Now(), expect: expect, kind: kind})
		open++
		mu.Unlock()
		send()
	}
	idle := func(chat int64) bool { mu.Lock(); defer mu.Unlock(); return len(pending[chat]) == 0 }

	coordState := make([]int, c.coords)
	answers := []string{"Pendataan keluarga sasaran", "1.250", "1,25 jt", "-", "Verifikasi lanjutan"}
	total := int(float64(c.Rate) * c.Duration.Seconds())
	tick := time.NewTicker(time.Second / time.Duration(c.Rate))
	defer tick.Stop()
	start := time.Now()
	nextCoord := 0
	for i := 0; i < total; i++ {
		select {
		case <-tick.C:
		case <-ctx.Done():
			return stats, 0, ctx.Err()
		}
		switch k := i % 10; {
		case k == 9 && laporTurn(c, idle, &nextCoord):
			n := nextCoord
			chat := coordBase + int64(n)
			switch st := coordState[n]; {
			case st == 0:
				push(chat, "lapor", 2, func() int64 { return fake.SendText(chat, "Koordinator", "/lapor") })
			case st <= len(answers):
				push(chat, "lapor", 1, func() int64 { return fake.SendText(chat, "Koordinator", answers[st-1]) })
			default:
				msgs := fake.Messages(chat)
				last := msgs[len(msgs)-1]
				data := last.ReplyMarkup.InlineKeyboard[0][0].CallbackData
				push(chat, "lapor", 1, func() int64 { return fake.PressButtonByID(chat, last.ID, data) })
			}
			coordState[n] = (coordState[n] + 1) % (len(answers) + 2)
		case k >= 7:
			chat := int64(1 + rand.IntN(c.admins))
			push(chat, "rekap", 1, func() int64 { return fake.SendText(chat, "Admin", "/rekap") })
		default:
			chat := mixUserBase + int64(rand.IntN(c.Users))
			push(chat, "angka", 1, func() int64 { return fake.SendText(chat, "Pengguna", "/angka "+benchRegion(i)) })
		}
	}
	sent := time.Since(start)
	deadline := time.Now().Add(60 * time.Second)
	for {
		mu.Lock()
		left := open
		mu.Unlock()
		if left == 0 {
			break
		}
		if time.Now().After(deadline) {
			return stats, 0, fmt.Errorf("%w (%d updates unanswered)", errBenchTimeout, left)
		}
		time.Sleep(10 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	return stats, float64(total) / sent.Seconds(), nil
}

// laporTurn picks the next coordinator whose previous step was answered.
func laporTurn(c Config, idle func(int64) bool, next *int) bool {
	for j := 0; j < c.coords; j++ {
		n := (*next + 1 + j) % c.coords
		if idle(coordBase + int64(n)) {
			*next = n
			return true
		}
	}
	return false
}

// Print writes the report as a table for people.
func (r *Report) Print(w io.Writer, c Config) {
	defer r.printLight(w, c)
	if c.LightOnly {
		return
	}
	mb := func(b int64) string { return indo.Decimal(float64(b)/(1<<20), 1) + " MB" }
	ms := func(d time.Duration) string { return indo.Decimal(float64(d.Microseconds())/1000, 2) + " ms" }
	fmt.Fprintf(w, "\ntkpkbot bench (%d updates per throughput run, %d users)\n", c.Updates, c.Users)
	fmt.Fprintf(w, "start-up (migrations applied):   %s\n", ms(r.startup))
	fmt.Fprintf(w, "memory idle / peak under load:   %s / %s\n", mb(r.idleRSS), mb(r.peakRSS))
	if r.echoRate > 0 {
		fmt.Fprintf(w, "echo bot throughput:             %s updates/s\n", indo.Decimal(r.echoRate, 0))
	}
	fmt.Fprintf(w, "/angka throughput:               %s updates/s", indo.Decimal(r.angkaRate, 0))
	if r.echoRate > 0 {
		fmt.Fprintf(w, "  = %s of the echo bot", indo.Decimal(r.angkaRate/r.echoRate, 2))
	}
	if r.cardEchoRate > 0 {
		fmt.Fprintf(w, "\necho bot sending our card:       %s updates/s  (tkpkbot = %s of it)", indo.Decimal(r.cardEchoRate, 0), indo.Decimal(r.angkaRate/r.cardEchoRate, 2))
	}
	if r.tunedEchoRate > 0 {
		fmt.Fprintf(w, "\n  … over tkpkbot's HTTP transport: %s updates/s  (tkpkbot = %s of it)", indo.Decimal(r.tunedEchoRate, 0), indo.Decimal(r.angkaRate/r.tunedEchoRate, 2))
	}
	us := func(d time.Duration) string { return indo.Decimal(float64(d.Nanoseconds())/1000, 0) + " µs" }
	fmt.Fprintf(w, "\nCPU per update, bot process / fake Bot API and load: echo %s / %s, tkpkbot %s / %s",
		us(r.echoCPU), us(r.benchCPU[0]), us(r.angkaCPU), us(r.benchCPU[1]))
	fmt.Fprintf(w, "\ndefault mix at %s updates/s (sent %s/s, %d updates):\n", indo.Int(int64(c.Rate)), indo.Decimal(r.mixRate, 0), len(r.mix.all))
	fmt.Fprintf(w, "  %-8s %8s %10s %10s %10s\n", "kind", "n", "p50", "p95", "p99")
	for _, k := range []string{"angka", "rekap", "lapor"} {
		ds := r.mix.byKind[k]
		fmt.Fprintf(w, "  %-8s %8d %10s %10s %10s\n", k, len(ds), ms(percentile(ds, .5)), ms(percentile(ds, .95)), ms(percentile(ds, .99)))
	}
	fmt.Fprintf(w, "  %-8s %8d %10s %10s %10s\n", "all", len(r.mix.all), ms(percentile(r.mix.all, .5)), ms(percentile(r.mix.all, .95)), ms(percentile(r.mix.all, .99)))
}

func (r *Report) printLight(w io.Writer, c Config) {
	if len(r.light) == 0 {
		return
	}
	fmt.Fprintf(w, "\nlight fake (bare HTTP handler), %d /angka updates from %d known users:\n", c.LightUpdates, c.LightUsers)
	ratios := make([]float64, 0, len(r.light))
	for i, l := range r.light {
		ratios = append(ratios, l.angka/l.echo)
		fmt.Fprintf(w, "  round %d: bare echo %s/s, tkpkbot %s/s = %s\n", i+1, indo.Decimal(l.echo, 0), indo.Decimal(l.angka, 0), indo.Decimal(l.angka/l.echo, 2))
	}
	slices.Sort(ratios)
	fmt.Fprintf(w, "  median tkpkbot ÷ bare echo: %s\n", indo.Decimal(ratios[len(ratios)/2], 2))
}
