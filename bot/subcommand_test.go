package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
)

// subcommandFunc is the shape of every `tkpkbot <command>`.
type subcommandFunc func(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger, stdout, stderr io.Writer) int

// subcommand runs one against the harness's database, as an operator
// would beside the running bot, and returns its exit code and output.
func (h *harness) subcommand(run subcommandFunc) func(args ...string) (int, string, string) {
	env := func(k string) string {
		if k == "DATABASE_URL" {
			return h.cfg.DatabaseURL
		}
		return ""
	}
	return func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := run(context.Background(), args, env, slog.New(slog.DiscardHandler), &out, &errOut)
		return code, out.String(), errOut.String()
	}
}
