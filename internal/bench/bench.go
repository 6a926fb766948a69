// Package bench is `tkpkbot bench`: it runs the real binary against an
// in-process fake Bot API and a scratch database, and measures it against
// go-telegram/bot echo bots, the yardsticks, which it also holds (the
// hidden `tkpkbot echo`). Being the library's own bot by definition, the
// echo bot is the one place besides telegram/ that uses go-telegram to
// talk to the Bot API.
package bench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"tkpkbot"
	"tkpkbot/internal/telegramtest"
	"tkpkbot/store"
)

// Config is what a bench run measures with.
type Config struct {
	Updates  int           // updates sent in each throughput run
	Users    int           // distinct users sending /angka
	Rate     int           // updates per second in the latency run
	Duration time.Duration // length of the latency run
	SkipEcho bool          // no echo-bot yardsticks
	// The light yardstick: a bare HTTP handler as the Bot API, the bare
	// echo bot and tkpkbot each answering LightUpdates /angka updates from
	// LightUsers known users, LightRounds times alternately. 0 rounds: none.
	LightUpdates, LightUsers, LightRounds int
	LightOnly                             bool // only the light yardstick
	// BotProfile, when set, is where the timed bot process writes its CPU profile.
	BotProfile string
	admins     int
	coords     int
}

// Report is what a run measured.
type Report struct {
	startup             time.Duration
	idleRSS, peakRSS    int64
	echoRate, angkaRate float64
	cardEchoRate        float64          // echo bot answering with our /angka card
	tunedEchoRate       float64          // the same, over our Bot API transport
	echoCPU, angkaCPU   time.Duration    // bot process CPU per update
	benchCPU            [2]time.Duration // this process (fake Bot API and load) per update: echo, /angka
	mix                 latencyStats
	mixRate             float64
	light               []lightRound
}

// lightRound is one alternation of the light yardstick.
type lightRound struct{ echo, angka float64 }

// Run measures exe (the tkpkbot binary, run as `serve` and `echo`) with
// a scratch database on the server of serverURL, reporting progress.
func Run(ctx context.Context, c Config, exe, serverURL string, progress io.Writer) (*Report, error) {
	c.admins, c.coords = 100, 40
	dbURL, drop, err := scratchDatabase(ctx, serverURL)
	if err != nil {
		return nil, err
	}
	defer drop()
	rep := &Report{}

	fake := telegramtest.New()
	defer fake.Close()
	var adminIDs []string
	for i := 1; i <= c.admins; i++ {
		adminIDs = append(adminIDs, strconv.Itoa(i))
	}
	env := []string{"TELEGRAM_BOT_TOKEN=1:BENCH", "TELEGRAM_API_URL=" + fake.URL(), "DATABASE_URL=" + dbURL,
		"HTTP_ADDR=127.0.0.1:0", "BOT_ADMIN_IDS=" + strings.Join(adminIDs, ","), "LOG_LEVEL=warn"}

	// First start applies migrations and seeds; the second is the one timed.
	fmt.Fprintln(progress, "bench: preparing database and users…")
	child, err := startChild(ctx, exe, env, "serve")
	if err != nil {
		return nil, err
	}
	if _, err := waitPoll(ctx, fake, time.Now()); err != nil {
		child.stop()
		return nil, err
	}
	child.stop()
	if err := benchUsers(ctx, dbURL, c); err != nil {
		return nil, err
	}
	started := time.Now()
	if c.BotProfile != "" {
		env = append(env, "TKPKBOT_CPUPROFILE="+c.BotProfile)
	}
	child, err = startChild(ctx, exe, env, "serve")
	if err != nil {
		return nil, err
	}
	defer child.stop()
	if rep.startup, err = waitPoll(ctx, fake, started); err != nil {
		return nil, err
	}
	if c.LightOnly {
		child.stop()
		return rep, lightRuns(ctx, exe, env, c, rep, progress)
	}
	time.Sleep(2 * time.Second)
	rep.idleRSS = rss(child.cmd.Process.Pid)

	if !c.SkipEcho {
		fmt.Fprintln(progress, "bench: echo bot throughput…")
		if rep.echoRate, rep.echoCPU, rep.benchCPU[0], err = echoThroughput(ctx, exe, c); err != nil {
			return nil, fmt.Errorf("echo run: %w", err)
		}
	}
	fmt.Fprintln(progress, "bench: /angka throughput…")
	stopPeak := samplePeak(child.cmd.Process.Pid, &rep.peakRSS)
	rep.angkaRate, rep.angkaCPU, rep.benchCPU[1], err = angkaThroughput(ctx, fake, child, c)
	if err != nil {
		stopPeak()
		return nil, fmt.Errorf("/angka run: %w", err)
	}
	if !c.SkipEcho {
		if cards := fake.CallsTo("sendMessage"); len(cards) > 0 {
			last := cards[len(cards)-1].Params
			card := []string{"BENCH_ECHO_HTML=" + last["text"], "BENCH_ECHO_MARKUP=" + last["reply_markup"]}
			fmt.Fprintln(progress, "bench: echo bot answering with the /angka card…")
			if rep.cardEchoRate, _, _, err = echoThroughput(ctx, exe, c, card...); err != nil {
				return nil, fmt.Errorf("card echo run: %w", err)
			}
			fmt.Fprintln(progress, "bench: echo bot answering with the /angka card over tkpkbot's HTTP transport…")
			if rep.tunedEchoRate, _, _, err = echoThroughput(ctx, exe, c, append(card, "BENCH_ECHO_TRANSPORT=tkpkbot")...); err != nil {
				return nil, fmt.Errorf("tuned echo run: %w", err)
			}
		}
	}
	fmt.Fprintf(progress, "bench: default mix at %d updates/s for %s…\n", c.Rate, c.Duration)
	rep.mix, rep.mixRate, err = mixRun(ctx, fake, c)
	stopPeak()
	if err != nil {
		return nil, fmt.Errorf("mix run: %w", err)
	}
	child.stop()
	return rep, lightRuns(ctx, exe, env, c, rep, progress)
}

// lightRuns alternates the bare echo bot and tkpkbot on fresh light fakes.
func lightRuns(ctx context.Context, exe string, env []string, c Config, rep *Report, progress io.Writer) error {
	angka := func(i int) string { return "/angka " + benchRegion(i) }
	for r := 1; r <= c.LightRounds; r++ {
		var round lightRound
		for _, bot := range []string{"echo", "serve"} {
			fmt.Fprintf(progress, "bench: light fake, round %d, %s…\n", r, map[string]string{"echo": "bare echo bot", "serve": "tkpkbot /angka"}[bot])
			f, err := newLightFake(int64(r)*100_000_000, userBase)
			if err != nil {
				return err
			}
			benv := append(slices.Clone(env), "TELEGRAM_API_URL="+f.url)
			if bot == "echo" {
				benv = []string{"TELEGRAM_BOT_TOKEN=2:ECHO", "TELEGRAM_API_URL=" + f.url}
			}
			ch, err := startChild(ctx, exe, benv, bot)
			if err != nil {
				f.close()
				return err
			}
			rate, err := lightThroughput(ctx, f, c, angka)
			ch.stop()
			f.close()
			if err != nil {
				return fmt.Errorf("light %s run: %w", bot, err)
			}
			if bot == "echo" {
				round.echo = rate
			} else {
				round.angka = rate
			}
		}
		rep.light = append(rep.light, round)
	}
	return nil
}

// benchUsers registers coordinators (four per kabupaten/kota) directly in
// the database, as invites redeemed.
func benchUsers(ctx context.Context, dbURL string, c Config) error {
	db, err := store.Open(ctx, dbURL, store.Options{Log: slog.New(slog.DiscardHandler), AdminIDs: []int64{1}})
	if err != nil {
		return err
	}
	defer db.Close()
	// invites are redeemable only while their maker is admin
	if _, err := db.Touch(ctx, tkpkbot.User{ID: 1, FirstName: "Admin"}); err != nil {
		return err
	}
	districts := tkpkbot.Districts()
	for i := 0; i < c.coords; i++ {
		id := coordBase + int64(i)
		if _, err := db.Touch(ctx, tkpkbot.User{ID: id, FirstName: "Koordinator"}); err != nil {
			return err
		}
		inv, err := db.CreateInvite(ctx, 1, tkpkbot.RoleKoordinator, districts[i%len(districts)].Code)
		if err != nil {
			return err
		}
		if _, err := db.RedeemInvite(ctx, id, inv.Code, false); err != nil {
			return err
		}
	}
	return nil
}

// User ID ranges: the throughput runs spend their users' flood-control
// budget, so the latency run uses fresh ones.
const (
	userBase    = 100000
	mixUserBase = 200000
	coordBase   = 900000
)

var benchRegions = []string{"Samarinda", "kukar", "Balikpapan", "Kutai Timur", "bontang", "Berau", "paser", "PPU", "mahulu", "kubar", "Kaltim"}

func benchRegion(i int) string { return benchRegions[i%len(benchRegions)] }

type child struct {
	cmd  *exec.Cmd
	done chan struct{}
}

func startChild(ctx context.Context, exe string, env []string, args ...string) (*child, error) {
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &child{cmd: cmd, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(c.done) }()
	return c, nil
}

func (c *child) stop() {
	_ = c.cmd.Process.Signal(os.Interrupt)
	select {
	case <-c.done:
	case <-time.After(15 * time.Second):
		_ = c.cmd.Process.Kill()
		<-c.done
	}
}

// waitPoll returns how long after since the bot first asked for updates.
func waitPoll(ctx context.Context, fake *telegramtest.Server, since time.Time) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	call, err := fake.WaitCall(ctx, func(c telegramtest.Call) bool {
		return c.Method == "getUpdates" && c.At.After(since)
	})
	if err != nil {
		return 0, fmt.Errorf("bot did not start polling: %w", err)
	}
	return call.At.Sub(since), nil
}

func scratchDatabase(ctx context.Context, serverURL string) (string, func(), error) {
	conn, err := pgx.Connect(ctx, serverURL)
	if err != nil {
		return "", nil, fmt.Errorf("connect to DATABASE_URL: %w", err)
	}
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	name := "tkpkbot_bench_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		conn.Close(ctx)
		return "", nil, fmt.Errorf("create scratch database: %w", err)
	}
	u, _ := url.Parse(serverURL)
	u.Path = "/" + name
	return u.String(), func() {
		dctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_, _ = conn.Exec(dctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		conn.Close(dctx)
	}, nil
}

// cpuTime reads a process's user+system CPU time from /proc (in clock
// ticks of 10 ms).
func cpuTime(pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	f := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * 10 * time.Millisecond
}

func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// rss reads a process's resident set size in bytes from /proc.
func rss(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseInt(f[1], 10, 64)
				return kb * 1024
			}
		}
	}
	return 0
}

func samplePeak(pid int, peak *int64) func() {
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			if r := rss(pid); r > *peak {
				*peak = r
			}
			select {
			case <-t.C:
			case <-stop:
				return
			}
		}
	}()
	return func() { close(stop); <-done }
}

var errBenchTimeout = errors.New("replies did not all arrive within the time limit")

// echoThroughput runs the echo bot, with extra environment, on a fresh fake
// Bot API and measures it as angkaThroughput does.
func echoThroughput(ctx context.Context, exe string, c Config, extra ...string) (rate float64, botCPU, benchCPU time.Duration, err error) {
	efake := telegramtest.New()
	defer efake.Close()
	echo, err := startChild(ctx, exe, append([]string{"TELEGRAM_BOT_TOKEN=2:ECHO", "TELEGRAM_API_URL=" + efake.URL()}, extra...), "echo")
	if err != nil {
		return 0, 0, 0, err
	}
	defer echo.stop()
	return angkaThroughput(ctx, efake, echo, c)
}

// angkaThroughput sends /angka updates to bot through fake and returns the
// updates per second, and the CPU per update of bot and of this process
// (the fake Bot API and the load).
func angkaThroughput(ctx context.Context, fake *telegramtest.Server, bot *child, c Config) (rate float64, botCPU, benchCPU time.Duration, err error) {
	cpu0, self0 := cpuTime(bot.cmd.Process.Pid), selfCPU()
	rate, err = throughput(ctx, fake, c, func(i int) string { return "/angka " + benchRegion(i) })
	n := time.Duration(c.Updates)
	return rate, (cpuTime(bot.cmd.Process.Pid) - cpu0) / n, (selfCPU() - self0) / n, err
}
