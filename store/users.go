package store

import (
	"context"
	"errors"
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
