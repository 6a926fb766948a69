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
	"net/http"
	"strings"
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
