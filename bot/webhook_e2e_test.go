package main

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func TestWebhookMode(t *testing.T) {
	addr := freeAddr(t)
	// TLS ends at the reverse proxy; the bot serves the URL's path on WEBHOOK_ADDR.
	public, hook := "https://bot.example.org/tg/hook", "http://"+addr+"/tg/hook"
	h := newHarness(t, func(c *Config) {
		c.WebhookAddr, c.WebhookURL, c.WebhookSecret = addr, public, "s3cret-token_1"
	})
	calls := h.fake.CallsTo("setWebhook")
	deadline := time.Now().Add(5 * time.Second)
	for len(calls) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		calls = h.fake.CallsTo("setWebhook")
	}
	if len(calls) != 1 || calls[0].Params["url"] != public || calls[0].Params["secret_token"] != "s3cret-token_1" {
		t.Fatalf("setWebhook calls = %+v", calls)
	}
	if n := len(h.fake.CallsTo("getUpdates")); n != 0 {
		t.Fatalf("polled %d times in webhook mode", n)
	}

	upd := models.Update{ID: 9001, Message: &models.Message{
		ID: 1, Date: int(time.Now().Unix()), Text: "/start",
		Chat:     models.Chat{ID: 42, Type: models.ChatTypePrivate},
		From:     &models.User{ID: 42, FirstName: "Rahmat"},
		Entities: []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: 6}},
	}}
	body, _ := json.Marshal(upd)
	post := func(secret string, payload []byte) int {
		req, _ := http.NewRequest(http.MethodPost, hook, bytes.NewReader(payload))
		req.Header.Set("Content-Type", "application/json")
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, c := range []struct {
		secret  string
		payload []byte
		want    int
	}{
		{"", body, 401},
		{"wrong", body, 401},
		{"s3cret-token_1", []byte("{not json"), 400},
		{"s3cret-token_1", bytes.Repeat([]byte("x"), 2<<20), 413},
		{"s3cret-token_1", body, 200},
		{"s3cret-token_1", body, 200}, // Telegram's redelivery
	} {
		if got := post(c.secret, c.payload); got != c.want {
			t.Errorf("secret %q, %d bytes: status %d, want %d", c.secret, len(c.payload), got, c.want)
		}
	}
	if greetings := countIn(h.fake.Messages(42), "Halo, Rahmat"); greetings != 1 {
		t.Fatalf("greeted %d times, want exactly once", greetings)
	}
}
