package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"tkpkbot"
	"tkpkbot/telegram"
)

func runServe(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "tkpkbot [serve]",
		`Connects to PostgreSQL (retrying for up to 30 s), applies migrations, registers the
Telegram command menu and serves updates by long polling, or by webhook on
WEBHOOK_ADDR when WEBHOOK_URL is set, until SIGINT or SIGTERM. /healthz, /readyz
and /metrics are on HTTP_ADDR (default 127.0.0.1:8080). On a signal it stops taking updates,
lets updates in progress finish (at most 10 s), stops the scheduler and exits 0.
Needs TELEGRAM_BOT_TOKEN and DATABASE_URL; without a token, try "tkpkbot console".`, stdout)
	if code, done := parseFlags(fs, args); done {
		return code
	}
	cfg, ok := configOrReport(getenv, stderr)
	if !ok {
		return 2
	}
	if cfg.Token == "" {
		fmt.Fprintln(stderr, "tkpkbot: TELEGRAM_BOT_TOKEN is not set. Get a token from @BotFather and put it in .env,\n"+
			"or try the bot without Telegram: tkpkbot console (make run does this for you).")
		return 2
	}
	// Set by `tkpkbot bench --bot-cpuprofile`; not an operator setting.
	if path := getenv("TKPKBOT_CPUPROFILE"); path != "" {
		stop, err := startCPUProfile(path)
		if err != nil {
			fmt.Fprintln(stderr, "tkpkbot:", err)
			return 1
		}
		defer stop()
	}
	start := time.Now()
	a, err := newApp(ctx, cfg, log, tkpkbot.SystemClock{})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return 0
		}
		fmt.Fprintln(stderr, "tkpkbot:", telegram.RedactToken(err, cfg.Token))
		return 1
	}
	log.Info("tkpkbot started", "bot", "@"+a.h.BotUsername, "startup", time.Since(start).Round(time.Millisecond).String())
	if err := a.serve(ctx, true); err != nil {
		fmt.Fprintln(stderr, "tkpkbot:", telegram.RedactToken(err, cfg.Token))
		return 1
	}
	log.Info("tkpkbot stopped")
	return 0
}

func runMigrate(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger, stdout, stderr io.Writer) int {
	fs := newFlags("migrate", "tkpkbot migrate",
		"Applies pending database migrations to DATABASE_URL and exits. Safe to run while\nother replicas run: migrations are serialised by a PostgreSQL advisory lock.", stdout)
	if code, done := parseFlags(fs, args); done {
		return code
	}
	db, code := storeOrReport(ctx, getenv, log, stderr)
	if db == nil {
		return code
	}
	db.Close()
	fmt.Fprintln(stdout, "migrations up to date")
	return 0
}
