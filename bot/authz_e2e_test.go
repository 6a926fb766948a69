package main

import (
	"strings"
	"testing"

	"tkpkbot"
	"tkpkbot/handlers"
	"tkpkbot/internal/telegramtest"
)

// TestAccessTableForEveryRoleInPrivateAndGroup walks every row of the
// role × chat table (every command and every button) as each kind of user,
// in a private chat and in a group: exactly the allowed ones act, the
// others are refused, and private-only ones only point to the private chat
// when used in a group.
func TestAccessTableForEveryRoleInPrivateAndGroup(t *testing.T) {
	h := newHarness(t)
	const pengamat, koordA, koordB, nobody = 801, 802, 803, 804
	const group = -1009001
	for _, j := range []struct {
		id   int64
		args string
	}{{pengamat, "Kaltim pengamat"}, {koordA, "Samarinda"}, {koordB, "Berau"}} {
		code := invite(t, h, j.args)
		h.say(j.id, "Anggota", "/daftar "+code)
	}
	h.say(nobody, "Anggota", "/start")
	people := []struct {
		id   int64
		role tkpkbot.Role
	}{{nobody, tkpkbot.RoleNone}, {pengamat, tkpkbot.RolePengamat}, {koordA, tkpkbot.RoleKoordinator},
		{koordB, tkpkbot.RoleKoordinator}, {adminID, tkpkbot.RoleAdmin}}
	registered := map[string]bool{}
	for _, c := range h.app.h.Commands() {
		registered["/"+c.Name] = true
	}
	rows := h.app.h.AccessTable()
	for _, row := range rows {
		if row.Key[0] == '/' && !registered[row.Key] {
			t.Errorf("row %s names no registered command", row.Key)
		}
	}
	for _, row := range rows {
		for _, p := range people {
			for _, private := range []bool{true, false} {
				where := "group"
				if private {
					where = "private"
				}
				allowed := row.Access.Allows(tkpkbot.User{Role: p.role}, private)
				pointer := !private && row.Chats == handlers.PrivateOnly
				var got string
				if name, ok := strings.CutPrefix(row.Key, "/"); ok {
					if private {
						got = texts(h.say(p.id, "Anggota", "/"+name))
					} else {
						before := len(h.fake.Messages(group))
						h.settle(h.fake.SendGroupText(group, p.id, "Anggota", "/"+name+"@"+telegramtest.BotUsername))
						got = texts(h.fake.Messages(group)[before:])
					}
					refused := strings.Contains(got, "Perintah /"+name+" hanya untuk") || strings.Contains(got, "Maaf, perintah /"+name+" hanya untuk")
					pointed := strings.Contains(got, "Perintah ini hanya di chat pribadi dengan bot")
					switch {
					case pointer && (!pointed || refused):
						t.Errorf("%s as %s in a group: want only the pointer to the private chat, got:\n%s", row.Key, p.role.Label(), got)
					case !pointer && refused == allowed:
						t.Errorf("%s as %s in %s: allowed=%v but reply:\n%s", row.Key, p.role.Label(), where, allowed, got)
					case !pointer && pointed:
						t.Errorf("%s as %s in %s: pointed to the private chat:\n%s", row.Key, p.role.Label(), where, got)
					case private && got == "" && name != "batal":
						t.Errorf("%s as %s: no reply at all", row.Key, p.role.Label())
					}
					if pointer {
						mustContain(t, lastMarkup(h, group), "https://t.me/"+telegramtest.BotUsername+"?start="+name)
					}
				} else {
					data := row.Key + "x"
					if private {
						msgs := h.fake.Messages(p.id)
						h.settle(h.fake.PressButtonByID(p.id, msgs[len(msgs)-1].ID, data))
					} else {
						gm := h.fake.Messages(group)
						h.settle(h.fake.PressButton(p.id, gm[len(gm)-1], data))
					}
					got = h.lastAnswer()
					refused := strings.Contains(got, "hanya untuk")
					pointed := strings.Contains(got, "Perintah ini hanya di chat pribadi dengan bot")
					switch {
					case pointer && !pointed:
						t.Errorf("button %s as %s in a group: want the private-chat notice, got %q", row.Key, p.role.Label(), got)
					case !pointer && refused == allowed:
						t.Errorf("button %s as %s in %s: allowed=%v but answer %q", row.Key, p.role.Label(), where, allowed, got)
					case !pointer && pointed:
						t.Errorf("button %s as %s in %s: pointed to the private chat", row.Key, p.role.Label(), where)
					}
				}
				h.say(p.id, "Anggota", "/batal") // leave no form open between rows
			}
		}
	}
	// coordinators only ever report for their own region
	mustContain(t, texts(h.say(koordA, "Anggota", "/lapor")), "Kota Samarinda")
	mustContain(t, texts(h.say(koordB, "Anggota", "/lapor")), "Kabupaten Berau")
}

// lastMarkup is the link and callback data of the buttons on the chat's
// latest message.
func lastMarkup(h *harness, chat int64) string {
	msgs := h.fake.Messages(chat)
	if len(msgs) == 0 || msgs[len(msgs)-1].ReplyMarkup == nil {
		return ""
	}
	var b strings.Builder
	for _, row := range msgs[len(msgs)-1].ReplyMarkup.InlineKeyboard {
		for _, btn := range row {
			b.WriteString(btn.URL + " " + btn.CallbackData + "\n")
		}
	}
	return b.String()
}
