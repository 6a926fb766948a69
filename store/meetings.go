package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"tkpkbot"
)

var _ tkpkbot.MeetingService = (*DB)(nil)

// wakeChannel is the LISTEN/NOTIFY channel that tells every replica's
// sweeper a reminder is due now, so announcements go out at once instead
// of at the next minute tick.
const wakeChannel = "tkpkbot_reminders"

const meetingCols = `m.id, m.title, m.location, m.starts_at, m.created_by, m.created_at, m.cancelled_at`

func scanMeeting(row pgx.Row, extra ...any) (tkpkbot.Meeting, error) {
	var m tkpkbot.Meeting
	err := row.Scan(append([]any{&m.ID, &m.Title, &m.Location, &m.StartsAt, &m.CreatedBy, &m.CreatedAt, &m.CancelledAt}, extra...)...)
	return m, err
}

// CreateMeeting stores the meeting and its announcement together; the
// offset reminders are planned by the sweeper, which knows the offsets.
func (db *DB) CreateMeeting(ctx context.Context, m tkpkbot.Meeting) (tkpkbot.Meeting, error) {
	now := db.Clock.Now()
	m, err := checkMeeting(m, now)
	if err != nil {
		return m, err
	}
	var out tkpkbot.Meeting
	err = pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		var err error
		out, err = createMeeting(ctx, tx, m, now)
		return err
	})
	return out, db.wrap("create meeting", err)
}

// checkMeeting trims what the admin typed and applies the meeting rules
// as of now: a draft confirmed later may have started meanwhile.
func checkMeeting(m tkpkbot.Meeting, now time.Time) (tkpkbot.Meeting, error) {
	m.Title, m.Location = strings.TrimSpace(m.Title), strings.TrimSpace(m.Location)
	return m, m.Validate(now)
}

// createMeeting inserts a checked meeting with its announcement in tx. A
// meeting from the same source update (a redelivery, or a confirmed
// draft pressed again) is found instead of created twice.
func createMeeting(ctx context.Context, tx pgx.Tx, m tkpkbot.Meeting, now time.Time) (tkpkbot.Meeting, error) {
	var source any
	if m.SourceUpdate != 0 {
		source = m.SourceUpdate
	}
	out, err := scanMeeting(tx.QueryRow(ctx, `
		INSERT INTO meetings AS m (title, location, starts_at, created_by, created_at, source_update)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (created_by, source_update) DO NOTHING RETURNING `+meetingCols,
		m.Title, m.Location, m.StartsAt, m.CreatedBy, now, source))
	if errors.Is(err, pgx.ErrNoRows) {
		// the same update was handled before (a redelivery): same meeting
		return scanMeeting(tx.QueryRow(ctx, `SELECT `+meetingCols+` FROM meetings m WHERE m.created_by = $1 AND m.source_update = $2`, m.CreatedBy, source))
	} else if err != nil {
		return out, err
	}
	return out, scheduleNow(ctx, tx, tkpkbot.KindMeetingAnnounce, out, now)
}

// scheduleNow adds a meeting reminder due at once and wakes the sweepers;
// NOTIFY is delivered only if the transaction commits.
func scheduleNow(ctx context.Context, tx pgx.Tx, kind tkpkbot.ReminderKind, m tkpkbot.Meeting, now time.Time) error {
	_, err := tx.Exec(ctx, `INSERT INTO reminders (dedup_key, kind, meeting_id, due_at, expires_at, created_at)
		VALUES ($1, $2, $3, $4, $5, $4) ON CONFLICT (dedup_key) DO NOTHING`,
		fmt.Sprintf("%s:%d", kind, m.ID), string(kind), m.ID, now, m.StartsAt)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `SELECT pg_notify($1, '')`, wakeChannel)
	return err
}

// Meeting returns one meeting.
func (db *DB) Meeting(ctx context.Context, id int64) (tkpkbot.Meeting, error) {
	m, err := scanMeeting(db.Pool.QueryRow(ctx, `SELECT `+meetingCols+` FROM meetings m WHERE m.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return m, meetingNotFound(id)
	}
	return m, db.wrap("load meeting", err)
}

func meetingNotFound(id int64) error {
	return tkpkbot.ErrMeetingUnknown.About(id)
}

// UpcomingMeetings lists meetings that have not started, with the user's
// answer.
func (db *DB) UpcomingMeetings(ctx context.Context, user int64) ([]tkpkbot.UpcomingMeeting, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+meetingCols+`, COALESCE(v.answer, '')
		FROM meetings m LEFT JOIN rsvps v ON v.meeting_id = m.id AND v.user_id = $1
		WHERE m.cancelled_at IS NULL AND m.starts_at > $2
		ORDER BY m.starts_at, m.id LIMIT 50`, user, db.Clock.Now())
	if err != nil {
		return nil, db.wrap("list meetings", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (tkpkbot.UpcomingMeeting, error) {
		var answer string
		m, err := scanMeeting(r, &answer)
		return tkpkbot.UpcomingMeeting{Meeting: m, Answer: tkpkbot.RSVP(answer)}, err
	})
	return out, db.wrap("list meetings", err)
}

// CancelMeeting marks the meeting cancelled and schedules the notice.
func (db *DB) CancelMeeting(ctx context.Context, actor, id int64) (tkpkbot.Meeting, error) {
	now := db.Clock.Now()
	var out tkpkbot.Meeting
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		m, err := scanMeeting(tx.QueryRow(ctx, `SELECT `+meetingCols+` FROM meetings m WHERE m.id = $1 FOR UPDATE`, id))
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return meetingNotFound(id)
		case err != nil:
			return err
		case m.Cancelled():
			return tkpkbot.ErrMeetingCancelledBefore.About(id)
		case !m.StartsAt.After(now):
			return tkpkbot.ErrMeetingOver.About(id)
		}
		out, err = scanMeeting(tx.QueryRow(ctx, `UPDATE meetings m SET cancelled_at = $2, cancelled_by = $3
			WHERE m.id = $1 RETURNING `+meetingCols, id, now, actor))
		if err != nil {
			return err
		}
		// Reminders not yet fanned out would only be dropped at send time;
		// dropping them now keeps the record honest.
		if _, err := tx.Exec(ctx, `UPDATE reminders SET status = 'dropped', note = $2
			WHERE meeting_id = $1 AND status = 'pending' AND kind IN ('meeting_announce', 'meeting_before')`, id, string(tkpkbot.DropMeetingCancelled)); err != nil {
			return err
		}
		return scheduleNow(ctx, tx, tkpkbot.KindMeetingCancel, out, now)
	})
	return out, db.wrap("cancel meeting", err)
}

// SetRSVP upserts the answer; only members may answer, and only for a
// meeting still ahead.
func (db *DB) SetRSVP(ctx context.Context, meetingID, user int64, answer tkpkbot.RSVP) (tkpkbot.Meeting, bool, error) {
	if !answer.Valid() {
		return tkpkbot.Meeting{}, false, tkpkbot.ErrRSVPUnknown
	}
	now := db.Clock.Now()
	var m tkpkbot.Meeting
	changed := false
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		var err error
		if m, err = upcomingMeeting(ctx, tx, meetingID, now, false); err != nil {
			return err
		}
		// The conditional update reports whether anything changed, so a
		// double tap or a redelivered update is recognisably a no-op.
		tag, err := tx.Exec(ctx, `INSERT INTO rsvps (meeting_id, user_id, answer, answered_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (meeting_id, user_id) DO UPDATE SET answer = EXCLUDED.answer, answered_at = EXCLUDED.answered_at
			WHERE rsvps.answer <> EXCLUDED.answer`, meetingID, user, string(answer), now)
		changed = tag.RowsAffected() > 0
		return err
	})
	return m, changed, db.wrap("set rsvp", err)
}

// Attendance lists every member with their answer to the meeting.
func (db *DB) Attendance(ctx context.Context, meetingID int64) (tkpkbot.Meeting, []tkpkbot.Attendee, error) {
	m, err := db.Meeting(ctx, meetingID)
	if err != nil {
		return m, nil, err
	}
	// Former members who answered are listed too: their answer still
	// tells the organiser who is coming.
	rows, err := db.Pool.Query(ctx, `SELECT `+userCols+`, COALESCE(v.answer, '')
		FROM users LEFT JOIN rsvps v ON v.meeting_id = $1 AND v.user_id = users.id
		WHERE users.role <> '' OR v.answer IS NOT NULL
		ORDER BY users.region_code, users.first_name, users.id`, meetingID)
	if err != nil {
		return m, nil, db.wrap("attendance", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (tkpkbot.Attendee, error) {
		var a tkpkbot.Attendee
		var role, answer string
		err := r.Scan(&a.User.ID, &a.User.FirstName, &a.User.Username, &role, &a.User.RegionCode,
			&a.User.Muted, &a.User.Unreachable, &a.User.CreatedAt, &answer)
		a.User.Role, a.Answer = tkpkbot.Role(role), tkpkbot.RSVP(answer)
		return a, err
	})
	return m, out, db.wrap("attendance", err)
}

// SetMuted flips the person's reminder switch.
func (db *DB) SetMuted(ctx context.Context, user int64, muted bool) (tkpkbot.User, error) {
	u, err := scanUser(db.Pool.QueryRow(ctx, `UPDATE users SET muted = $2, updated_at = $3 WHERE id = $1 RETURNING `+userCols,
		user, muted, db.Clock.Now()))
	db.users.invalidate(user)
	if errors.Is(err, pgx.ErrNoRows) {
		return u, tkpkbot.ErrUserUnknown.About(user)
	}
	return u, db.wrap("set muted", err)
}

// upcomingMeeting reads a meeting that may still be prepared for (RSVPs,
// agenda, materials): not cancelled and not yet started, else the fact
// that says why. lock holds its row until the transaction ends.
func upcomingMeeting(ctx context.Context, tx pgx.Tx, id int64, now time.Time, lock bool) (tkpkbot.Meeting, error) {
	q := `SELECT ` + meetingCols + ` FROM meetings m WHERE m.id = $1`
	if lock {
		q += ` FOR UPDATE`
	}
	m, err := scanMeeting(tx.QueryRow(ctx, q, id))
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return m, meetingNotFound(id)
	case err != nil:
		return m, err
	case m.Cancelled():
		return m, tkpkbot.ErrMeetingCancelled
	case !m.StartsAt.After(now):
		return m, tkpkbot.ErrMeetingStarted
	}
	return m, nil
}
