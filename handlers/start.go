package handlers

import (
	"context"
	"fmt"
	"strings"

	"tkpkbot"
)

// starters are the few commands /start offers each role first, the first
// three also as buttons.
var starters = map[tkpkbot.Role][]string{
	tkpkbot.RoleNone:        {"angka", "peringkat", "daftar", "bantuan"},
	tkpkbot.RoleKoordinator: {"lapor", "laporanku", "angka", "rapat"},
	tkpkbot.RolePengamat:    {"rekap", "angka", "rapat", "bantuan"},
	tkpkbot.RoleAdmin:       {"rekap", "anggota", "undangan", "rapat"},
}

var starterLabels = map[string]string{
	"angka": "🔢 Angka", "peringkat": "🏆 Peringkat", "daftar": "🔑 Daftar", "bantuan": "❓ Bantuan",
	"lapor": "📝 Lapor", "laporanku": "📄 Laporanku", "rapat": "📅 Rapat", "rekap": "📊 Rekap",
	"anggota": "👥 Anggota", "undangan": "✉️ Undangan",
}

func (h *Handlers) start(ctx context.Context, r *Request) error {
	if c, ok := h.commands[r.Args]; ok && r.Args != "start" {
		// The group's "open the private chat" link names the command to run.
		r.Command, r.Args = c.Name, ""
		return h.run(ctx, r, c)
	}
	if r.Args != "" && h.startPayload != nil {
		return h.startPayload(ctx, r)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Halo, <b>%s</b>! 👋 Saya bot <b>TKPK Kalimantan Timur</b>", escape(firstName(r.User)))
	if r.User.Role != tkpkbot.RoleNone {
		fmt.Fprintf(&b, ". Anda %s.", escape(roleText(r.User.Role, r.User.RegionCode)))
	} else {
		b.WriteString(": angka kemiskinan resmi, laporan mingguan, dan rapat koordinasi.")
	}
	b.WriteString("\n\n")
	var buttons []tkpkbot.Button
	for _, name := range starters[r.User.Role] {
		c := h.commands[name]
		if c == nil || !c.allowed(r.User) {
			continue
		}
		fmt.Fprintf(&b, "%s — %s\n", escape(c.Usage), escape(c.Help))
		if len(buttons) < 3 && name != "daftar" {
			buttons = append(buttons, tkpkbot.Button{Text: starterLabels[name], Data: "cmd:" + name})
		}
	}
	if r.User.Role == tkpkbot.RoleNone {
		b.WriteString("\nUntuk melapor atau ikut rapat, minta kode undangan ke admin provinsi lalu ketik <code>/daftar KODE</code>.")
	} else {
		b.WriteString("\nSemua perintah Anda: /bantuan")
	}
	h.reply(ctx, r, b.String(), buttons)
	if r.User.Role != tkpkbot.RoleNone {
		h.refreshMenu(ctx, r.User)
	}
	return nil
}

// commandButton runs a command from a /start button as if it were typed;
// the command's own row of the access table decides, at the press.
func (h *Handlers) commandButton(ctx context.Context, r *Request, name string) error {
	c, ok := h.commands[name]
	if !ok {
		h.answer(ctx, r, msgStaleButton)
		return nil
	}
	h.answer(ctx, r, "")
	r.Command, r.Args = c.Name, ""
	return h.run(ctx, r, c)
}
