package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"tkpkbot"
	"tkpkbot/handlers"
	"tkpkbot/metrics"
	"tkpkbot/reminders"
	"tkpkbot/store"
	"tkpkbot/telegram"
)

// app is the wired program, in the order newApp builds it: the store, the
// figures (seeded there, cached by the handlers, watched by serve), the
// handlers, the Telegram client, the scheduler.
type app struct {
	cfg   Config
	log   *slog.Logger
	db    *store.DB
	h     *handlers.Handlers
	tg    *telegram.Client
	seen  telegram.Seen     // drops updates Telegram delivers again
	api   http.RoundTripper // Bot API transport shared by every client
	sched *reminders.Scheduler
	// soloAPI marks a Bot API that serves this process alone (the console's
	// in-process fake): no other replica can poll it, so the poller skips
	// the leader election, which exists only because Telegram allows one
	// getUpdates consumer per bot.
	soloAPI bool
}

// openStore connects (retrying up to 30 s) and applies migrations.
func openStore(ctx context.Context, cfg Config, log *slog.Logger, clock tkpkbot.Clock) (*store.DB, error) {
	if cfg.DatabaseURL == "" {
		return nil, errors.New("DATABASE_URL is not set: point it at PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/tkpkbot (or use `make run`, which starts a local one)")
	}
	db, err := store.Open(ctx, cfg.DatabaseURL, store.Options{
		Log: log, Clock: clock, Location: cfg.Location, AdminIDs: cfg.AdminIDs,
	})
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// storeOrReport opens the configured database for a one-shot subcommand,
// or prints why it cannot and returns the exit code for that.
func storeOrReport(ctx context.Context, getenv func(string) string, log *slog.Logger, stderr io.Writer) (*store.DB, int) {
	cfg, ok := configOrReport(getenv, stderr)
	if !ok {
		return nil, 2
	}
	db, err := openStore(ctx, cfg, log, tkpkbot.SystemClock{})
	if err != nil {
		fmt.Fprintln(stderr, "tkpkbot:", err)
		return nil, 1
	}
	return db, 0
}

// newApp wires everything against the Bot API at cfg.APIURL; serve then
// starts it. Every subcommand that talks to Telegram (serve, the console)
// goes through here, so what the console tries is what production runs.
func newApp(ctx context.Context, cfg Config, log *slog.Logger, clock tkpkbot.Clock) (*app, error) {
	db, err := openStore(ctx, cfg, log, clock)
	if err != nil {
		return nil, err
	}
	// Seeded before anything serves, so the first /angka on a fresh
	// database finds the shipped figures.
	if _, err := db.SeedFigures(ctx); err != nil {
		db.Close()
		return nil, err
	}
	// BOT_ADMIN_IDS is the truth for configured admins: one taken off the
	// list is no longer admin from this start on.
	if !cfg.keepAdmins {
		demoted, err := db.DemoteFormerConfigAdmins(ctx)
		if err != nil {
			db.Close()
			return nil, err
		}
		for _, u := range demoted {
			log.Info("admin role ended: no longer in BOT_ADMIN_IDS", "user", u.ID)
		}
	}
	a := &app{cfg: cfg, log: log, db: db, seen: telegram.Seen{Dedup: db, Log: log}}
	metrics.SetPool(db.Pool)
	// One pool for the poller, the handler workers and the reminder sender.
	a.api = metrics.Transport{Base: telegram.NewAPITransport(128)}
	a.tg = &telegram.Client{APIURL: cfg.APIURL, Token: cfg.Token,
		HTTP: &http.Client{Timeout: cfg.apiTimeout(), Transport: a.api}}
	a.h = handlers.New(handlers.Deps{
		Users: db, Telegram: a.tg, Figures: db, People: db, Reports: db, Meetings: db, FollowUps: db, Progress: db,
		Materials: db, Agenda: db, Subscriptions: db,
		Clock: clock, Location: cfg.Location, Log: log, Deadline: cfg.Deadline, ReportChat: cfg.ReportChatID,
		FloodBurst: cfg.FloodBurst, FloodRate: cfg.FloodRate, AdminIDs: cfg.AdminIDs,
	})
	me, err := a.tg.GetMe(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("ask Telegram who the bot is (check TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL): %w", telegram.RedactToken(err, cfg.Token))
	}
	a.h.BotUsername = me.Username
	db.BotID = me.ID
	// Reminders are database-driven sweeps: every replica ticks them, and
	// the rows they claim make each reminder go out once.
	sweeper := reminders.New(reminders.Options{
		Store: db, Holidays: db, Reports: db, Notices: db, Telegram: a.tg, Limiter: telegram.NewLimiter(telegram.DefaultRate, 1, telegram.DefaultPerChat, nil, nil),
		Clock: clock, Location: cfg.Location, Log: log, Deadline: cfg.Deadline, ReportChat: cfg.ReportChatID,
		MeetingOffsets: cfg.ReminderOffsets, ReportOffsets: cfg.ReportReminderOffsets,
		FollowUps: db, ActionOffsets: cfg.ActionReminderOffsets,
		Materials: db, MaterialsOffsets: cfg.MaterialsReminderOffsets, Agenda: db,
	})
	a.sched = reminders.NewScheduler(cfg.Location, log, reminders.Sweep{
		Name: "prune-updates", Spec: "17 3 * * *",
		Run: func(ctx context.Context) error { _, err := db.PruneUpdates(ctx); return err },
	}, sweeper.Sweep())
	return a, nil
}

func (c Config) apiTimeout() time.Duration {
	if c.APITimeout > 0 {
		return c.APITimeout
	}
	return time.Minute
}

func (c Config) idleTimeout() time.Duration {
	if c.httpIdleTimeout > 0 {
		return c.httpIdleTimeout
	}
	return defaultIdleTimeout
}

func (c Config) pollTimeout() time.Duration {
	if c.PollTimeout > 0 {
		return c.PollTimeout
	}
	return 25 * time.Second
}

// leaderRetry is how often a standby replica tries to become the poller.
func (a *app) leaderRetry() time.Duration {
	if a.cfg.LeaderRetry > 0 {
		return a.cfg.LeaderRetry
	}
	return 5 * time.Second
}

// serve runs until ctx ends: updates by polling or webhook, the
// scheduler and the HTTP endpoints. On return everything is stopped.
func (a *app) serve(ctx context.Context, withHTTP bool) error {
	defer a.db.Close()
	if err := a.h.RegisterMenu(ctx); err != nil {
		a.log.Warn("command menu not registered", "err", err)
	}
	if err := a.sched.Start(); err != nil {
		return fmt.Errorf("start scheduler: %w", err)
	}
	defer a.sched.Stop(5 * time.Second)
	// Every replica, polling or standing by, keeps its figures current.
	defer a.db.WatchFigures(ctx, a.h.ReloadFigures)()
	defer a.db.WatchUsers(ctx)()

	if withHTTP {
		ops, err := a.startOps()
		if err != nil {
			return err
		}
		defer ops.shutdown(5 * time.Second)
	}

	process := func(ctx context.Context, upd *tkpkbot.Update) bool { return a.h.ProcessFresh(ctx, upd) == nil }
	if a.cfg.WebhookURL != "" {
		hook, err := a.startWebhook()
		if err != nil {
			return err
		}
		defer hook.shutdown(5 * time.Second)
		if err := a.tg.SetWebhook(ctx, a.cfg.WebhookURL, a.cfg.WebhookSecret); err != nil {
			return fmt.Errorf("setWebhook: %w", err)
		}
		a.log.Info("serving updates by webhook", "url", a.cfg.WebhookURL, "addr", hook.ln.Addr().String())
		<-ctx.Done()
		return nil
	}
	if err := a.tg.DeleteWebhook(ctx); err != nil {
		a.log.Warn("deleteWebhook failed", "err", err)
	}
	// One replica polls (Telegram allows one getUpdates consumer); the
	// others stand by and take over when its database session ends.
	poll := func(ctx context.Context) error {
		a.log.Info("serving updates by long polling", "bot", "@"+a.h.BotUsername)
		p := &telegram.Poller{APIURL: a.cfg.APIURL, Token: a.cfg.Token, Log: a.log, Timeout: a.cfg.PollTimeout,
			Client:  &http.Client{Timeout: a.cfg.pollTimeout() + 10*time.Second, Transport: a.api},
			Process: process, Filter: a.seen.Filter, Done: a.seen.Mark,
			Newest: a.seen.Newest, Prepare: a.h.Prepare}
		return p.Run(ctx)
	}
	if a.soloAPI {
		return poll(ctx)
	}
	return a.db.RunAsLeader(ctx, store.PollerLock, a.leaderRetry(), poll)
}
