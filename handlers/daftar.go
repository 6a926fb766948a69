package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"tkpkbot"
)

func (h *Handlers) join(ctx context.Context, r *Request, code string) error {
	code = strings.TrimSpace(code)
	if code == "" {
		h.reply(ctx, r, "Ketik kode undangan setelah perintahnya, misalnya <code>/daftar K7QF2M9XWA3BT5PD</code>. Kode didapat dari admin provinsi.")
		return nil
	}
	return h.redeem(ctx, r, code, false)
}

// redeem registers r.User with the code's role. Someone who already has
// another role is shown both and must confirm: a role never changes
// silently.
func (h *Handlers) redeem(ctx context.Context, r *Request, code string, replace bool) error {
	ch, err := h.People.RedeemInvite(ctx, r.User.ID, code, replace)
	if errors.Is(err, tkpkbot.ErrRoleChange) {
		inv, err := h.People.Invite(ctx, code)
		if err != nil {
			return h.inviteRefused(ctx, r, err)
		}
		code := tkpkbot.NormalizeInviteCode(code)
		h.reply(ctx, r, fmt.Sprintf("Anda %s; kode ini menjadikan Anda %s.\n\nJika diganti, peran lama berakhir (formulir laporan yang belum dikirim dihapus). Ganti peran?",
			roleText(r.User.Role, r.User.RegionCode), roleText(inv.Role, inv.RegionCode)),
			[]tkpkbot.Button{{Text: "✅ Ya, ganti", Data: "daftar:ganti:" + code}, {Text: "✖️ Batal", Data: "daftar:batal"}})
		return nil
	} else if err != nil {
		return h.inviteRefused(ctx, r, err)
	}
	u := ch.After
	h.refreshMenu(ctx, u)
	var b strings.Builder
	fmt.Fprintf(&b, "Selamat datang, <b>%s</b>! Anda terdaftar sebagai <b>%s</b>", escape(firstName(u)), u.Role.Label())
	if reg, ok := tkpkbot.RegionByCode(u.RegionCode); ok {
		fmt.Fprintf(&b, " untuk <b>%s</b>", escape(reg.Official))
	}
	b.WriteString(".\n\n")
	if ch.Before.Role != tkpkbot.RoleNone {
		fmt.Fprintf(&b, "Peran lama Anda (%s) sudah berakhir.\n\n", roleText(ch.Before.Role, ch.Before.RegionCode))
	}
	switch u.Role {
	case tkpkbot.RoleKoordinator:
		b.WriteString("Setiap minggu, kirim laporan kemajuan dengan /lapor. Lihat laporan wilayah Anda dengan /laporanku.")
	case tkpkbot.RolePengamat:
		b.WriteString("Anda bisa melihat rekap laporan mingguan dengan /rekap dan menerima pengingat rapat.")
	case tkpkbot.RoleAdmin:
		b.WriteString("Anda bisa mengundang anggota (/undang), melihat /rekap, dan mengekspor laporan (/ekspor).")
	}
	b.WriteString(" Ketik /bantuan untuk semua perintah.")
	h.edit(ctx, r, b.String())
	return nil
}

// inviteRefused words why a code did not work; other errors pass on.
func (h *Handlers) inviteRefused(ctx context.Context, r *Request, err error) error {
	var text string
	switch {
	case errors.Is(err, tkpkbot.ErrInviteUnknown), errors.Is(err, tkpkbot.ErrInviteUsedBySelf), errors.Is(err, tkpkbot.ErrInviteUsed),
		errors.Is(err, tkpkbot.ErrInviteExpired), errors.Is(err, tkpkbot.ErrInviteCancelled):
		text = userMessage(err) // worded once, in ruleTexts
	case errors.Is(err, tkpkbot.ErrAlreadyHolds):
		text = "Anda sudah " + roleText(r.User.Role, r.User.RegionCode) + "; kode undangan ini tidak diperlukan."
	case errors.Is(err, tkpkbot.ErrConfigAdmin):
		text = "Anda admin dari konfigurasi bot (BOT_ADMIN_IDS), jadi peran Anda tidak bisa diganti dengan kode undangan. Minta operator menghapus ID Anda dari BOT_ADMIN_IDS lebih dulu."
	default:
		return err
	}
	h.answer(ctx, r, "")
	h.edit(ctx, r, "⚠️ "+escape(text))
	return nil
}

func (h *Handlers) daftarButton(ctx context.Context, r *Request, data string) error {
	action, code, _ := strings.Cut(data, ":")
	switch action {
	case "ganti":
		h.answer(ctx, r, "")
		// The code is checked again now; the buttons carry no right.
		return h.redeem(ctx, r, code, true)
	case "batal":
		h.answer(ctx, r, "Dibatalkan")
		h.edit(ctx, r, "Peran Anda tidak diubah: tetap "+roleText(r.User.Role, r.User.RegionCode)+". Kode undangan belum terpakai.")
		return nil
	}
	h.answer(ctx, r, msgStaleButton)
	return nil
}
