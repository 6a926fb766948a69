package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"tkpkbot"
)

var _ tkpkbot.ReportService = (*DB)(nil)

const formCols = `user_id, token, region_code, iso_year, iso_week, step, editing,
	activities, households, budget, obstacles, next_plan, last_update_id, started_at, updated_at,
	strategies, funding`

func scanForm(row pgx.Row) (tkpkbot.ReportForm, error) {
	var f tkpkbot.ReportForm
	var act, obs, plan *string
	var hh, budget *int64
	err := row.Scan(&f.UserID, &f.Token, &f.RegionCode, &f.Week.Year, &f.Week.Week, &f.Step, &f.Editing,
		&act, &hh, &budget, &obs, &plan, &f.LastUpdateID, &f.StartedAt, &f.UpdatedAt,
		&f.Draft.Strategies, &f.Draft.Funding)
	if act != nil {
		f.Draft.Activities, f.Filled[tkpkbot.StepActivities] = *act, true
	}
	if hh != nil {
		f.Draft.Households, f.Filled[tkpkbot.StepHouseholds] = *hh, true
	}
	if budget != nil {
		f.Draft.Budget, f.Filled[tkpkbot.StepBudget] = *budget, true
	}
	if obs != nil {
		f.Draft.Obstacles, f.Filled[tkpkbot.StepObstacles] = *obs, true
	}
	if plan != nil {
		f.Draft.NextPlan, f.Filled[tkpkbot.StepNextPlan] = *plan, true
	}
	f.Filled[tkpkbot.StepStrategy] = len(f.Draft.Strategies) > 0
	f.Filled[tkpkbot.StepFunding] = len(f.Draft.Funding) > 0
	f.Draft.RegionCode, f.Draft.Week = f.RegionCode, f.Week
	return f, err
}

func formToken() (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("form token: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// StartForm replaces any open form of the user with a fresh one.
func (db *DB) StartForm(ctx context.Context, userID int64, region string, week tkpkbot.Week) (tkpkbot.ReportForm, error) {
	token, err := formToken()
	if err != nil {
		return tkpkbot.ReportForm{}, err
	}
	now := db.Clock.Now()
	f, err := scanForm(db.Pool.QueryRow(ctx, `
		INSERT INTO report_forms (user_id, token, region_code, iso_year, iso_week, step, started_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, 1, $6, $6)
		ON CONFLICT (user_id) DO UPDATE SET token = EXCLUDED.token, region_code = EXCLUDED.region_code,
		    iso_year = EXCLUDED.iso_year, iso_week = EXCLUDED.iso_week, step = 1, editing = false,
		    activities = NULL, households = NULL, budget = NULL, obstacles = NULL, next_plan = NULL,
		    strategies = NULL, funding = NULL, last_update_id = 0, started_at = EXCLUDED.started_at, updated_at = EXCLUDED.updated_at
		RETURNING `+formCols, userID, token, region, week.Year, week.Week, now))
	return f, db.wrap("start form", err)
}

// StartRevision replaces any open form of the user with one holding the
// answers of rep, at the summary, in one statement so no half-filled
// revision form can be left behind.
func (db *DB) StartRevision(ctx context.Context, userID int64, rep tkpkbot.Report) (tkpkbot.ReportForm, error) {
	token, err := formToken()
	if err != nil {
		return tkpkbot.ReportForm{}, err
	}
	now := db.Clock.Now()
	f, err := scanForm(db.Pool.QueryRow(ctx, `
		INSERT INTO report_forms (user_id, token, region_code, iso_year, iso_week, step, editing,
		    activities, households, budget, obstacles, next_plan, last_update_id, started_at, updated_at,
		    strategies, funding)
		VALUES ($1, $2, $3, $4, $5, $6, false, $7, $8, $9, $10, $11, 0, $12, $12, $13, $14)
		ON CONFLICT (user_id) DO UPDATE SET token = EXCLUDED.token, region_code = EXCLUDED.region_code,
		    iso_year = EXCLUDED.iso_year, iso_week = EXCLUDED.iso_week, step = EXCLUDED.step, editing = false,
		    activities = EXCLUDED.activities, households = EXCLUDED.households, budget = EXCLUDED.budget,
		    obstacles = EXCLUDED.obstacles, next_plan = EXCLUDED.next_plan,
		    strategies = EXCLUDED.strategies, funding = EXCLUDED.funding, last_update_id = 0, started_at = EXCLUDED.started_at, updated_at = EXCLUDED.updated_at
		RETURNING `+formCols, userID, token, rep.RegionCode, rep.Week.Year, rep.Week.Week, tkpkbot.StepSummary,
		rep.Activities, rep.Households, rep.Budget, rep.Obstacles, rep.NextPlan, now,
		nonEmpty(rep.Strategies), nonEmpty(rep.Funding)))
	return f, db.wrap("start revision", err)
}

// Form returns the user's open form.
func (db *DB) Form(ctx context.Context, userID int64) (tkpkbot.ReportForm, error) {
	f, err := scanForm(db.Pool.QueryRow(ctx, `SELECT `+formCols+` FROM report_forms WHERE user_id = $1`, userID))
	if errors.Is(err, pgx.ErrNoRows) {
		return f, tkpkbot.ErrNoForm
	}
	return f, db.wrap("load form", err)
}

// SaveForm writes the form's step and answers; the token guards against a
// stale save after the form was restarted or cancelled, LastUpdateID
// against applying one Telegram update twice (ECONFLICT), and from (the
// step the answer was given for) against two answers handled at once
// landing in one field (ErrFormMoved).
func (db *DB) SaveForm(ctx context.Context, f tkpkbot.ReportForm, from int) error {
	val := func(step int, v any) any {
		if f.Filled[step] {
			return v
		}
		return nil
	}
	tag, err := db.Pool.Exec(ctx, `UPDATE report_forms SET step = $3, editing = $4,
		activities = $5, households = $6, budget = $7, obstacles = $8, next_plan = $9, updated_at = $10,
		last_update_id = $11, strategies = $13, funding = $14
		WHERE user_id = $1 AND token = $2 AND last_update_id < $11 AND step = $12`,
		f.UserID, f.Token, f.Step, f.Editing,
		val(tkpkbot.StepActivities, f.Draft.Activities), val(tkpkbot.StepHouseholds, f.Draft.Households),
		val(tkpkbot.StepBudget, f.Draft.Budget), val(tkpkbot.StepObstacles, f.Draft.Obstacles),
		val(tkpkbot.StepNextPlan, f.Draft.NextPlan), db.Clock.Now(), f.LastUpdateID, from,
		nonEmpty(f.Draft.Strategies), nonEmpty(f.Draft.Funding))
	if err != nil {
		return db.wrap("save form", err)
	}
	if tag.RowsAffected() == 0 {
		var applied, exists bool
		err := db.Pool.QueryRow(ctx, `SELECT COALESCE(bool_or(last_update_id >= $3), false), count(*) > 0 FROM report_forms
			WHERE user_id = $1 AND token = $2`, f.UserID, f.Token, f.LastUpdateID).Scan(&applied, &exists)
		switch {
		case err != nil:
			return db.wrap("save form", err)
		case applied:
			return tkpkbot.ErrAnswerRecorded
		case exists:
			return tkpkbot.ErrFormMoved
		}
		return tkpkbot.ErrFormStale
	}
	return nil
}

// CancelForm drops the user's open form.
func (db *DB) CancelForm(ctx context.Context, userID int64) (bool, error) {
	tag, err := db.Pool.Exec(ctx, `DELETE FROM report_forms WHERE user_id = $1`, userID)
	return tag.RowsAffected() > 0, db.wrap("cancel form", err)
}

const reportCols = `id, region_code, iso_year, iso_week, version, activities, households, budget,
	obstacles, next_plan, submitted_by, submitted_at, late, strategies, funding`

func scanReport(row pgx.Row) (tkpkbot.Report, error) {
	var r tkpkbot.Report
	err := row.Scan(&r.ID, &r.RegionCode, &r.Week.Year, &r.Week.Week, &r.Version, &r.Activities, &r.Households,
		&r.Budget, &r.Obstacles, &r.NextPlan, &r.SubmittedBy, &r.SubmittedAt, &r.Late, &r.Strategies, &r.Funding)
	return r, err
}

func collectReports(rows pgx.Rows, err error) ([]tkpkbot.Report, error) {
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (tkpkbot.Report, error) { return scanReport(r) })
}

// SubmitForm turns the form into the next version of the region's report
// for that week, in one transaction that also deletes the form. The form
// token is unique among reports, so a second Kirim finds the first result.
func (db *DB) SubmitForm(ctx context.Context, userID int64, token string, deadline time.Time) (tkpkbot.Report, bool, error) {
	var out tkpkbot.Report
	again := false
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		f, err := scanForm(tx.QueryRow(ctx, `SELECT `+formCols+` FROM report_forms
			WHERE user_id = $1 AND token = $2 FOR UPDATE`, userID, token))
		if errors.Is(err, pgx.ErrNoRows) {
			out, err = scanReport(tx.QueryRow(ctx, `SELECT `+reportCols+` FROM reports
				WHERE form_token = $1 AND submitted_by = $2`, token, userID))
			if errors.Is(err, pgx.ErrNoRows) {
				return tkpkbot.ErrFormGone
			}
			again = true
			return err
		} else if err != nil {
			return err
		}
		// The role is checked at the moment of sending, not when the form
		// was opened: a coordinator who moved on cannot report for the old
		// region with an old Kirim button.
		var role, region string
		if err := tx.QueryRow(ctx, `SELECT role, region_code FROM users WHERE id = $1 FOR SHARE`, userID).Scan(&role, &region); err != nil {
			return err
		}
		if tkpkbot.Role(role) != tkpkbot.RoleKoordinator || region != f.RegionCode {
			return tkpkbot.ErrNotReporter
		}
		for step := tkpkbot.StepActivities; step <= tkpkbot.Questions; step++ {
			if !f.Filled[step] {
				return tkpkbot.ErrFormIncomplete.About(int64(step))
			}
		}
		// Serialise versions of one region-week: concurrent coordinators of
		// the same region take turns here.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext($1))`,
			f.RegionCode+"/"+f.Week.String()); err != nil {
			return err
		}
		now := db.Clock.Now()
		out, err = scanReport(tx.QueryRow(ctx, `
			INSERT INTO reports (region_code, iso_year, iso_week, version, activities, households, budget,
			    obstacles, next_plan, submitted_by, submitted_at, late, form_token, strategies, funding)
			SELECT $1, $2, $3, COALESCE(MAX(version), 0) + 1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14
			FROM reports WHERE region_code = $1 AND iso_year = $2 AND iso_week = $3
			RETURNING `+reportCols,
			f.RegionCode, f.Week.Year, f.Week.Week, f.Draft.Activities, f.Draft.Households, f.Draft.Budget,
			f.Draft.Obstacles, f.Draft.NextPlan, userID, now, !deadline.IsZero() && now.After(deadline), token,
			f.Draft.Strategies, f.Draft.Funding))
		if err != nil {
			return err
		}
		if err := submitFollowUps(ctx, tx, token, out, now); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `DELETE FROM report_forms WHERE user_id = $1`, userID)
		return err
	})
	if errors.Is(err, tkpkbot.ErrNotReporter) {
		// outside the rolled-back transaction: the form must go
		if _, derr := db.Pool.Exec(ctx, `DELETE FROM report_forms WHERE user_id = $1 AND token = $2`, userID, token); derr != nil {
			return out, false, db.wrap("drop form of a former coordinator", derr)
		}
		return out, false, err
	}
	return out, again, db.wrap("submit report", err)
}

const latestCTE = `WITH latest AS (
	SELECT DISTINCT ON (region_code, iso_year, iso_week) ` + reportCols + `
	FROM reports WHERE (iso_year, iso_week) BETWEEN ($1, $2) AND ($3, $4)
	ORDER BY region_code, iso_year, iso_week, version DESC)`

// LatestReports returns each region's latest version for week.
func (db *DB) LatestReports(ctx context.Context, week tkpkbot.Week) ([]tkpkbot.Report, error) {
	return db.LatestReportsBetween(ctx, week, week)
}

// LatestReportsBetween returns latest versions for a range of weeks,
// ordered by week then region.
func (db *DB) LatestReportsBetween(ctx context.Context, from, to tkpkbot.Week) ([]tkpkbot.Report, error) {
	rs, err := collectReports(db.Pool.Query(ctx, latestCTE+` SELECT `+reportCols+` FROM latest
		ORDER BY iso_year, iso_week, region_code`, from.Year, from.Week, to.Year, to.Week))
	return rs, db.wrap("latest reports", err)
}

// RegionReports returns the region's latest reports, newest week first.
func (db *DB) RegionReports(ctx context.Context, region string, limit int) ([]tkpkbot.Report, error) {
	rs, err := collectReports(db.Pool.Query(ctx, `SELECT DISTINCT ON (iso_year, iso_week) `+reportCols+`
		FROM reports WHERE region_code = $1
		ORDER BY iso_year DESC, iso_week DESC, version DESC LIMIT $2`, region, limit))
	return rs, db.wrap("region reports", err)
}

// ReportVersions returns every version of the region's report for week,
// oldest first; the last one is the report in force.
func (db *DB) ReportVersions(ctx context.Context, region string, week tkpkbot.Week) ([]tkpkbot.Report, error) {
	rs, err := collectReports(db.Pool.Query(ctx, `SELECT `+reportCols+` FROM reports
		WHERE region_code = $1 AND iso_year = $2 AND iso_week = $3
		ORDER BY version`, region, week.Year, week.Week))
	return rs, db.wrap("report versions", err)
}

// PreviousPlan returns the plan from the region's latest report before week.
func (db *DB) PreviousPlan(ctx context.Context, region string, week tkpkbot.Week) (string, error) {
	var plan string
	err := db.Pool.QueryRow(ctx, `SELECT next_plan FROM reports
		WHERE region_code = $1 AND (iso_year, iso_week) < ($2, $3)
		ORDER BY iso_year DESC, iso_week DESC, version DESC LIMIT 1`, region, week.Year, week.Week).Scan(&plan)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return plan, db.wrap("previous plan", err)
}

// nonEmpty stores no choice as NULL, the one way "not answered" is written.
func nonEmpty(codes []string) []string {
	if len(codes) == 0 {
		return nil
	}
	return codes
}
