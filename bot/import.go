package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"

	"tkpkbot"
	"tkpkbot/figcsv"
)

func runImport(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger, stdout, stderr io.Writer) int {
	fs := newFlags("import", "tkpkbot import [--check] FILE.csv",
		`Loads poverty figures from a CSV file (columns wilayah, periode, indikator, nilai,
satuan, sumber; see data/README.md) into DATABASE_URL, applying migrations first.
The import is all-or-nothing: any bad row rejects the whole file. The first 20
bad rows are listed with their spreadsheet row numbers, then how many more. A value with the same wilayah,
periode, indikator and sumber as a stored one replaces it; importing the same file
twice changes nothing. Running bots pick the new figures up within seconds.
On a database without figures, the dataset shipped with the bot is loaded first.`, stdout)
	check := fs.Bool("check", false, "only check the file; do not connect to the database")
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "tkpkbot import: give one CSV file, e.g. tkpkbot import angka-2025.csv")
		return 2
	}
	path := fs.Arg(0)
	figs, code := readFigures(path, stderr)
	if code != 0 {
		return code
	}
	if *check {
		fmt.Fprintf(stdout, "%s: %d values, all valid\n", path, len(figs))
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
	if _, err := db.SeedFigures(ctx); err != nil {
		fmt.Fprintln(stderr, "tkpkbot:", err)
		return 1
	}
	res, err := db.ImportFigures(ctx, figs)
	if err != nil {
		fmt.Fprintf(stderr, "tkpkbot import: %s: nothing was saved: %v\n", path, err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: %d added, %d changed, %d unchanged\n", path, res.Added, res.Changed, res.Unchanged)
	return 0
}

// readFigures parses the file, printing the first rejected rows.
func readFigures(path string, stderr io.Writer) ([]tkpkbot.Figure, int) {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(stderr, "tkpkbot import:", err)
		return nil, 1
	}
	defer f.Close()
	figs, err := figcsv.Parse(f)
	if code := reportParse(path, err, stderr); code != 0 {
		return nil, code
	}
	return figs, 0
}
