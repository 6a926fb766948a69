package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"tkpkbot/internal/bench"
)

// runEcho is the bench's yardstick, a bare go-telegram/bot echo bot;
// hidden from the usage text, `tkpkbot bench` starts it.
func runEcho(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger, stdout, stderr io.Writer) int {
	fs := newFlags("echo", "tkpkbot echo", "A bare go-telegram/bot echo bot, the yardstick of `tkpkbot bench`.", stdout)
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if err := bench.Echo(ctx, getenv, log); err != nil {
		fmt.Fprintln(stderr, "tkpkbot echo:", err)
		return 1
	}
	return 0
}
