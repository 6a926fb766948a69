package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"tkpkbot"
)

var _ tkpkbot.ProgressService = (*DB)(nil)

// ImportTargets upserts ts in one statement, so a file is stored whole or
// not at all.
func (db *DB) ImportTargets(ctx context.Context, ts []tkpkbot.Target, by int64) (tkpkbot.ImportResult, error) {
	n := len(ts)
	if n == 0 {
		return tkpkbot.ImportResult{}, nil
	}
	years, values := make([]int32, n), make([]int64, n)
	regions, kinds, sources := make([]string, n), make([]string, n), make([]string, n)
	for i, t := range ts {
		years[i], regions[i], kinds[i], values[i], sources[i] = int32(t.Year), t.RegionCode, string(t.Kind), t.Value, t.Source
	}
	rows, err := db.Pool.Query(ctx, `
		INSERT INTO targets (year, region_code, kind, value, source, imported_by, imported_at)
		SELECT y, r, k, v, s, $6, $7 FROM unnest($1::int[], $2::text[], $3::text[], $4::bigint[], $5::text[]) AS t(y, r, k, v, s)
		ON CONFLICT (year, region_code, kind) DO UPDATE
		SET value = EXCLUDED.value, source = EXCLUDED.source, imported_by = EXCLUDED.imported_by, imported_at = EXCLUDED.imported_at
		WHERE (targets.value, targets.source) IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.source)
		RETURNING xmax = 0`, years, regions, kinds, values, sources, by, db.Clock.Now())
	if err != nil {
		return tkpkbot.ImportResult{}, db.wrap("import targets", err)
	}
	res, err := importCounts(rows, n)
	if err != nil {
		return tkpkbot.ImportResult{}, db.wrap("import targets", err)
	}
	db.Log.Info("targets imported", "rows", n, "added", res.Added, "changed", res.Changed, "by", by)
	return res, nil
}

// Targets returns the year's targets by region and kind.
func (db *DB) Targets(ctx context.Context, year int) ([]tkpkbot.Target, error) {
	rows, err := db.Pool.Query(ctx, `SELECT year, region_code, kind, value, source FROM targets
		WHERE year = $1 ORDER BY region_code, kind`, year)
	if err != nil {
		return nil, db.wrap("targets", err)
	}
	ts, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (tkpkbot.Target, error) {
		var t tkpkbot.Target
		var kind string
		err := r.Scan(&t.Year, &t.RegionCode, &kind, &t.Value, &t.Source)
		t.Kind = tkpkbot.TargetKind(kind)
		return t, err
	})
	return ts, db.wrap("targets", err)
}

// latestOnly is each region-week's latest version in weeks ($1,$2)..($3,$4):
// the one definition every total is summed over.
const latestOnly = `WITH latest AS (
	SELECT DISTINCT ON (region_code, iso_year, iso_week) region_code, households, budget, late, strategies, funding
	FROM reports WHERE (iso_year, iso_week) BETWEEN ($1, $2) AND ($3, $4)
	ORDER BY region_code, iso_year, iso_week, version DESC)`

const totalsCols = `count(*)::int, count(*) FILTER (WHERE late)::int, COALESCE(sum(households), 0)::bigint, COALESCE(sum(budget), 0)::bigint`

// RegionTotals sums the latest versions per region, and with ROLLUP over
// all of them as the province's row (coordinators report for kabupaten
// and kota only, so the province has no reports of its own).
func (db *DB) RegionTotals(ctx context.Context, from, to tkpkbot.Week) ([]tkpkbot.RegionTotals, error) {
	rows, err := db.Pool.Query(ctx, latestOnly+` SELECT COALESCE(region_code, $5), `+totalsCols+`
		FROM latest GROUP BY ROLLUP (region_code) HAVING count(*) > 0 ORDER BY region_code NULLS FIRST`,
		from.Year, from.Week, to.Year, to.Week, tkpkbot.ProvinceCode)
	if err != nil {
		return nil, db.wrap("region totals", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (tkpkbot.RegionTotals, error) {
		var t tkpkbot.RegionTotals
		err := r.Scan(&t.RegionCode, &t.Reports, &t.Late, &t.Households, &t.Budget)
		return t, err
	})
	return out, db.wrap("region totals", err)
}

// ChoiceTotals sums the latest versions per region and chosen code; a
// report counts once under each of its choices.
func (db *DB) ChoiceTotals(ctx context.Context, from, to tkpkbot.Week) ([]tkpkbot.ChoiceTotals, error) {
	rows, err := db.Pool.Query(ctx, latestOnly+`,
	chosen AS (
		SELECT region_code, '`+tkpkbot.ChoiceStrategy+`' AS kind, unnest(strategies) AS code, households, budget, late FROM latest
		UNION ALL
		SELECT region_code, '`+tkpkbot.ChoiceFunding+`', unnest(funding), households, budget, late FROM latest)
	SELECT region_code, kind, code, `+totalsCols+`
	FROM chosen GROUP BY region_code, kind, code ORDER BY region_code, kind, code`, from.Year, from.Week, to.Year, to.Week)
	if err != nil {
		return nil, db.wrap("choice totals", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (tkpkbot.ChoiceTotals, error) {
		var t tkpkbot.ChoiceTotals
		err := r.Scan(&t.RegionCode, &t.Kind, &t.Code, &t.Reports, &t.Late, &t.Households, &t.Budget)
		return t, err
	})
	return out, db.wrap("choice totals", err)
}

// WeekMarks lists the region-weeks with a report in from..to, with the
// latest version's lateness.
func (db *DB) WeekMarks(ctx context.Context, from, to tkpkbot.Week) ([]tkpkbot.WeekMark, error) {
	rows, err := db.Pool.Query(ctx, `SELECT DISTINCT ON (region_code, iso_year, iso_week) region_code, iso_year, iso_week, late
		FROM reports WHERE (iso_year, iso_week) BETWEEN ($1, $2) AND ($3, $4)
		ORDER BY region_code, iso_year, iso_week, version DESC`, from.Year, from.Week, to.Year, to.Week)
	if err != nil {
		return nil, db.wrap("week marks", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (tkpkbot.WeekMark, error) {
		var m tkpkbot.WeekMark
		err := r.Scan(&m.RegionCode, &m.Week.Year, &m.Week.Week, &m.Late)
		return m, err
	})
	return out, db.wrap("week marks", err)
}

// MeetingAttendance counts meetings in [from, to) that had RSVPs, and per region
// those a member answered hadir to. Cancelled meetings count for nothing.
func (db *DB) MeetingAttendance(ctx context.Context, from, to time.Time) ([]tkpkbot.RegionAttendance, error) {
	rows, err := db.Pool.Query(ctx, `WITH m AS (
		SELECT id FROM meetings WHERE cancelled_at IS NULL AND starts_at >= $1 AND starts_at < $2
		AND EXISTS (SELECT 1 FROM rsvps WHERE meeting_id = meetings.id))
	SELECT u.region_code, (count(DISTINCT r.meeting_id) FILTER (WHERE r.answer = 'hadir'))::int, (SELECT count(*) FROM m)::int
	FROM rsvps r JOIN m ON m.id = r.meeting_id JOIN users u ON u.id = r.user_id
	WHERE u.region_code <> '' GROUP BY u.region_code ORDER BY u.region_code`, from, to)
	if err != nil {
		return nil, db.wrap("attendance", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (tkpkbot.RegionAttendance, error) {
		var a tkpkbot.RegionAttendance
		err := r.Scan(&a.RegionCode, &a.Attended, &a.Meetings)
		return a, err
	})
	return out, db.wrap("attendance", err)
}
