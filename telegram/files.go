package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"

	"tkpkbot"
)

func (c *Client) SendDocument(ctx context.Context, chatID int64, f tkpkbot.Upload, caption string) error {
	return c.upload(ctx, "sendDocument", "document", chatID, f, caption, nil)
}

func (c *Client) SendPhoto(ctx context.Context, chatID int64, f tkpkbot.Upload, caption string, kb tkpkbot.Keyboard) error {
	return c.upload(ctx, "sendPhoto", "photo", chatID, f, caption, kb)
}

// upload sends a file as multipart form data, the one encoding the Bot
// API takes file contents in. The caption is plain text, as it was.
func (c *Client) upload(ctx context.Context, method, field string, chatID int64, f tkpkbot.Upload, caption string, kb tkpkbot.Keyboard) error {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("chat_id", strconv.FormatInt(chatID, 10)) // a bytes.Buffer does not fail
	if caption != "" {
		_ = w.WriteField("caption", caption)
	}
	if m := markup(kb); m != nil {
		raw, err := json.Marshal(m)
		if err != nil {
			return fmt.Errorf("encode keyboard: %w", err)
		}
		_ = w.WriteField("reply_markup", string(raw))
	}
	part, err := w.CreateFormFile(field, f.Name)
	if err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	_, _ = part.Write(f.Data)
	_ = w.Close()
	return retry(ctx, func() error {
		return c.do(ctx, method, w.FormDataContentType(), body.Bytes(), nil)
	})
}

// Download fetches a file a user sent, at most limit+1 bytes, so the
// caller can tell a file above its limit. The download URL carries the
// bot token, so errors are stripped of it.
func (c *Client) Download(ctx context.Context, fileID string, limit int64) ([]byte, error) {
	var f struct {
		FilePath string `json:"file_path"`
	}
	err := retry(ctx, func() error {
		return c.call(ctx, "getFile", map[string]string{"file_id": fileID}, &f)
	})
	if err != nil {
		return nil, fmt.Errorf("getFile: %w", err)
	}
	if f.FilePath == "" {
		return nil, errors.New("getFile: no file path")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.APIURL+"/file/bot"+c.Token+"/"+f.FilePath, nil)
	if err != nil {
		return nil, errors.New("build download request")
	}
	resp, err := c.client().Do(req)
	if err != nil {
		return nil, fmt.Errorf("download file: %w", RedactToken(err, c.Token))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download file: HTTP %d", resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read download: %w", RedactToken(err, c.Token))
	}
	return data, nil
}

// SendFileID resends a file by the file_id Telegram gave it: no bytes
// travel, and Telegram checks the kind (a photo's id cannot go as a
// document).
func (c *Client) SendFileID(ctx context.Context, chatID int64, photo bool, fileID, caption string) error {
	method, field := "sendDocument", "document"
	if photo {
		method, field = "sendPhoto", "photo"
	}
	p := map[string]any{"chat_id": chatID, field: fileID}
	if caption != "" {
		p["caption"] = caption
	}
	return retry(ctx, func() error { return c.call(ctx, method, p, nil) })
}
