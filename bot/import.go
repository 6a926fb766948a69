package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"

	"tkpkbot"
	"tkpkbot/figcsv"
	"tkpkbot/store"
)

func runImport(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger, stdout, stderr io.Writer) int {
	return importer[tkpkbot.Figure]{
		name: "import", example: "angka-2025.csv", unit: "values",
		doc: `Loads poverty figures from a CSV file (columns wilayah, periode, indikator, nilai,
satuan, sumber; see data/README.md) into DATABASE_URL, applying migrations first.
The import is all-or-nothing: any bad row rejects the whole file. The first 20
bad rows are listed with their spreadsheet row numbers, then how many more. A value with the same wilayah,
periode, indikator and sumber as a stored one replaces it; importing the same file
twice changes nothing. Running bots pick the new figures up within seconds.
On a database without figures, the dataset shipped with the bot is loaded first.`,
		parse: figcsv.Parse,
		save: func(ctx context.Context, db *store.DB, figs []tkpkbot.Figure) (tkpkbot.ImportResult, error) {
			if _, err := db.SeedFigures(ctx); err != nil {
				return tkpkbot.ImportResult{}, err
			}
			return db.ImportFigures(ctx, figs)
		},
	}.run(ctx, args, getenv, log, stdout, stderr)
}

// importer is one all-or-nothing CSV import subcommand: figures and
// targets share the flags, the checking, the report of rejected rows and
// the summary, and differ only in how rows are read and saved.
type importer[T any] struct {
	name, example, unit, doc string
	parse                    func(io.Reader) ([]T, error)
	save                     func(context.Context, *store.DB, []T) (tkpkbot.ImportResult, error)
}

func (im importer[T]) run(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger, stdout, stderr io.Writer) int {
	fs := newFlags(im.name, "tkpkbot "+im.name+" [--check] FILE.csv", im.doc, stdout)
	check := fs.Bool("check", false, "only check the file; do not connect to the database")
	if code, done := parseFlags(fs, args); done {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "tkpkbot %s: give one CSV file, e.g. tkpkbot %s %s\n", im.name, im.name, im.example)
		return 2
	}
	path := fs.Arg(0)
	rows, code := im.read(path, stderr)
	if code != 0 {
		return code
	}
	if *check {
		fmt.Fprintf(stdout, "%s: %d %s, all valid\n", path, len(rows), im.unit)
		return 0
	}
	db, code := storeOrReport(ctx, getenv, log, stderr)
	if db == nil {
		return code
	}
	defer db.Close()
	res, err := im.save(ctx, db, rows)
	if err != nil {
		fmt.Fprintf(stderr, "tkpkbot %s: %s: nothing was saved: %v\n", im.name, path, err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: %d added, %d changed, %d unchanged\n", path, res.Added, res.Changed, res.Unchanged)
	return 0
}

// read parses the file, printing the first rejected rows.
func (im importer[T]) read(path string, stderr io.Writer) ([]T, int) {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "tkpkbot %s: %v\n", im.name, err)
		return nil, 1
	}
	defer f.Close()
	rows, err := im.parse(f)
	if code := reportParse(path, err, stderr); code != 0 {
		return nil, code
	}
	return rows, 0
}
