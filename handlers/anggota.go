package handlers

import (
	"context"
	"fmt"
	"strings"

	"tkpkbot"
	"tkpkbot/indo"
)

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
