package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"tkpkbot"
)

func (h *Handlers) revoke(ctx context.Context, r *Request) error {
	id, ok := parseID(strings.TrimSpace(r.Args))
	if !ok {
		h.reply(ctx, r, "Tulis ID pengguna (angka) yang aksesnya dicabut, misalnya <code>/cabut 123456789</code>. ID ada di /anggota.")
		return nil
	}
	ch, err := h.People.Revoke(ctx, r.User.ID, id)
	if errors.Is(err, tkpkbot.ErrConfigAdmin) {
		h.reply(ctx, r, fmt.Sprintf("Pengguna <code>%d</code> adalah admin dari konfigurasi, jadi tidak bisa dicabut di sini. Hapus <code>%d</code> dari <code>BOT_ADMIN_IDS</code> (di file .env atau pengaturan layanan), lalu mulai ulang bot. Hasilnya: <code>%s</code>",
			id, id, escape(h.adminIDsWithout(id))))
		return nil
	} else if err != nil {
		return err
	}
	u := ch.Before
	h.refreshMenu(ctx, ch.After)
	text := fmt.Sprintf("Akses <b>%s</b> (ID <code>%d</code>, %s) sudah dicabut. Laporan yang pernah dikirim tetap tersimpan; formulir yang belum dikirim dan kode undangan buatannya yang belum dipakai tidak berlaku lagi.",
		escape(displayName(u)), u.ID, escape(roleText(u.Role, u.RegionCode)))
	if ch.Uncovered {
		if reg, ok := tkpkbot.RegionByCode(u.RegionCode); ok {
			text += fmt.Sprintf("\n\n⚠️ %s kini tanpa koordinator. Undang yang baru: <code>/undang %s</code>", escape(reg.Official), escape(reg.Name))
		}
	}
	h.reply(ctx, r, text)
	return nil
}
