package store

import (
	"bytes"
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"tkpkbot/data"
	"tkpkbot/figcsv"
)

// SeedFigures loads the dataset shipped in tkpkbot/data when no figure is
// stored yet, so a fresh install answers /angka at once. It returns how
// many values it loaded (0 when figures were already there). Replicas
// starting together seed once: the emptiness check and the load share the
// writers' lock and one transaction.
func (db *DB) SeedFigures(ctx context.Context) (int, error) {
	var exists bool
	if err := db.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM figures)`).Scan(&exists); err != nil {
		return 0, db.wrap("seed figures", err)
	}
	if exists {
		return 0, nil
	}
	figs, err := figcsv.Parse(bytes.NewReader(data.FiguresCSV))
	if err != nil {
		return 0, fmt.Errorf("seed figures: shipped dataset: %w", err)
	}
	added := 0
	err = pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, figuresLock); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM figures)`).Scan(&exists); err != nil || exists {
			return err
		}
		res, err := db.importTx(ctx, tx, figs)
		added = res.Added
		return err
	})
	if err != nil {
		return 0, db.wrap("seed figures", err)
	}
	if added > 0 {
		db.Log.Info("figures seeded from the shipped dataset", "values", added)
	}
	return added, nil
}
