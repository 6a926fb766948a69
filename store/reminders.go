package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"tkpkbot"
)

var _ tkpkbot.ReminderStore = (*DB)(nil)

// senderLockKey names the advisory lock held by the one process that is
// sending reminders: Telegram's rate limit is per bot, not per replica.
const senderLockKey int64 = 0x746b706b5f726d64 // "tkpk_rmd"

// PlanReminders inserts missing reminders that are not yet due. A pending
// one gets the planned due time, because a day off marked after planning
// can move a deadline; reminders already fanned out are never touched.
func (db *DB) PlanReminders(ctx context.Context, plans []tkpkbot.ReminderPlan, now time.Time) (int, error) {
	if len(plans) == 0 {
		return 0, nil
	}
	batch := &pgx.Batch{}
	for _, p := range plans {
		var meeting, year, week any
		if p.MeetingID != 0 {
			meeting = p.MeetingID
		}
		if p.Week != (tkpkbot.Week{}) {
			year, week = p.Week.Year, p.Week.Week
		}
		// A reminder already due when first planned is not created: like
		// a meeting offset past at creation, it would arrive late and out
		// of the blue (first start of a new installation).
		batch.Queue(`INSERT INTO reminders (dedup_key, kind, meeting_id, iso_year, iso_week, offset_s, due_at, expires_at, created_at)
			SELECT $1::text, $2::text, $3::bigint, $4::int, $5::int, $6::bigint, $7::timestamptz, $8::timestamptz, $9::timestamptz
			WHERE $7::timestamptz > $9::timestamptz OR EXISTS (SELECT 1 FROM reminders WHERE dedup_key = $1::text)
			ON CONFLICT (dedup_key) DO UPDATE SET due_at = EXCLUDED.due_at, expires_at = EXCLUDED.expires_at
			WHERE reminders.status = 'pending' AND (reminders.due_at, reminders.expires_at) IS DISTINCT FROM (EXCLUDED.due_at, EXCLUDED.expires_at)
			RETURNING (xmax = 0)`,
			p.Key, string(p.Kind), meeting, year, week, int64(p.Offset/time.Second), p.DueAt, p.ExpiresAt, now)
	}
	created := 0
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		br := tx.SendBatch(ctx, batch)
		for range plans {
			var inserted bool
			err := br.QueryRow().Scan(&inserted)
			if errors.Is(err, pgx.ErrNoRows) {
				continue // existed and unchanged
			} else if err != nil {
				br.Close()
				return err
			}
			if inserted {
				created++
			}
		}
		return br.Close()
	})
	return created, db.wrap("plan reminders", err)
}

// PlanMeetingReminders creates each upcoming meeting's offset reminders.
// An offset whose due time is not after the meeting's creation is skipped:
// the announcement already said everything it would.
func (db *DB) PlanMeetingReminders(ctx context.Context, offsets []time.Duration, now time.Time) (int, error) {
	return db.planOffsets(ctx, "plan meeting reminders", `
		INSERT INTO reminders (dedup_key, kind, meeting_id, offset_s, due_at, expires_at, created_at)
		SELECT 'meeting_before:' || m.id || ':' || o.s, 'meeting_before', m.id, o.s,
		       m.starts_at - make_interval(secs => o.s), m.starts_at, $2
		FROM meetings m CROSS JOIN unnest($1::bigint[]) AS o(s)
		WHERE m.cancelled_at IS NULL AND m.starts_at > $2
		  AND m.starts_at - make_interval(secs => o.s) > m.created_at
		ON CONFLICT (dedup_key) DO NOTHING`, offsets, now)
}

// recipientsSQL picks the candidate chats of a reminder by kind. It is
// deliberately wide: whether a person still wants the message (muted,
// answered "Tidak hadir", region already reported) is decided when it is
// sent, from the state at that moment.
const recipientsSQL = `
	SELECT u.id FROM users u WHERE
	    CASE $2::text
	        WHEN 'report_before' THEN u.role = 'koordinator'
	        WHEN 'report_summary' THEN u.role = 'admin'
	        WHEN 'region_uncovered' THEN u.role = 'admin'
	        WHEN 'figures_notice' THEN u.role <> '' AND EXISTS (
	            SELECT 1 FROM reminders fr JOIN figure_changes c ON c.import_id = fr.figure_import_id
	            WHERE fr.id = $1::bigint AND c.region_code = ANY (` + subscribedRegionsSQL + `))
	        WHEN 'materials_request' THEN u.role = 'koordinator'
	        WHEN 'materials_before' THEN u.role = 'koordinator'
	        WHEN 'materials_missing' THEN u.role = 'admin'
	        WHEN 'action_before' THEN u.role = 'koordinator' AND u.region_code = (SELECT region_code FROM reminders WHERE id = $1)
	        WHEN 'action_overdue' THEN u.role = 'koordinator' AND u.region_code = (SELECT region_code FROM reminders WHERE id = $1)
	        ELSE u.role <> ''
	    END
	UNION
	SELECT $3::bigint WHERE $3::bigint <> 0 AND $2::text IN ('meeting_announce', 'meeting_cancel', 'minutes')`

// ExpandDue fans due reminders out into deliveries. Each reminder is
// locked with SKIP LOCKED and changes state in the same transaction as its
// deliveries are inserted, so concurrent sweepers expand it exactly once
// and a crash mid-way rolls back to pending.
func (db *DB) ExpandDue(ctx context.Context, now time.Time, limit int, groupChat int64, cal tkpkbot.Calendar) ([]tkpkbot.Expansion, error) {
	var out []tkpkbot.Expansion
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		out = out[:0]
		rows, err := tx.Query(ctx, `
			SELECT r.id, r.dedup_key, r.kind, COALESCE(r.meeting_id, 0), COALESCE(r.iso_year, 0), COALESCE(r.iso_week, 0),
			       r.offset_s, r.due_at, r.expires_at, m.cancelled_at IS NOT NULL,
			       EXISTS (
			           -- superseded: a later reminder of the same meeting or week is
			           -- due too (the bot was down), or the announcement itself has
			           -- not gone out yet; one message then says it all.
			           SELECT 1 FROM reminders s
			           WHERE s.id <> r.id AND s.status <> 'dropped' AND s.due_at <= $1 AND s.expires_at > $1
			             AND ((r.kind = 'meeting_before' AND s.meeting_id = r.meeting_id
			                   AND (s.kind = 'meeting_announce' AND s.status = 'pending'
			                        OR s.kind = 'meeting_before' AND (s.due_at, s.id) > (r.due_at, r.id)))
			               OR (r.kind = 'report_before' AND s.kind = 'report_before'
			                   AND (s.iso_year, s.iso_week) = (r.iso_year, r.iso_week) AND (s.due_at, s.id) > (r.due_at, r.id))
			               OR (r.kind = 'action_before' AND s.action_id = r.action_id
			                   AND s.kind IN ('action_before', 'action_overdue') AND (s.due_at, s.id) > (r.due_at, r.id))
			               OR (r.kind = 'materials_before' AND s.meeting_id = r.meeting_id
			                   AND (s.kind = 'materials_request' AND s.status = 'pending'
			                        OR s.kind = 'materials_before' AND (s.due_at, s.id) > (r.due_at, r.id)))))
			FROM reminders r LEFT JOIN meetings m ON m.id = r.meeting_id
			WHERE r.status = 'pending' AND r.due_at <= $1
			ORDER BY r.due_at, r.id
			LIMIT $2
			FOR UPDATE OF r SKIP LOCKED`, now, limit)
		if err != nil {
			return err
		}
		type due struct {
			r                     tkpkbot.Reminder
			cancelled, superseded bool
		}
		var dues []due
		for rows.Next() {
			var d due
			var kind string
			var offset int64
			if err := rows.Scan(&d.r.ID, &d.r.Key, &kind, &d.r.MeetingID, &d.r.Week.Year, &d.r.Week.Week,
				&offset, &d.r.DueAt, &d.r.ExpiresAt, &d.cancelled, &d.superseded); err != nil {
				rows.Close()
				return err
			}
			d.r.Kind, d.r.Offset = tkpkbot.ReminderKind(kind), time.Duration(offset)*time.Second
			dues = append(dues, d)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for _, d := range dues {
			x := tkpkbot.Expansion{Reminder: d.r}
			report := d.r.Kind == tkpkbot.KindReportBefore || d.r.Kind == tkpkbot.KindReportSummary
			switch {
			case !now.Before(d.r.ExpiresAt):
				x.Dropped = tkpkbot.DropExpired
			case d.cancelled && d.r.Kind != tkpkbot.KindMeetingCancel:
				x.Dropped = tkpkbot.DropMeetingCancelled
			case d.superseded:
				x.Dropped = tkpkbot.DropSuperseded
			case report && weekOff(cal, d.r.Week, db.Location):
				x.Dropped = tkpkbot.DropWeekOff
			}
			if x.Dropped != "" {
				if _, err := tx.Exec(ctx, `UPDATE reminders SET status = 'dropped', note = $2, expanded_at = $3 WHERE id = $1`,
					d.r.ID, x.Dropped, now); err != nil {
					return err
				}
				out = append(out, x)
				continue
			}
			tag, err := tx.Exec(ctx, `INSERT INTO deliveries (reminder_id, chat_id, next_attempt_at)
				SELECT $1, c.id, $4 FROM (`+recipientsSQL+`) AS c(id)
				ON CONFLICT DO NOTHING`, d.r.ID, string(d.r.Kind), groupChat, now)
			if err != nil {
				return err
			}
			x.Recipients = int(tag.RowsAffected())
			if _, err := tx.Exec(ctx, `UPDATE reminders SET status = 'open', expanded_at = $2 WHERE id = $1`, d.r.ID, now); err != nil {
				return err
			}
			out = append(out, x)
		}
		return nil
	})
	return out, db.wrap("expand reminders", err)
}

// ClaimDeliveries leases ready deliveries to owner and returns each with
// the state needed to decide and format it. Rows another sweeper holds are
// skipped, not waited for.
func (db *DB) ClaimDeliveries(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]tkpkbot.Delivery, error) {
	rows, err := db.Pool.Query(ctx, `
		WITH picked AS (
		    SELECT reminder_id, chat_id FROM deliveries
		    WHERE (status = 'pending' AND next_attempt_at <= $2)
		       OR (status = 'claimed' AND lease_until <= $2)
		    ORDER BY next_attempt_at, reminder_id, chat_id
		    LIMIT $4
		    FOR UPDATE SKIP LOCKED
		), claimed AS (
		    UPDATE deliveries d SET status = 'claimed', claimed_by = $1, lease_until = $3
		    FROM picked p WHERE d.reminder_id = p.reminder_id AND d.chat_id = p.chat_id
		    RETURNING d.reminder_id, d.chat_id, d.attempts
		)
		SELECT c.reminder_id, c.chat_id, c.attempts,
		       r.dedup_key, r.kind, COALESCE(r.meeting_id, 0), COALESCE(r.iso_year, 0), COALESCE(r.iso_week, 0),
		       r.offset_s, r.due_at, r.expires_at, COALESCE(r.region_code, ''), r.detail, COALESCE(r.figure_import_id, 0),
		       COALESCE(r.minutes_id, 0), COALESCE(r.action_id, 0),
		       COALESCE(m.title, ''), COALESCE(m.location, ''), COALESCE(m.starts_at, r.expires_at),
		       COALESCE(m.created_by, 0), COALESCE(m.created_at, r.created_at), m.cancelled_at,
		       COALESCE(u.id, 0), COALESCE(u.first_name, ''), COALESCE(u.username, ''), COALESCE(u.role, ''),
		       COALESCE(u.region_code, ''), COALESCE(u.muted, false), COALESCE(u.unreachable, false),
		       COALESCE(v.answer, ''),
		       u.region_code IS NOT NULL AND r.iso_year IS NOT NULL AND EXISTS (
		           SELECT 1 FROM reports rp WHERE rp.region_code = u.region_code
		             AND rp.iso_year = r.iso_year AND rp.iso_week = r.iso_week),
		       COALESCE(mr.request, ''), COALESCE(mr.deadline, r.expires_at),
		       CASE WHEN mr.meeting_id IS NOT NULL THEN ARRAY(
		           SELECT DISTINCT mt.region_code FROM materials mt
		           WHERE mt.meeting_id = mr.meeting_id AND mt.removed_at IS NULL ORDER BY 1) END
		FROM claimed c
		JOIN reminders r ON r.id = c.reminder_id
		LEFT JOIN meetings m ON m.id = r.meeting_id
		LEFT JOIN users u ON u.id = c.chat_id
		LEFT JOIN rsvps v ON v.meeting_id = r.meeting_id AND v.user_id = c.chat_id
		LEFT JOIN material_requests mr ON mr.meeting_id = r.meeting_id
		    AND r.kind IN ('materials_request', 'materials_before', 'materials_missing')
		ORDER BY c.reminder_id, c.chat_id`, owner, now, now.Add(lease), limit)
	if err != nil {
		return nil, db.wrap("claim deliveries", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (tkpkbot.Delivery, error) {
		var d tkpkbot.Delivery
		var kind, role, answer string
		var offset int64
		err := row.Scan(&d.ReminderID, &d.ChatID, &d.Attempts,
			&d.Reminder.Key, &kind, &d.Reminder.MeetingID, &d.Reminder.Week.Year, &d.Reminder.Week.Week,
			&offset, &d.Reminder.DueAt, &d.Reminder.ExpiresAt, &d.Reminder.Region, &d.Reminder.Detail, &d.Reminder.FigureImport,
			&d.Reminder.MinutesID, &d.Reminder.ActionID,
			&d.Meeting.Title, &d.Meeting.Location, &d.Meeting.StartsAt,
			&d.Meeting.CreatedBy, &d.Meeting.CreatedAt, &d.Meeting.CancelledAt,
			&d.Recipient.ID, &d.Recipient.FirstName, &d.Recipient.Username, &role,
			&d.Recipient.RegionCode, &d.Recipient.Muted, &d.Recipient.Unreachable,
			&answer, &d.Reported,
			&d.Materials.Request, &d.Materials.Deadline, &d.MaterialsFrom)
		d.Reminder.ID = d.ReminderID
		d.Reminder.Kind, d.Reminder.Offset = tkpkbot.ReminderKind(kind), time.Duration(offset)*time.Second
		d.Meeting.ID = d.Reminder.MeetingID
		d.Materials.MeetingID = d.Reminder.MeetingID
		d.Recipient.Role, d.Answer = tkpkbot.Role(role), tkpkbot.RSVP(answer)
		return d, err
	})
	return out, db.wrap("claim deliveries", err)
}

// MarkSending is the last write before a message leaves. Only the current
// claimant can make it, so two sweepers can never both send one delivery.
func (db *DB) MarkSending(ctx context.Context, k tkpkbot.DeliveryKey, owner string, now time.Time, lease time.Duration) (bool, error) {
	tag, err := db.Pool.Exec(ctx, `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, lease_until = $4
		WHERE reminder_id = $1 AND chat_id = $2 AND claimed_by = $3 AND status = 'claimed'`,
		k.ReminderID, k.ChatID, owner, now.Add(lease))
	if err != nil {
		return false, db.wrap("mark sending", err)
	}
	return tag.RowsAffected() == 1, nil
}

// Release returns a delivery to owner's claim after Telegram refused it
// (429), so that a crash while waiting leaves it retryable, not unknown.
func (db *DB) Release(ctx context.Context, k tkpkbot.DeliveryKey, owner string, leaseUntil time.Time) error {
	_, err := db.Pool.Exec(ctx, `UPDATE deliveries SET status = 'claimed', lease_until = $4
		WHERE reminder_id = $1 AND chat_id = $2 AND claimed_by = $3 AND status IN ('claimed', 'sending')`,
		k.ReminderID, k.ChatID, owner, leaseUntil)
	return db.wrap("release delivery", err)
}

// Finish records a delivery's outcome, conditional on owner still holding
// it: a sweeper whose lease was taken over cannot overwrite the new
// holder's record. One statement, so a busy sweep pays one round trip.
func (db *DB) Finish(ctx context.Context, k tkpkbot.DeliveryKey, owner string, now time.Time, o tkpkbot.Outcome) error {
	var n int
	var err error
	if o.Retry {
		var tag pgconn.CommandTag
		tag, err = db.Pool.Exec(ctx, `UPDATE deliveries SET status = 'pending', claimed_by = NULL, lease_until = NULL,
			next_attempt_at = $4, note = $5
			WHERE reminder_id = $1 AND chat_id = $2 AND claimed_by = $3 AND status IN ('claimed', 'sending')`,
			k.ReminderID, k.ChatID, owner, o.RetryAt, o.Note)
		n = int(tag.RowsAffected())
	} else {
		var msgID any
		if o.MessageID != 0 {
			msgID = int64(o.MessageID)
		}
		// A 403 or unknown chat marks the person unreachable for admins in
		// the same statement, so the two never disagree.
		err = db.Pool.QueryRow(ctx, `
			WITH d AS (
			    UPDATE deliveries SET status = $4, lease_until = NULL, finished_at = $5, message_id = $6, note = $7
			    WHERE reminder_id = $1 AND chat_id = $2 AND claimed_by = $3 AND status IN ('claimed', 'sending')
			    RETURNING chat_id
			), u AS (
			    UPDATE users SET unreachable = true, updated_at = $5
			    WHERE $4 = 'unreachable' AND id IN (SELECT chat_id FROM d) AND NOT unreachable
			)
			SELECT count(*) FROM d`,
			k.ReminderID, k.ChatID, owner, string(o.Status), now, msgID, o.Note).Scan(&n)
	}
	if err != nil {
		return db.wrap("finish delivery", err)
	}
	if n == 0 {
		return fmt.Errorf("finish delivery %d/%d: no longer held by %s", k.ReminderID, k.ChatID, owner)
	}
	return nil
}

// Unclaim gives back what owner claimed but never started sending.
func (db *DB) Unclaim(ctx context.Context, owner string) (int, error) {
	tag, err := db.Pool.Exec(ctx, `UPDATE deliveries SET status = 'pending', claimed_by = NULL, lease_until = NULL
		WHERE claimed_by = $1 AND status = 'claimed'`, owner)
	return int(tag.RowsAffected()), db.wrap("unclaim deliveries", err)
}

// ExpireSending gives up on sends whose process died between marking and
// recording them. Telegram has no idempotency key, so such a message may
// have arrived; resending could duplicate it, and a duplicate costs more
// trust than the rare lost one. They become "unknown" and are logged.
func (db *DB) ExpireSending(ctx context.Context, now time.Time) ([]tkpkbot.DeliveryKey, error) {
	rows, err := db.Pool.Query(ctx, `UPDATE deliveries SET status = 'unknown', finished_at = $1,
		note = $2
		WHERE status = 'sending' AND lease_until <= $1
		RETURNING reminder_id, chat_id`, now, string(tkpkbot.DropStoppedSending))
	if err != nil {
		return nil, db.wrap("expire sending", err)
	}
	keys, err := pgx.CollectRows(rows, pgx.RowToStructByPos[tkpkbot.DeliveryKey])
	return keys, db.wrap("expire sending", err)
}

// CloseReminders marks open reminders done when nothing can be sent.
func (db *DB) CloseReminders(ctx context.Context) (int, error) {
	tag, err := db.Pool.Exec(ctx, `UPDATE reminders r SET status = 'done'
		WHERE r.status = 'open' AND NOT EXISTS (
		    SELECT 1 FROM deliveries d WHERE d.reminder_id = r.id AND d.status IN ('pending', 'claimed', 'sending'))`)
	return int(tag.RowsAffected()), db.wrap("close reminders", err)
}

// SenderLock takes a session advisory lock on a connection of its own. If
// the process dies its session ends and PostgreSQL frees the lock, so
// another replica takes over sending at its next sweep.
func (db *DB) SenderLock(ctx context.Context) (func(), bool, error) {
	conn, err := db.Pool.Acquire(ctx)
	if err != nil {
		return nil, false, db.wrap("sender lock", err)
	}
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, senderLockKey).Scan(&ok); err != nil {
		conn.Release()
		return nil, false, db.wrap("sender lock", err)
	}
	if !ok {
		conn.Release()
		return nil, false, nil
	}
	return func() {
		uctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if _, err := conn.Exec(uctx, `SELECT pg_advisory_unlock($1)`, senderLockKey); err != nil {
			// A pooled connection must not go back still holding the lock.
			db.Log.Warn("sender unlock failed; closing its connection", "err", err)
			_ = conn.Hijack().Close(uctx)
			return
		}
		conn.Release()
	}, true, nil
}

// WaitWake listens for reminders scheduled "now" on its own connection
// (the same listener as the figures and users watches, with keepalives and
// pings), returning when it fails so the scheduler can retry.
func (db *DB) WaitWake(ctx context.Context, wake func()) error {
	err := db.listen(ctx, wakeChannel, func(context.Context) {}, func(context.Context, string) { wake() }, func() {})
	if ctx.Err() != nil {
		return nil
	}
	return db.wrap("wait for reminders", err)
}

// planOffsets runs a planning statement that takes the offsets as $1 and
// now as $2, and counts the reminders it created. No offsets plan nothing.
func (db *DB) planOffsets(ctx context.Context, what, sql string, offsets []time.Duration, now time.Time) (int, error) {
	if len(offsets) == 0 {
		return 0, nil
	}
	tag, err := db.Pool.Exec(ctx, sql, offsetSeconds(offsets), now)
	return int(tag.RowsAffected()), db.wrap(what, err)
}

// offsetSeconds is how the planning statements take reminder offsets: a
// bigint array of seconds, unnested beside each meeting, request or task.
func offsetSeconds(offsets []time.Duration) []int64 {
	secs := make([]int64, len(offsets))
	for i, o := range offsets {
		secs[i] = int64(o / time.Second)
	}
	return secs
}

// weekOff is the calendar's rule applied to a report reminder's week.
func weekOff(cal tkpkbot.Calendar, w tkpkbot.Week, loc *time.Location) bool {
	_, off := cal.WeekOff(w, loc)
	return off
}
