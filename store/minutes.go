package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"tkpkbot"
)

var _ tkpkbot.FollowUpService = (*DB)(nil)
var _ tkpkbot.FollowUpReminders = (*DB)(nil)

const minutesDraftCols = `token, meeting_id, created_by, source_update, content, present, awaiting,
	COALESCE(minutes_id, 0), cancelled_at IS NOT NULL, updated_at`

func scanMinutesDraft(row pgx.Row) (tkpkbot.MinutesDraft, error) {
	var d tkpkbot.MinutesDraft
	var content []byte
	err := row.Scan(&d.Token, &d.MeetingID, &d.CreatedBy, &d.SourceUpdate, &content, &d.Present, &d.Awaiting,
		&d.MinutesID, &d.Cancelled, &d.UpdatedAt)
	if err == nil {
		err = json.Unmarshal(content, &d.Minutes)
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return d, tkpkbot.ErrMinutesDraftGone
	}
	return d, err
}

// SaveMinutesDraft stores a /notulen under a fresh random token.
func (db *DB) SaveMinutesDraft(ctx context.Context, d tkpkbot.MinutesDraft) (tkpkbot.MinutesDraft, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return d, err
	}
	content, err := json.Marshal(d.Minutes)
	if err != nil {
		return d, err
	}
	if d.Present == nil {
		d.Present = []string{}
	}
	now := db.Clock.Now()
	var out tkpkbot.MinutesDraft
	err = pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM minutes_drafts WHERE updated_at < $1`, now.Add(-7*tkpkbot.MinutesDraftTTL)); err != nil {
			return err
		}
		var err error
		out, err = scanMinutesDraft(tx.QueryRow(ctx, `
			INSERT INTO minutes_drafts (token, meeting_id, created_by, source_update, content, present, awaiting, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (created_by, source_update) DO NOTHING
			RETURNING `+minutesDraftCols,
			base64.RawURLEncoding.EncodeToString(b), d.MeetingID, d.CreatedBy, d.SourceUpdate, content, d.Present, d.Awaiting, now))
		if errors.Is(err, tkpkbot.ErrMinutesDraftGone) {
			out, err = scanMinutesDraft(tx.QueryRow(ctx, `SELECT `+minutesDraftCols+` FROM minutes_drafts
				WHERE created_by = $1 AND source_update = $2`, d.CreatedBy, d.SourceUpdate))
			return err
		}
		if err != nil || !d.Awaiting {
			return err
		}
		// One draft waits for text per admin: the newest /notulen.
		_, err = tx.Exec(ctx, `UPDATE minutes_drafts SET awaiting = false WHERE created_by = $1 AND token <> $2 AND awaiting`,
			d.CreatedBy, out.Token)
		return err
	})
	return out, db.wrap("save minutes draft", err)
}

// MinutesDraft loads a live draft.
func (db *DB) MinutesDraft(ctx context.Context, token string) (tkpkbot.MinutesDraft, error) {
	d, err := scanMinutesDraft(db.Pool.QueryRow(ctx, `SELECT `+minutesDraftCols+` FROM minutes_drafts
		WHERE token = $1 AND updated_at >= $2`, token, db.Clock.Now().Add(-tkpkbot.MinutesDraftTTL)))
	return d, db.wrap("load minutes draft", err)
}

// AwaitingMinutes finds the draft whose text the user's next message is.
func (db *DB) AwaitingMinutes(ctx context.Context, user int64) (tkpkbot.MinutesDraft, error) {
	d, err := scanMinutesDraft(db.Pool.QueryRow(ctx, `SELECT `+minutesDraftCols+` FROM minutes_drafts
		WHERE created_by = $1 AND awaiting AND minutes_id IS NULL AND cancelled_at IS NULL AND updated_at >= $2
		ORDER BY updated_at DESC LIMIT 1`, user, db.Clock.Now().Add(-tkpkbot.MinutesAwaitTTL)))
	return d, db.wrap("awaiting minutes", err)
}

// editDraft changes an unsent, uncancelled draft under its row lock.
func (db *DB) editDraft(ctx context.Context, op, token, set string, args ...any) (tkpkbot.MinutesDraft, error) {
	now := db.Clock.Now()
	var d tkpkbot.MinutesDraft
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		var err error
		d, err = lockMinutesDraft(ctx, tx, token, now)
		if err != nil || d.MinutesID != 0 || d.Cancelled {
			return err
		}
		d, err = scanMinutesDraft(tx.QueryRow(ctx, `UPDATE minutes_drafts SET `+set+`, updated_at = $2
			WHERE token = $1 RETURNING `+minutesDraftCols, append([]any{token, now}, args...)...))
		return err
	})
	return d, db.wrap(op, err)
}

func lockMinutesDraft(ctx context.Context, tx pgx.Tx, token string, now time.Time) (tkpkbot.MinutesDraft, error) {
	return scanMinutesDraft(tx.QueryRow(ctx, `SELECT `+minutesDraftCols+` FROM minutes_drafts
		WHERE token = $1 AND updated_at >= $2 FOR UPDATE`, token, now.Add(-tkpkbot.MinutesDraftTTL)))
}

// SetMinutesText stores the parsed minutes of an unsent draft.
func (db *DB) SetMinutesText(ctx context.Context, token string, m tkpkbot.Minutes, awaiting bool) (tkpkbot.MinutesDraft, error) {
	content, err := json.Marshal(m)
	if err != nil {
		return tkpkbot.MinutesDraft{}, err
	}
	return db.editDraft(ctx, "set minutes text", token, `content = $3, awaiting = $4`, content, awaiting)
}

// ToggleMinutesPresent flips one region in the draft's attendance.
func (db *DB) ToggleMinutesPresent(ctx context.Context, token, region string) (tkpkbot.MinutesDraft, error) {
	return db.editDraft(ctx, "toggle minutes attendance", token,
		`present = CASE WHEN $3::text = ANY(present) THEN array_remove(present, $3::text) ELSE array_append(present, $3::text) END`, region)
}

// CancelMinutesDraft marks an unsent draft cancelled.
func (db *DB) CancelMinutesDraft(ctx context.Context, token string) (tkpkbot.MinutesDraft, error) {
	return db.editDraft(ctx, "cancel minutes draft", token, `cancelled_at = $2, awaiting = false`)
}

// SendMinutes makes the draft the meeting's minutes. The draft row lock
// settles two presses (or two replicas) one way; the minutes row's unique
// draft_token and meeting_id make a second call find the first result.
func (db *DB) SendMinutes(ctx context.Context, token string, actor int64) (tkpkbot.SentMinutes, bool, error) {
	now := db.Clock.Now()
	var out tkpkbot.SentMinutes
	again := false
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		d, err := lockMinutesDraft(ctx, tx, token, now)
		switch {
		case err != nil:
			return err
		case d.MinutesID != 0:
			again = true
			out, err = minutesByID(ctx, tx, d.MinutesID)
			return err
		case d.Cancelled:
			return tkpkbot.ErrMinutesCancelled
		case d.Minutes.Empty():
			return tkpkbot.ErrMinutesEmpty
		}
		var role string
		err = tx.QueryRow(ctx, `SELECT role FROM users WHERE id = $1 FOR SHARE`, actor).Scan(&role)
		if errors.Is(err, pgx.ErrNoRows) || err == nil && tkpkbot.Role(role) != tkpkbot.RoleAdmin {
			return tkpkbot.ErrNotAdmin
		} else if err != nil {
			return err
		}
		// Checked at parse time, again now: a preview may have been kept
		// past a task's due moment, which would make it overdue at once.
		for i, t := range d.Minutes.Tasks {
			if !tkpkbot.ActionDueAt(t.DueOn, db.Location).After(now) {
				return tkpkbot.ErrMinutesTaskPast.About(int64(i + 1))
			}
		}
		content, err := json.Marshal(d.Minutes)
		if err != nil {
			return err
		}
		var id int64
		err = tx.QueryRow(ctx, `INSERT INTO minutes (meeting_id, draft_token, content, present, sent_by, sent_at)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (meeting_id) DO NOTHING RETURNING id`,
			d.MeetingID, token, content, d.Present, actor, now).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			return tkpkbot.ErrMinutesSent.About(d.MeetingID)
		} else if err != nil {
			return err
		}
		for i, t := range d.Minutes.Tasks {
			if _, err := tx.Exec(ctx, `INSERT INTO actions (minutes_id, meeting_id, position, region_code, task, due_on, due_at, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, id, d.MeetingID, i+1, t.Region, t.Task,
				t.DueOn.In(db.Location).Format(time.DateOnly), tkpkbot.ActionDueAt(t.DueOn, db.Location), now); err != nil {
				return err
			}
		}
		// The one durable row every member's and the group's copy fans out
		// from; a week later they are stale news.
		if _, err := tx.Exec(ctx, `INSERT INTO reminders (dedup_key, kind, minutes_id, due_at, expires_at, created_at)
			VALUES ($1, 'minutes', $2, $3, $4, $3) ON CONFLICT (dedup_key) DO NOTHING`,
			fmt.Sprintf("minutes:%d", id), id, now, now.Add(7*24*time.Hour)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE minutes_drafts SET minutes_id = $2, awaiting = false, updated_at = $3 WHERE token = $1`,
			token, id, now); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SELECT pg_notify($1, '')`, wakeChannel); err != nil {
			return err
		}
		out, err = minutesByID(ctx, tx, id)
		return err
	})
	return out, again, db.wrap("send minutes", err)
}

func minutesQuery(ctx context.Context, q rowQuerier, where string, arg any) (tkpkbot.SentMinutes, error) {
	var s tkpkbot.SentMinutes
	var content []byte
	m := &s.Meeting
	err := q.QueryRow(ctx, `SELECT n.id, n.content, n.present, n.sent_by, n.sent_at,
		m.id, m.title, m.location, m.starts_at, m.created_by, m.created_at, m.cancelled_at
		FROM minutes n JOIN meetings m ON m.id = n.meeting_id WHERE `+where, arg).Scan(
		&s.ID, &content, &s.Present, &s.SentBy, &s.SentAt,
		&m.ID, &m.Title, &m.Location, &m.StartsAt, &m.CreatedBy, &m.CreatedAt, &m.CancelledAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return s, &tkpkbot.Error{Code: tkpkbot.ENOTFOUND}
	} else if err != nil {
		return s, err
	}
	return s, json.Unmarshal(content, &s.Minutes)
}

// rowQuerier is a pool or a transaction.
type rowQuerier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func minutesByID(ctx context.Context, q rowQuerier, id int64) (tkpkbot.SentMinutes, error) {
	return minutesQuery(ctx, q, `n.id = $1`, id)
}

// Minutes returns sent minutes by ID.
func (db *DB) Minutes(ctx context.Context, id int64) (tkpkbot.SentMinutes, error) {
	s, err := minutesByID(ctx, db.Pool, id)
	return s, db.wrap("load minutes", err)
}

// MeetingMinutes returns a meeting's sent minutes.
func (db *DB) MeetingMinutes(ctx context.Context, meetingID int64) (tkpkbot.SentMinutes, error) {
	s, err := minutesQuery(ctx, db.Pool, `n.meeting_id = $1`, meetingID)
	return s, db.wrap("load meeting minutes", err)
}
