package handlers

import (
	"context"
	"fmt"
	"strings"

	"tkpkbot"
)

func (h *Handlers) registerCore() {
	h.OnCommand(&Command{
		Name: "start", Menu: "Mulai dan perkenalan bot",
		Usage: "/start", Example: "/start", Help: "sapaan dan perintah utama",
		Run: h.start,
	})
	h.OnCommand(&Command{
		Name: "bantuan", Aliases: []string{"help"}, Menu: "Daftar perintah dan contoh",
		Usage: "/bantuan", Example: "/bantuan", Help: "daftar lengkap perintah",
		Run: h.help,
	})
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
	fmt.Fprintf(&b, "Halo, <b>%s</b>! 👋\n\n", escape(firstName(r.User)))
	b.WriteString("Saya bot <b>TKPK Kalimantan Timur</b>. Saya membantu koordinasi penanggulangan kemiskinan:\n")
	b.WriteString("• angka kemiskinan resmi tiap kabupaten/kota, lengkap dengan sumbernya;\n")
	b.WriteString("• laporan kemajuan mingguan para koordinator;\n")
	b.WriteString("• pengingat rapat koordinasi dan tenggat laporan.\n\n")
	b.WriteString("<b>Perintah utama</b>\n")
	for _, c := range h.ordered {
		if c.Menu == "" || c.Name == "start" || !c.allowed(r.User) {
			continue
		}
		fmt.Fprintf(&b, "%s — %s\n", escape(c.Usage), escape(c.Help))
	}
	if r.User.Role == tkpkbot.RoleNone {
		b.WriteString("\nAnda belum terdaftar sebagai anggota TKPK. Jika Anda menerima kode undangan, ketik <code>/daftar KODE</code>.")
	}
	h.reply(ctx, r, b.String())
	return nil
}

func (h *Handlers) help(ctx context.Context, r *Request) error {
	sections := []struct {
		title string
		match func(*Command) bool
	}{
		{"Untuk semua", func(c *Command) bool { return len(c.Roles) == 0 }},
		{"Untuk anggota TKPK", func(c *Command) bool {
			return len(c.Roles) > 1 && c.allowed(tkpkbot.User{Role: tkpkbot.RoleKoordinator}) || len(c.Roles) > 1 && c.allowed(tkpkbot.User{Role: tkpkbot.RolePengamat})
		}},
		{"Untuk koordinator", func(c *Command) bool {
			return len(c.Roles) == 1 && c.Roles[0] == tkpkbot.RoleKoordinator
		}},
		{"Khusus admin provinsi", func(c *Command) bool { return len(c.Roles) == 1 && c.Roles[0] == tkpkbot.RoleAdmin }},
	}
	var b strings.Builder
	b.WriteString("<b>Daftar perintah</b>\n")
	seen := map[*Command]bool{}
	for _, s := range sections {
		var lines []string
		for _, c := range h.ordered {
			if seen[c] || !s.match(c) {
				continue
			}
			seen[c] = true
			line := fmt.Sprintf("%s — %s", escape(c.Usage), escape(c.Help))
			if c.Example != "" && c.Example != c.Usage {
				line += fmt.Sprintf("\n   contoh: <code>%s</code>", escape(c.Example))
			}
			lines = append(lines, line)
		}
		if len(lines) > 0 {
			fmt.Fprintf(&b, "\n<b>%s</b>\n%s\n", s.title, strings.Join(lines, "\n"))
		}
	}
	b.WriteString("\nDi grup, tulis perintah dengan nama bot, misalnya <code>/bantuan@" + escape(h.BotUsername) + "</code>.")
	h.reply(ctx, r, b.String())
	return nil
}

func firstName(u tkpkbot.User) string {
	if s := strings.TrimSpace(u.FirstName); s != "" {
		return s
	}
	return "Bapak/Ibu"
}
