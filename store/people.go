package store

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"tkpkbot"
)

var _ tkpkbot.PeopleService = (*DB)(nil)

// inviteEncoding avoids padding and look-alike case issues when typed.
var inviteEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// newInviteCode returns 80 random bits as 16 base32 characters: far beyond
// guessing, short enough to type from a printed invitation.
func newInviteCode() (string, error) {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return inviteEncoding.EncodeToString(b), nil
}

// CreateInvite stores a new single-use invite.
func (db *DB) CreateInvite(ctx context.Context, actor int64, role tkpkbot.Role, region string) (tkpkbot.Invite, error) {
	if !role.Valid() {
		return tkpkbot.Invite{}, tkpkbot.ErrRoleInvalid
	}
	if role == tkpkbot.RoleKoordinator && (region == "" || region == tkpkbot.ProvinceCode) {
		return tkpkbot.Invite{}, tkpkbot.ErrCoordinatorRegion
	}
	code, err := newInviteCode()
	if err != nil {
		return tkpkbot.Invite{}, err
	}
	now := db.Clock.Now()
	inv := tkpkbot.Invite{Code: code, Role: role, RegionCode: region, CreatedBy: actor, ExpiresAt: now.Add(tkpkbot.InviteTTL)}
	_, err = db.Pool.Exec(ctx, `INSERT INTO invites (code, role, region_code, created_by, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, inv.Code, string(role), region, actor, now, inv.ExpiresAt)
	return inv, db.wrap("create invite", err)
}

const inviteCols = `i.code, i.role, i.region_code, i.created_by, i.created_at, i.expires_at,
	COALESCE(i.used_by, 0), COALESCE(i.cancelled_at, 'epoch'::timestamptz),
	COALESCE(c.first_name, ''), COALESCE(c.username, ''), COALESCE(c.role, '')`

func scanInvite(row pgx.Row) (tkpkbot.Invite, error) {
	var inv tkpkbot.Invite
	var role, creatorRole string
	err := row.Scan(&inv.Code, &role, &inv.RegionCode, &inv.CreatedBy, &inv.CreatedAt, &inv.ExpiresAt,
		&inv.UsedBy, &inv.CancelledAt, &inv.Creator.FirstName, &inv.Creator.Username, &creatorRole)
	inv.Role, inv.Creator.ID, inv.Creator.Role = tkpkbot.Role(role), inv.CreatedBy, tkpkbot.Role(creatorRole)
	if inv.CancelledAt.Unix() == 0 {
		inv.CancelledAt = time.Time{}
	}
	return inv, err
}

// Invite returns a code's invite in whatever state it is.
func (db *DB) Invite(ctx context.Context, code string) (tkpkbot.Invite, error) {
	inv, err := scanInvite(db.Pool.QueryRow(ctx, `SELECT `+inviteCols+`
		FROM invites i LEFT JOIN users c ON c.id = i.created_by WHERE i.code = $1`, tkpkbot.NormalizeInviteCode(code)))
	if errors.Is(err, pgx.ErrNoRows) {
		return inv, tkpkbot.ErrInviteUnknown
	}
	return inv, db.wrap("find invite", err)
}

// openInvite is the condition under which a code can still be redeemed:
// its maker must still be admin, so an invite never outlives the right to
// make it.
const openInvite = `i.used_by IS NULL AND i.cancelled_at IS NULL AND i.expires_at > $1
	AND EXISTS (SELECT 1 FROM users c WHERE c.id = i.created_by AND c.role = 'admin')`

// OpenInvites lists redeemable invites, soonest to expire first.
func (db *DB) OpenInvites(ctx context.Context) ([]tkpkbot.Invite, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+inviteCols+`
		FROM invites i LEFT JOIN users c ON c.id = i.created_by
		WHERE `+openInvite+` ORDER BY i.expires_at, i.code`, db.Clock.Now())
	if err != nil {
		return nil, db.wrap("list invites", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (tkpkbot.Invite, error) { return scanInvite(r) })
	return out, db.wrap("list invites", err)
}

// CancelInvite calls off an open invite; a used, expired or already
// cancelled one gets the reason it is not open.
func (db *DB) CancelInvite(ctx context.Context, actor int64, code string) (tkpkbot.Invite, error) {
	code = tkpkbot.NormalizeInviteCode(code)
	now := db.Clock.Now()
	tag, err := db.Pool.Exec(ctx, `UPDATE invites i SET cancelled_at = $1, cancelled_by = $2
		WHERE i.code = $3 AND `+openInvite, now, actor, code)
	if err != nil {
		return tkpkbot.Invite{}, db.wrap("cancel invite", err)
	}
	inv, err := db.Invite(ctx, code)
	if err != nil {
		return inv, err
	}
	if tag.RowsAffected() == 0 {
		return inv, inviteProblem(inv, 0, now)
	}
	return inv, nil
}

// inviteProblem says why inv cannot be redeemed by user at now, or nil.
func inviteProblem(inv tkpkbot.Invite, user int64, now time.Time) error {
	switch {
	case inv.UsedBy != 0 && inv.UsedBy == user:
		return tkpkbot.ErrInviteUsedBySelf
	case inv.UsedBy != 0:
		return tkpkbot.ErrInviteUsed
	case !inv.CancelledAt.IsZero() || inv.Creator.Role != tkpkbot.RoleAdmin:
		return tkpkbot.ErrInviteCancelled
	case !now.Before(inv.ExpiresAt):
		return tkpkbot.ErrInviteExpired
	}
	return nil
}

// RedeemInvite claims the code with a conditional update, so two people
// racing for one code cannot both win. The person's current role is
// locked first: a change they did not confirm is refused with
// ErrRoleChange and the code stays unused.
func (db *DB) RedeemInvite(ctx context.Context, userID int64, code string, replace bool) (tkpkbot.RoleChange, error) {
	code = tkpkbot.NormalizeInviteCode(code)
	now := db.Clock.Now()
	var out tkpkbot.RoleChange
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		old, err := scanUser(tx.QueryRow(ctx, `SELECT `+userCols+` FROM users WHERE id = $1 FOR UPDATE`, userID))
		if err != nil {
			return err
		}
		inv, err := scanInvite(tx.QueryRow(ctx, `SELECT `+inviteCols+`
			FROM invites i LEFT JOIN users c ON c.id = i.created_by WHERE i.code = $1 FOR UPDATE OF i`, code))
		if errors.Is(err, pgx.ErrNoRows) {
			return tkpkbot.ErrInviteUnknown
		} else if err != nil {
			return err
		}
		if err := inviteProblem(inv, userID, now); err != nil {
			return err
		}
		switch {
		case inv.Same(old):
			return tkpkbot.ErrAlreadyHolds
		case old.Role == tkpkbot.RoleAdmin && db.AdminIDs[userID]:
			return tkpkbot.ErrConfigAdmin
		case old.Role != tkpkbot.RoleNone && !replace:
			return tkpkbot.ErrRoleChange
		}
		if _, err := tx.Exec(ctx, `UPDATE invites SET used_by = $1, used_at = $2 WHERE code = $3`, userID, now, code); err != nil {
			return err
		}
		region := inv.RegionCode
		if inv.Role == tkpkbot.RoleAdmin {
			region = ""
		}
		after, err := scanUser(tx.QueryRow(ctx, `UPDATE users SET role = $2, region_code = $3, updated_at = $4
			WHERE id = $1 RETURNING `+userCols, userID, string(inv.Role), region, now))
		if err != nil {
			return err
		}
		if err := audit(ctx, tx, userID, userID, "invite:"+code[:4], old.Role, inv.Role, region, db.Clock); err != nil {
			return err
		}
		out = tkpkbot.RoleChange{Before: old, After: after}
		out.Uncovered, err = endRole(ctx, tx, old, after, now)
		return err
	})
	db.users.invalidate(userID) // the trigger tells other replicas; this one must not wait for it
	return out, db.wrap("redeem invite", err)
}

// endRole takes away what came with the role before had and after no
// longer has: open report forms whenever the role or region changes, the
// invites a former admin made, and it tells the admins (through a durable
// notice) when a region is left without any coordinator.
func endRole(ctx context.Context, tx pgx.Tx, before, after tkpkbot.User, now time.Time) (uncovered bool, err error) {
	if before.Role == after.Role && before.RegionCode == after.RegionCode {
		return false, nil
	}
	if _, err := tx.Exec(ctx, `DELETE FROM report_forms WHERE user_id = $1`, before.ID); err != nil {
		return false, err
	}
	if before.Role == tkpkbot.RoleAdmin && after.Role != tkpkbot.RoleAdmin {
		if _, err := tx.Exec(ctx, `UPDATE invites SET cancelled_at = $2, cancelled_by = 0
			WHERE created_by = $1 AND used_by IS NULL AND cancelled_at IS NULL`, before.ID, now); err != nil {
			return false, err
		}
	}
	if before.Role != tkpkbot.RoleKoordinator {
		return false, nil
	}
	err = tx.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM users WHERE role = 'koordinator' AND region_code = $1)`,
		before.RegionCode).Scan(&uncovered)
	if err != nil || !uncovered {
		return false, err
	}
	_, err = tx.Exec(ctx, `INSERT INTO reminders (dedup_key, kind, region_code, detail, due_at, expires_at, created_at)
		VALUES ($1, 'region_uncovered', $2, $3, $4, $5, $4) ON CONFLICT (dedup_key) DO NOTHING`,
		fmt.Sprintf("region_uncovered:%s:%d:%d", before.RegionCode, before.ID, now.UnixNano()),
		before.RegionCode, before.FirstName, now, now.Add(7*24*time.Hour))
	if err != nil {
		return false, err
	}
	_, err = tx.Exec(ctx, `SELECT pg_notify($1, '')`, wakeChannel)
	return true, err
}

// Members lists everyone with a role.
func (db *DB) Members(ctx context.Context) ([]tkpkbot.User, error) {
	rows, err := db.Pool.Query(ctx, `SELECT `+userCols+` FROM users WHERE role <> ''
		ORDER BY region_code, CASE role WHEN 'admin' THEN 0 WHEN 'koordinator' THEN 1 ELSE 2 END, first_name, id`)
	if err != nil {
		return nil, db.wrap("list members", err)
	}
	us, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (tkpkbot.User, error) { return scanUser(r) })
	return us, db.wrap("list members", err)
}

// Revoke takes a person's role away and audits it.
func (db *DB) Revoke(ctx context.Context, actor, userID int64) (tkpkbot.RoleChange, error) {
	if actor == userID {
		return tkpkbot.RoleChange{}, tkpkbot.ErrRevokeSelf
	}
	if db.AdminIDs[userID] {
		return tkpkbot.RoleChange{}, tkpkbot.ErrConfigAdmin
	}
	now := db.Clock.Now()
	var out tkpkbot.RoleChange
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		old, err := scanUser(tx.QueryRow(ctx, `SELECT `+userCols+` FROM users WHERE id = $1 FOR UPDATE`, userID))
		if errors.Is(err, pgx.ErrNoRows) || err == nil && old.Role == tkpkbot.RoleNone {
			return tkpkbot.ErrNotMember.About(userID)
		} else if err != nil {
			return err
		}
		after, err := scanUser(tx.QueryRow(ctx, `UPDATE users SET role = '', region_code = '', updated_at = $2
			WHERE id = $1 RETURNING `+userCols, userID, now))
		if err != nil {
			return err
		}
		if err := audit(ctx, tx, actor, userID, "revoke", old.Role, tkpkbot.RoleNone, old.RegionCode, db.Clock); err != nil {
			return err
		}
		out = tkpkbot.RoleChange{Before: old, After: after}
		out.Uncovered, err = endRole(ctx, tx, old, after, now)
		return err
	})
	db.users.invalidate(userID)
	return out, db.wrap("revoke", err)
}

// DemoteFormerConfigAdmins makes configuration the truth for configured
// admins: someone whose admin role came from BOT_ADMIN_IDS (their latest
// grant of it is the config_admin audit row) and who is no longer listed
// loses it. Someone an admin invite made admin keeps it.
func (db *DB) DemoteFormerConfigAdmins(ctx context.Context) ([]tkpkbot.User, error) {
	ids := make([]int64, 0, len(db.AdminIDs))
	for id := range db.AdminIDs {
		ids = append(ids, id)
	}
	now := db.Clock.Now()
	var out []tkpkbot.User
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		out = out[:0]
		rows, err := tx.Query(ctx, `SELECT `+userCols+` FROM users u
			WHERE u.role = 'admin' AND NOT (u.id = ANY($1))
			  AND (SELECT a.action FROM role_audit a WHERE a.user_id = u.id AND a.new_role = 'admin'
			       ORDER BY a.at DESC, a.id DESC LIMIT 1) = 'config_admin'
			FOR UPDATE OF u`, ids)
		if err != nil {
			return err
		}
		olds, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (tkpkbot.User, error) { return scanUser(r) })
		if err != nil {
			return err
		}
		for _, old := range olds {
			after, err := scanUser(tx.QueryRow(ctx, `UPDATE users SET role = '', region_code = '', updated_at = $2
				WHERE id = $1 RETURNING `+userCols, old.ID, now))
			if err != nil {
				return err
			}
			if err := audit(ctx, tx, 0, old.ID, "config_removed", old.Role, tkpkbot.RoleNone, "", db.Clock); err != nil {
				return err
			}
			if _, err := endRole(ctx, tx, old, after, now); err != nil {
				return err
			}
			out = append(out, old)
		}
		return nil
	})
	for _, u := range out {
		db.users.invalidate(u.ID)
	}
	return out, db.wrap("demote former config admins", err)
}
