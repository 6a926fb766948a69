package store

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"tkpkbot"
)

var _ tkpkbot.AgendaService = (*DB)(nil)

// AddAgendaItem appends an item at the end of an upcoming meeting's
// agenda. The meeting row is locked so two admins adding at once get
// distinct positions.
func (db *DB) AddAgendaItem(ctx context.Context, meetingID, actor int64, text string, sourceUpdate int64) ([]tkpkbot.AgendaItem, error) {
	text = strings.Join(strings.Fields(text), " ")
	switch {
	case text == "":
		return nil, tkpkbot.ErrAgendaEmpty
	case utf8.RuneCountInString(text) > tkpkbot.MaxAgendaItem:
		return nil, tkpkbot.ErrAgendaLong
	}
	now := db.Clock.Now()
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		if _, err := upcomingMeeting(ctx, tx, meetingID, now, true); err != nil {
			return err
		}
		var source any
		if sourceUpdate != 0 {
			source = sourceUpdate
		}
		var n int
		var again bool
		if err := tx.QueryRow(ctx, `SELECT count(*), COALESCE(bool_or(source_update = $2), false) FROM agenda_items WHERE meeting_id = $1`,
			meetingID, source).Scan(&n, &again); err != nil {
			return err
		}
		if !again {
			if n >= tkpkbot.MaxAgendaItems {
				return tkpkbot.ErrAgendaFull
			}
			if _, err := tx.Exec(ctx, `INSERT INTO agenda_items (meeting_id, position, body, created_by, created_at, source_update)
				SELECT $1, COALESCE(max(position), 0) + 1, $2, $3, $4, $5 FROM agenda_items WHERE meeting_id = $1`,
				meetingID, text, actor, now, source); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, db.wrap("add agenda item", err)
	}
	// The same agenda /agenda N shows, so the list after adding and the
	// list asked for never differ in items or numbering.
	return db.Agenda(ctx, meetingID)
}

// RemoveAgendaItem deletes one manual item.
func (db *DB) RemoveAgendaItem(ctx context.Context, id int64) (int64, []tkpkbot.AgendaItem, error) {
	var meetingID int64
	err := db.Pool.QueryRow(ctx, `DELETE FROM agenda_items WHERE id = $1 RETURNING meeting_id`, id).Scan(&meetingID)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil, tkpkbot.ErrAgendaUnknown.About(id)
	} else if err != nil {
		return 0, nil, db.wrap("remove agenda item", err)
	}
	out, err := db.Agenda(ctx, meetingID)
	return meetingID, out, err
}

// Agenda is the meeting's agenda: the manual items, in order, then the
// coordination loop's automatic ones (every overdue tindak lanjut, every
// region's open kendala; see followUpAgenda). Those are today's, so only
// a meeting still ahead gets them: a past or cancelled meeting's agenda
// is what was on it, not what is open now. The whole agenda, for every
// viewer; tkpkbot.AgendaFor picks what one may read.
func (db *DB) Agenda(ctx context.Context, meetingID int64) ([]tkpkbot.AgendaItem, error) {
	now := db.Clock.Now()
	var starts time.Time
	var cancelled bool
	err := db.Pool.QueryRow(ctx, `SELECT starts_at, cancelled_at IS NOT NULL FROM meetings WHERE id = $1`, meetingID).Scan(&starts, &cancelled)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, meetingNotFound(meetingID)
	} else if err != nil {
		return nil, db.wrap("load agenda", err)
	}
	out, err := manualAgenda(ctx, db.Pool, meetingID)
	if err != nil || cancelled || !starts.After(now) {
		return out, db.wrap("load agenda", err)
	}
	auto, err := db.followUpAgenda(ctx, now)
	return append(out, auto...), db.wrap("load agenda", err)
}

type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func manualAgenda(ctx context.Context, q querier, meetingID int64) ([]tkpkbot.AgendaItem, error) {
	rows, err := q.Query(ctx, `SELECT id, body FROM agenda_items WHERE meeting_id = $1 ORDER BY position, id`, meetingID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (tkpkbot.AgendaItem, error) {
		it := tkpkbot.AgendaItem{Source: tkpkbot.AgendaManual}
		return it, r.Scan(&it.ID, &it.Text)
	})
}
