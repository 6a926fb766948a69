package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"tkpkbot"
	"tkpkbot/figcsv"
	"tkpkbot/store"
)

func runImportTargets(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger, stdout, stderr io.Writer) int {
	return importer[tkpkbot.Target]{
		name: "import-targets", example: "target-2025.csv", unit: "targets",
		doc: `Loads yearly targets from a CSV file (columns tahun, wilayah, target, nilai, sumber;
target is kk, households to reach that year, or anggaran, the budget ceiling in
rupiah) into DATABASE_URL, applying migrations first. Delimiter and numbers follow
the figures CSV (see data/README.md). All-or-nothing: any bad row rejects the
whole file, listed with its spreadsheet row number. A target with the same tahun,
wilayah and target as a stored one replaces it.`,
		parse: figcsv.ParseTargets,
		save: func(ctx context.Context, db *store.DB, ts []tkpkbot.Target) (tkpkbot.ImportResult, error) {
			return db.ImportTargets(ctx, ts, 0)
		},
	}.run(ctx, args, getenv, log, stdout, stderr)
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
