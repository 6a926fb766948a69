package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"tkpkbot"
)

// draftTTL bounds how long a holiday question stays answerable; older
// drafts are removed when the next one is saved.
const draftTTL = 7 * 24 * time.Hour

const draftCols = `token, title, location, starts_at, created_by, source_update, COALESCE(meeting_id, 0), cancelled_at IS NOT NULL`

func scanDraft(row pgx.Row) (tkpkbot.MeetingDraft, error) {
	var d tkpkbot.MeetingDraft
	m := &d.Meeting
	err := row.Scan(&d.Token, &m.Title, &m.Location, &m.StartsAt, &m.CreatedBy, &m.SourceUpdate, &d.MeetingID, &d.Cancelled)
	return d, err
}

// draftNotFound carries no sentence: the handler says what an expired
// question means to the person who pressed.
var draftNotFound = &tkpkbot.Error{Code: tkpkbot.ENOTFOUND}

// SaveMeetingDraft stores a request under a fresh random token.
func (db *DB) SaveMeetingDraft(ctx context.Context, m tkpkbot.Meeting) (tkpkbot.MeetingDraft, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return tkpkbot.MeetingDraft{}, err
	}
	now := db.Clock.Now()
	var d tkpkbot.MeetingDraft
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM meeting_drafts WHERE created_at < $1`, now.Add(-draftTTL)); err != nil {
			return err
		}
		var err error
		d, err = scanDraft(tx.QueryRow(ctx, `
			INSERT INTO meeting_drafts (token, title, location, starts_at, created_by, source_update, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (created_by, source_update) DO NOTHING RETURNING `+draftCols,
			base64.RawURLEncoding.EncodeToString(b), m.Title, m.Location, m.StartsAt, m.CreatedBy, m.SourceUpdate, now))
		if errors.Is(err, pgx.ErrNoRows) {
			// a redelivered /rapat_baru: the question already asked
			d, err = scanDraft(tx.QueryRow(ctx, `SELECT `+draftCols+` FROM meeting_drafts WHERE created_by = $1 AND source_update = $2`, m.CreatedBy, m.SourceUpdate))
		}
		return err
	})
	return d, db.wrap("save meeting draft", err)
}

// MeetingDraft loads one draft.
func (db *DB) MeetingDraft(ctx context.Context, token string) (tkpkbot.MeetingDraft, error) {
	d, err := scanDraft(db.Pool.QueryRow(ctx, `SELECT `+draftCols+` FROM meeting_drafts WHERE token = $1 AND created_at >= $2`,
		token, db.Clock.Now().Add(-draftTTL)))
	if errors.Is(err, pgx.ErrNoRows) {
		return d, draftNotFound
	}
	return d, db.wrap("load meeting draft", err)
}

// ConfirmMeetingDraft creates the meeting under the draft's row lock, so
// "Ya" and "Batal" pressed together (two replicas) settle one way.
func (db *DB) ConfirmMeetingDraft(ctx context.Context, token string) (tkpkbot.MeetingDraft, tkpkbot.Meeting, error) {
	var m tkpkbot.Meeting
	d, err := db.lockedDraft(ctx, token, func(tx pgx.Tx, d *tkpkbot.MeetingDraft, now time.Time) error {
		var err error
		switch {
		case d.Cancelled:
			return nil
		case d.MeetingID != 0:
			m, err = scanMeeting(tx.QueryRow(ctx, `SELECT `+meetingCols+` FROM meetings m WHERE m.id = $1`, d.MeetingID))
			return err
		}
		if m, err = checkMeeting(d.Meeting, now); err != nil {
			return err
		}
		if m, err = createMeeting(ctx, tx, m, now); err != nil {
			return err
		}
		d.MeetingID = m.ID
		_, err = tx.Exec(ctx, `UPDATE meeting_drafts SET meeting_id = $2 WHERE token = $1`, token, m.ID)
		return err
	})
	return d, m, db.wrap("confirm meeting draft", err)
}

// CancelMeetingDraft marks a draft cancelled unless it was confirmed.
func (db *DB) CancelMeetingDraft(ctx context.Context, token string) (tkpkbot.MeetingDraft, error) {
	d, err := db.lockedDraft(ctx, token, func(tx pgx.Tx, d *tkpkbot.MeetingDraft, now time.Time) error {
		if d.Cancelled || d.MeetingID != 0 {
			return nil
		}
		d.Cancelled = true
		_, err := tx.Exec(ctx, `UPDATE meeting_drafts SET cancelled_at = $2 WHERE token = $1`, token, now)
		return err
	})
	return d, db.wrap("cancel meeting draft", err)
}

// lockedDraft runs fn in a transaction that holds the live draft's row
// until it ends, so a confirmation and a cancellation settle one way.
func (db *DB) lockedDraft(ctx context.Context, token string, fn func(tx pgx.Tx, d *tkpkbot.MeetingDraft, now time.Time) error) (tkpkbot.MeetingDraft, error) {
	now := db.Clock.Now()
	var d tkpkbot.MeetingDraft
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		var err error
		d, err = scanDraft(tx.QueryRow(ctx, `SELECT `+draftCols+` FROM meeting_drafts WHERE token = $1 AND created_at >= $2 FOR UPDATE`,
			token, now.Add(-draftTTL)))
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return draftNotFound
		case err != nil:
			return err
		}
		return fn(tx, &d, now)
	})
	return d, err
}
