package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"tkpkbot"
	"tkpkbot/figcsv"
)

func runImportTargets(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger, stdout, stderr io.Writer) int {
	fs := newFlags("import-targets", "tkpkbot import-targets [--check] FILE.csv",
		`Loads yearly targets from a CSV file (columns tahun, wilayah, target, nilai, sumber;
target is kk, households to reach that year, or anggaran, the budget ceiling in
rupiah) into DATABASE_URL, applying migrations first. Delimiter and numbers follow
the figures CSV (see data/README.md). All-or-nothing: any bad row rejects the
whole file, listed with its spreadsheet row number. A target with the same tahun,
wilayah and target as a stored one replaces it.`, stdout)
	check := fs.Bool("check", false, "only check the file; do not connect to the database")
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "tkpkbot import-targets: give one CSV file, e.g. tkpkbot import-targets target-2025.csv")
		return 2
	}
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(stderr, "tkpkbot import-targets:", err)
		return 1
	}
	ts, err := figcsv.ParseTargets(f)
	f.Close()
	if code := reportParse(path, err, stderr); code != 0 {
		return code
	}
	if *check {
		fmt.Fprintf(stdout, "%s: %d targets, all valid\n", path, len(ts))
		return 0
	}
	cfg, ok := configOrReport(getenv, stderr)
	if !ok {
		return 2
	}
	db, err := openStore(ctx, cfg, log, tkpkbot.SystemClock{})
	if err != nil {
		fmt.Fprintln(stderr, "tkpkbot:", err)
		return 1
	}
	defer db.Close()
	res, err := db.ImportTargets(ctx, ts, 0)
	if err != nil {
		fmt.Fprintf(stderr, "tkpkbot import-targets: %s: nothing was saved: %v\n", path, err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: %d added, %d changed, %d unchanged\n", path, res.Added, res.Changed, res.Unchanged)
	return 0
}

// reportParse prints a rejected file as the figures import does: the
// first rows with their spreadsheet numbers, then how many more.
func reportParse(path string, err error, stderr io.Writer) int {
	var pe *figcsv.ParseError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &pe):
		fmt.Fprintf(stderr, "%s: rejected, nothing was saved: %d bad rows\n", path, len(pe.Lines))
		head, rest := pe.Head(figcsv.MaxListed)
		for _, l := range head {
			fmt.Fprintf(stderr, "  baris %d: %s\n", l.Line, l.Reason)
		}
		if rest > 0 {
			fmt.Fprintf(stderr, "  %s\n", figcsv.More(rest))
		}
	case tkpkbot.ErrorCode(err) == tkpkbot.EINVALID:
		fmt.Fprintf(stderr, "%s: rejected, nothing was saved: %s\n", path, tkpkbot.ErrorMessage(err))
	default:
		fmt.Fprintf(stderr, "%s: %v\n", path, err)
	}
	return 1
}
