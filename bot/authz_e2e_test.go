package main

import (
	"strings"
	"testing"

	"tkpkbot"
)

// TestEveryCommandForEveryRole walks all commands as each kind of user and
// checks that exactly the allowed ones act and the others are refused.
func TestEveryCommandForEveryRole(t *testing.T) {
	h := newHarness(t)
	const pengamat, koordA, koordB, nobody = 801, 802, 803, 804
	for _, j := range []struct {
		id   int64
		args string
	}{{pengamat, "Kaltim pengamat"}, {koordA, "Samarinda"}, {koordB, "Berau"}} {
		code := invite(t, h, j.args)
		h.say(j.id, "Anggota", "/daftar "+code)
	}
	people := []struct {
		id   int64
		role tkpkbot.Role
	}{{nobody, tkpkbot.RoleNone}, {pengamat, tkpkbot.RolePengamat}, {koordA, tkpkbot.RoleKoordinator},
		{koordB, tkpkbot.RoleKoordinator}, {adminID, tkpkbot.RoleAdmin}}
	for _, c := range h.app.h.Commands() {
		for _, p := range people {
			got := texts(h.say(p.id, "Anggota", "/"+c.Name))
			refused := strings.Contains(got, "Perintah /"+c.Name+" hanya untuk") || strings.Contains(got, "Maaf, perintah /"+c.Name+" hanya untuk")
			allowed := c.Allowed(tkpkbot.User{Role: p.role})
			if refused == allowed {
				t.Errorf("/%s as %s (%d): allowed=%v but reply:\n%s", c.Name, p.role.Label(), p.id, allowed, got)
			}
			if got == "" && c.Name != "batal" {
				t.Errorf("/%s as %s: no reply at all", c.Name, p.role.Label())
			}
			h.say(p.id, "Anggota", "/batal") // leave no form open between commands
		}
	}
	// coordinators only ever report for their own region
	mustContain(t, texts(h.say(koordA, "Anggota", "/lapor")), "Kota Samarinda")
	mustContain(t, texts(h.say(koordB, "Anggota", "/lapor")), "Kabupaten Berau")
}
