package store

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"github.com/jackc/pgx/v5"

	"tkpkbot"
)

var _ tkpkbot.FigureService = (*DB)(nil)

// figuresLock serialises writers of figures (imports and the first-start
// seed) so counts of added and changed values are exact.
const figuresLock int64 = 0x746b706b_66696773 // "tkpkfigs"

// FiguresChannel is the NOTIFY channel an import signals on, so every
// replica refreshes its in-memory copy.
const FiguresChannel = "figures_changed"

const figureCols = `region_code, period_key, indicator, value::float8, decimals, unit, source`

// Figures returns every figure, ordered by region, period, indicator and
// source.
func (db *DB) Figures(ctx context.Context) ([]tkpkbot.Figure, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+figureCols+` FROM figures
		ORDER BY region_code, period_date, period_key, indicator, source`)
	if err != nil {
		return nil, db.wrap("query figures", err)
	}
	figs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (tkpkbot.Figure, error) {
		var f tkpkbot.Figure
		var key, ind string
		if err := row.Scan(&f.RegionCode, &key, &ind, &f.Value, &f.Decimals, &f.Unit, &f.Source); err != nil {
			return f, err
		}
		f.Indicator = tkpkbot.Indicator(ind)
		p, ok := tkpkbot.ParsePeriodKey(key)
		if !ok {
			return f, fmt.Errorf("stored period key %q is malformed", key)
		}
		f.Period = p
		return f, nil
	})
	return figs, db.wrap("query figures", err)
}

// ImportFigures stores figs in one transaction: all of them or, on any
// error, none. Re-importing the same values changes nothing, and only a
// real change notifies the other replicas.
func (db *DB) ImportFigures(ctx context.Context, figs []tkpkbot.Figure) (tkpkbot.ImportResult, error) {
	if err := validateFigures(figs); err != nil {
		return tkpkbot.ImportResult{}, err
	}
	var res tkpkbot.ImportResult
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, figuresLock); err != nil {
			return err
		}
		// Before the upsert, which overwrites the old values it compares.
		if _, err := db.recordChanges(ctx, tx, figs); err != nil {
			return err
		}
		var err error
		res, err = db.importTx(ctx, tx, figs)
		return err
	})
	if err != nil {
		return tkpkbot.ImportResult{}, db.wrap("import figures", err)
	}
	db.Log.Info("figures imported", "rows", len(figs), "added", res.Added, "changed", res.Changed, "unchanged", res.Unchanged)
	return res, nil
}

// importTx upserts figs in one statement and notifies on change; the
// caller holds figuresLock.
func (db *DB) importTx(ctx context.Context, tx pgx.Tx, figs []tkpkbot.Figure) (tkpkbot.ImportResult, error) {
	n := len(figs)
	regions, keys, dates, inds, values, units, sources := make([]string, n), make([]string, n), make([]string, n),
		make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	decimals := make([]int32, n)
	for i, f := range figs {
		regions[i], keys[i], dates[i], inds[i] = f.RegionCode, f.Period.Key(), periodDate(f.Period), string(f.Indicator)
		// The shortest decimal that reads back as the float, so 37,8
		// is stored as exactly 37.8 and a re-import compares equal.
		values[i] = strconv.FormatFloat(f.Value, 'f', -1, 64)
		decimals[i], units[i], sources[i] = int32(f.Decimals), f.Unit, f.Source
	}
	rows, err := tx.Query(ctx, `
		INSERT INTO figures (region_code, period_key, period_date, indicator, value, decimals, unit, source, created_at, updated_at)
		SELECT r, k, d::date, i, v::numeric, dec::smallint, u, s, $9, $9
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[])
		    AS t(r, k, d, i, v, dec, u, s)
		ON CONFLICT (region_code, period_key, indicator, source) DO UPDATE
		SET value = EXCLUDED.value, decimals = EXCLUDED.decimals, unit = EXCLUDED.unit, updated_at = EXCLUDED.updated_at
		WHERE (figures.value, figures.decimals, figures.unit) IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.decimals, EXCLUDED.unit)
		RETURNING xmax = 0`,
		regions, keys, dates, inds, values, decimals, units, sources, db.Clock.Now())
	if err != nil {
		return tkpkbot.ImportResult{}, err
	}
	res, err := importCounts(rows, n)
	if err != nil {
		return tkpkbot.ImportResult{}, err
	}
	if res.Added+res.Changed > 0 {
		// Delivered at commit, and not at all on rollback.
		if _, err := tx.Exec(ctx, `SELECT pg_notify($1, '')`, FiguresChannel); err != nil {
			return tkpkbot.ImportResult{}, err
		}
	}
	return res, nil
}

// periodDate is the sortable date of the figures table: the period's key
// completed to a day, a year standing for its last day as in Before.
func periodDate(p tkpkbot.Period) string {
	switch {
	case p.Month == 0:
		return p.Key() + "-12-31"
	case p.Day == 0:
		return p.Key() + "-01"
	}
	return p.Key()
}

var validUnits = map[string]bool{
	tkpkbot.UnitRibuJiwa: true, tkpkbot.UnitJiwa: true, tkpkbot.UnitPersen: true,
	tkpkbot.UnitIndeks: true, tkpkbot.UnitRupiahKB: true, tkpkbot.UnitRasio: true,
}

// validateFigures repeats the checks figcsv makes, for callers that build
// figures by other means: the table's constraints would catch most of
// these, but as an internal error instead of a fact the admin can act on.
func validateFigures(figs []tkpkbot.Figure) error {
	if len(figs) == 0 {
		return tkpkbot.ErrNoFigures
	}
	seen := make(map[string]int, len(figs))
	for i, f := range figs {
		var problem tkpkbot.FigureProblem
		_, regionOK := tkpkbot.RegionByCode(f.RegionCode)
		info, indOK := tkpkbot.IndicatorByCode(f.Indicator)
		p, periodOK := tkpkbot.ParsePeriodKey(f.Period.Key())
		switch {
		case !regionOK:
			problem = tkpkbot.FigureRegionUnknown
		case !periodOK || p != f.Period:
			problem = tkpkbot.FigurePeriodInvalid
		case !indOK || info.Indicator != f.Indicator:
			problem = tkpkbot.FigureIndicatorUnknown
		case p.IsRound() && !info.RoundAllowed(p.Month):
			problem = tkpkbot.FigurePeriodInvalid
		case math.IsNaN(f.Value) || math.IsInf(f.Value, 0) || f.Value < 0:
			problem = tkpkbot.FigureValueInvalid
		case f.Decimals < 0 || f.Decimals > 20:
			problem = tkpkbot.FigureDecimalsInvalid
		case !validUnits[f.Unit]:
			problem = tkpkbot.FigureUnitUnknown
		case f.Source == "":
			problem = tkpkbot.FigureSourceEmpty
		}
		key := f.RegionCode + "|" + f.Period.Key() + "|" + string(f.Indicator) + "|" + f.Source
		same, dup := seen[key]
		if dup && problem == "" {
			problem = tkpkbot.FigureDuplicate
		}
		seen[key] = i
		if problem != "" {
			e := &tkpkbot.FigureRejectedError{N: i + 1, Figure: f, Problem: problem}
			if problem == tkpkbot.FigureDuplicate {
				e.Same = same + 1
			}
			return e
		}
	}
	return nil
}
