package store

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"tkpkbot"
)

// upsertUsers writes the Telegram profiles that changed and returns every
// given user's row, in one round trip. An unchanged profile is read, not
// rewritten, because every update passes here. Rows are locked in ID order,
// so concurrent calls cannot deadlock.
func (db *DB) upsertUsers(ctx context.Context, users []tkpkbot.User) ([]tkpkbot.User, error) {
	users = slices.SortedFunc(slices.Values(users), func(a, b tkpkbot.User) int { return cmp.Compare(a.ID, b.ID) })
	ids, firsts, usernames := make([]int64, len(users)), make([]string, len(users)), make([]string, len(users))
	for i, u := range users {
		ids[i], firsts[i], usernames[i] = u.ID, u.FirstName, u.Username
	}
	rows, err := db.Pool.Query(ctx, `
		WITH input AS (
			SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[]) AS t(id, first_name, username)
		), up AS (
			INSERT INTO users (id, first_name, username, created_at, updated_at)
			SELECT id, first_name, username, $4, $4 FROM input
			ON CONFLICT (id) DO UPDATE SET first_name = EXCLUDED.first_name,
			    username = EXCLUDED.username, unreachable = false, updated_at = EXCLUDED.updated_at
			WHERE users.first_name IS DISTINCT FROM EXCLUDED.first_name
			   OR users.username IS DISTINCT FROM EXCLUDED.username OR users.unreachable
			RETURNING `+userCols+`)
		SELECT `+userCols+` FROM up
		UNION ALL
		SELECT `+userCols+` FROM users WHERE id = ANY($1) AND id NOT IN (SELECT id FROM up)`,
		ids, firsts, usernames, db.Clock.Now())
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (tkpkbot.User, error) { return scanUser(row) })
}

// sameProfile says whether a cached user needs no write for u's update:
// the same Telegram profile, and not marked unreachable (a message from
// them proves otherwise).
func sameProfile(cached, u tkpkbot.User) bool {
	return cached.FirstName == u.FirstName && cached.Username == u.Username && !cached.Unreachable
}

// TouchAll does what Touch does for the users of a whole getUpdates batch in
// one statement, and caches them, so the per-update Touch that follows is
// answered from memory. Under a burst of first contacts (every coordinator
// before a deadline) that is one round trip and one commit per batch
// instead of one per user. Configured admins not yet promoted are left to
// Touch, which audits the promotion.
func (db *DB) TouchAll(ctx context.Context, users []tkpkbot.User) error {
	now := time.Now()
	tokens := map[int64][2]uint64{}
	index := map[int64]int{}
	var misses []tkpkbot.User
	for _, u := range users {
		if u.ID == 0 {
			continue
		}
		if i, dup := index[u.ID]; dup {
			misses[i] = u // a later update of the batch carries the newer profile
			continue
		}
		cached, ok, token := db.users.get(u.ID, now)
		if ok && sameProfile(cached, u) {
			continue
		}
		tokens[u.ID], index[u.ID] = token, len(misses)
		misses = append(misses, u)
	}
	if len(misses) == 0 {
		return nil
	}
	out, err := db.upsertUsers(ctx, misses)
	if err != nil {
		return db.wrap("touch users", err)
	}
	for _, u := range out {
		if db.AdminIDs[u.ID] && u.Role != tkpkbot.RoleAdmin {
			continue
		}
		db.users.put(u, tokens[u.ID], now)
	}
	return nil
}
