package store

import (
	"context"
	"errors"
	"strings"
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
	var out []tkpkbot.AgendaItem
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		m, err := scanMeeting(tx.QueryRow(ctx, `SELECT `+meetingCols+` FROM meetings m WHERE m.id = $1 FOR UPDATE`, meetingID))
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return meetingNotFound(meetingID)
		case err != nil:
			return err
		case m.Cancelled():
			return tkpkbot.ErrMeetingCancelled
		case !m.StartsAt.After(now):
			return tkpkbot.ErrMeetingStarted
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
		out, err = manualAgenda(ctx, tx, meetingID)
		return err
	})
	return out, db.wrap("add agenda item", err)
}

// RemoveAgendaItem deletes one manual item.
func (db *DB) RemoveAgendaItem(ctx context.Context, id int64) (int64, []tkpkbot.AgendaItem, error) {
	var meetingID int64
	var out []tkpkbot.AgendaItem
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `DELETE FROM agenda_items WHERE id = $1 RETURNING meeting_id`, id).Scan(&meetingID)
		if errors.Is(err, pgx.ErrNoRows) {
			return tkpkbot.ErrAgendaUnknown.About(id)
		} else if err != nil {
			return err
		}
		out, err = manualAgenda(ctx, tx, meetingID)
		return err
	})
	return meetingID, out, db.wrap("remove agenda item", err)
}

// Agenda is the meeting's agenda: the manual items, in order. This is the
// seam for the automatic items of the coordination loop (each region's
// open kendala, overdue tindak lanjut): they are appended here, so /rapat
// and the reminder before the meeting show them without further change.
func (db *DB) Agenda(ctx context.Context, meetingID int64) ([]tkpkbot.AgendaItem, error) {
	out, err := manualAgenda(ctx, db.Pool, meetingID)
	return out, db.wrap("load agenda", err)
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
