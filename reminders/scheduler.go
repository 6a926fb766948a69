// Package reminders plans reminders and sends them. The cron scheduler only
// ticks sweeps; what is due lives in the database, so restarts and replicas
// never lose or repeat a reminder.
package reminders

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"
	"tkpkbot"

	"github.com/robfig/cron/v3"
)

// Sweep is one periodic job; it must be safe to run on several replicas.
type Sweep struct {
	Name string
	Spec string // cron spec in the scheduler's zone, e.g. "* * * * *"
	Run  func(ctx context.Context) error
	// Wake, if set, runs for the scheduler's lifetime and calls wake
	// whenever the sweep should run now rather than at the next tick (a
	// meeting was just announced). Returning early is retried.
	Wake func(ctx context.Context, wake func()) error
}

// Scheduler runs sweeps on a cron schedule, once at start-up, and on
// wake-ups. One sweep never runs twice at once in a process; triggers that
// arrive while it runs fold into one more run.
type Scheduler struct {
	cron    *cron.Cron
	log     *slog.Logger
	runners []*runner

	ctx        context.Context // for sweep runs; cancelled when Stop times out
	cancel     context.CancelFunc
	wakeCtx    context.Context // for Wake loops; cancelled as Stop begins
	wakeCancel context.CancelFunc
	quit       chan struct{}
	stopOnce   sync.Once
	wg         sync.WaitGroup
}

type runner struct {
	sw      Sweep
	mu      sync.Mutex
	trigger chan struct{}
}

// kick asks for a run without blocking; a pending request absorbs it.
func (r *runner) kick() {
	select {
	case r.trigger <- struct{}{}:
	default:
	}
}

// NewScheduler builds a scheduler in loc (Asia/Makassar in production).
func NewScheduler(loc *time.Location, log *slog.Logger, sweeps ...Sweep) *Scheduler {
	cl := cronLogger{log}
	ctx, cancel := context.WithCancel(context.Background())
	wctx, wcancel := context.WithCancel(context.Background())
	s := &Scheduler{
		cron:   cron.New(cron.WithLocation(loc), cron.WithChain(cron.Recover(cl), cron.SkipIfStillRunning(cl)), cron.WithLogger(cl)),
		log:    log,
		ctx:    ctx,
		cancel: cancel, wakeCtx: wctx, wakeCancel: wcancel,
		quit: make(chan struct{}),
	}
	for _, sw := range sweeps {
		s.runners = append(s.runners, &runner{sw: sw, trigger: make(chan struct{}, 1)})
	}
	return s
}

// Start registers the sweeps, runs each once now (to catch up on what fell
// due while the bot was down) and starts ticking.
func (s *Scheduler) Start() error {
	for _, r := range s.runners {
		if _, err := s.cron.AddFunc(r.sw.Spec, r.kick); err != nil {
			return fmt.Errorf("sweep %s: %w", r.sw.Name, err)
		}
	}
	for _, r := range s.runners {
		s.wg.Add(1)
		go s.loop(r)
		r.kick()
		if r.sw.Wake != nil {
			s.wg.Add(1)
			go s.wakeLoop(r)
		}
	}
	s.cron.Start()
	return nil
}

func (s *Scheduler) loop(r *runner) {
	defer s.wg.Done()
	for {
		select {
		case <-s.quit:
			return
		case <-r.trigger:
		}
		select {
		case <-s.quit: // stopping wins over a trigger that raced it
			return
		default:
		}
		if err := s.run(s.ctx, r); err != nil && s.ctx.Err() == nil {
			s.log.Error("sweep failed", "sweep", r.sw.Name, "err", err)
		}
	}
}

func (s *Scheduler) wakeLoop(r *runner) {
	defer s.wg.Done()
	wait := time.Second
	for s.wakeCtx.Err() == nil {
		err := r.sw.Wake(s.wakeCtx, r.kick)
		if s.wakeCtx.Err() != nil {
			return
		}
		// The minute tick still runs, so a broken listener only delays
		// announcements; say so once per failure and back off.
		s.log.Warn("sweep wake-up listener stopped; retrying", "sweep", r.sw.Name, "in", wait.String(), "err", err)
		if tkpkbot.Sleep(s.wakeCtx, wait) != nil {
			return
		}
		wait = min(wait*2, time.Minute)
		r.kick() // catch anything announced while not listening
	}
}

// run executes the sweep once, serialised with other runs of it, and
// turns a panic into an error so one bad reminder cannot stop the ticks.
func (s *Scheduler) run(ctx context.Context, r *runner) (err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	start := time.Now()
	err = r.sw.Run(ctx)
	s.log.Debug("sweep done", "sweep", r.sw.Name, "took", time.Since(start).String())
	return err
}

// RunNow runs the named sweep at once and waits for it, after any run in
// progress. Tests use it to run schedules without waiting for the minute.
func (s *Scheduler) RunNow(ctx context.Context, name string) error {
	for _, r := range s.runners {
		if r.sw.Name == name {
			return s.run(ctx, r)
		}
	}
	return fmt.Errorf("no sweep named %q", name)
}

// Stop stops ticking, lets a running sweep finish for up to timeout (then
// cancels it) and waits for it, so the pool can be closed safely afterwards.
func (s *Scheduler) Stop(timeout time.Duration) {
	s.stopOnce.Do(func() {
		s.wakeCancel()
		<-s.cron.Stop().Done()
		close(s.quit)
		t := time.AfterFunc(timeout, s.cancel)
		defer t.Stop()
		s.wg.Wait()
		s.cancel()
	})
}

type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "err", err)...)
}
