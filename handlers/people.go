package handlers

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"tkpkbot"
	"tkpkbot/indo"
	"tkpkbot/match"
)

func init() { features = append(features, (*Handlers).registerPeople) }

func (h *Handlers) registerPeople() {
	h.OnCommand(&Command{
		Name: "daftar", Menu: "Daftar dengan kode undangan",
		Usage: "/daftar <kode>", Example: "/daftar K7QF2M9XWA3BT5PD", Help: "mendaftar sebagai anggota dengan kode undangan",
		Run: func(ctx context.Context, r *Request) error { return h.join(ctx, r, r.Args) },
	})
	h.OnCommand(&Command{
		Name: "undang", Menu: "Buat kode undangan (admin)",
		Usage: "/undang <wilayah> [peran]", Example: "/undang Samarinda koordinator",
		Help: "membuat kode undangan sekali pakai (peran: koordinator, pengamat, admin)", Run: h.invite,
	})
	h.OnCommand(&Command{
		Name: "anggota", Menu: "Daftar anggota (admin)",
		Usage: "/anggota", Example: "/anggota", Help: "daftar anggota per wilayah dan peran", Run: h.members,
	})
	h.OnCommand(&Command{
		Name: "cabut", Usage: "/cabut <user-id>", Example: "/cabut 123456789",
		Help: "mencabut akses seseorang (laporannya tetap tersimpan)", Run: h.revoke,
	})
	h.OnCommand(&Command{
		Name: "undangan", Menu: "Kode undangan yang belum dipakai (admin)",
		Usage: "/undangan", Example: "/undangan", Help: "daftar kode undangan yang masih berlaku, dengan tombol untuk membatalkannya",
		Run: h.listInvites,
	})
	h.OnCallback("daftar", h.daftarButton)
	h.OnCallback("undangan", h.undanganButton)
	h.startPayload = func(ctx context.Context, r *Request) error { return h.join(ctx, r, r.Args) }
}

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
	case errors.Is(err, tkpkbot.ErrInviteUnknown):
		text = "Kode undangan tidak dikenal. Periksa lagi kodenya (huruf dan angka, tanpa spasi) atau minta kode baru ke admin."
	case errors.Is(err, tkpkbot.ErrInviteUsedBySelf):
		text = "Kode ini sudah Anda pakai; Anda sudah terdaftar."
	case errors.Is(err, tkpkbot.ErrInviteUsed):
		text = "Kode undangan ini tidak berlaku: sudah dipakai. Setiap kode hanya berlaku sekali; minta kode baru ke admin."
	case errors.Is(err, tkpkbot.ErrInviteExpired):
		text = "Kode undangan ini tidak berlaku: sudah kedaluwarsa (berlaku 7 hari). Minta kode baru ke admin."
	case errors.Is(err, tkpkbot.ErrInviteCancelled):
		text = "Kode undangan ini tidak berlaku: sudah dibatalkan. Minta kode baru ke admin."
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

// roleText is "koordinator Kota Samarinda", "pengamat Provinsi Kalimantan
// Timur", "admin".
func roleText(role tkpkbot.Role, region string) string {
	s := role.Label()
	if reg, ok := tkpkbot.RegionByCode(region); ok && role != tkpkbot.RoleAdmin && role != tkpkbot.RoleNone {
		s += " " + reg.Official
	}
	return s
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
	h.answer(ctx, r, "Tombol ini sudah tidak berlaku.")
	return nil
}

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

func (h *Handlers) members(ctx context.Context, r *Request) error {
	us, err := h.People.Members(ctx)
	if err != nil {
		return err
	}
	if len(us) == 0 {
		h.reply(ctx, r, "Belum ada anggota terdaftar. Undang dengan <code>/undang Samarinda</code>.")
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<b>Anggota TKPK</b> (%s orang)\n", indo.Int(int64(len(us))))
	last := "\x00"
	for _, u := range us {
		if u.RegionCode != last {
			last = u.RegionCode
			name := "Provinsi (tanpa wilayah)"
			if reg, ok := tkpkbot.RegionByCode(u.RegionCode); ok {
				name = reg.Official
			}
			fmt.Fprintf(&b, "\n<b>%s</b>\n", escape(name))
		}
		fmt.Fprintf(&b, "• %s — %s, ID <code>%d</code>", escape(displayName(u)), u.Role.Label(), u.ID)
		if u.Unreachable {
			b.WriteString(" ⚠️ tidak bisa dihubungi (memblokir bot atau belum memulai chat)")
		}
		if u.Muted {
			b.WriteString(" 🔕")
		}
		b.WriteString("\n")
	}
	b.WriteString("\nCabut akses dengan <code>/cabut ID</code>.")
	h.reply(ctx, r, b.String())
	return nil
}

func (h *Handlers) revoke(ctx context.Context, r *Request) error {
	id, err := strconv.ParseInt(strings.TrimSpace(r.Args), 10, 64)
	if err != nil || id <= 0 {
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

// regionHint turns a failed region match into a short next step.
func regionHint(m match.Result) string {
	var names []string
	for _, c := range m.Candidates {
		names = append(names, c.Name)
	}
	switch m.Kind {
	case match.Ambiguous:
		return "Maksud Anda: " + escape(strings.Join(names, ", ")) + "?"
	case match.Suggest:
		return "Mungkin maksud Anda " + escape(strings.Join(names, " atau ")) + "?"
	}
	return "Pilih salah satu: Paser, Kutai Barat, Kutai Kartanegara, Kutai Timur, Berau, Penajam Paser Utara, Mahakam Ulu, Balikpapan, Samarinda, Bontang (atau Kaltim)."
}
