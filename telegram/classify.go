package telegram

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"tkpkbot"
)

// apiCallError is one failed Bot API call before classification: either
// Telegram's answer (code, desc) or the failure to get one (err).
type apiCallError struct {
	method     string
	code       int
	desc       string
	retryAfter int
	err        error
	refused    bool // the request could not even be built: nothing was sent
}

func (e *apiCallError) Error() string {
	if e.err != nil {
		return fmt.Sprintf("telegram %s: %v", e.method, e.err)
	}
	return fmt.Sprintf("telegram %s: %d %s", e.method, e.code, e.desc)
}

func (e *apiCallError) Unwrap() error { return e.err }

// classify is the one reading of Bot API failures. When Telegram answered,
// the request was certainly not executed, so only a failure without an
// answer can be uncertain.
func classify(e *apiCallError) *tkpkbot.SendError {
	se := &tkpkbot.SendError{Failure: tkpkbot.SendUncertain, Code: e.code, Err: e}
	desc := strings.ToLower(e.desc)
	switch {
	case e.refused:
		se.Failure = tkpkbot.SendRejected
	case e.code == 429:
		se.Failure, se.RetryAfter = tkpkbot.SendRateLimited, time.Duration(max(e.retryAfter, 1))*time.Second
	case e.code == 403:
		se.Failure = tkpkbot.SendUnreachable
	case e.code == 400:
		se.Failure = tkpkbot.SendRejected
		if strings.Contains(desc, "chat not found") || strings.Contains(desc, "user not found") ||
			strings.Contains(desc, "peer_id_invalid") {
			se.Failure = tkpkbot.SendUnreachable
		}
	case e.code != 0:
		// 5xx, and a revoked token or wrong API URL (401, 404, 409):
		// nothing gets through until Telegram or an operator fixes it.
		se.Failure = tkpkbot.SendTransient
	default:
		var op *net.OpError
		if errors.As(e.err, &op) && op.Op == "dial" {
			se.Failure = tkpkbot.SendTransient // never connected: nothing left the process
		}
		// Timeouts, resets, unreadable answers: the request may have
		// reached Telegram and been executed.
	}
	return se
}

// worthRetry says whether a handler's call is tried again at once, and
// after how long: after a 429 its retry_after; after a 5xx or a network
// failure the backoff. A retry after a timeout may deliver a message
// twice, because the first attempt may have arrived; that is the only case
// where a user can see a duplicate.
func worthRetry(err error, backoff time.Duration) (time.Duration, bool) {
	f, wait := tkpkbot.FailureOf(err)
	if f == tkpkbot.SendRateLimited {
		return wait, true
	}
	if errors.Is(err, context.Canceled) {
		return 0, false
	}
	var se *tkpkbot.SendError
	if errors.As(err, &se) && se.Code >= 500 {
		return backoff, true
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return backoff, true
	}
	return 0, false
}

// retry runs f a bounded number of times while worthRetry says so.
func retry(ctx context.Context, f func() error) error {
	const attempts = 4
	var err error
	backoff := 300 * time.Millisecond
	for i := 0; i < attempts; i++ {
		if err = f(); err == nil {
			return nil
		}
		wait, again := worthRetry(err, backoff)
		if !again || i == attempts-1 {
			return err
		}
		backoff *= 2
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		}
	}
	return err
}
