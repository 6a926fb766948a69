package telegram

import (
	"context"
	"errors"
	"time"

	"tkpkbot"
)

// Me is who the bot is.
type Me struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
}

// GetMe asks Telegram who the bot is, retrying a few times at start-up
// (the network may not be up yet) but not a wrong token or API URL.
func (c *Client) GetMe(ctx context.Context) (Me, error) {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var me Me
		cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		err = c.call(cctx, "getMe", struct{}{}, &me)
		cancel()
		if err == nil {
			return me, nil
		}
		var se *tkpkbot.SendError
		if errors.As(err, &se) && (se.Code == 401 || se.Code == 404) || ctx.Err() != nil {
			return Me{}, err
		}
		select {
		case <-time.After(time.Duration(attempt+1) * 500 * time.Millisecond):
		case <-ctx.Done():
			return Me{}, ctx.Err()
		}
	}
	return Me{}, err
}

// SetWebhook makes Telegram push updates to url with secret in the
// X-Telegram-Bot-Api-Secret-Token header.
func (c *Client) SetWebhook(ctx context.Context, url, secret string) error {
	return c.call(ctx, "setWebhook", map[string]any{
		"url": url, "secret_token": secret, "allowed_updates": []string{"message", "callback_query"},
	}, nil)
}

// DeleteWebhook lets getUpdates work again.
func (c *Client) DeleteWebhook(ctx context.Context) error {
	return c.call(ctx, "deleteWebhook", struct{}{}, nil)
}
