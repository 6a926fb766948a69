package telegram

import (
	"context"
	"log/slog"
	"math"
	"net/http"
	"time"

	"github.com/go-telegram/bot/models"

	"tkpkbot"
)

// Poller is our own getUpdates loop. go-telegram/bot's poller confirms an
// update before its handler runs, so a crash would lose it; here the
// confirmed offset only moves past updates whose handling finished.
//
// It keeps up to Window updates in flight and fetches more while they run:
// the offset it sends is the lowest unfinished update ID, which confirms
// the finished prefix and nothing else. Telegram then returns the
// unfinished ones again with the new ones; the poller skips those it has.
// Telegram returns at most 100 updates from the offset, so an update that
// runs long lets the others run on only until 100 have arrived after it;
// then the poller waits for it (updateTimeout, after at most floodMaxWait
// of flood-control delay, bounds the wait).
type Poller struct {
	APIURL  string // e.g. https://api.telegram.org
	Token   string
	Client  *http.Client
	Timeout time.Duration // long-poll timeout; default 25s
	Workers int           // chats handled at once; default 64
	// Window bounds the updates in flight; more are fetched when half of
	// it is free. Default 100, Telegram's largest getUpdates batch.
	Window int
	Log    *slog.Logger
	// Process handles one update synchronously; false means it failed in
	// a way a redelivery could fix.
	Process func(ctx context.Context, upd *tkpkbot.Update) bool
	// Done records the IDs of handled updates before they are confirmed.
	Done func(ctx context.Context, ids []int64)
	// Filter, if set, drops fetched updates before handling (duplicates).
	// Only updates up to Newest's answer at start can be duplicates: those
	// above it were never handled, since only one poller runs.
	Filter func(ctx context.Context, updates []*tkpkbot.Update) []*tkpkbot.Update
	Newest func(ctx context.Context) (int64, error)
	// CheckAll is how long after start every batch is checked anyway: a
	// replica that just lost the lead may still finish and record updates
	// for up to its Drain. Default Drain + 5s.
	CheckAll time.Duration
	// Prepare, if set, sees each fetched batch before its updates are
	// handled (to record their users in one round trip).
	Prepare func(ctx context.Context, updates []*tkpkbot.Update)
	// Drain bounds how long in-flight updates may run after ctx ends.
	Drain time.Duration

	offset int64 // the ID after the newest update taken
}

// Run polls until ctx ends, then lets the updates in flight finish (at most
// Drain) and confirms them, so nothing handled is redelivered and nothing
// unhandled is confirmed.
func (p *Poller) Run(ctx context.Context) error {
	if p.Timeout == 0 {
		p.Timeout = 25 * time.Second
	}
	if p.Workers == 0 {
		p.Workers = 64
	}
	if p.Window == 0 {
		p.Window = maxBatch
	}
	if p.Drain == 0 {
		p.Drain = 10 * time.Second
	}
	if p.Client == nil {
		p.Client = &http.Client{Timeout: p.Timeout + 10*time.Second}
	}
	// Handlers must not be cut short by the shutdown signal; they get
	// their own context that ends Drain after ctx does.
	hctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	stop := context.AfterFunc(ctx, func() {
		t := time.AfterFunc(p.Drain, cancel)
		context.AfterFunc(hctx, func() { t.Stop() })
	})
	defer stop()
	d := newDispatcher(hctx, p.Workers, p.Process)
	d.stop = ctx.Done()
	if p.CheckAll == 0 {
		p.CheckAll = p.Drain + 5*time.Second
	}
	newest, checkAllUntil := int64(math.MaxInt64), time.Now().Add(p.CheckAll)
	if p.Newest != nil {
		if n, err := p.Newest(ctx); err == nil {
			newest = n
		} else {
			p.Log.Warn("could not read the newest handled update; checking every update for duplicates", "err", err)
		}
	}

	backoff, idle := time.Duration(0), time.Duration(0)
	for ctx.Err() == nil {
		if !p.await(ctx, d, idle) {
			break
		}
		if backoff > 0 {
			select {
			case <-time.After(backoff):
			case <-ctx.Done():
				continue
			}
		}
		// The offset first, then the record: an update finishing in
		// between is then recorded and not confirmed, never the reverse.
		offset := d.confirmable(p.offset)
		p.record(hctx, d)
		timeout := p.Timeout
		if d.pending() > 0 {
			// Unfinished updates are at the offset, so a long poll would
			// return at once anyway.
			timeout = 0
		}
		updates, err := p.fetch(ctx, offset, timeout)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			backoff = nextBackoff(backoff, err)
			p.Log.Warn("getUpdates failed", "err", err, "retry_in", backoff.String())
			continue
		}
		backoff = 0
		fresh, oldest := updates[:0:0], int64(math.MaxInt64)
		for _, u := range updates {
			if u.ID >= p.offset {
				fresh = append(fresh, u)
				oldest = min(oldest, u.ID)
			}
		}
		if len(fresh) == 0 {
			if d.pending() > 0 {
				idle = min(max(2*idle, 25*time.Millisecond), 500*time.Millisecond)
			}
			continue
		}
		idle = 0
		for _, u := range fresh {
			p.offset = max(p.offset, u.ID+1)
		}
		if p.Filter != nil && (oldest <= newest || time.Now().Before(checkAllUntil)) {
			fresh = p.Filter(hctx, fresh)
		}
		if p.Prepare != nil && len(fresh) > 0 {
			p.Prepare(hctx, fresh)
		}
		d.submit(fresh)
	}
	d.wait()
	// Record and confirm what was handled, even when Drain ran out.
	cctx, ccancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer ccancel()
	offset := d.confirmable(p.offset)
	p.record(cctx, d)
	// Timeout 0 returns at once.
	if _, err := p.fetch(cctx, offset, 0); err != nil {
		p.Log.Warn("final confirm failed; last updates may be redelivered and dropped as duplicates", "err", err)
	}
	return nil
}

// maxBatch is the most updates one getUpdates call returns.
const maxBatch = 100

// await blocks until it is time to fetch: at once when nothing is in
// flight or the window has room; after an update finishes when the window
// is more than half full; and, when the last fetch brought nothing new
// while updates were in flight, after one finishes or idle passes, so a
// slow update does not make the poller spin. False when ctx ended.
func (p *Poller) await(ctx context.Context, d *dispatcher, idle time.Duration) bool {
	for {
		// Updates held back by flood control do not fill the window:
		// other people's updates must keep coming in meanwhile.
		n := d.active()
		if d.pending() == 0 || (n <= p.Window/2 && idle == 0) {
			return ctx.Err() == nil
		}
		var tick <-chan time.Time
		// When 100 updates (a full getUpdates answer) follow the lowest
		// unfinished one, a fetch cannot bring anything new.
		if n <= p.Window/2 && p.offset-d.confirmable(p.offset) < maxBatch {
			tick = time.After(idle)
		}
		select {
		case <-d.changed:
			if n := d.active(); n <= p.Window/2 {
				return true
			}
		case <-tick:
			return true
		case <-ctx.Done():
			return false
		}
	}
}

// record stores the IDs of updates handled since the last call; it runs
// before every fetch, because the fetch's offset may confirm them.
func (p *Poller) record(ctx context.Context, d *dispatcher) {
	if ids := d.takeHandled(); len(ids) > 0 && p.Done != nil {
		p.Done(ctx, ids)
	}
}

// fetch calls getUpdates. Timeout 0 returns at once, which is how the
// final call confirms without waiting.
func (p *Poller) fetch(ctx context.Context, offset int64, timeout time.Duration) ([]*tkpkbot.Update, error) {
	type params struct {
		Offset         int64    `json:"offset,omitempty"`
		Timeout        int      `json:"timeout"`
		AllowedUpdates []string `json:"allowed_updates"`
	}
	var raw []*models.Update
	c := Client{APIURL: p.APIURL, Token: p.Token, HTTP: p.Client}
	err := c.call(ctx, "getUpdates", params{Offset: offset, Timeout: int(timeout.Seconds()),
		AllowedUpdates: []string{"message", "callback_query"}}, &raw)
	if err != nil {
		return nil, err
	}
	updates := make([]*tkpkbot.Update, len(raw))
	for i, u := range raw {
		updates[i] = FromModel(u)
	}
	return updates, nil
}

func nextBackoff(prev time.Duration, err error) time.Duration {
	if f, wait := tkpkbot.FailureOf(err); f == tkpkbot.SendRateLimited {
		return wait
	}
	if prev == 0 {
		return 200 * time.Millisecond
	}
	return min(prev*2, 10*time.Second)
}
