package telegramtest

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"time"

	"github.com/go-telegram/bot/models"
)

type queuedUpdate struct {
	id  int64
	raw []byte // marshalled at push time, immune to later edits by the caller
	// redelivery entries come from PushDuplicate: they go out once with the
	// next getUpdates whatever its offset, because a real redelivery is
	// exactly the case where the confirmation never reached Telegram.
	redelivery bool
}

// pushLocked assigns the next update_id unless one is given and queues the
// update. It returns 0 only if the update cannot be marshalled (for example
// a MaybeInaccessibleMessage with an invalid Type).
func (s *Server) pushLocked(u models.Update) int64 {
	if u.ID == 0 {
		u.ID = s.lastUpdateID + 1
	}
	raw, err := json.Marshal(&u)
	if err != nil {
		return 0
	}
	s.lastUpdateID = max(s.lastUpdateID, u.ID)
	s.queue = append(s.queue, queuedUpdate{id: u.ID, raw: raw})
	s.history[u.ID] = raw
	s.broadcastLocked()
	return u.ID
}

// PushDuplicate queues an already pushed update again with its original
// update_id, as Telegram does when it believes the bot never got it. It
// reports false when the id was never pushed.
func (s *Server) PushDuplicate(updateID int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	raw, ok := s.history[updateID]
	if !ok {
		return false
	}
	s.queue = append(s.queue, queuedUpdate{id: updateID, raw: raw, redelivery: true})
	s.broadcastLocked()
	return true
}

// confirmLocked applies getUpdates' offset rules: a positive offset confirms
// (drops) everything below it; a negative one keeps only the last -offset
// updates.
func (s *Server) confirmLocked(offset int64) {
	switch {
	case offset > 0:
		s.confirmed = max(s.confirmed, offset)
		kept := s.queue[:0]
		for _, q := range s.queue {
			if q.redelivery || q.id >= offset {
				kept = append(kept, q)
			}
		}
		s.queue = kept
	case offset < 0:
		var ordinary []int64
		for _, q := range s.queue {
			if !q.redelivery {
				ordinary = append(ordinary, q.id)
			}
		}
		sort.Slice(ordinary, func(i, j int) bool { return ordinary[i] < ordinary[j] })
		if drop := len(ordinary) - int(-offset); drop > 0 {
			s.confirmLocked(ordinary[drop])
		}
	}
}

// takeLocked returns up to limit updates in update_id order. Ordinary
// updates stay queued until confirmed; redeliveries leave once sent.
// Ordering by id matters for go-telegram/bot: it takes the offset from the
// last update of a batch, so a trailing duplicate would rewind it.
func (s *Server) takeLocked(limit int) []json.RawMessage {
	idx := make([]int, len(s.queue))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return s.queue[idx[a]].id < s.queue[idx[b]].id })
	if len(idx) > limit {
		idx = idx[:limit]
	}
	out := make([]json.RawMessage, 0, len(idx))
	sent := map[int]bool{}
	for _, i := range idx {
		out = append(out, json.RawMessage(s.queue[i].raw))
		sent[i] = true
	}
	kept := s.queue[:0]
	for i, q := range s.queue {
		if !(q.redelivery && sent[i]) {
			kept = append(kept, q)
		}
	}
	s.queue = kept
	return out
}

func (s *Server) getUpdates(ctx context.Context, c Call) (any, *APIError) {
	offset, _, apiErr := paramInt(c.Params, "offset")
	if apiErr != nil {
		return nil, apiErr
	}
	limit, hasLimit, apiErr := paramInt(c.Params, "limit")
	if apiErr != nil {
		return nil, apiErr
	}
	if !hasLimit || limit > 100 {
		limit = 100
	}
	limit = max(limit, 1)
	timeout, _, apiErr := paramInt(c.Params, "timeout")
	if apiErr != nil {
		return nil, apiErr
	}

	var expired <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(time.Duration(timeout) * time.Second)
		defer t.Stop()
		expired = t.C
	}

	s.mu.Lock()
	// A newer poll terminates an older one, exactly the symptom Telegram
	// shows when two bot instances run with the same token.
	s.pollSeq++
	seq := s.pollSeq
	if s.webhookURL == "" {
		s.confirmLocked(offset)
	}
	s.broadcastLocked()
	for {
		if s.webhookURL != "" {
			s.mu.Unlock()
			return nil, &APIError{Code: http.StatusConflict, Description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
		}
		if s.pollSeq != seq {
			s.mu.Unlock()
			return nil, &APIError{Code: http.StatusConflict, Description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
		}
		if len(s.queue) > 0 || expired == nil {
			out := s.takeLocked(int(limit))
			s.mu.Unlock()
			return out, nil
		}
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case <-expired:
			expired = nil
		case <-ctx.Done():
			return []json.RawMessage{}, nil // nobody is listening any more
		case <-s.done:
			return []json.RawMessage{}, nil
		}
		s.mu.Lock()
	}
}
