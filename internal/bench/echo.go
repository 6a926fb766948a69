package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"tkpkbot/telegram"
)

// Echo is the bench's yardstick: a bare go-telegram/bot bot that echoes
// every text, using the library's own poller and defaults, until ctx
// ends. `tkpkbot echo` (hidden from the usage text) runs it for the bench.
func Echo(ctx context.Context, getenv func(string) string, log *slog.Logger) error {
	// With BENCH_ECHO_HTML (and BENCH_ECHO_MARKUP) it answers every message
	// with that fixed HTML and keyboard instead: the library's limit for a
	// reply as large as ours.
	html, markup := getenv("BENCH_ECHO_HTML"), getenv("BENCH_ECHO_MARKUP")
	var kb *models.InlineKeyboardMarkup
	if markup != "" {
		kb = &models.InlineKeyboardMarkup{}
		if err := json.Unmarshal([]byte(markup), kb); err != nil {
			return fmt.Errorf("BENCH_ECHO_MARKUP: %w", err)
		}
	}
	opts := []bot.Option{bot.WithServerURL(getenv("TELEGRAM_API_URL"))}
	// With BENCH_ECHO_TRANSPORT=tkpkbot it sends over our Bot API
	// transport: the library's limit with the same HTTP tuning as ours.
	if getenv("BENCH_ECHO_TRANSPORT") == "tkpkbot" {
		opts = append(opts, bot.WithHTTPClient(time.Minute, &http.Client{Timeout: time.Minute, Transport: telegram.NewAPITransport(128)}))
	}
	b, err := bot.New(getenv("TELEGRAM_BOT_TOKEN"), append(opts,
		bot.WithDefaultHandler(func(ctx context.Context, b *bot.Bot, u *models.Update) {
			if u.Message == nil {
				return
			}
			p := &bot.SendMessageParams{ChatID: u.Message.Chat.ID, Text: u.Message.Text}
			if html != "" {
				p.Text, p.ParseMode = html, models.ParseModeHTML
				if kb != nil {
					p.ReplyMarkup = kb
				}
			}
			if _, err := b.SendMessage(ctx, p); err != nil {
				log.Warn("echo failed", "err", err)
			}
		}))...)
	if err != nil {
		return fmt.Errorf("echo bot: %w", err)
	}
	b.Start(ctx)
	return nil
}
