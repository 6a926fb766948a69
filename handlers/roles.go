package handlers

import (
	"strings"

	"tkpkbot"
)

// roleText is "koordinator Kota Samarinda", "pengamat Provinsi Kalimantan
// Timur", "admin".
func roleText(role tkpkbot.Role, region string) string {
	s := role.Label()
	if reg, ok := tkpkbot.RegionByCode(region); ok && role != tkpkbot.RoleAdmin && role != tkpkbot.RoleNone {
		s += " " + reg.Official
	}
	return s
}

func displayName(u tkpkbot.User) string {
	name := strings.TrimSpace(u.FirstName)
	if name == "" {
		name = "(tanpa nama)"
	}
	if u.Username != "" {
		name += " (@" + u.Username + ")"
	}
	return name
}

func firstName(u tkpkbot.User) string {
	if s := strings.TrimSpace(u.FirstName); s != "" {
		return s
	}
	return "Bapak/Ibu"
}
