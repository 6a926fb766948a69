package main

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"tkpkbot"
	"tkpkbot/indo"
	"tkpkbot/reminders"
)

// Config is everything the binary reads from the environment.
type Config struct {
	// keepAdmins skips ending the admin role of IDs no longer configured:
	// each console names only its own user, and must not demote another
	// console's admin on the same database.
	keepAdmins bool

	Token         string
	APIURL        string
	DatabaseURL   string
	AdminIDs      []int64
	Location      *time.Location
	HTTPAddr      string // operations: /healthz, /readyz, /metrics
	WebhookAddr   string // the public webhook listener; only with WebhookURL
	WebhookURL    string
	WebhookSecret string
	Deadline      tkpkbot.Deadline
	ReportChatID  int64
	FloodBurst    int     // messages a user may send at once before flood control
	FloodRate     float64 // messages per second refilled
	LeaderRetry   time.Duration
	APITimeout    time.Duration // one Bot API request (sends); default 1 min
	PollTimeout   time.Duration // getUpdates long-poll; default 25 s
	// How long an HTTP server keeps an idle keep-alive connection; not an
	// operator setting, tests shorten it. Default 60 s.
	httpIdleTimeout time.Duration
	// Reminder offsets before a meeting and before the report deadline;
	// nil means the defaults, empty means none.
	ReminderOffsets       []time.Duration
	ReportReminderOffsets []time.Duration
	// Reminders before a materials deadline (/bahan), to coordinators
	// whose region has sent nothing; nil means the defaults.
	MaterialsReminderOffsets []time.Duration
}

// configError names the variable so one line tells the operator what to fix.
type configError struct {
	Var    string
	Reason string
}

func (e *configError) Error() string { return e.Var + ": " + e.Reason }

// loadConfig reads settings through getenv so tests need not touch the
// process environment. Values are never echoed for the token.
func loadConfig(getenv func(string) string) (Config, error) {
	c := Config{
		Token:         strings.TrimSpace(getenv("TELEGRAM_BOT_TOKEN")),
		APIURL:        strings.TrimRight(strings.TrimSpace(getenv("TELEGRAM_API_URL")), "/"),
		DatabaseURL:   strings.TrimSpace(getenv("DATABASE_URL")),
		HTTPAddr:      strings.TrimSpace(getenv("HTTP_ADDR")),
		WebhookAddr:   strings.TrimSpace(getenv("WEBHOOK_ADDR")),
		WebhookURL:    strings.TrimSpace(getenv("WEBHOOK_URL")),
		WebhookSecret: strings.TrimSpace(getenv("WEBHOOK_SECRET")),
		FloodBurst:    10,
		FloodRate:     1,
	}
	if c.APIURL == "" {
		c.APIURL = "https://api.telegram.org"
	}
	if err := checkURL(c.APIURL, "http", "https"); err != nil {
		return c, &configError{"TELEGRAM_API_URL", err.Error()}
	}
	if c.DatabaseURL != "" {
		if err := checkURL(c.DatabaseURL, "postgres", "postgresql"); err != nil {
			return c, &configError{"DATABASE_URL", err.Error()}
		}
	}
	// Loopback unless the operator says otherwise: metrics and readiness
	// describe the deployment and are no business of the internet.
	if c.HTTPAddr == "" {
		c.HTTPAddr = "127.0.0.1:8080"
	}
	if err := checkAddr(c.HTTPAddr); err != nil {
		return c, &configError{"HTTP_ADDR", err.Error()}
	}
	if c.WebhookAddr != "" {
		if err := checkAddr(c.WebhookAddr); err != nil {
			return c, &configError{"WEBHOOK_ADDR", err.Error()}
		}
	}
	for _, part := range strings.Split(getenv("BOT_ADMIN_IDS"), ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		id, err := strconv.ParseInt(part, 10, 64)
		if err != nil || id <= 0 {
			return c, &configError{"BOT_ADMIN_IDS", fmt.Sprintf("%q is not a Telegram user ID (digits only, comma-separated)", part)}
		}
		c.AdminIDs = append(c.AdminIDs, id)
	}
	zone := strings.TrimSpace(getenv("BOT_TIMEZONE"))
	if zone == "" {
		zone = "Asia/Makassar"
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return c, &configError{"BOT_TIMEZONE", fmt.Sprintf("unknown time zone %q (use e.g. Asia/Makassar)", zone)}
	}
	c.Location = loc
	if c.WebhookURL != "" {
		if err := checkURL(c.WebhookURL, "https", "http"); err != nil {
			return c, &configError{"WEBHOOK_URL", err.Error()}
		}
		if c.WebhookSecret == "" {
			return c, &configError{"WEBHOOK_SECRET", "required when WEBHOOK_URL is set (1-256 characters A-Z a-z 0-9 _ -)"}
		}
		if c.WebhookAddr == "" {
			return c, &configError{"WEBHOOK_ADDR", "required when WEBHOOK_URL is set: the address the webhook listens on, e.g. :8443 (HTTP_ADDR serves only /healthz, /readyz and /metrics)"}
		}
		if c.WebhookAddr == c.HTTPAddr && !strings.HasSuffix(c.WebhookAddr, ":0") {
			return c, &configError{"WEBHOOK_ADDR", "must differ from HTTP_ADDR: the webhook listener is public, the operations one is not"}
		}
	}
	c.Deadline = tkpkbot.DefaultDeadline
	if v := strings.TrimSpace(getenv("REPORT_DEADLINE")); v != "" {
		day, hour, minute, err := indo.ParseWeekdayTime(v)
		if err != nil {
			return c, &configError{"REPORT_DEADLINE", fmt.Sprintf("%q is not a weekday and time like \"Fri 16:00\"", v)}
		}
		c.Deadline = tkpkbot.Deadline{Weekday: day, Hour: hour, Minute: minute}
	}
	if v := strings.TrimSpace(getenv("REPORT_CHAT_ID")); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id == 0 {
			return c, &configError{"REPORT_CHAT_ID", fmt.Sprintf("%q is not a Telegram chat ID (a group ID looks like -1001234567890)", v)}
		}
		c.ReportChatID = id
	}
	for _, o := range []struct {
		name string
		def  []time.Duration
		dst  *[]time.Duration
	}{
		{"REMINDER_OFFSETS", reminders.DefaultMeetingOffsets, &c.ReminderOffsets},
		{"REPORT_REMINDER_OFFSETS", reminders.DefaultReportOffsets, &c.ReportReminderOffsets},
		{"MATERIALS_REMINDER_OFFSETS", reminders.DefaultMaterialsOffsets, &c.MaterialsReminderOffsets},
	} {
		offs, err := reminders.ParseOffsets(getenv(o.name), o.def)
		if err != nil {
			return c, &configError{o.name, err.Error()}
		}
		*o.dst = offs
	}
	if c.WebhookSecret != "" && !validSecret(c.WebhookSecret) {
		return c, &configError{"WEBHOOK_SECRET", "use 1-256 characters from A-Z a-z 0-9 _ - (Telegram's rule)"}
	}
	return c, nil
}

// configOrReport loads the configuration or prints the one line naming the
// bad variable; every subcommand starts with it.
func configOrReport(getenv func(string) string, stderr io.Writer) (Config, bool) {
	cfg, err := loadConfig(getenv)
	if err != nil {
		fmt.Fprintln(stderr, "tkpkbot: configuration error:", err)
		return cfg, false
	}
	return cfg, true
}

func checkURL(raw string, schemes ...string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return errors.New("not a valid URL")
	}
	for _, s := range schemes {
		if u.Scheme == s && u.Host != "" {
			return nil
		}
	}
	return fmt.Errorf("must be a URL starting with %s:// and naming a host", schemes[0])
}

func checkAddr(addr string) error {
	_, port, err := splitHostPort(addr)
	if err != nil {
		return err
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("port %q is not a number between 0 and 65535", port)
	}
	return nil
}

func splitHostPort(addr string) (string, string, error) {
	i := strings.LastIndex(addr, ":")
	if i < 0 {
		return "", "", fmt.Errorf("%q must look like :8080 or 127.0.0.1:8080", addr)
	}
	return addr[:i], addr[i+1:], nil
}

func validSecret(s string) bool {
	if len(s) > 256 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// envWithDotenv layers a .env file under the real environment: variables
// already set win, as operators expect from docker and systemd.
func envWithDotenv(path string) (func(string) string, error) {
	vals := map[string]string{}
	if _, err := os.Stat(path); err == nil {
		if vals, err = readDotenv(path); err != nil {
			if de := (*dotenvError)(nil); errors.As(err, &de) {
				return nil, err // already names the file and the line
			}
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return func(k string) string {
		if v, ok := os.LookupEnv(k); ok {
			return v
		}
		return vals[k]
	}, nil
}
