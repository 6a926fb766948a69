package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// Poller is our own getUpdates loop. go-telegram/bot's poller confirms an
// update before its handler runs, so a crash would lose it; here the offset
// only moves past updates whose handling finished.
type Poller struct {
	APIURL  string // e.g. https://api.telegram.org
	Token   string
	Client  *http.Client
	Timeout time.Duration // long-poll timeout; default 25s
	Workers int           // chats handled at once; default 64
	Log     *slog.Logger
	// Process handles one update synchronously; false means it failed in
	// a way a redelivery could fix.
	Process func(ctx context.Context, upd *models.Update) bool
	// Done records the IDs of a batch's handled updates before the batch
	// is confirmed.
	Done func(ctx context.Context, ids []int64)
	// Filter, if set, drops updates of a batch before handling (duplicates).
	Filter func(ctx context.Context, updates []*models.Update) []*models.Update
	// Drain bounds how long in-flight updates may run after ctx ends.
	Drain time.Duration

	offset int64
}

// Run polls until ctx ends, then lets the batch in flight finish (at most
// Drain) and confirms it, so nothing handled is redelivered and nothing
// unhandled is confirmed.
func (p *Poller) Run(ctx context.Context) error {
	if p.Timeout == 0 {
		p.Timeout = 25 * time.Second
	}
	if p.Workers == 0 {
		p.Workers = 64
	}
	if p.Drain == 0 {
		p.Drain = 10 * time.Second
	}
	if p.Client == nil {
		p.Client = &http.Client{Timeout: p.Timeout + 10*time.Second}
	}
	backoff := time.Duration(0)
	for ctx.Err() == nil {
		if backoff > 0 {
			select {
			case <-time.After(backoff):
			case <-ctx.Done():
				continue
			}
		}
		updates, err := p.fetch(ctx, p.offset, p.Timeout)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			backoff = nextBackoff(backoff, err)
			p.Log.Warn("getUpdates failed", "err", err, "retry_in", backoff.String())
			continue
		}
		backoff = 0
		p.handleBatch(ctx, updates)
	}
	// Confirm what was handled; timeout 0 returns at once.
	cctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if _, err := p.fetch(cctx, p.offset, 0); err != nil {
		p.Log.Warn("final confirm failed; last updates may be redelivered and dropped as duplicates", "err", err)
	}
	return nil
}

// handleBatch runs each chat's updates in order while different chats run
// concurrently; the offset advances only after the whole batch.
func (p *Poller) handleBatch(ctx context.Context, updates []*models.Update) {
	if len(updates) == 0 {
		return
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

	last := updates[len(updates)-1].ID
	defer func() { p.offset = last + 1 }()
	if p.Filter != nil {
		updates = p.Filter(hctx, updates)
	}
	groups := map[int64][]*models.Update{}
	var order []int64
	for _, u := range updates {
		k := chatKey(u)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], u)
	}
	sem := make(chan struct{}, p.Workers)
	var wg sync.WaitGroup
	var mu sync.Mutex
	handled := make([]int64, 0, len(updates))
	for _, k := range order {
		sem <- struct{}{}
		wg.Add(1)
		go func(us []*models.Update) {
			defer func() { <-sem; wg.Done() }()
			for _, u := range us {
				if p.Process(hctx, u) {
					mu.Lock()
					handled = append(handled, u.ID)
					mu.Unlock()
				}
			}
		}(groups[k])
	}
	wg.Wait()
	if p.Done != nil {
		p.Done(hctx, handled)
	}
}

// chatKey groups updates that must be handled in order: same chat, or
// same user when there is no chat.
func chatKey(u *models.Update) int64 {
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.CallbackQuery != nil:
		if m := u.CallbackQuery.Message.Message; m != nil {
			return m.Chat.ID
		}
		return u.CallbackQuery.From.ID
	case u.EditedMessage != nil:
		return u.EditedMessage.Chat.ID
	}
	return 0
}

type apiError struct {
	Code       int
	Desc       string
	RetryAfter int
}

func (e *apiError) Error() string { return fmt.Sprintf("telegram %d: %s", e.Code, e.Desc) }

func (p *Poller) fetch(ctx context.Context, offset int64, timeout time.Duration) ([]*models.Update, error) {
	form := url.Values{}
	if offset > 0 {
		form.Set("offset", strconv.FormatInt(offset, 10))
	}
	form.Set("timeout", strconv.Itoa(int(timeout.Seconds())))
	form.Set("allowed_updates", `["message","callback_query"]`)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.APIURL+"/bot"+p.Token+"/getUpdates", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, errors.New("build getUpdates request")
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := p.Client.Do(req)
	if err != nil {
		return nil, RedactToken(err, p.Token)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("read getUpdates: %w", RedactToken(err, p.Token))
	}
	var r struct {
		OK          bool             `json:"ok"`
		Result      []*models.Update `json:"result"`
		ErrorCode   int              `json:"error_code"`
		Description string           `json:"description"`
		Parameters  struct {
			RetryAfter int `json:"retry_after"`
		} `json:"parameters"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, &apiError{Code: resp.StatusCode, Desc: "unreadable getUpdates response"}
	}
	if !r.OK {
		return nil, &apiError{Code: r.ErrorCode, Desc: r.Description, RetryAfter: r.Parameters.RetryAfter}
	}
	return r.Result, nil
}

func nextBackoff(prev time.Duration, err error) time.Duration {
	var ae *apiError
	if errors.As(err, &ae) && ae.RetryAfter > 0 {
		return time.Duration(ae.RetryAfter) * time.Second
	}
	if prev == 0 {
		return 200 * time.Millisecond
	}
	return min(prev*2, 10*time.Second)
}

// RedactToken keeps the bot token out of logs and errors: net/http errors
// quote request URLs, and Telegram URLs carry the token.
func RedactToken(err error, token string) error {
	if err == nil || token == "" || !strings.Contains(err.Error(), token) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), token, "<token>"))
}
