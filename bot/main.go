// Command tkpkbot runs the TKPK Kalimantan Timur Telegram bot. main only
// reads configuration and wires the parts; see app.go.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

const usage = `tkpkbot — bot Telegram TKPK Kalimantan Timur

Usage:
  tkpkbot [serve]           connect to PostgreSQL, apply migrations and serve Telegram updates
  tkpkbot console [flags]   try the bot in this terminal, without Telegram (no token needed)
  tkpkbot migrate           apply database migrations and exit
  tkpkbot import FILE.csv   load poverty figures from a CSV file (all-or-nothing)
  tkpkbot import-targets FILE.csv  load yearly targets (kk, anggaran) from a CSV file
  tkpkbot bench [flags]     load benchmark against a fake Bot API (see docs/performance.md)
  tkpkbot --version         print the version and commit
  tkpkbot COMMAND --help    describe one command

Configuration comes from the environment; a .env file in the working directory
is read too (real environment variables win). See README.md for the table:
  TELEGRAM_BOT_TOKEN  TELEGRAM_API_URL  DATABASE_URL  BOT_ADMIN_IDS  BOT_TIMEZONE
  HTTP_ADDR  WEBHOOK_URL  WEBHOOK_ADDR  WEBHOOK_SECRET  REPORT_DEADLINE  REPORT_CHAT_ID
  REMINDER_OFFSETS  REPORT_REMINDER_OFFSETS  MATERIALS_REMINDER_OFFSETS
  ACTION_REMINDER_OFFSETS  LOG_FORMAT  LOG_LEVEL
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: tests call it with their own streams.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd, explicit := "serve", false
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args, explicit = args[0], args[1:], true
	}
	if cmd == "help" || !explicit && len(args) > 0 && isHelpFlag(args[0]) {
		fmt.Fprint(stdout, usage)
		return 0
	}
	if cmd == "version" || !explicit && len(args) > 0 && (args[0] == "--version" || args[0] == "-version") {
		printVersion(stdout)
		return 0
	}
	getenv, err := envWithDotenv(".env")
	if err != nil {
		fmt.Fprintln(stderr, "tkpkbot:", err)
		return 2
	}
	log := newLogger(getenv, stderr)

	switch cmd {
	case "serve":
		return runServe(ctx, args, getenv, log, stdout, stderr)
	case "console":
		return runConsole(ctx, args, getenv, log, stdin, stdout, stderr)
	case "migrate":
		return runMigrate(ctx, args, getenv, log, stdout, stderr)
	case "import":
		return runImport(ctx, args, getenv, log, stdout, stderr)
	case "import-targets":
		return runImportTargets(ctx, args, getenv, log, stdout, stderr)
	case "bench":
		return runBench(ctx, args, getenv, log, stdout, stderr)
	case "echo":
		return runEcho(ctx, args, getenv, log, stdout, stderr)
	}
	fmt.Fprintf(stderr, "tkpkbot: unknown command %q\n\n%s", cmd, usage)
	return 2
}

func isHelpFlag(a string) bool { return a == "-h" || a == "-help" || a == "--help" }

// newFlags builds a subcommand's flag set whose --help prints a description.
func newFlags(name, synopsis, description string, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stdout)
	fs.Usage = func() {
		fmt.Fprintf(stdout, "Usage: %s\n\n%s\n", synopsis, description)
		var hasFlags bool
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(stdout, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseFlags returns done=true when --help was asked (exit 0) or the flags
// were wrong (exit 2).
func parseFlags(fs *flag.FlagSet, args []string) (code int, done bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, true
		}
		return 2, true
	}
	return 0, false
}

func newLogger(getenv func(string) string, w io.Writer) *slog.Logger {
	level := slog.LevelInfo
	switch strings.ToLower(getenv("LOG_LEVEL")) {
	case "debug":
		level = slog.LevelDebug
	case "warn":
		level = slog.LevelWarn
	case "error":
		level = slog.LevelError
	}
	opts := &slog.HandlerOptions{Level: level}
	if strings.EqualFold(getenv("LOG_FORMAT"), "json") {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
