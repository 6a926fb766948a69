package store

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"tkpkbot"
)

var _ tkpkbot.UserService = (*DB)(nil)

const userCols = `id, first_name, username, role, region_code, muted, unreachable, created_at`

func scanUser(row pgx.Row) (tkpkbot.User, error) {
	var u tkpkbot.User
	var role string
	err := row.Scan(&u.ID, &u.FirstName, &u.Username, &role, &u.RegionCode, &u.Muted, &u.Unreachable, &u.CreatedAt)
	u.Role = tkpkbot.Role(role)
	return u, err
}

// Touch upserts the user's Telegram profile and returns their record in
// one round trip, or none when the cache has them. A configured admin is
// promoted (and audited) the first time they are seen.
func (db *DB) Touch(ctx context.Context, u tkpkbot.User) (tkpkbot.User, error) {
	now := time.Now()
	cached, ok, token := db.users.get(u.ID, now)
	if ok && sameProfile(cached, u) && (!db.AdminIDs[u.ID] || cached.Role == tkpkbot.RoleAdmin) {
		return cached, nil
	}
	rows, err := db.upsertUsers(ctx, []tkpkbot.User{u})
	if err == nil && len(rows) == 0 {
		err = pgx.ErrNoRows // inserted by a concurrent statement this one cannot see yet
	}
	if err != nil {
		return tkpkbot.User{}, db.wrap("touch user", err)
	}
	out := rows[0]
	if db.AdminIDs[u.ID] && out.Role != tkpkbot.RoleAdmin {
		err = pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
			tag, err := tx.Exec(ctx, `UPDATE users SET role = 'admin', region_code = '' WHERE id = $1 AND role <> 'admin'`, u.ID)
			if err != nil || tag.RowsAffected() == 0 {
				return err // a concurrent update promoted them already
			}
			return audit(ctx, tx, 0, u.ID, "config_admin", out.Role, tkpkbot.RoleAdmin, "", db.Clock)
		})
		db.users.invalidate(u.ID)
		out.Role, out.RegionCode = tkpkbot.RoleAdmin, ""
	}
	if err == nil {
		db.users.put(out, token, now)
	}
	return out, db.wrap("touch user", err)
}

// FindUser returns a known user or ENOTFOUND.
func (db *DB) FindUser(ctx context.Context, id int64) (tkpkbot.User, error) {
	u, err := scanUser(db.Pool.QueryRow(ctx, `SELECT `+userCols+` FROM users WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return u, tkpkbot.ErrUserUnknown.About(id)
	}
	return u, db.wrap("find user", err)
}

func audit(ctx context.Context, tx pgx.Tx, actor, user int64, action string, oldRole, newRole tkpkbot.Role, region string, clock tkpkbot.Clock) error {
	_, err := tx.Exec(ctx, `INSERT INTO role_audit (actor_id, user_id, action, old_role, new_role, region_code, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, actor, user, action, string(oldRole), string(newRole), region, clock.Now())
	return err
}

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

// UsersChannel is notified (by a trigger) with a user ID whenever that
// user's row changes.
const UsersChannel = "users_changed"

// userCacheTTL bounds staleness should a notification ever be missed
// while the listener reconnects.
const userCacheTTL = time.Minute

// userCache spares a database round trip on every update: Touch runs for
// each message, and a user's row rarely changes. It is only used while
// this replica is listening for changes, so a role revoked on another
// replica takes effect at once.
type userCache struct {
	mu        sync.Mutex
	listening bool
	users     map[int64]cachedUser
	gen       map[int64]uint64 // bumped on invalidation; a read older than it is not cached
	epoch     uint64           // bumped when the whole cache is dropped
}

type cachedUser struct {
	u     tkpkbot.User
	at    time.Time
	epoch uint64
}

func newUserCache() *userCache {
	return &userCache{users: map[int64]cachedUser{}, gen: map[int64]uint64{}}
}

// get returns a fresh cached user, and a token to pass to put after a
// database read.
func (c *userCache) get(id int64, now time.Time) (tkpkbot.User, bool, [2]uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	token := [2]uint64{c.gen[id], c.epoch}
	e, ok := c.users[id]
	if !ok || !c.listening || e.epoch != c.epoch || now.Sub(e.at) > userCacheTTL || now.Before(e.at) {
		return tkpkbot.User{}, false, token
	}
	return e.u, true, token
}

// put caches u unless it was invalidated since the read began.
func (c *userCache) put(u tkpkbot.User, token [2]uint64, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.listening || c.gen[u.ID] != token[0] || c.epoch != token[1] {
		return
	}
	if len(c.users) > 50000 {
		c.users = map[int64]cachedUser{} // a bound, not an eviction policy: members number in the hundreds
	}
	c.users[u.ID] = cachedUser{u: u, at: now, epoch: c.epoch}
}

func (c *userCache) invalidate(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.users, id)
	c.gen[id]++
}

// reset drops everything; listening says whether the cache may be used.
func (c *userCache) reset(listening bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.users = map[int64]cachedUser{}
	c.gen = map[int64]uint64{}
	c.epoch++
	c.listening = listening
}

// WatchUsers keeps the user cache coherent with the database, from this
// replica or any other; without it running, Touch always reads the
// database. The returned stop ends the watch.
func (db *DB) WatchUsers(ctx context.Context) (stop func()) {
	return db.watch(ctx, UsersChannel,
		func(context.Context) { db.users.reset(true) },
		func(_ context.Context, payload string) {
			if id, err := strconv.ParseInt(payload, 10, 64); err == nil {
				db.users.invalidate(id)
			} else {
				db.users.reset(true)
			}
		},
		func() { db.users.reset(false) })
}
