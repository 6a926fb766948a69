// Package telegram is the only code that speaks the Bot API: it turns
// go-telegram's update models into tkpkbot.Update, polls or serves the
// webhook, and sends through one client with one retry policy and one
// reading of Telegram's errors.
package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"tkpkbot"
)

// maxAnswer bounds a Bot API answer held in memory; a getUpdates batch of
// 100 updates stays far below it.
const maxAnswer = 64 << 20

// Client calls the Bot API. Text methods go as JSON bodies, which are
// smaller and cheaper to build than go-telegram's multipart forms; only
// file uploads are multipart.
type Client struct {
	APIURL string // e.g. https://api.telegram.org
	Token  string
	HTTP   *http.Client
}

// envelope is every Bot API answer.
type envelope struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// call sends params as JSON to method and decodes the result into out
// (nil to ignore it). Every error is classified.
func (c *Client) call(ctx context.Context, method string, params, out any) error {
	body, err := json.Marshal(params)
	if err != nil {
		return classify(&apiCallError{method: method, err: fmt.Errorf("encode: %w", err), refused: true})
	}
	return c.do(ctx, method, "application/json", body, out)
}

func (c *Client) do(ctx context.Context, method, contentType string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url(method), bytes.NewReader(body))
	if err != nil {
		return classify(&apiCallError{method: method, err: errors.New("build request"), refused: true})
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := c.client().Do(req)
	if err != nil {
		return classify(&apiCallError{method: method, err: RedactToken(err, c.Token)})
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return classify(&apiCallError{method: method, err: fmt.Errorf("read answer: %w", RedactToken(err, c.Token))})
	}
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		return classify(&apiCallError{method: method, err: fmt.Errorf("unreadable answer (HTTP %d)", resp.StatusCode)})
	}
	if !env.OK {
		return classify(&apiCallError{method: method, code: env.ErrorCode, desc: env.Description, retryAfter: env.Parameters.RetryAfter})
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(env.Result, out); err != nil {
		return classify(&apiCallError{method: method, err: fmt.Errorf("decode result: %w", err)})
	}
	return nil
}

func (c *Client) url(method string) string { return c.APIURL + "/bot" + c.Token + "/" + method }

func (c *Client) client() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return http.DefaultClient
}

// RedactToken keeps the bot token out of logs and errors: net/http errors
// quote request URLs, and Telegram URLs carry the token. The cause stays
// reachable with errors.As, so the classifier can still tell a dial
// failure from a timeout; only its text is rewritten.
func RedactToken(err error, token string) error {
	if err == nil || token == "" || !strings.Contains(err.Error(), token) {
		return err
	}
	return &redacted{msg: strings.ReplaceAll(err.Error(), token, "<token>"), err: err}
}

type redacted struct {
	msg string
	err error
}

func (e *redacted) Error() string { return e.msg }
func (e *redacted) Unwrap() error { return e.err }

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

// maxBufferedBody bounds how much of a request body APITransport holds in
// memory; larger bodies (a big file upload) stream as the library sends them.
const maxBufferedBody = 1 << 20

// APITransport is the HTTP transport for Bot API calls. It fixes two costs of
// the library's defaults that show under bursts (every coordinator answering
// before a deadline):
//
//   - go-telegram/bot streams each request's multipart body through a pipe,
//     which net/http sends chunked and flushes after every chunk: a 1 KB
//     sendMessage leaves as a dozen tiny writes (TLS records and TCP
//     segments on a real link). APITransport reads such a body first and
//     sends it in one piece with a Content-Length. Client's own requests
//     already have one; the echo yardstick in internal/bench still goes
//     through go-telegram/bot.
//   - http.DefaultTransport keeps only 2 idle connections per host, so
//     concurrent sends close and redial (a TLS handshake each, against
//     api.telegram.org). APITransport keeps idle connections for every
//     worker.
type APITransport struct {
	Base http.RoundTripper
}

// NewAPITransport returns an APITransport over a connection pool sized for
// conns concurrent requests.
func NewAPITransport(conns int) *APITransport {
	t := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          conns,
		MaxIdleConnsPerHost:   conns,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	return &APITransport{Base: t}
}

func (t *APITransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body == nil || req.Body == http.NoBody || req.ContentLength > 0 {
		return t.Base.RoundTrip(req)
	}
	var buf bytes.Buffer
	// The body is read here, before the request goes out, so a cancelled
	// request must end the read too.
	stop := context.AfterFunc(req.Context(), func() { req.Body.Close() })
	n, err := io.Copy(&buf, io.LimitReader(req.Body, maxBufferedBody+1))
	stop()
	if err != nil {
		req.Body.Close()
		return nil, fmt.Errorf("read request body: %w", err)
	}
	out := req.Clone(req.Context())
	if n > maxBufferedBody {
		// Too big to hold: send what was read, then the rest, chunked.
		out.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(&buf, req.Body), req.Body}
		return t.Base.RoundTrip(out)
	}
	req.Body.Close()
	body := buf.Bytes()
	out.ContentLength = int64(len(body))
	out.Body = io.NopCloser(bytes.NewReader(body))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	if len(body) == 0 {
		out.Body = http.NoBody
	}
	return t.Base.RoundTrip(out)
}
