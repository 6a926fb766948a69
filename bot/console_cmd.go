package main

import (
	"context"
	"io"
	"log/slog"
	"slices"

	"tkpkbot"
	"tkpkbot/internal/console"
)

// runConsole parses the console's flags and hands it the real wiring;
// internal/console does the rest.
func runConsole(ctx context.Context, args []string, getenv func(string) string, _ *slog.Logger, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("console", "tkpkbot console [--user-id N] [--name NAME] [--admin=false]",
		`Runs the bot's real handlers and database without Telegram: an in-process copy of
the Bot API carries your lines to the bot as messages from one user, and prints the
bot's replies here. Buttons of the bot's last message appear as numbered choices:
type the number to press one; a number typed when the last message has no buttons
(a form question) is sent as text. Files the bot sends are saved in a new folder
under the system temp folder and their path is printed. Ctrl-D or /keluar quits.
Uses DATABASE_URL (environment or .env); when it is unset, asks scripts/devdb.sh
for the project-local database, the one "make run" uses. Several consoles may run
at once on one database (say an admin and a coordinator, each in a terminal).`, stdout)
	userID := fs.Int64("user-id", 100001, "Telegram user ID to act as")
	name := fs.String("name", "Tamu", "first name of that user")
	admin := fs.Bool("admin", true, "make this user a province admin (as if listed in BOT_ADMIN_IDS)")
	if code, done := parseFlags(fs, args); done {
		return code
	}
	cfg, ok := configOrReport(getenv, stderr)
	if !ok {
		return 2
	}
	return console.Run(ctx, console.Options{
		UserID: *userID, Name: *name, Admin: *admin, DatabaseURL: cfg.DatabaseURL,
		Stdin: stdin, Stdout: stdout, Stderr: stderr,
		Wire: func(ctx context.Context, t console.Target) (console.Serve, error) {
			cfg := cfg
			cfg.Token, cfg.APIURL, cfg.WebhookURL, cfg.DatabaseURL = t.Token, t.APIURL, "", t.DatabaseURL
			cfg.AdminIDs = slices.Concat(cfg.AdminIDs, t.AdminIDs)
			cfg.keepAdmins = true // another console's admin is not this one's to end
			a, err := newApp(ctx, cfg, t.Log, tkpkbot.SystemClock{})
			if err != nil {
				return nil, err
			}
			// The console's fake is polled by nobody else, so it must not
			// wait for the poller lock another console (or a real replica)
			// holds. Reminder sweeps still claim their rows in the
			// database: exactly one console sends each reminder.
			a.soloAPI = true
			return func(ctx context.Context) error { return a.serve(ctx, false) }, nil
		},
	})
}
