package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"tkpkbot/internal/bench"
)

func runBench(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger, stdout, stderr io.Writer) int {
	fs := newFlags("bench", "tkpkbot bench [flags]",
		`Load benchmark of the real binary against an in-process fake Bot API and a scratch
PostgreSQL database (created on the server of DATABASE_URL and dropped after).
It measures start-up time, idle and loaded memory of the bot process, /angka-only
throughput against a bare go-telegram/bot echo bot on the same fake server (and
against the same echo bot answering with tkpkbot's /angka card), and the latency
(update enqueued → first reply received) of the default mix (70 % /angka,
20 % /rekap by admins, 10 % /lapor steps) at a fixed rate. Last, the light yardstick:
/angka against the bare echo bot on a bare HTTP handler that parses nothing.`, stdout)
	var c bench.Config
	fs.IntVar(&c.Updates, "updates", 3000, "updates sent in each throughput run")
	fs.IntVar(&c.Users, "users", 500, "distinct users sending /angka")
	fs.IntVar(&c.Rate, "rate", 200, "updates per second in the latency run")
	fs.DurationVar(&c.Duration, "duration", 20*time.Second, "length of the latency run")
	fs.BoolVar(&c.SkipEcho, "skip-echo", false, "do not run the echo-bot yardsticks")
	fs.IntVar(&c.LightUpdates, "light-updates", 12000, "updates per run on the light fake Bot API (a bare HTTP handler)")
	fs.IntVar(&c.LightUsers, "light-users", 4000, "known users sending /angka on the light fake")
	fs.IntVar(&c.LightRounds, "light-rounds", 1, "alternating echo/tkpkbot rounds on the light fake (0: none)")
	fs.BoolVar(&c.LightOnly, "light-only", false, "only the light-fake yardstick")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the bench process (fake Bot API and load) to this file")
	fs.StringVar(&c.BotProfile, "bot-cpuprofile", "", "write a CPU profile of the bot process to this file")
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if *cpuprofile != "" {
		stop, err := startCPUProfile(*cpuprofile)
		if err != nil {
			fmt.Fprintln(stderr, "tkpkbot bench:", err)
			return 2
		}
		defer stop()
	}
	dbURL := getenv("DATABASE_URL")
	if dbURL == "" {
		fmt.Fprintln(stderr, "tkpkbot bench: DATABASE_URL must name a PostgreSQL server where a scratch database may be created")
		return 2
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(stderr, "tkpkbot bench:", err)
		return 1
	}
	rep, err := bench.Run(ctx, c, exe, dbURL, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "tkpkbot bench:", err)
		return 1
	}
	rep.Print(stdout, c)
	return 0
}
