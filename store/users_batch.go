package store

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"tkpkbot"
)

// TouchAll does what Touch does for the users of a whole getUpdates batch in
// one statement, and caches them, so the per-update Touch that follows is
// answered from memory. Under a burst of first contacts (every coordinator
// before a deadline) that is one round trip and one commit per batch
// instead of one per user. Configured admins not yet promoted are left to
// Touch, which audits the promotion.
func (db *DB) TouchAll(ctx context.Context, users []tkpkbot.User) error {
	now := time.Now()
	type miss struct{ token [2]uint64 }
	misses := map[int64]miss{}
	var ids []int64
	var firsts, usernames []string
	for _, u := range users {
		if u.ID == 0 {
			continue
		}
		if _, dup := misses[u.ID]; dup {
			// A later update of the batch carries the newer profile.
			i := slices.Index(ids, u.ID)
			firsts[i], usernames[i] = u.FirstName, u.Username
			continue
		}
		cached, ok, token := db.users.get(u.ID, now)
		if ok && cached.FirstName == u.FirstName && cached.Username == u.Username && !cached.Unreachable {
			continue
		}
		misses[u.ID] = miss{token}
		ids = append(ids, u.ID)
		firsts = append(firsts, u.FirstName)
		usernames = append(usernames, u.Username)
	}
	if len(ids) == 0 {
		return nil
	}
	// Rows are locked in ID order, as any concurrent batch locks them.
	order := make([]int, len(ids))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(ids[a], ids[b]) })
	ids, firsts, usernames = permute(ids, order), permute(firsts, order), permute(usernames, order)
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
		return db.wrap("touch users", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (tkpkbot.User, error) { return scanUser(row) })
	if err != nil {
		return db.wrap("touch users", err)
	}
	for _, u := range out {
		if db.AdminIDs[u.ID] && u.Role != tkpkbot.RoleAdmin {
			continue
		}
		db.users.put(u, misses[u.ID].token, now)
	}
	return nil
}

func permute[T any](xs []T, order []int) []T {
	out := make([]T, len(xs))
	for i, j := range order {
		out[i] = xs[j]
	}
	return out
}
