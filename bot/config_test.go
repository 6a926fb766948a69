package main

import (
	"fmt"
	"net"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadConfigDefaults(t *testing.T) {
	c, err := loadConfig(env(map[string]string{"DATABASE_URL": "postgres://u@h/db"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.APIURL != "https://api.telegram.org" || c.HTTPAddr != "127.0.0.1:8080" || c.Location.String() != "Asia/Makassar" {
		t.Fatalf("defaults: api=%q http=%q zone=%q", c.APIURL, c.HTTPAddr, c.Location)
	}
	if len(c.AdminIDs) != 0 || c.WebhookURL != "" {
		t.Fatalf("unexpected admin/webhook defaults: %+v", c)
	}
}

func TestLoadConfigValues(t *testing.T) {
	c, err := loadConfig(env(map[string]string{
		"TELEGRAM_BOT_TOKEN": "123:abc", "TELEGRAM_API_URL": "http://127.0.0.1:9000/",
		"BOT_ADMIN_IDS": " 11, 22 ,33", "BOT_TIMEZONE": "Asia/Jakarta", "HTTP_ADDR": "127.0.0.1:9090",
		"WEBHOOK_URL": "https://bot.example.org/tg/hook", "WEBHOOK_SECRET": "s3cret_-x", "WEBHOOK_ADDR": ":8443",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.APIURL != "http://127.0.0.1:9000" {
		t.Errorf("trailing slash kept: %q", c.APIURL)
	}
	if len(c.AdminIDs) != 3 || c.AdminIDs[0] != 11 || c.AdminIDs[2] != 33 {
		t.Errorf("admin ids: %v", c.AdminIDs)
	}
	if c.Location.String() != "Asia/Jakarta" || c.HTTPAddr != "127.0.0.1:9090" || c.WebhookSecret != "s3cret_-x" || c.WebhookAddr != ":8443" {
		t.Errorf("values: %+v", c)
	}
}

func TestLoadConfigBadValuesNameTheVariable(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"TELEGRAM_API_URL": "api.telegram.org"}, "TELEGRAM_API_URL"},
		{map[string]string{"TELEGRAM_API_URL": "http://%zz"}, "TELEGRAM_API_URL"},
		{map[string]string{"DATABASE_URL": "mysql://x/y"}, "DATABASE_URL"},
		{map[string]string{"BOT_ADMIN_IDS": "12,abc"}, "BOT_ADMIN_IDS"},
		{map[string]string{"BOT_ADMIN_IDS": "-5"}, "BOT_ADMIN_IDS"},
		{map[string]string{"BOT_TIMEZONE": "Mars/Olympus"}, "BOT_TIMEZONE"},
		{map[string]string{"HTTP_ADDR": "8080"}, "HTTP_ADDR"},
		{map[string]string{"HTTP_ADDR": ":99999"}, "HTTP_ADDR"},
		{map[string]string{"WEBHOOK_URL": "https://x.org/h"}, "WEBHOOK_SECRET"},
		{map[string]string{"WEBHOOK_URL": "nope", "WEBHOOK_SECRET": "a"}, "WEBHOOK_URL"},
		{map[string]string{"WEBHOOK_URL": "https://x.org/h", "WEBHOOK_SECRET": "a"}, "WEBHOOK_ADDR"},
		{map[string]string{"WEBHOOK_URL": "https://x.org/h", "WEBHOOK_SECRET": "a", "WEBHOOK_ADDR": "8443"}, "WEBHOOK_ADDR"},
		{map[string]string{"WEBHOOK_URL": "https://x.org/h", "WEBHOOK_SECRET": "a", "WEBHOOK_ADDR": ":70000"}, "WEBHOOK_ADDR"},
		{map[string]string{"WEBHOOK_URL": "https://x.org/h", "WEBHOOK_SECRET": "a", "WEBHOOK_ADDR": "127.0.0.1:8080"}, "WEBHOOK_ADDR"},
		{map[string]string{"WEBHOOK_SECRET": "has space"}, "WEBHOOK_SECRET"},
	}
	for _, c := range cases {
		_, err := loadConfig(env(c.env))
		if err == nil {
			t.Errorf("%v: accepted", c.env)
			continue
		}
		if !strings.HasPrefix(err.Error(), c.want+":") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: error %q should be one line starting with %s", c.env, err, c.want)
		}
	}
}

func TestConfigErrorNeverShowsToken(t *testing.T) {
	const token = "999999:SECRET-TOKEN-VALUE"
	_, err := loadConfig(env(map[string]string{"TELEGRAM_BOT_TOKEN": token, "BOT_TIMEZONE": "bad/zone"}))
	if err == nil || strings.Contains(err.Error(), token) {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadConfigReportSettings(t *testing.T) {
	c, err := loadConfig(env(map[string]string{"REPORT_DEADLINE": "Kamis 15.30", "REPORT_CHAT_ID": "-1001234567890"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Deadline.Weekday != 4 || c.Deadline.Hour != 15 || c.Deadline.Minute != 30 || c.ReportChatID != -1001234567890 {
		t.Fatalf("deadline %+v chat %d", c.Deadline, c.ReportChatID)
	}
	c, _ = loadConfig(env(nil))
	if c.Deadline.Weekday != 5 || c.Deadline.Hour != 16 {
		t.Fatalf("default deadline %+v", c.Deadline)
	}
	for k, v := range map[string]string{"REPORT_DEADLINE": "someday", "REPORT_CHAT_ID": "group"} {
		if _, err := loadConfig(env(map[string]string{k: v})); err == nil || !strings.HasPrefix(err.Error(), k+":") {
			t.Errorf("%s=%q: err %v", k, v, err)
		}
	}
}

func TestLoadConfigReminderOffsets(t *testing.T) {
	c, err := loadConfig(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(c.ReminderOffsets) != "[168h0m0s 24h0m0s 2h0m0s]" || fmt.Sprint(c.ReportReminderOffsets) != "[24h0m0s 3h0m0s]" {
		t.Fatalf("defaults: %v %v", c.ReminderOffsets, c.ReportReminderOffsets)
	}
	c, err = loadConfig(env(map[string]string{"REMINDER_OFFSETS": "1h, 3d", "REPORT_REMINDER_OFFSETS": "off"}))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(c.ReminderOffsets) != "[72h0m0s 1h0m0s]" || c.ReportReminderOffsets == nil || len(c.ReportReminderOffsets) != 0 {
		t.Fatalf("values: %v %#v", c.ReminderOffsets, c.ReportReminderOffsets)
	}
	for k, v := range map[string]string{"REMINDER_OFFSETS": "24", "REPORT_REMINDER_OFFSETS": "-3h", "MATERIALS_REMINDER_OFFSETS": "2x"} {
		if _, err := loadConfig(env(map[string]string{k: v})); err == nil || !strings.HasPrefix(err.Error(), k+":") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s=%q: err %v", k, v, err)
		}
	}
}

func TestLoadConfigActionReminderOffsets(t *testing.T) {
	offsetsVar{"ACTION_REMINDER_OFFSETS", func(c Config) []time.Duration { return c.ActionReminderOffsets },
		"[72h0m0s 24h0m0s]", "1d, 7d", "[168h0m0s 24h0m0s]", "3 hari"}.check(t)
}

func TestLoadConfigOpsAddrDefaultsToLoopback(t *testing.T) {
	c, err := loadConfig(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	host, _, err := net.SplitHostPort(c.HTTPAddr)
	if err != nil {
		t.Fatal(err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		t.Fatalf("default HTTP_ADDR %q is not a loopback address", c.HTTPAddr)
	}
}

func TestLoadConfigWebhookURLNeedsWebhookAddr(t *testing.T) {
	_, err := loadConfig(env(map[string]string{"WEBHOOK_URL": "https://bot.example.org/tg/hook", "WEBHOOK_SECRET": "s3cret"}))
	if err == nil || !strings.HasPrefix(err.Error(), "WEBHOOK_ADDR: required when WEBHOOK_URL is set") {
		t.Fatalf("err = %v", err)
	}
	// Without a webhook the setting is not needed.
	if _, err := loadConfig(env(nil)); err != nil {
		t.Fatal(err)
	}
}

func TestLoadConfigMaterialsReminderOffsets(t *testing.T) {
	offsetsVar{"MATERIALS_REMINDER_OFFSETS", func(c Config) []time.Duration { return c.MaterialsReminderOffsets },
		"[48h0m0s 3h0m0s]", "1d, 90m", "[24h0m0s 1h30m0s]", "soon"}.check(t)
}

// offsetsVar is one list-of-offsets setting as an operator meets it: its
// default, a value in days and minutes, "off" for none (an empty list, not
// the default), and a bad value refused with the variable's name first.
type offsetsVar struct {
	name               string
	of                 func(Config) []time.Duration
	def, in, want, bad string
}

func (v offsetsVar) check(t *testing.T) {
	t.Helper()
	c, err := loadConfig(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(v.of(c)) != v.def {
		t.Fatalf("default %s = %v, want %s", v.name, v.of(c), v.def)
	}
	c, err = loadConfig(env(map[string]string{v.name: v.in}))
	if err != nil || fmt.Sprint(v.of(c)) != v.want {
		t.Fatalf("%s=%s: %v %v", v.name, v.in, v.of(c), err)
	}
	c, err = loadConfig(env(map[string]string{v.name: "off"}))
	if err != nil || v.of(c) == nil || len(v.of(c)) != 0 {
		t.Fatalf("off: %#v %v", v.of(c), err)
	}
	if _, err := loadConfig(env(map[string]string{v.name: v.bad})); err == nil || !strings.HasPrefix(err.Error(), v.name+":") {
		t.Fatalf("%s=%s: err %v", v.name, v.bad, err)
	}
}
