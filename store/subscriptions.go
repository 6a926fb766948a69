package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"tkpkbot"
)

var _ tkpkbot.SubscriptionService = (*DB)(nil)

// subscribedRegionsSQL is the regions user u follows: their chosen ones,
// or by default a coordinator's own region. The one definition serves the
// recipients of a notice and what each is told, so the two never differ.
const subscribedRegionsSQL = `COALESCE((SELECT s.regions FROM figure_subscriptions s WHERE s.user_id = u.id),
	CASE WHEN u.role = 'koordinator' AND u.region_code <> '' THEN ARRAY[u.region_code] ELSE '{}'::text[] END)`

// noticeTTL is how long a figures notice may still go out: after a week
// of outage the news is stale and /angka says it better.
const noticeTTL = 7 * 24 * time.Hour

// recordChanges writes, before figs are upserted in the same transaction
// under figuresLock, what they will add or change, and for a real change
// the one figures_notice reminder of this import. It returns the import's
// id, 0 when nothing changes: such an import is not recorded at all.
func (db *DB) recordChanges(ctx context.Context, tx pgx.Tx, figs []tkpkbot.Figure) (int64, error) {
	n := len(figs)
	regions, keys, inds, values, units, sources := make([]string, n), make([]string, n), make([]string, n),
		make([]string, n), make([]string, n), make([]string, n)
	decimals := make([]int32, n)
	for i, f := range figs {
		regions[i], keys[i], inds[i] = f.RegionCode, f.Period.Key(), string(f.Indicator)
		values[i] = strconv.FormatFloat(f.Value, 'f', -1, 64) // as importTx stores it
		decimals[i], units[i], sources[i] = int32(f.Decimals), f.Unit, f.Source
	}
	now := db.Clock.Now()
	var id int64
	err := tx.QueryRow(ctx, `
		WITH t AS (
		    SELECT r, k, i, v::numeric AS v, dec::smallint AS dec, u, s
		    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[]) AS t(r, k, i, v, dec, u, s)
		), d AS (
		    SELECT t.*, f.value AS old FROM t
		    LEFT JOIN figures f ON (f.region_code, f.period_key, f.indicator, f.source) = (t.r, t.k, t.i, t.s)
		    WHERE f.id IS NULL OR (f.value, f.decimals, f.unit) IS DISTINCT FROM (t.v, t.dec, t.u)
		), imp AS (
		    INSERT INTO figure_imports (created_at) SELECT $8 WHERE EXISTS (SELECT 1 FROM d) RETURNING id
		), ch AS (
		    INSERT INTO figure_changes (import_id, region_code, indicator, period_key, source, old_value, new_value, decimals, unit)
		    SELECT imp.id, d.r, d.i, d.k, d.s, d.old, d.v, d.dec, d.u FROM d CROSS JOIN imp
		), rem AS (
		    INSERT INTO reminders (dedup_key, kind, figure_import_id, due_at, expires_at, created_at)
		    SELECT 'figures_notice:' || imp.id, 'figures_notice', imp.id, $8, $9, $8 FROM imp
		)
		SELECT COALESCE((SELECT id FROM imp), 0)`,
		regions, keys, inds, values, decimals, units, sources, now, now.Add(noticeTTL)).Scan(&id)
	if err != nil || id == 0 {
		return 0, err
	}
	// The sweepers of every replica look now rather than at the minute.
	_, err = tx.Exec(ctx, `SELECT pg_notify($1, '')`, wakeChannel)
	return id, err
}

// Subscription returns what userID follows; an unknown person follows
// nothing.
func (db *DB) Subscription(ctx context.Context, userID int64) (tkpkbot.Subscription, error) {
	var s tkpkbot.Subscription
	err := db.Pool.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM figure_subscriptions s WHERE s.user_id = u.id), `+subscribedRegionsSQL+`
		FROM users u WHERE u.id = $1`, userID).Scan(&s.Default, &s.Regions)
	if errors.Is(err, pgx.ErrNoRows) {
		return tkpkbot.Subscription{Default: true}, nil
	}
	s.Regions = inRegionOrder(s.Regions)
	return s, db.wrap("read subscription", err)
}

// SetSubscription stores regions (deduplicated, in Regions order) as
// userID's choice; an empty list is "off", kept so a coordinator's
// default does not come back.
func (db *DB) SetSubscription(ctx context.Context, userID int64, regions []string) (tkpkbot.Subscription, error) {
	for _, code := range regions {
		if _, ok := tkpkbot.RegionByCode(code); !ok {
			return tkpkbot.Subscription{}, fmt.Errorf("set subscription: unknown region %q", code)
		}
	}
	regions = inRegionOrder(regions)
	_, err := db.Pool.Exec(ctx, `INSERT INTO figure_subscriptions (user_id, regions, updated_at) VALUES ($1, $2, $3)
		ON CONFLICT (user_id) DO UPDATE SET regions = EXCLUDED.regions, updated_at = EXCLUDED.updated_at`,
		userID, regions, db.Clock.Now())
	if err != nil {
		return tkpkbot.Subscription{}, db.wrap("set subscription", err)
	}
	return tkpkbot.Subscription{Regions: regions}, nil
}

// NoticeChanges lists importID's changes in the regions userID follows
// at this moment, in region, indicator and period order.
func (db *DB) NoticeChanges(ctx context.Context, importID, userID int64) ([]tkpkbot.FigureChange, error) {
	rows, err := db.Pool.Query(ctx, `
		SELECT c.region_code, c.indicator, c.period_key, c.source, c.old_value IS NOT NULL,
		       COALESCE(c.old_value, 0)::float8, c.new_value::float8, c.decimals, c.unit
		FROM figure_changes c JOIN users u ON u.id = $2
		WHERE c.import_id = $1 AND c.region_code = ANY (`+subscribedRegionsSQL+`)`, importID, userID)
	if err != nil {
		return nil, db.wrap("read figure changes", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (tkpkbot.FigureChange, error) {
		var c tkpkbot.FigureChange
		var ind, key string
		err := row.Scan(&c.RegionCode, &ind, &key, &c.Source, &c.HadOld, &c.Old, &c.New, &c.Decimals, &c.Unit)
		c.Indicator = tkpkbot.Indicator(ind)
		c.Period, _ = tkpkbot.ParsePeriodKey(key)
		return c, err
	})
	if err != nil {
		return nil, db.wrap("read figure changes", err)
	}
	slices.SortStableFunc(out, func(a, b tkpkbot.FigureChange) int {
		if d := regionIndex(a.RegionCode) - regionIndex(b.RegionCode); d != 0 {
			return d
		}
		if d := indicatorIndex(a.Indicator) - indicatorIndex(b.Indicator); d != 0 {
			return d
		}
		return b.Period.Order() - a.Period.Order() // newest first
	})
	return out, nil
}

func regionIndex(code string) int {
	if i, ok := tkpkbot.RegionIndex(code); ok {
		return i
	}
	return -1
}

func indicatorIndex(ind tkpkbot.Indicator) int {
	return slices.IndexFunc(tkpkbot.Indicators, func(i tkpkbot.IndicatorInfo) bool { return i.Indicator == ind })
}

func inRegionOrder(codes []string) []string {
	out := []string{}
	for _, r := range tkpkbot.Regions {
		if slices.Contains(codes, r.Code) {
			out = append(out, r.Code)
		}
	}
	return out
}
