package telegramtest

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/go-telegram/bot/models"
)

// Calls returns every recorded call in completion order.
func (s *Server) Calls() []Call {
	return s.callsMatching(func(Call) bool { return true })
}

// CallsTo returns the recorded calls of one method (case-insensitive, as
// Telegram treats method names).
func (s *Server) CallsTo(method string) []Call {
	return s.callsMatching(func(c Call) bool { return strings.EqualFold(c.Method, method) })
}

func (s *Server) callsMatching(keep func(Call) bool) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if keep(c) {
			out = append(out, c.clone())
		}
	}
	return out
}

// Reset forgets the recorded calls. Chats, messages, files and the update
// queue are kept: they are the simulated world, not the record.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = nil
	s.resets++
	s.broadcastLocked()
}

// WaitCall returns the first recorded call, past or future, for which match
// is true (nil matches any call). It fails when ctx ends or the server
// closes.
func (s *Server) WaitCall(ctx context.Context, match func(Call) bool) (Call, error) {
	seen, resets := 0, -1
	for {
		s.mu.Lock()
		if resets != s.resets {
			seen, resets = 0, s.resets
		}
		// calls is append-only between resets, so this view stays valid
		// after unlocking.
		fresh := s.calls[seen:]
		seen = len(s.calls)
		changed := s.changed
		s.mu.Unlock()

		for _, c := range fresh {
			// match runs unlocked: it may well call back into the server.
			if c := c.clone(); match == nil || match(c) {
				return c, nil
			}
		}
		if err := s.sleepUntilChange(ctx, changed); err != nil {
			return Call{}, fmt.Errorf("telegramtest: WaitCall: %w", err)
		}
	}
}

// Messages returns the bot's messages in chatID as they are now: edits
// applied, deleted ones gone, oldest first. Messages sent by users are not
// included.
func (s *Server) Messages(chatID int64) []models.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.botMessagesLocked(chatID)
}

// WaitMessages waits until chatID holds at least n live bot messages and
// returns them all, so indexing the first n is always safe.
func (s *Server) WaitMessages(ctx context.Context, chatID int64, n int) ([]models.Message, error) {
	for {
		s.mu.Lock()
		msgs := s.botMessagesLocked(chatID)
		changed := s.changed
		s.mu.Unlock()
		if len(msgs) >= n {
			return msgs, nil
		}
		if err := s.sleepUntilChange(ctx, changed); err != nil {
			return msgs, fmt.Errorf("telegramtest: WaitMessages(chat %d, %d): have %d: %w", chatID, n, len(msgs), err)
		}
	}
}

// WaitUntil waits until cond returns true. cond is evaluated without any
// server lock, once now and again after every state change, so it can use
// the server's getters, e.g. func() bool { return s.ConfirmedOffset() > id }.
// This is the way to observe a getUpdates that is still long-polling: calls
// are only recorded once they finish.
func (s *Server) WaitUntil(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		if cond() {
			return nil
		}
		if err := s.sleepUntilChange(ctx, changed); err != nil {
			return fmt.Errorf("telegramtest: WaitUntil: %w", err)
		}
	}
}

func (s *Server) botMessagesLocked(chatID int64) []models.Message {
	cs := s.chats[chatID]
	if cs == nil {
		return nil
	}
	var out []models.Message
	for _, sm := range cs.msgs {
		if sm.fromBot {
			out = append(out, cloneMessage(sm.msg))
		}
	}
	return out
}

func (s *Server) sleepUntilChange(ctx context.Context, changed <-chan struct{}) error {
	select {
	case <-changed:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-s.done:
		return ErrClosed
	}
}

// PendingUpdates is the number of queued updates not yet confirmed by a
// getUpdates offset (delivered or not).
func (s *Server) PendingUpdates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

// ConfirmedOffset is the highest offset any getUpdates call has sent:
// every update with a smaller id is confirmed.
func (s *Server) ConfirmedOffset() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.confirmed
}

// Subscribe streams every call as it completes, in order. The stream is
// unbounded so a slow reader never stalls the bot; cancel ends it and
// closes the channel, as does Close.
func (s *Server) Subscribe() (<-chan Call, func()) {
	sub := &subscriber{out: make(chan Call), wake: make(chan struct{}, 1), stop: make(chan struct{})}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		close(sub.out)
		return sub.out, func() {}
	}
	s.subs[sub] = struct{}{}
	s.mu.Unlock()
	go sub.pump()
	return sub.out, func() {
		s.mu.Lock()
		delete(s.subs, sub)
		s.mu.Unlock()
		sub.halt()
	}
}

type subscriber struct {
	out  chan Call
	wake chan struct{}
	stop chan struct{}
	once sync.Once

	mu    sync.Mutex
	queue []Call
}

func (sub *subscriber) push(c Call) {
	sub.mu.Lock()
	sub.queue = append(sub.queue, c)
	sub.mu.Unlock()
	select {
	case sub.wake <- struct{}{}:
	default: // a wake-up is already pending
	}
}

func (sub *subscriber) halt() { sub.once.Do(func() { close(sub.stop) }) }

func (sub *subscriber) pump() {
	defer close(sub.out)
	for {
		sub.mu.Lock()
		batch := sub.queue
		sub.queue = nil
		sub.mu.Unlock()
		for _, c := range batch {
			select {
			case sub.out <- c:
			case <-sub.stop:
				return
			}
		}
		select {
		case <-sub.wake:
		case <-sub.stop:
			return
		}
	}
}
