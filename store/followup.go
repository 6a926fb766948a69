package store

import (
	"context"
	"errors"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"tkpkbot"
)

const actionCols = `a.id, a.minutes_id, a.meeting_id, a.region_code, a.task, a.due_on, a.due_at, a.created_at,
	a.closed_at, COALESCE(a.closed_by, 0), COALESCE(cu.first_name, ''), a.close_note, COALESCE(a.closed_report, 0)`

const actionFrom = ` FROM actions a LEFT JOIN users cu ON cu.id = a.closed_by `

func (db *DB) scanAction(row pgx.Row) (tkpkbot.Action, error) {
	var a tkpkbot.Action
	var due time.Time
	err := row.Scan(&a.ID, &a.MinutesID, &a.MeetingID, &a.RegionCode, &a.Task, &due, &a.DueAt, &a.CreatedAt,
		&a.ClosedAt, &a.ClosedBy, &a.ClosedName, &a.Note, &a.ClosedReport)
	a.DueOn = time.Date(due.Year(), due.Month(), due.Day(), 0, 0, 0, 0, db.Location)
	return a, err
}

func (db *DB) collectActions(rows pgx.Rows, err error) ([]tkpkbot.Action, error) {
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (tkpkbot.Action, error) { return db.scanAction(r) })
}

// Action returns one task.
func (db *DB) Action(ctx context.Context, id int64) (tkpkbot.Action, error) {
	a, err := db.scanAction(db.Pool.QueryRow(ctx, `SELECT `+actionCols+actionFrom+`WHERE a.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return a, tkpkbot.ErrActionUnknown
	}
	return a, db.wrap("load action", err)
}

// Actions lists a region's tasks (every region's for ""), open ones
// first by due time.
func (db *DB) Actions(ctx context.Context, region string, all bool) ([]tkpkbot.Action, error) {
	as, err := db.collectActions(db.Pool.Query(ctx, `SELECT `+actionCols+actionFrom+`
		WHERE ($1 = '' OR a.region_code = $1) AND ($2 OR a.closed_at IS NULL)
		ORDER BY a.region_code, a.closed_at IS NOT NULL, a.due_at, a.id`, region, all))
	return as, db.wrap("list actions", err)
}

// OverdueActions lists every open task overdue at now.
func (db *DB) OverdueActions(ctx context.Context, now time.Time) ([]tkpkbot.Action, error) {
	as, err := db.collectActions(db.Pool.Query(ctx, `SELECT `+actionCols+actionFrom+`
		WHERE a.closed_at IS NULL AND a.due_at <= $1 ORDER BY a.region_code, a.due_at, a.id`, now))
	return as, db.wrap("overdue actions", err)
}

// CloseAction closes an open task. Who may close it is read in the same
// transaction as the close: an admin, or the coordinator of its region.
func (db *DB) CloseAction(ctx context.Context, id, actor int64, note string) (tkpkbot.Action, error) {
	now := db.Clock.Now()
	var out tkpkbot.Action
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		a, err := db.scanAction(tx.QueryRow(ctx, `SELECT `+actionCols+actionFrom+`WHERE a.id = $1 FOR UPDATE OF a`, id))
		if errors.Is(err, pgx.ErrNoRows) {
			return tkpkbot.ErrActionUnknown
		} else if err != nil {
			return err
		}
		var role, region string
		err = tx.QueryRow(ctx, `SELECT role, region_code FROM users WHERE id = $1 FOR SHARE`, actor).Scan(&role, &region)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if r := tkpkbot.Role(role); r != tkpkbot.RoleAdmin && !(r == tkpkbot.RoleKoordinator && region == a.RegionCode) {
			return tkpkbot.ErrNotActionOwner
		}
		if !a.Open() {
			out = a
			return tkpkbot.ErrActionClosed
		}
		if _, err := tx.Exec(ctx, `UPDATE actions SET closed_at = $2, closed_by = $3, close_note = $4 WHERE id = $1`,
			id, now, actor, note); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM action_closings WHERE user_id = $1`, actor); err != nil {
			return err
		}
		out, err = db.scanAction(tx.QueryRow(ctx, `SELECT `+actionCols+actionFrom+`WHERE a.id = $1`, id))
		return err
	})
	return out, db.wrap("close action", err)
}

// StartClosing remembers a pressed Selesai until its note comes.
func (db *DB) StartClosing(ctx context.Context, actor, action int64) error {
	_, err := db.Pool.Exec(ctx, `INSERT INTO action_closings (user_id, action_id, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (user_id) DO UPDATE SET action_id = EXCLUDED.action_id, created_at = EXCLUDED.created_at`,
		actor, action, db.Clock.Now())
	return db.wrap("start closing", err)
}

// PendingClosing returns the task a fresh Selesai of actor waits on.
func (db *DB) PendingClosing(ctx context.Context, actor int64) (int64, bool, error) {
	var id int64
	err := db.Pool.QueryRow(ctx, `SELECT action_id FROM action_closings WHERE user_id = $1 AND created_at >= $2`,
		actor, db.Clock.Now().Add(-tkpkbot.ClosingTTL)).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, db.wrap("pending closing", err)
}

// DropClosing forgets a pressed Selesai; dropped says a fresh one was
// still waiting for its note (so the person may want to be told).
func (db *DB) DropClosing(ctx context.Context, actor int64) (bool, error) {
	var fresh bool
	err := db.Pool.QueryRow(ctx, `DELETE FROM action_closings WHERE user_id = $1 RETURNING created_at >= $2`,
		actor, db.Clock.Now().Add(-tkpkbot.ClosingTTL)).Scan(&fresh)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return fresh, db.wrap("drop closing", err)
}

const kendalaCols = `k.id, k.region_code, k.iso_year, k.iso_week, k.report_id, k.text, k.opened_at, k.closed_at,
	COALESCE(k.closed_by, 0), COALESCE(cu.first_name, ''), k.close_note, COALESCE(k.closed_report, 0)`

const kendalaFrom = ` FROM obstacles k LEFT JOIN users cu ON cu.id = k.closed_by `

func collectKendala(rows pgx.Rows, err error) ([]tkpkbot.Kendala, error) {
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (tkpkbot.Kendala, error) {
		var k tkpkbot.Kendala
		err := r.Scan(&k.ID, &k.RegionCode, &k.Week.Year, &k.Week.Week, &k.ReportID, &k.Text, &k.OpenedAt, &k.ClosedAt,
			&k.ClosedBy, &k.ClosedName, &k.Note, &k.ClosedReport)
		return k, err
	})
}

// OpenKendala lists open kendala of a region ("" for all), oldest first.
func (db *DB) OpenKendala(ctx context.Context, region string) ([]tkpkbot.Kendala, error) {
	ks, err := collectKendala(db.Pool.Query(ctx, `SELECT `+kendalaCols+kendalaFrom+`
		WHERE k.closed_at IS NULL AND ($1 = '' OR k.region_code = $1)
		ORDER BY k.region_code, k.iso_year, k.iso_week`, region))
	return ks, db.wrap("open kendala", err)
}

// KendalaHistory lists every kendala, by region and week.
func (db *DB) KendalaHistory(ctx context.Context) ([]tkpkbot.Kendala, error) {
	ks, err := collectKendala(db.Pool.Query(ctx, `SELECT `+kendalaCols+kendalaFrom+`
		ORDER BY k.region_code, k.iso_year, k.iso_week`))
	return ks, db.wrap("kendala history", err)
}

// FollowUpCounts counts open items per region.
func (db *DB) FollowUpCounts(ctx context.Context, now time.Time) ([]tkpkbot.RegionFollowUp, error) {
	rows, err := db.Pool.Query(ctx, `
		WITH k AS (SELECT region_code, count(*) n FROM obstacles WHERE closed_at IS NULL GROUP BY region_code),
		     a AS (SELECT region_code, count(*) n, count(*) FILTER (WHERE due_at <= $1) o
		           FROM actions WHERE closed_at IS NULL GROUP BY region_code)
		SELECT COALESCE(k.region_code, a.region_code), COALESCE(k.n, 0), COALESCE(a.n, 0), COALESCE(a.o, 0)
		FROM k FULL JOIN a ON a.region_code = k.region_code ORDER BY 1`, now)
	if err != nil {
		return nil, db.wrap("follow-up counts", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[tkpkbot.RegionFollowUp])
	return out, db.wrap("follow-up counts", err)
}

const followUpCols = `position, kind, item_id, text, answer IS NOT NULL, COALESCE(answer = 'selesai', false), note, note_done`

func collectFollowUps(rows pgx.Rows, err error) ([]tkpkbot.FollowUp, error) {
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (tkpkbot.FollowUp, error) {
		var f tkpkbot.FollowUp
		var kind string
		err := r.Scan(&f.Position, &kind, &f.ItemID, &f.Text, &f.Answered, &f.Done, &f.Note, &f.NoteDone)
		f.Kind = tkpkbot.FollowUpKind(kind)
		return f, err
	})
}

// StartFormFollowUps snapshots a fresh form's questions: the region's
// kendala from earlier weeks, then its open tasks by due time. Questions
// of the user's earlier forms go.
func (db *DB) StartFormFollowUps(ctx context.Context, user int64, token, region string, week tkpkbot.Week) ([]tkpkbot.FollowUp, error) {
	var out []tkpkbot.FollowUp
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM report_form_followups WHERE user_id = $1 AND token <> $2`, user, token); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `
			INSERT INTO report_form_followups (token, user_id, position, kind, item_id, text)
			SELECT $1, $2, row_number() OVER (ORDER BY ord, k1, k2, id), kind, id, text FROM (
			    SELECT 0 ord, iso_year k1, iso_week k2, id, 'kendala' kind, text FROM obstacles
			    WHERE region_code = $3 AND closed_at IS NULL AND (iso_year, iso_week) < ($4, $5)
			    UNION ALL
			    SELECT 1, extract(epoch FROM due_at)::bigint, 0, id, 'tindak_lanjut', task FROM actions
			    WHERE region_code = $3 AND closed_at IS NULL
			) q
			ON CONFLICT (token, position) DO NOTHING`, token, user, region, week.Year, week.Week); err != nil {
			return err
		}
		var err error
		out, err = collectFollowUps(tx.Query(ctx, `SELECT `+followUpCols+` FROM report_form_followups WHERE token = $1 ORDER BY position`, token))
		return err
	})
	return out, db.wrap("start form follow-ups", err)
}

// FormFollowUps returns a form's questions.
func (db *DB) FormFollowUps(ctx context.Context, token string) ([]tkpkbot.FollowUp, error) {
	out, err := collectFollowUps(db.Pool.Query(ctx, `SELECT `+followUpCols+` FROM report_form_followups WHERE token = $1 ORDER BY position`, token))
	return out, db.wrap("form follow-ups", err)
}

// AnswerFollowUp records Sudah/Belum; the first answer wins, so a
// redelivered press is not applied twice.
func (db *DB) AnswerFollowUp(ctx context.Context, token string, position int, done bool) error {
	answer := "belum"
	if done {
		answer = "selesai"
	}
	tag, err := db.Pool.Exec(ctx, `UPDATE report_form_followups SET answer = $3
		WHERE token = $1 AND position = $2 AND answer IS NULL`, token, position, answer)
	if err == nil && tag.RowsAffected() == 0 {
		return tkpkbot.ErrFollowUpAnswered
	}
	return db.wrap("answer follow-up", err)
}

// NoteFollowUp records the optional note once.
func (db *DB) NoteFollowUp(ctx context.Context, token string, position int, note string) error {
	tag, err := db.Pool.Exec(ctx, `UPDATE report_form_followups SET note = $3, note_done = true
		WHERE token = $1 AND position = $2 AND answer IS NOT NULL AND NOT note_done`, token, position, note)
	if err == nil && tag.RowsAffected() == 0 {
		return tkpkbot.ErrFollowUpAnswered
	}
	return db.wrap("note follow-up", err)
}

// ReportFollowUps returns the answers sent with a report.
func (db *DB) ReportFollowUps(ctx context.Context, reportID int64) ([]tkpkbot.FollowUp, error) {
	out, err := collectFollowUps(db.Pool.Query(ctx, `SELECT position, kind, item_id, text, true, done, note, true
		FROM report_followups WHERE report_id = $1 ORDER BY position`, reportID))
	return out, db.wrap("report follow-ups", err)
}

// submitFollowUps runs inside SubmitForm's transaction: the form's
// answers become part of the report and close what they say is done, and
// the report's own kendala opens (or replaces the week's, on a revision).
// Nothing of it happens before Kirim.
func submitFollowUps(ctx context.Context, tx pgx.Tx, token string, rep tkpkbot.Report, now time.Time) error {
	tag, err := tx.Exec(ctx, `INSERT INTO report_followups (report_id, position, kind, item_id, text, done, note)
		SELECT $2, position, kind, item_id, text, answer = 'selesai', note FROM report_form_followups
		WHERE token = $1 AND answer IS NOT NULL`, token, rep.ID)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 && rep.Version > 1 {
		// A revision asks nothing again: it keeps the answers of the
		// version it revises.
		if _, err := tx.Exec(ctx, `INSERT INTO report_followups (report_id, position, kind, item_id, text, done, note)
			SELECT $1, f.position, f.kind, f.item_id, f.text, f.done, f.note FROM report_followups f
			JOIN reports p ON p.id = f.report_id
			WHERE p.region_code = $2 AND p.iso_year = $3 AND p.iso_week = $4 AND p.version = $5 - 1`,
			rep.ID, rep.RegionCode, rep.Week.Year, rep.Week.Week, rep.Version); err != nil {
			return err
		}
	}
	for _, q := range []string{
		`UPDATE obstacles k SET closed_at = $3, closed_by = $4, close_note = f.note, closed_report = $2
		 FROM report_form_followups f
		 WHERE f.token = $1 AND f.kind = 'kendala' AND f.answer = 'selesai' AND k.id = f.item_id AND k.closed_at IS NULL`,
		`UPDATE actions a SET closed_at = $3, closed_by = $4, close_note = f.note, closed_report = $2
		 FROM report_form_followups f
		 WHERE f.token = $1 AND f.kind = 'tindak_lanjut' AND f.answer = 'selesai' AND a.id = f.item_id AND a.closed_at IS NULL`,
	} {
		if _, err := tx.Exec(ctx, q, token, rep.ID, now, rep.SubmittedBy); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(ctx, `DELETE FROM report_form_followups WHERE token = $1`, token); err != nil {
		return err
	}
	if rep.Obstacles == "-" || rep.Obstacles == "" {
		_, err := tx.Exec(ctx, `DELETE FROM obstacles WHERE region_code = $1 AND iso_year = $2 AND iso_week = $3 AND closed_at IS NULL`,
			rep.RegionCode, rep.Week.Year, rep.Week.Week)
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO obstacles (region_code, iso_year, iso_week, report_id, text, opened_at)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (region_code, iso_year, iso_week) DO UPDATE SET report_id = EXCLUDED.report_id, text = EXCLUDED.text
		WHERE obstacles.closed_at IS NULL`, rep.RegionCode, rep.Week.Year, rep.Week.Week, rep.ID, rep.Obstacles, now)
	return err
}

// PlanActionReminders creates, for every open task, one reminder per
// offset before its due moment (unless that moment was already past when
// the task was made) and one when it becomes overdue. Whether the task is
// still open when one falls due is decided at send time.
func (db *DB) PlanActionReminders(ctx context.Context, offsets []time.Duration, now time.Time) (int, error) {
	secs := offsetSeconds(offsets)
	var n int64
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `
			INSERT INTO reminders (dedup_key, kind, action_id, region_code, offset_s, due_at, expires_at, created_at)
			SELECT 'action_before:' || a.id || ':' || o.s, 'action_before', a.id, a.region_code, o.s,
			       a.due_at - make_interval(secs => o.s), a.due_at, $2
			FROM actions a CROSS JOIN unnest($1::bigint[]) AS o(s)
			WHERE a.closed_at IS NULL AND a.due_at > $2
			  AND a.due_at - make_interval(secs => o.s) > a.created_at
			ON CONFLICT (dedup_key) DO NOTHING`, secs, now)
		if err != nil {
			return err
		}
		n = tag.RowsAffected()
		// Overdue once; after a week of downtime the next summary and the
		// agenda carry it instead.
		tag, err = tx.Exec(ctx, `
			INSERT INTO reminders (dedup_key, kind, action_id, region_code, due_at, expires_at, created_at)
			SELECT 'action_overdue:' || a.id, 'action_overdue', a.id, a.region_code, a.due_at, a.due_at + interval '7 days', $1
			FROM actions a WHERE a.closed_at IS NULL AND a.due_at + interval '7 days' > $1
			ON CONFLICT (dedup_key) DO NOTHING`, now)
		n += tag.RowsAffected()
		return err
	})
	return int(n), db.wrap("plan action reminders", err)
}

// followUpAgenda is the automatic part of every agenda: the tasks overdue
// at now, then the open kendala, each group by region in the province's
// order and oldest first. All of them: tkpkbot.AgendaFor caps and counts
// per viewer, so a coordinator's own items are not cut by other regions'.
func (db *DB) followUpAgenda(ctx context.Context, now time.Time) ([]tkpkbot.AgendaItem, error) {
	as, err := db.OverdueActions(ctx, now)
	if err != nil {
		return nil, err
	}
	ks, err := db.OpenKendala(ctx, "")
	if err != nil {
		return nil, err
	}
	order := func(code string) int { i, _ := tkpkbot.RegionIndex(code); return i }
	sort.SliceStable(as, func(i, j int) bool { return order(as[i].RegionCode) < order(as[j].RegionCode) })
	sort.SliceStable(ks, func(i, j int) bool { return order(ks[i].RegionCode) < order(ks[j].RegionCode) })
	var out []tkpkbot.AgendaItem
	for i := range as {
		out = append(out, tkpkbot.AgendaItem{Text: as[i].Task, Source: tkpkbot.AgendaOverdue, RegionCode: as[i].RegionCode, Action: &as[i]})
	}
	for i := range ks {
		out = append(out, tkpkbot.AgendaItem{Text: ks[i].Text, Source: tkpkbot.AgendaKendala, RegionCode: ks[i].RegionCode, Kendala: &ks[i]})
	}
	return out, nil
}
