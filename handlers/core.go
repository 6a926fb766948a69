package handlers

import (
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
		Usage: "/bantuan [perintah]", Example: "/bantuan lapor", Help: "daftar perintah Anda, atau penjelasan satu perintah",
		Run: h.help,
	})
	h.OnCallback("cmd", h.commandButton)
}

func firstName(u tkpkbot.User) string {
	if s := strings.TrimSpace(u.FirstName); s != "" {
		return s
	}
	return "Bapak/Ibu"
}
