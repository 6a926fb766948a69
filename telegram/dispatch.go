package telegram

import (
	"context"
	"errors"
	"sync"
	"time"

	"tkpkbot"
	"tkpkbot/metrics"
)

// dispatcher runs each chat's updates in order, one at a time, while
// different chats run concurrently on at most workers goroutines. It
// remembers which updates are still unfinished, so the poller can confirm
// exactly the prefix of update IDs that is finished.
type dispatcher struct {
	process func(ctx context.Context, u *tkpkbot.Update) bool
	ctx     context.Context
	sem     chan struct{}
	wg      sync.WaitGroup
	changed chan struct{} // receives (without blocking) after every finished or parked update
	// stop, when it closes, ends flood waits at once instead of after the
	// drain: a held update is not handled yet, so it is simply left
	// unconfirmed for the next start.
	stop <-chan struct{}

	mu         sync.Mutex
	queues     map[int64][]*tkpkbot.Update
	unfinished map[int64]struct{}
	handled    []int64            // finished successfully and not yet recorded
	parked     map[int64]struct{} // chats whose head is held back by flood control
}

func newDispatcher(ctx context.Context, workers int, process func(context.Context, *tkpkbot.Update) bool) *dispatcher {
	return &dispatcher{
		process: process, ctx: ctx,
		sem:        make(chan struct{}, workers),
		changed:    make(chan struct{}, 1),
		queues:     map[int64][]*tkpkbot.Update{},
		unfinished: map[int64]struct{}{},
		parked:     map[int64]struct{}{},
	}
}

// submit queues updates, in update ID order, behind their chat's earlier ones.
func (d *dispatcher) submit(updates []*tkpkbot.Update) {
	d.mu.Lock()
	defer d.mu.Unlock()
	metrics.UpdatesInFlight.Add(float64(len(updates)))
	for _, u := range updates {
		d.unfinished[u.ID] = struct{}{}
		k := u.OrderKey()
		q := d.queues[k]
		d.queues[k] = append(q, u)
		if len(q) == 0 {
			d.wg.Add(1)
			go d.run(k)
		}
	}
}

// run works through chat k's queue. The head stays queued while it runs,
// so later updates of the chat wait behind it instead of starting a second
// goroutine.
func (d *dispatcher) run(k int64) {
	defer d.wg.Done()
	d.sem <- struct{}{}
	defer func() { <-d.sem }()
	cut := false
	ctx := tkpkbot.WithPause(d.ctx, func(ctx context.Context, wait time.Duration) error {
		err := d.park(ctx, k, wait)
		cut = err != nil
		return err
	})
	for {
		d.mu.Lock()
		u := d.queues[k][0]
		d.mu.Unlock()
		if d.ctx.Err() != nil {
			d.abandon(k)
			return
		}
		ok := d.process(ctx, u)
		if cut || (!ok && d.ctx.Err() != nil) {
			d.abandon(k)
			return
		}
		metrics.UpdatesInFlight.Dec()
		d.mu.Lock()
		delete(d.unfinished, u.ID)
		if ok {
			d.handled = append(d.handled, u.ID)
		}
		q := d.queues[k][1:]
		if len(q) == 0 {
			delete(d.queues, k)
		} else {
			d.queues[k] = q
		}
		d.mu.Unlock()
		d.signal()
		if len(q) == 0 {
			return
		}
	}
}

// park holds chat k's head back for wait on behalf of flood control. The
// worker is given up meanwhile, and the chat's queue does not count as in
// flight, so a flooding user takes neither a worker nor the poller's
// window from other people; the chat's own later updates still wait, which
// keeps its order.
func (d *dispatcher) park(ctx context.Context, k int64, wait time.Duration) error {
	d.mu.Lock()
	d.parked[k] = struct{}{}
	d.mu.Unlock()
	d.signal()
	<-d.sem
	t := time.NewTimer(wait)
	var err error
	select {
	case <-t.C:
	case <-ctx.Done():
		err = ctx.Err()
	case <-d.stop:
		err = errStopping
	}
	t.Stop()
	d.sem <- struct{}{}
	d.mu.Lock()
	delete(d.parked, k)
	d.mu.Unlock()
	return err
}

// abandon gives up chat k's queue when shutdown cut handling short: its
// updates stay unfinished, so they are not confirmed and Telegram
// delivers them again to the next poller.
func (d *dispatcher) abandon(k int64) {
	d.mu.Lock()
	delete(d.queues, k)
	d.mu.Unlock()
	d.signal()
}

// errStopping ends a flood wait when the poller shuts down: the held
// update stays unconfirmed and is delivered again to the next start.
var errStopping = errors.New("shutting down")

// signal wakes the poller if it waits for a change; one pending wake-up
// is enough, so it never blocks.
func (d *dispatcher) signal() {
	select {
	case d.changed <- struct{}{}:
	default:
	}
}

// pending is how many submitted updates are unfinished.
func (d *dispatcher) pending() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.unfinished)
}

// active is how many unfinished updates are not held back by flood
// control, that is, how many take or will soon take a worker.
func (d *dispatcher) active() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := len(d.unfinished)
	for k := range d.parked {
		n -= len(d.queues[k])
	}
	return n
}

// confirmable is the offset that confirms every finished update and no
// unfinished one: the lowest unfinished ID, or next when all are finished.
func (d *dispatcher) confirmable(next int64) int64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	low := next
	for id := range d.unfinished {
		low = min(low, id)
	}
	return low
}

// takeHandled returns the IDs handled since the last call.
func (d *dispatcher) takeHandled() []int64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	ids := d.handled
	d.handled = nil
	return ids
}

// wait blocks until every submitted update is finished.
func (d *dispatcher) wait() { d.wg.Wait() }
