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
	FindUser(ctx context.Context, id int64) (User, error)
}
