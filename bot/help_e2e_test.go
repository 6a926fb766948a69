package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"tkpkbot"
)

func TestHelpFitsTheRole(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")
	got := texts(h.say(coordID, "Sari", "/bantuan"))
	mustContain(t, got, "Daftar perintah untuk koordinator Kota Samarinda", "/lapor", "/laporanku", "/angka", "Laporan mingguan")
	for _, hidden := range []string{"/rekap", "/undang", "/anggota", "/cabut", "/ekspor", "/rapat_baru"} {
		if strings.Contains(got, hidden+" ") || strings.Contains(got, hidden+"\n") {
			t.Errorf("a coordinator's help shows %s:\n%s", hidden, got)
		}
	}
	stranger := texts(h.say(42, "Rahmat", "/bantuan"))
	mustContain(t, stranger, "/angka", "/daftar")
	if strings.Contains(stranger, "/lapor") {
		t.Errorf("a stranger's help shows /lapor:\n%s", stranger)
	}
	// one command explained, with its examples
	mustContain(t, texts(h.say(coordID, "Sari", "/bantuan lapor")), "/lapor", "Cara pakai", "Hanya di chat pribadi")
	mustContain(t, texts(h.say(coordID, "Sari", "/bantuan rekap")), "hanya untuk admin atau pengamat")
	mustContain(t, texts(h.say(coordID, "Sari", "/bantuan xyz")), "tidak dikenal")

	// An admin sees every command, each under what it is for: nothing is
	// left in the catch-all group.
	admin := texts(h.say(adminID, "Admin", "/bantuan"))
	mustContain(t, admin, "Angka kemiskinan", "/peta", "Capaian dan triwulan", "/triwulan", "Tindak lanjut", "/notulen")
	if strings.Contains(admin, "Lainnya") {
		t.Errorf("a command of the admin's help has no group:\n%s", admin)
	}
}

func TestHelpExamplesUseDatesFromToday(t *testing.T) {
	h := newHarness(t)
	// the harness clock is Wednesday 11 December 2024; next Monday is the 16th
	mustContain(t, texts(h.say(adminID, "Admin", "/bantuan rapat_baru")), "/rapat_baru 2024-12-16 09:00")
	h.clock.Advance(400 * 24 * time.Hour) // Saturday 15 January 2026
	got := texts(h.say(adminID, "Admin", "/bantuan rapat_baru"))
	mustContain(t, got, "/rapat_baru 2026-01-19 09:00")
	mustContain(t, texts(h.say(adminID, "Admin", "/bantuan rekap")), "/rekap 2026-W03")
	mustContain(t, texts(h.say(adminID, "Admin", "/bantuan libur")), "/libur 2026-W04")
}

func TestStartOffersWhatThePersonCanDoNow(t *testing.T) {
	h := newHarness(t)
	got := h.say(42, "Rahmat", "/start")
	mustContain(t, texts(got), "Halo, Rahmat!", "/angka", "/daftar KODE")
	joinCoordinator(t, h, "Samarinda")
	msgs := h.say(coordID, "Sari", "/start")
	mustContain(t, texts(msgs), "Anda koordinator Kota Samarinda", "/lapor", "/laporanku")
	if strings.Contains(texts(msgs), "/rekap") {
		t.Fatalf("a coordinator's start offers /rekap:\n%s", texts(msgs))
	}
	// the button runs the command, checked as if it were typed
	msgs = h.press(coordID, "Sari", "Lapor")
	mustContain(t, lastText(msgs), "Langkah 1/7")
	h.say(coordID, "Sari", "/batal")
	// a stranger pressing a copied "Lapor" button gets /lapor's refusal
	h.say(43, "Tamu", "/start")
	m := h.fake.Messages(43)
	h.settle(h.fake.PressButtonByID(43, m[len(m)-1].ID, "cmd:lapor"))
	mustContain(t, lastText(h.fake.Messages(43)), "Perintah /lapor hanya untuk anggota TKPK")
}

func TestCommandMenuFollowsTheRole(t *testing.T) {
	h := coordinatorHarness(t, "Samarinda")
	menu := func(chat int64) map[string]bool {
		out := map[string]bool{}
		calls := h.fake.CallsTo("setMyCommands")
		for i := len(calls) - 1; i >= 0; i-- {
			var scope struct {
				Type   string
				ChatID int64 `json:"chat_id"`
			}
			_ = json.Unmarshal([]byte(calls[i].Params["scope"]), &scope)
			if scope.ChatID != chat {
				continue
			}
			var cmds []struct{ Command string }
			if err := json.Unmarshal([]byte(calls[i].Params["commands"]), &cmds); err != nil {
				t.Fatal(err)
			}
			for _, c := range cmds {
				out[c.Command] = true
			}
			return out
		}
		return out
	}
	m := menu(coordID)
	if !m["lapor"] || m["rekap"] || m["undang"] {
		t.Fatalf("coordinator's menu = %v", m)
	}
	h.say(adminID, "Admin", "/cabut 601")
	var deleted bool
	for _, c := range h.fake.CallsTo("deleteMyCommands") {
		if strings.Contains(c.Params["scope"], "601") {
			deleted = true
		}
	}
	if !deleted {
		t.Fatal("a revoked person's menu was not reset to the strangers' one")
	}
	_ = tkpkbot.RoleNone
}

func TestGroupPointerOpensThePrivateChatAndRunsTheCommand(t *testing.T) {
	h := newHarness(t)
	const group = -1005555
	h.settle(h.fake.SendGroupText(group, adminID, "Admin", "/anggota"))
	gm := h.fake.Messages(group)
	mustContain(t, lastText(gm), "Perintah ini hanya di chat pribadi dengan bot")
	if strings.Contains(texts(gm), "Anggota TKPK") {
		t.Fatal("the member list reached the group")
	}
	// the link's payload is the command; in the private chat it runs it
	mustContain(t, lastMarkup(h, group), "?start=anggota")
	mustContain(t, texts(h.say(adminID, "Admin", "/start anggota")), "Anggota TKPK")
	// and a stranger following the same link is refused as for /anggota
	mustContain(t, texts(h.say(42, "Rahmat", "/start anggota")), "Perintah /anggota hanya untuk anggota TKPK")
}
