// Package reminders plans reminders and sends them. The cron scheduler only
// ticks sweeps; what is due lives in the database, so restarts and replicas
// never lose or repeat a reminder.
package reminders

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// Sweep is one periodic job; it must be safe to run on several replicas.
type Sweep struct {
	Name string
	Spec string // cron spec in the scheduler's zone, e.g. "* * * * *"
	Run  func(ctx context.Context) error
}

// Scheduler runs sweeps on a cron schedule and once at start-up.
type Scheduler struct {
	cron   *cron.Cron
	log    *slog.Logger
	sweeps []Sweep
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// NewScheduler builds a scheduler in loc (Asia/Makassar in production).
func NewScheduler(loc *time.Location, log *slog.Logger, sweeps ...Sweep) *Scheduler {
	cl := cronLogger{log}
	ctx, cancel := context.WithCancel(context.Background())
	return &Scheduler{
		cron:   cron.New(cron.WithLocation(loc), cron.WithChain(cron.Recover(cl), cron.SkipIfStillRunning(cl)), cron.WithLogger(cl)),
		log:    log,
		sweeps: sweeps,
		ctx:    ctx,
		cancel: cancel,
	}
}

// Start registers the sweeps, runs each once now (to catch up on what fell
// due while the bot was down) and starts ticking.
func (s *Scheduler) Start() error {
	for _, sw := range s.sweeps {
		job := s.job(sw)
		if _, err := s.cron.AddFunc(sw.Spec, job); err != nil {
			return err
		}
		s.wg.Add(1)
		go func() { defer s.wg.Done(); job() }()
	}
	s.cron.Start()
	return nil
}

func (s *Scheduler) job(sw Sweep) func() {
	return func() {
		if s.ctx.Err() != nil {
			return
		}
		start := time.Now()
		if err := sw.Run(s.ctx); err != nil {
			s.log.Error("sweep failed", "sweep", sw.Name, "err", err)
			return
		}
		s.log.Debug("sweep done", "sweep", sw.Name, "took", time.Since(start).String())
	}
}

// Stop stops ticking, cancels running sweeps and waits for them, so the
// pool can be closed safely afterwards.
func (s *Scheduler) Stop(timeout time.Duration) {
	done := s.cron.Stop()
	t := time.AfterFunc(timeout, s.cancel)
	defer t.Stop()
	<-done.Done()
	s.wg.Wait()
	s.cancel()
}

type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "err", err)...)
}
