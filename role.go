package tkpkbot

import (
	"context"
	"strings"
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
	Code        string
	Role        Role
	RegionCode  string
	CreatedBy   int64
	Creator     User // who made it, as far as the bot knows them
	CreatedAt   time.Time
	ExpiresAt   time.Time
	UsedBy      int64
	CancelledAt time.Time
}

// NormalizeInviteCode accepts what people type: lower case, spaces, dashes.
func NormalizeInviteCode(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	return strings.NewReplacer(" ", "", "-", "").Replace(s)
}

// InviteTTL is how long an invite code stays valid.
const InviteTTL = 7 * 24 * time.Hour

// Same reports whether u already holds what the invite would give.
func (inv Invite) Same(u User) bool {
	return u.Role == inv.Role && (inv.Role == RoleAdmin || u.RegionCode == inv.RegionCode)
}

// Why an invite code cannot be redeemed. The store reports these facts;
// the handlers word them.
var (
	ErrInviteUnknown    = &Error{Code: ENOTFOUND, Reason: "invite_unknown"}
	ErrInviteUsed       = &Error{Code: ECONFLICT, Reason: "invite_used"}
	ErrInviteUsedBySelf = &Error{Code: ECONFLICT, Reason: "invite_used_by_self"}
	ErrInviteExpired    = &Error{Code: EINVALID, Reason: "invite_expired"}
	// ErrInviteCancelled: an admin called it off, or its maker is no
	// longer admin.
	ErrInviteCancelled = &Error{Code: EINVALID, Reason: "invite_cancelled"}
	// ErrRoleChange: the redeemer has another role; redeeming needs their
	// explicit confirmation.
	ErrRoleChange = &Error{Code: ECONFLICT, Reason: "role_change"}
	// ErrAlreadyHolds: the redeemer already has exactly this role.
	ErrAlreadyHolds = &Error{Code: ECONFLICT, Reason: "already_holds"}
	// ErrConfigAdmin: the person is admin through BOT_ADMIN_IDS, which only
	// the operator can change.
	ErrConfigAdmin = &Error{Code: EINVALID, Reason: "config_admin"}
)

// Why an invite cannot be made or a role taken away, and which person is
// unknown.
var (
	// ErrRoleInvalid: not one of the three roles an invite can give.
	ErrRoleInvalid = &Error{Code: EINVALID, Reason: "role_invalid"}
	// ErrCoordinatorRegion: a coordinator reports for exactly one
	// kabupaten/kota, never for the province or nothing.
	ErrCoordinatorRegion = &Error{Code: EINVALID, Reason: "coordinator_region"}
	// ErrRevokeSelf: an admin revoking themself could leave no admin.
	ErrRevokeSelf = &Error{Code: EINVALID, Reason: "revoke_self"}
	// ErrUserUnknown (About the user ID): the bot has never seen them.
	ErrUserUnknown = &Error{Code: ENOTFOUND, Reason: "user_unknown"}
	// ErrNotMember (About the user ID): known, but without a role.
	ErrNotMember = &Error{Code: ENOTFOUND, Reason: "not_member"}
)

// RoleChange is what redeeming an invite did.
type RoleChange struct {
	Before, After User
	// Uncovered is set when the change left Before's region without any
	// coordinator; the admins are notified through a durable notice.
	Uncovered bool
}

// PeopleService manages invitations, roles and membership. Every role
// change is audited, and losing a role takes with it what came with it:
// open report forms, and the invites a former admin made.
type PeopleService interface {
	CreateInvite(ctx context.Context, actor int64, role Role, region string) (Invite, error)
	// Invite returns a code's invite whatever its state, or
	// ErrInviteUnknown.
	Invite(ctx context.Context, code string) (Invite, error)
	// OpenInvites lists the invites that can still be redeemed.
	OpenInvites(ctx context.Context) ([]Invite, error)
	// CancelInvite calls off an open invite.
	CancelInvite(ctx context.Context, actor int64, code string) (Invite, error)
	// RedeemInvite registers user with the invite's role; a code works once.
	// A person with another role gets ErrRoleChange unless replace is set,
	// so a role never changes without their confirmation.
	RedeemInvite(ctx context.Context, user int64, code string, replace bool) (RoleChange, error)
	// Members lists people with a role, ordered by region then role.
	Members(ctx context.Context) ([]User, error)
	// Revoke removes a person's role; their reports stay.
	Revoke(ctx context.Context, actor, user int64) (RoleChange, error)
	// DemoteFormerConfigAdmins ends the admin role of people who had it
	// only from BOT_ADMIN_IDS and are no longer listed there.
	DemoteFormerConfigAdmins(ctx context.Context) ([]User, error)
}
