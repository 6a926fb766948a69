package store

import (
	"github.com/jackc/pgx/v5"

	"tkpkbot"
)

// importCounts reads the rows of an upsert of n rows that returns
// xmax = 0 (true for an inserted row, false for an updated one); the rows
// its WHERE left alone are the unchanged ones.
func importCounts(rows pgx.Rows, n int) (tkpkbot.ImportResult, error) {
	inserted, err := pgx.CollectRows(rows, pgx.RowTo[bool])
	if err != nil {
		return tkpkbot.ImportResult{}, err
	}
	var res tkpkbot.ImportResult
	for _, ins := range inserted {
		if ins {
			res.Added++
		} else {
			res.Changed++
		}
	}
	res.Unchanged = n - res.Added - res.Changed
	return res, nil
}
