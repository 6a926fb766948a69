package handlers

import (
	"slices"
	"sort"

	"tkpkbot"
)

// Where a command or button may be used.
type Chats int

const (
	// AnyChat: private chats and groups alike; nothing personal is shown.
	AnyChat Chats = iota
	// PrivateOnly: it shows codes, member lists, IDs, report text, exports
	// or other per-person data, so in a group it only points to the
	// private chat.
	PrivateOnly
)

// Access is one row of the role × chat table (see routes.go).
type Access struct {
	Roles []tkpkbot.Role // nil: everyone, strangers included
	Chats Chats
	// Like names the command whose refusal a button gives, so a copied
	// button is refused exactly as typing the command would be.
	Like string
}

var (
	everyone    []tkpkbot.Role
	adminOnly   = []tkpkbot.Role{tkpkbot.RoleAdmin}
	members     = []tkpkbot.Role{tkpkbot.RoleAdmin, tkpkbot.RoleKoordinator, tkpkbot.RolePengamat}
	coordinator = []tkpkbot.Role{tkpkbot.RoleKoordinator}
	readers     = []tkpkbot.Role{tkpkbot.RoleAdmin, tkpkbot.RolePengamat}
	// closers may close a tindak lanjut (the handler and the store then
	// narrow a coordinator to the task's region).
	closers = []tkpkbot.Role{tkpkbot.RoleAdmin, tkpkbot.RoleKoordinator}
)

func (h *Handlers) accessOf(key string) Access {
	a, ok := h.access[key]
	if !ok {
		panic("no row in the access table for " + key)
	}
	return a
}

func (a Access) allows(u tkpkbot.User) bool {
	return len(a.Roles) == 0 || slices.Contains(a.Roles, u.Role)
}

// AccessRow is a row of the table as the authorization test walks it.
type AccessRow struct {
	Key string // "/name" or "prefix:"
	Access
}

// AccessTable lists every row, commands first, each group by name.
func (h *Handlers) AccessTable() []AccessRow {
	rows := make([]AccessRow, 0, len(h.access))
	for k, a := range h.access {
		rows = append(rows, AccessRow{k, a})
	}
	sort.Slice(rows, func(i, j int) bool {
		ci, cj := rows[i].Key[0] == '/', rows[j].Key[0] == '/'
		if ci != cj {
			return ci
		}
		return rows[i].Key < rows[j].Key
	})
	return rows
}

// Allows reports whether the row lets u act in a private chat (private)
// or a group.
func (a Access) Allows(u tkpkbot.User, private bool) bool {
	return a.allows(u) && (private || a.Chats == AnyChat)
}
