package store

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"strings"
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

// NormalizeInviteCode accepts what people type: lower case, spaces, dashes.
func NormalizeInviteCode(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	return strings.NewReplacer(" ", "", "-", "").Replace(s)
}

// CreateInvite stores a new single-use invite.
func (db *DB) CreateInvite(ctx context.Context, actor int64, role tkpkbot.Role, region string) (tkpkbot.Invite, error) {
	if !role.Valid() {
		return tkpkbot.Invite{}, tkpkbot.Errorf(tkpkbot.EINVALID, "Peran harus admin, koordinator, atau pengamat.")
	}
	if role == tkpkbot.RoleKoordinator && (region == "" || region == tkpkbot.ProvinceCode) {
		return tkpkbot.Invite{}, tkpkbot.Errorf(tkpkbot.EINVALID, "Koordinator harus terikat pada satu kabupaten/kota.")
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

// RedeemInvite claims the code with a conditional update, so two people
// racing for one code cannot both win.
func (db *DB) RedeemInvite(ctx context.Context, userID int64, code string) (tkpkbot.User, error) {
	code = NormalizeInviteCode(code)
	now := db.Clock.Now()
	var out tkpkbot.User
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		var role, region string
		err := tx.QueryRow(ctx, `UPDATE invites SET used_by = $1, used_at = $2
			WHERE code = $3 AND used_by IS NULL AND expires_at > $2
			RETURNING role, region_code`, userID, now, code).Scan(&role, &region)
		if errors.Is(err, pgx.ErrNoRows) {
			return db.inviteRefusal(ctx, tx, code, userID)
		} else if err != nil {
			return err
		}
		old, err := scanUser(tx.QueryRow(ctx, `SELECT `+userCols+` FROM users WHERE id = $1 FOR UPDATE`, userID))
		if err != nil {
			return err
		}
		if old.Role == tkpkbot.RoleAdmin && role != string(tkpkbot.RoleAdmin) {
			return tkpkbot.Errorf(tkpkbot.ECONFLICT, "Anda sudah admin; kode undangan ini tidak diperlukan.")
		}
		out, err = scanUser(tx.QueryRow(ctx, `UPDATE users SET role = $2, region_code = $3, updated_at = $4
			WHERE id = $1 RETURNING `+userCols, userID, role, region, now))
		if err != nil {
			return err
		}
		return audit(ctx, tx, userID, userID, "invite:"+code[:4], old.Role, tkpkbot.Role(role), region, db.Clock)
	})
	db.users.invalidate(userID) // the trigger tells other replicas; this one must not wait for it
	return out, db.wrap("redeem invite", err)
}

func (db *DB) inviteRefusal(ctx context.Context, tx pgx.Tx, code string, userID int64) error {
	var usedBy *int64
	var expires time.Time
	err := tx.QueryRow(ctx, `SELECT used_by, expires_at FROM invites WHERE code = $1`, code).Scan(&usedBy, &expires)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return tkpkbot.Errorf(tkpkbot.ENOTFOUND, "Kode undangan tidak dikenal. Periksa lagi kodenya (huruf dan angka, tanpa spasi) atau minta kode baru ke admin.")
	case err != nil:
		return err
	case usedBy != nil && *usedBy == userID:
		return tkpkbot.Errorf(tkpkbot.ECONFLICT, "Kode ini sudah Anda pakai; Anda sudah terdaftar.")
	case usedBy != nil:
		return tkpkbot.Errorf(tkpkbot.ECONFLICT, "Kode undangan ini sudah dipakai. Setiap kode hanya berlaku sekali; minta kode baru ke admin.")
	}
	return tkpkbot.Errorf(tkpkbot.EINVALID, "Kode undangan ini sudah kedaluwarsa (berlaku 7 hari). Minta kode baru ke admin.")
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
func (db *DB) Revoke(ctx context.Context, actor, userID int64) (tkpkbot.User, error) {
	if actor == userID {
		return tkpkbot.User{}, tkpkbot.Errorf(tkpkbot.EINVALID, "Anda tidak bisa mencabut akses diri sendiri.")
	}
	if db.AdminIDs[userID] {
		return tkpkbot.User{}, tkpkbot.Errorf(tkpkbot.EINVALID, "Pengguna %d adalah admin dari konfigurasi (BOT_ADMIN_IDS); ubah konfigurasinya untuk mencabut.", userID)
	}
	var out tkpkbot.User
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		old, err := scanUser(tx.QueryRow(ctx, `SELECT `+userCols+` FROM users WHERE id = $1 FOR UPDATE`, userID))
		if errors.Is(err, pgx.ErrNoRows) || err == nil && old.Role == tkpkbot.RoleNone {
			return tkpkbot.Errorf(tkpkbot.ENOTFOUND, "Pengguna %d tidak terdaftar sebagai anggota. Lihat ID di /anggota.", userID)
		} else if err != nil {
			return err
		}
		out, err = scanUser(tx.QueryRow(ctx, `UPDATE users SET role = '', region_code = '', updated_at = $2
			WHERE id = $1 RETURNING `+userCols, userID, db.Clock.Now()))
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM report_forms WHERE user_id = $1`, userID); err != nil {
			return err
		}
		out.RegionCode = old.RegionCode
		return audit(ctx, tx, actor, userID, "revoke", old.Role, tkpkbot.RoleNone, old.RegionCode, db.Clock)
	})
	db.users.invalidate(userID)
	return out, db.wrap("revoke", err)
}
