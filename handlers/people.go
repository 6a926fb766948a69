package handlers

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"tkpkbot"
	"tkpkbot/indo"
)

func init() { features = append(features, (*Handlers).registerPeople) }

var (
	adminOnly = []tkpkbot.Role{tkpkbot.RoleAdmin}
	members   = []tkpkbot.Role{tkpkbot.RoleAdmin, tkpkbot.RoleKoordinator, tkpkbot.RolePengamat}
)

func (h *Handlers) registerPeople() {
	h.OnCommand(&Command{
		Name: "daftar", Menu: "Daftar dengan kode undangan",
		Usage: "/daftar <kode>", Example: "/daftar K7QF2M9XWA3BT5PD", Help: "mendaftar sebagai anggota dengan kode undangan",
		Run: func(ctx context.Context, r *Request) error { return h.join(ctx, r, r.Args) },
	})
	h.OnCommand(&Command{
		Name: "undang", Menu: "Buat kode undangan (admin)",
		Usage: "/undang <wilayah> [peran]", Example: "/undang Samarinda koordinator",
		Help: "membuat kode undangan sekali pakai (peran: koordinator, pengamat, admin)", Roles: adminOnly,
		Run: h.invite,
	})
	h.OnCommand(&Command{
		Name: "anggota", Menu: "Daftar anggota (admin)",
		Usage: "/anggota", Example: "/anggota", Help: "daftar anggota per wilayah dan peran", Roles: adminOnly,
		Run: h.members,
	})
	h.OnCommand(&Command{
		Name: "cabut", Usage: "/cabut <user-id>", Example: "/cabut 123456789",
		Help: "mencabut akses seseorang (laporannya tetap tersimpan)", Roles: adminOnly,
		Run: h.revoke,
	})
	h.startPayload = func(ctx context.Context, r *Request) error { return h.join(ctx, r, r.Args) }
}

func (h *Handlers) join(ctx context.Context, r *Request, code string) error {
	code = strings.TrimSpace(code)
	if code == "" {
		h.reply(ctx, r, "Ketik kode undangan setelah perintahnya, misalnya <code>/daftar K7QF2M9XWA3BT5PD</code>. Kode didapat dari admin provinsi.")
		return nil
	}
	u, err := h.People.RedeemInvite(ctx, r.User.ID, code)
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Selamat datang, <b>%s</b>! Anda terdaftar sebagai <b>%s</b>", escape(firstName(u)), u.Role.Label())
	if reg, ok := tkpkbot.RegionByCode(u.RegionCode); ok {
		fmt.Fprintf(&b, " untuk <b>%s</b>", escape(reg.Official))
	}
	b.WriteString(".\n\n")
	switch u.Role {
	case tkpkbot.RoleKoordinator:
		b.WriteString("Setiap minggu, kirim laporan kemajuan dengan /lapor. Lihat laporan wilayah Anda dengan /laporanku.")
	case tkpkbot.RolePengamat:
		b.WriteString("Anda bisa melihat rekap laporan mingguan dengan /rekap dan menerima pengingat rapat.")
	case tkpkbot.RoleAdmin:
		b.WriteString("Anda bisa mengundang anggota (/undang), melihat /rekap, dan mengekspor laporan (/ekspor).")
	}
	b.WriteString(" Ketik /bantuan untuk semua perintah.")
	h.reply(ctx, r, b.String())
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
	m := tkpkbot.MatchRegion(strings.Join(fields, " "))
	if m.Kind != tkpkbot.MatchExact {
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
	u, err := h.People.Revoke(ctx, r.User.ID, id)
	if err != nil {
		return err
	}
	h.reply(ctx, r, fmt.Sprintf("Akses <b>%s</b> (ID <code>%d</code>) sudah dicabut. Laporan yang pernah dikirim tetap tersimpan.", escape(displayName(u)), u.ID))
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
func regionHint(m tkpkbot.RegionMatch) string {
	var names []string
	for _, c := range m.Candidates {
		names = append(names, c.Name)
	}
	switch m.Kind {
	case tkpkbot.MatchAmbiguous:
		return "Maksud Anda: " + escape(strings.Join(names, ", ")) + "?"
	case tkpkbot.MatchSuggest:
		return "Mungkin maksud Anda " + escape(strings.Join(names, " atau ")) + "?"
	}
	return "Pilih salah satu: Paser, Kutai Barat, Kutai Kartanegara, Kutai Timur, Berau, Penajam Paser Utara, Mahakam Ulu, Balikpapan, Samarinda, Bontang (atau Kaltim)."
}
