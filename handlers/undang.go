package handlers

import (
	"context"
	"fmt"
	"strings"

	"tkpkbot"
	"tkpkbot/indo"
	"tkpkbot/match"
)

func (h *Handlers) invite(ctx context.Context, r *Request) error {
	fields := strings.Fields(r.Args)
	role := tkpkbot.RoleKoordinator
	if n := len(fields); n > 0 {
		if rl := tkpkbot.Role(strings.ToLower(fields[n-1])); rl.Valid() {
			role, fields = rl, fields[:n-1]
		}
	}
	if len(fields) == 0 {
		h.reply(ctx, r, "Tulis wilayah dan (jika bukan koordinator) perannya, misalnya:\n<code>/undang Samarinda</code>\n<code>/undang Kutai Timur pengamat</code>\n<code>/undang Kaltim admin</code>")
		return nil
	}
	m := match.Region(strings.Join(fields, " "))
	if m.Kind != match.Exact {
		h.reply(ctx, r, "Wilayah <b>"+escape(strings.Join(fields, " "))+"</b> tidak dikenali. "+regionHint(m)+"\nContoh: <code>/undang Samarinda koordinator</code>")
		return nil
	}
	if role == tkpkbot.RoleKoordinator && m.Region.Code == tkpkbot.ProvinceCode {
		h.reply(ctx, r, "Koordinator harus untuk satu kabupaten/kota, misalnya <code>/undang Berau</code>. Untuk provinsi, pakai peran pengamat atau admin.")
		return nil
	}
	region := m.Region.Code
	if role == tkpkbot.RoleAdmin {
		region = ""
	}
	inv, err := h.People.CreateInvite(ctx, r.User.ID, role, region)
	if err != nil {
		return err
	}
	link := "https://t.me/" + h.BotUsername + "?start=" + inv.Code
	h.reply(ctx, r, fmt.Sprintf("Kode undangan <b>%s</b> untuk <b>%s</b>:\n\n<code>%s</code>\n\nBagikan tautan ini ke orangnya:\n%s\n\natau minta dia mengetik <code>/daftar %s</code> di chat dengan bot. Kode hanya bisa dipakai sekali dan berlaku sampai %s.",
		role.Label(), escape(m.Region.Official), inv.Code, escape(link), inv.Code, indo.DateTime(inv.ExpiresAt.In(h.Location))))
	return nil
}
