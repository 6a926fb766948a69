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

var _ tkpkbot.MaterialsService = (*DB)(nil)

// materialsSummaryLife is how long after the deadline the summary to
// admins is still worth sending (a weekend outage), as for reports.
const materialsSummaryLife = 72 * time.Hour

const requestCols = `q.meeting_id, q.request, q.deadline, q.created_by, q.created_at, COALESCE(q.source_update, 0)`

func scanRequest(row pgx.Row) (tkpkbot.MaterialsRequest, error) {
	var q tkpkbot.MaterialsRequest
	err := row.Scan(&q.MeetingID, &q.Request, &q.Deadline, &q.CreatedBy, &q.CreatedAt, &q.SourceUpdate)
	return q, err
}

// RequestMaterials stores the request with its two durable messages: the
// request to coordinators, due now, and the summary to admins at the
// deadline. The offset reminders in between are planned by the sweeper,
// which knows MATERIALS_REMINDER_OFFSETS.
func (db *DB) RequestMaterials(ctx context.Context, q tkpkbot.MaterialsRequest) (tkpkbot.MaterialsRequest, tkpkbot.Meeting, error) {
	now := db.Clock.Now()
	q.Request = strings.Join(strings.Fields(q.Request), " ")
	var out tkpkbot.MaterialsRequest
	var m tkpkbot.Meeting
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		var err error
		m, err = scanMeeting(tx.QueryRow(ctx, `SELECT `+meetingCols+` FROM meetings m WHERE m.id = $1 FOR SHARE`, q.MeetingID))
		if errors.Is(err, pgx.ErrNoRows) {
			return meetingNotFound(q.MeetingID)
		} else if err != nil {
			return err
		}
		var source any
		if q.SourceUpdate != 0 {
			source = q.SourceUpdate
		}
		out, err = scanRequest(tx.QueryRow(ctx, `SELECT `+requestCols+` FROM material_requests q WHERE q.meeting_id = $1`, q.MeetingID))
		switch {
		case err == nil && q.SourceUpdate != 0 && out.SourceUpdate == q.SourceUpdate:
			return nil // the same /bahan delivered again
		case err == nil:
			return tkpkbot.ErrMaterialsRequested.About(q.MeetingID)
		case !errors.Is(err, pgx.ErrNoRows):
			return err
		}
		if err := q.Validate(m, now); err != nil {
			return err
		}
		out, err = scanRequest(tx.QueryRow(ctx, `INSERT INTO material_requests AS q (meeting_id, request, deadline, created_by, created_at, source_update)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING `+requestCols, q.MeetingID, q.Request, q.Deadline, q.CreatedBy, now, source))
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO reminders (dedup_key, kind, meeting_id, due_at, expires_at, created_at)
			VALUES ($1, 'materials_request', $3, $4, $5, $4), ($2, 'materials_missing', $3, $5, $6, $4)
			ON CONFLICT (dedup_key) DO NOTHING`,
			fmt.Sprintf("%s:%d", tkpkbot.KindMaterialsRequest, m.ID), fmt.Sprintf("%s:%d", tkpkbot.KindMaterialsMissing, m.ID),
			m.ID, now, out.Deadline, out.Deadline.Add(materialsSummaryLife)); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `SELECT pg_notify($1, '')`, wakeChannel)
		return err
	})
	return out, m, db.wrap("request materials", err)
}

// PlanMaterialsReminders creates each open request's offset reminders. An
// offset due before the request was made is skipped: the request itself
// just said everything it would.
func (db *DB) PlanMaterialsReminders(ctx context.Context, offsets []time.Duration, now time.Time) (int, error) {
	return db.planOffsets(ctx, "plan materials reminders", `
		INSERT INTO reminders (dedup_key, kind, meeting_id, offset_s, due_at, expires_at, created_at)
		SELECT 'materials_before:' || q.meeting_id || ':' || o.s, 'materials_before', q.meeting_id, o.s,
		       q.deadline - make_interval(secs => o.s), q.deadline, $2
		FROM material_requests q JOIN meetings m ON m.id = q.meeting_id
		CROSS JOIN unnest($1::bigint[]) AS o(s)
		WHERE m.cancelled_at IS NULL AND q.deadline > $2
		  AND q.deadline - make_interval(secs => o.s) > q.created_at
		ON CONFLICT (dedup_key) DO NOTHING`, offsets, now)
}

const materialCols = `mt.id, mt.meeting_id, mt.region_code, mt.sent_by, COALESCE(u.first_name, ''), COALESCE(u.username, ''),
	mt.kind, mt.file_id, mt.file_name, mt.mime_type, mt.file_size, mt.body, mt.sent_at, mt.source_update`

func scanMaterial(row pgx.Row) (tkpkbot.Material, error) {
	var m tkpkbot.Material
	var kind string
	err := row.Scan(&m.ID, &m.MeetingID, &m.RegionCode, &m.Sender.ID, &m.Sender.FirstName, &m.Sender.Username,
		&kind, &m.FileID, &m.FileName, &m.MimeType, &m.FileSize, &m.Body, &m.SentAt, &m.SourceUpdate)
	m.Kind = tkpkbot.MaterialKind(kind)
	return m, err
}

// AddMaterial stores a material for its meeting's request. The sender's
// role and region are read here, in the transaction, so a coordinator
// revoked a second ago cannot send, and the region is the current one;
// the material's own rules (Validate) come after who and which meeting.
func (db *DB) AddMaterial(ctx context.Context, m tkpkbot.Material) (tkpkbot.Material, error) {
	now := db.Clock.Now()
	var out tkpkbot.Material
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		var role, region string
		err := tx.QueryRow(ctx, `SELECT role, region_code FROM users WHERE id = $1`, m.Sender.ID).Scan(&role, &region)
		if errors.Is(err, pgx.ErrNoRows) || err == nil && role != string(tkpkbot.RoleKoordinator) && role != string(tkpkbot.RoleAdmin) {
			return tkpkbot.ErrMaterialSender
		} else if err != nil {
			return err
		}
		if _, err := upcomingMeeting(ctx, tx, m.MeetingID, now, false); err != nil {
			return err
		}
		var requested bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM material_requests WHERE meeting_id = $1)`, m.MeetingID).Scan(&requested); err != nil {
			return err
		}
		if !requested {
			return tkpkbot.ErrMaterialsNotRequested.About(m.MeetingID)
		}
		// Last: "meeting #9 does not exist" helps more than "too short".
		if err := m.Validate(); err != nil {
			return err
		}
		var id int64
		err = tx.QueryRow(ctx, `INSERT INTO materials (meeting_id, region_code, sent_by, kind, file_id, file_name, mime_type, file_size, body, sent_at, source_update)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
			ON CONFLICT (source_update) DO UPDATE SET source_update = EXCLUDED.source_update
			RETURNING id`,
			m.MeetingID, region, m.Sender.ID, string(m.Kind), m.FileID, m.FileName, m.MimeType, m.FileSize,
			strings.TrimSpace(m.Body), now, m.SourceUpdate).Scan(&id)
		if err != nil {
			return err
		}
		out, err = scanMaterial(tx.QueryRow(ctx, `SELECT `+materialCols+` FROM materials mt LEFT JOIN users u ON u.id = mt.sent_by WHERE mt.id = $1`, id))
		return err
	})
	return out, db.wrap("add material", err)
}

// MaterialsStatus reads a meeting's request and materials.
func (db *DB) MaterialsStatus(ctx context.Context, meetingID int64) (tkpkbot.MaterialsStatus, error) {
	var s tkpkbot.MaterialsStatus
	m, err := db.Meeting(ctx, meetingID)
	if err != nil {
		return s, err
	}
	s.Meeting = m
	s.Request, err = scanRequest(db.Pool.QueryRow(ctx, `SELECT `+requestCols+` FROM material_requests q WHERE q.meeting_id = $1`, meetingID))
	if errors.Is(err, pgx.ErrNoRows) {
		return s, tkpkbot.ErrMaterialsNotRequested.About(meetingID)
	} else if err != nil {
		return s, db.wrap("load materials request", err)
	}
	rows, err := db.Pool.Query(ctx, `SELECT `+materialCols+` FROM materials mt LEFT JOIN users u ON u.id = mt.sent_by
		WHERE mt.meeting_id = $1 AND mt.removed_at IS NULL ORDER BY mt.region_code, mt.sent_at, mt.id`, meetingID)
	if err != nil {
		return s, db.wrap("list materials", err)
	}
	s.Materials, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (tkpkbot.Material, error) { return scanMaterial(r) })
	return s, db.wrap("list materials", err)
}

// Material returns one material by ID.
func (db *DB) Material(ctx context.Context, id int64) (tkpkbot.Material, error) {
	m, err := scanMaterial(db.Pool.QueryRow(ctx, `SELECT `+materialCols+` FROM materials mt LEFT JOIN users u ON u.id = mt.sent_by
		WHERE mt.id = $1 AND mt.removed_at IS NULL`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return m, tkpkbot.ErrMaterialUnknown.About(id)
	}
	return m, db.wrap("load material", err)
}

// RemoveMaterial marks a material removed (who, when). The remover's role
// is read here, in the transaction, as AddMaterial reads the sender's: a
// coordinator revoked since sending can no longer take it back. The row
// lock makes a second press find it gone.
func (db *DB) RemoveMaterial(ctx context.Context, id, by int64) (tkpkbot.Material, error) {
	now := db.Clock.Now()
	var out tkpkbot.Material
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		var role string
		err := tx.QueryRow(ctx, `SELECT role FROM users WHERE id = $1`, by).Scan(&role)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		out, err = scanMaterial(tx.QueryRow(ctx, `SELECT `+materialCols+` FROM materials mt LEFT JOIN users u ON u.id = mt.sent_by
			WHERE mt.id = $1 AND mt.removed_at IS NULL FOR UPDATE OF mt`, id))
		if errors.Is(err, pgx.ErrNoRows) {
			return tkpkbot.ErrMaterialUnknown.About(id)
		} else if err != nil {
			return err
		}
		switch {
		case role == string(tkpkbot.RoleAdmin):
		case role == string(tkpkbot.RoleKoordinator) && out.Sender.ID == by:
		default:
			return tkpkbot.ErrMaterialNotYours
		}
		if _, err := upcomingMeeting(ctx, tx, out.MeetingID, now, false); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE materials SET removed_at = $2, removed_by = $3 WHERE id = $1`, id, now, by)
		return err
	})
	return out, db.wrap("remove material", err)
}

// RequestOfMessage finds the materials request or reminder the bot sent
// as messageID to chatID, so a reply to it is read as materials.
func (db *DB) RequestOfMessage(ctx context.Context, chatID int64, messageID int) (int64, bool, error) {
	var id int64
	err := db.Pool.QueryRow(ctx, `SELECT r.meeting_id FROM deliveries d JOIN reminders r ON r.id = d.reminder_id
		WHERE d.chat_id = $1 AND d.message_id = $2 AND r.kind IN ('materials_request', 'materials_before')
		LIMIT 1`, chatID, int64(messageID)).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, db.wrap("find request message", err)
}
