package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"

	"github.com/go-telegram/bot/models"

	"tkpkbot"
)

// maxUpdateBody bounds a webhook request; real updates are a few KB.
const maxUpdateBody = 1 << 20

// Webhook serves Telegram's webhook calls: it checks the secret header in
// constant time, handles the update before answering, so a crash means no
// 200 and Telegram delivers again.
func Webhook(secret string, log *slog.Logger, process func(ctx context.Context, upd *tkpkbot.Update) error) http.Handler {
	want := []byte(secret)
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		got := []byte(req.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
		if len(got) == 0 || subtle.ConstantTimeCompare(got, want) != 1 {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, maxUpdateBody))
		if err != nil {
			http.Error(w, "body too large or unreadable", http.StatusRequestEntityTooLarge)
			return
		}
		var upd models.Update
		if err := json.Unmarshal(body, &upd); err != nil || upd.ID == 0 {
			log.Warn("webhook: malformed update", "bytes", len(body))
			http.Error(w, "malformed update", http.StatusBadRequest)
			return
		}
		if err := process(context.WithoutCancel(req.Context()), FromModel(&upd)); err != nil {
			// Telegram delivers the update again later; Dedup keeps a
			// handled one from running twice.
			http.Error(w, "update not handled, retry later", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
