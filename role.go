package tkpkbot

import (
	"context"
	"time"
)

// Role is what a person may do in the bot.
type Role string

const (
	RoleNone        Role = ""
	RoleAdmin       Role = "admin"       // province office: everything
	RoleKoordinator Role = "koordinator" // bound to one region; submits its reports
	RolePengamat    Role = "pengamat"    // reads recaps, gets meeting reminders, never counted missing
)

// Valid reports whether r is one of the assignable roles.
func (r Role) Valid() bool {
	return r == RoleAdmin || r == RoleKoordinator || r == RolePengamat
}

// Label is the role's Indonesian name as shown in chat.
func (r Role) Label() string {
	switch r {
	case RoleAdmin:
		return "admin"
	case RoleKoordinator:
		return "koordinator"
	case RolePengamat:
		return "pengamat"
	}
	return "belum terdaftar"
}

// User is a Telegram user as the bot knows them.
type User struct {
	ID          int64 // Telegram user ID; private chat ID is the same number
	FirstName   string
	Username    string
	Role        Role
	RegionCode  string // set for koordinator (and optionally pengamat)
	Muted       bool   // reminders off by the user's choice
	Unreachable bool   // Telegram answered 403: blocked or never started
	CreatedAt   time.Time
}

// UserService keeps people, their roles and the audit trail of changes.
type UserService interface {
	// Touch records a user seen in an update and returns what is known of
	// them; admins from configuration are promoted here.
	Touch(ctx context.Context, u User) (User, error)
	// TouchAll records the users of a batch of updates at once, so that
	// their Touch calls that follow need no round trip each.
	TouchAll(ctx context.Context, us []User) error
	FindUser(ctx context.Context, id int64) (User, error)
}

// Invite is a single-use code that registers its redeemer with a role.
type Invite struct {
	Code       string
	Role       Role
	RegionCode string
	CreatedBy  int64
	ExpiresAt  time.Time
}

// InviteTTL is how long an invite code stays valid.
const InviteTTL = 7 * 24 * time.Hour

// PeopleService manages invitations, roles and membership. Every role
// change is audited.
type PeopleService interface {
	CreateInvite(ctx context.Context, actor int64, role Role, region string) (Invite, error)
	// RedeemInvite registers user with the invite's role; a code works once.
	RedeemInvite(ctx context.Context, user int64, code string) (User, error)
	// Members lists people with a role, ordered by region then role.
	Members(ctx context.Context) ([]User, error)
	// Revoke removes a person's role; their reports stay.
	Revoke(ctx context.Context, actor, user int64) (User, error)
}
