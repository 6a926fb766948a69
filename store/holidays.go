package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"tkpkbot"
)

const holidayCols = `id, day, iso_year, iso_week, note, created_by, created_at`

// scanHoliday reads a mark; a day comes back as midnight in loc because
// PostgreSQL dates carry no zone and the bot thinks in WITA days.
func scanHoliday(row pgx.Row, loc *time.Location) (tkpkbot.Holiday, error) {
	var h tkpkbot.Holiday
	var day *time.Time
	var year, week *int
	err := row.Scan(&h.ID, &day, &year, &week, &h.Note, &h.CreatedBy, &h.CreatedAt)
	if day != nil {
		h.Day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
	}
	if year != nil && week != nil {
		h.Week = tkpkbot.Week{Year: *year, Week: *week}
	}
	return h, err
}

// AddHoliday stores a day or week off.
func (db *DB) AddHoliday(ctx context.Context, h tkpkbot.Holiday) (tkpkbot.Holiday, error) {
	if err := h.Validate(db.Clock.Now(), db.Location); err != nil {
		return h, err
	}
	var day any
	var year, week any
	if h.IsWeek() {
		year, week = h.Week.Year, h.Week.Week
	} else {
		day = time.Date(h.Day.Year(), h.Day.Month(), h.Day.Day(), 0, 0, 0, 0, time.UTC)
	}
	out, err := scanHoliday(db.Pool.QueryRow(ctx, `INSERT INTO holidays (day, iso_year, iso_week, note, created_by, created_at)
		VALUES ($1::date, $2, $3, $4, $5, $6) RETURNING `+holidayCols,
		day, year, week, h.Note, h.CreatedBy, db.Clock.Now()), db.Location)
	if isUniqueViolation(err) {
		return h, &tkpkbot.HolidayTakenError{Holiday: h}
	}
	return out, db.wrap("add holiday", err)
}

// DeleteHoliday removes a mark.
func (db *DB) DeleteHoliday(ctx context.Context, id int64) (tkpkbot.Holiday, error) {
	h, err := scanHoliday(db.Pool.QueryRow(ctx, `DELETE FROM holidays WHERE id = $1 RETURNING `+holidayCols, id), db.Location)
	if errors.Is(err, pgx.ErrNoRows) {
		return h, tkpkbot.ErrHolidayUnknown.About(id)
	}
	return h, db.wrap("delete holiday", err)
}

// Holidays lists marks from a date on: days on or after it, weeks whose
// Sunday is on or after it.
func (db *DB) Holidays(ctx context.Context, from time.Time) ([]tkpkbot.Holiday, error) {
	from = from.In(db.Location)
	fromDate := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	fw := tkpkbot.WeekOf(from, db.Location)
	rows, err := db.Pool.Query(ctx, `SELECT `+holidayCols+` FROM holidays
		WHERE day >= $1::date OR (iso_year, iso_week) >= ($2, $3)
		ORDER BY COALESCE(day, to_date(iso_year::text || lpad(iso_week::text, 2, '0'), 'IYYYIW')), id
		LIMIT 100`, fromDate, fw.Year, fw.Week)
	if err != nil {
		return nil, db.wrap("list holidays", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (tkpkbot.Holiday, error) { return scanHoliday(r, db.Location) })
	return out, db.wrap("list holidays", err)
}

// Calendar loads the marks touching weeks from..to.
func (db *DB) Calendar(ctx context.Context, from, to tkpkbot.Week) (tkpkbot.Calendar, error) {
	start := from.Start(db.Location)
	end := to.Start(db.Location).AddDate(0, 0, 7)
	rows, err := db.Pool.Query(ctx, `SELECT `+holidayCols+` FROM holidays
		WHERE (day >= $1::date AND day < $2::date) OR ((iso_year, iso_week) >= ($3, $4) AND (iso_year, iso_week) <= ($5, $6))`,
		time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC),
		time.Date(end.Year(), end.Month(), end.Day(), 0, 0, 0, 0, time.UTC),
		from.Year, from.Week, to.Year, to.Week)
	if err != nil {
		return tkpkbot.Calendar{}, db.wrap("load calendar", err)
	}
	hs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (tkpkbot.Holiday, error) { return scanHoliday(r, db.Location) })
	return tkpkbot.Calendar{Holidays: hs}, db.wrap("load calendar", err)
}
