package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"tkpkbot"
	"tkpkbot/handlers"
)

func TestStartGreetsByNameAndListsMainCommands(t *testing.T) {
	h := newHarness(t)
	got := texts(h.say(42, "Rahmat", "/start"))
	mustContain(t, got, "Halo, Rahmat!", "TKPK Kalimantan Timur", "/bantuan", "/daftar")
}

func TestHelpListsEveryCommandOfTheRole(t *testing.T) {
	h := newHarness(t)
	got := texts(h.say(adminID, "Admin", "/bantuan"))
	for _, c := range h.app.h.MenuCommands(tkpkbot.RoleAdmin) {
		if c.Command != "start" {
			mustContain(t, got, "/"+c.Command)
		}
	}
	mustContain(t, got, "Daftar perintah untuk admin", "Anggota", "/undang <wilayah> [peran]")
	if alias := texts(h.say(adminID, "Admin", "/help")); alias != got {
		t.Fatalf("/help differs from /bantuan:\n%s\nvs\n%s", alias, got)
	}
}

func TestUnknownCommandPointsToHelp(t *testing.T) {
	h := newHarness(t)
	msgs := h.say(42, "Rahmat", "/entahlah")
	if len(msgs) != 1 {
		t.Fatalf("want one reply, got %d", len(msgs))
	}
	mustContain(t, msgs[0].Text, "tidak dikenal", "/bantuan")
}

func TestGroupCommandsAddressedToUsOrOthers(t *testing.T) {
	h := newHarness(t)
	const group = -1001234
	h.settle(h.fake.SendGroupText(group, 42, "Rahmat", "/bantuan@tkpk_kaltim_bot"))
	if msgs := h.fake.Messages(group); len(msgs) != 1 || !strings.Contains(msgs[0].Text, "Daftar perintah") {
		t.Fatalf("addressed command: %q", texts(msgs))
	}
	h.settle(h.fake.SendGroupText(group, 42, "Rahmat", "/bantuan@other_bot"))
	h.settle(h.fake.SendGroupText(group, 42, "Rahmat", "/perintahbotlain"))
	if msgs := h.fake.Messages(group); len(msgs) != 1 {
		t.Fatalf("commands for other bots were answered: %q", texts(msgs))
	}
}

func TestCommandMenuAndWebhookAtStartup(t *testing.T) {
	h := newHarness(t)
	h.say(42, "Rahmat", "/start") // serving means start-up finished
	calls := h.fake.CallsTo("setMyCommands")
	if len(calls) == 0 {
		t.Fatal("setMyCommands not called")
	}
	var cmds []struct{ Command, Description string }
	if err := json.Unmarshal([]byte(calls[0].Params["commands"]), &cmds); err != nil {
		t.Fatal(err)
	}
	desc := map[string]string{}
	for _, c := range cmds {
		desc[c.Command] = c.Description
	}
	// the default scope is the strangers' menu: nothing they cannot use
	if desc["bantuan"] != "Daftar perintah dan contoh" || desc["angka"] == "" || desc["lapor"] != "" || desc["undang"] != "" {
		t.Fatalf("menu = %v", desc)
	}
	if len(h.fake.CallsTo("deleteWebhook")) == 0 {
		t.Fatal("deleteWebhook not called in polling mode")
	}
}

func TestPanicInHandlerIsRecoveredAndLogged(t *testing.T) {
	h := newHarness(t)
	h.stop()
	h.setup = func(a *app) {
		a.h.OnCommand(handlers.Access{Chats: handlers.AnyChat}, &handlers.Command{Name: "panik", Run: func(context.Context, *handlers.Request) error { panic("boom") }})
	}
	h.start()
	id := h.fake.SendText(42, "Rahmat", "/panik")
	h.settle(id)
	mustContain(t, lastText(h.fake.Messages(42)), "Maaf, terjadi kesalahan")
	mustContain(t, h.logs.String(), "handler panic", "update_id="+itoa(id), "boom")
	mustContain(t, texts(h.say(42, "Rahmat", "/start")), "Halo, Rahmat!")
}

func TestRedeliveredUpdateIsHandledOnce(t *testing.T) {
	h := newHarness(t)
	id := h.fake.SendText(42, "Rahmat", "/start")
	h.settle(id)
	// Telegram redelivers to a new process, after a crash lost the
	// confirmation; the running poller never asks for confirmed updates.
	h.restart()
	if !h.fake.PushDuplicate(id) {
		t.Fatal("could not redeliver")
	}
	h.say(42, "Rahmat", "/bantuan") // handled after the duplicate
	if starts := countIn(h.fake.Messages(42), "Halo, Rahmat"); starts != 1 {
		t.Fatalf("/start answered %d times", starts)
	}
}

func TestTokenNeverInLogs(t *testing.T) {
	h := newHarness(t)
	h.fake.FailNext("sendMessage", 1, 400, "Bad Request: chat not found", 0)
	h.say(42, "Rahmat", "/start")
	if strings.Contains(h.logs.String(), h.cfg.Token) {
		t.Fatal("token appears in logs")
	}
}

func TestSendRetriesAfter429(t *testing.T) {
	h := newHarness(t)
	h.fake.FailNext("sendMessage", 1, 429, "Too Many Requests: retry after 1", 1)
	start := time.Now()
	msgs := h.say(42, "Rahmat", "/start")
	if len(msgs) != 1 || !strings.Contains(msgs[0].Text, "Halo") {
		t.Fatalf("reply after 429: %q", texts(msgs))
	}
	if time.Since(start) < time.Second {
		t.Fatalf("retried before retry_after elapsed")
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }
