package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// SeenUpdates returns which of ids were already handled, in one query for
// a whole getUpdates batch. Telegram redelivers an update when its
// confirmation was lost; handling it twice would, for example, store a
// report twice.
func (db *DB) SeenUpdates(ctx context.Context, ids []int64) (map[int64]bool, error) {
	rows, err := db.Pool.Query(ctx, `SELECT update_id FROM processed_updates WHERE bot_id = $1 AND update_id = ANY($2)`, db.BotID, ids)
	if err != nil {
		return nil, db.wrap("check updates", err)
	}
	seen := map[int64]bool{}
	var id int64
	_, err = pgx.ForEachRow(rows, []any{&id}, func() error { seen[id] = true; return nil })
	return seen, db.wrap("check updates", err)
}

// MarkUpdates records a batch of handled update IDs in one statement.
func (db *DB) MarkUpdates(ctx context.Context, ids []int64) error {
	_, err := db.Pool.Exec(ctx, `INSERT INTO processed_updates (bot_id, update_id, processed_at)
		SELECT $1, unnest($2::bigint[]), $3 ON CONFLICT DO NOTHING`, db.BotID, ids, db.Clock.Now())
	return db.wrap("mark updates", err)
}

// PruneUpdates forgets handled update IDs older than a week; Telegram keeps
// unconfirmed updates for 24 hours, so older ones can never come back.
func (db *DB) PruneUpdates(ctx context.Context) (int64, error) {
	tag, err := db.Pool.Exec(ctx, `DELETE FROM processed_updates WHERE processed_at < $1`, db.Clock.Now().AddDate(0, 0, -7))
	return tag.RowsAffected(), db.wrap("prune updates", err)
}

// NewestUpdate is the highest handled update ID of this bot: a newly
// started poller needs the duplicate check only for updates up to it.
func (db *DB) NewestUpdate(ctx context.Context) (int64, error) {
	var id int64
	err := db.Pool.QueryRow(ctx, `SELECT COALESCE(max(update_id), 0) FROM processed_updates WHERE bot_id = $1`, db.BotID).Scan(&id)
	return id, db.wrap("newest update", err)
}
