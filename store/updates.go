package store

import "context"

// SeenUpdate reports whether update_id was already handled. Telegram
// redelivers an update when its confirmation was lost; handling it twice
// would, for example, store a report twice.
func (db *DB) SeenUpdate(ctx context.Context, updateID int64) (bool, error) {
	var seen bool
	err := db.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM processed_updates WHERE update_id = $1)`, updateID).Scan(&seen)
	return seen, db.wrap("check update", err)
}

// MarkUpdate records update_id as handled and returns false when another
// worker or replica already had.
func (db *DB) MarkUpdate(ctx context.Context, updateID int64) (bool, error) {
	tag, err := db.Pool.Exec(ctx, `INSERT INTO processed_updates (update_id, processed_at) VALUES ($1, $2)
		ON CONFLICT DO NOTHING`, updateID, db.Clock.Now())
	if err != nil {
		return false, db.wrap("mark update", err)
	}
	return tag.RowsAffected() == 1, nil
}

// PruneUpdates forgets handled update IDs older than a week; Telegram keeps
// unconfirmed updates for 24 hours, so older ones can never come back.
func (db *DB) PruneUpdates(ctx context.Context) (int64, error) {
	tag, err := db.Pool.Exec(ctx, `DELETE FROM processed_updates WHERE processed_at < $1`, db.Clock.Now().AddDate(0, 0, -7))
	return tag.RowsAffected(), db.wrap("prune updates", err)
}
