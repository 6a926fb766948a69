package handlers

import (
	"context"
	"strings"

	"tkpkbot"
)

// muteWords maps what people type to muted (true) or not.
var muteWords = map[string]bool{
	"off": true, "mati": true, "matikan": true, "nonaktif": true, "stop": true,
	"on": false, "nyala": false, "nyalakan": false, "hidup": false, "hidupkan": false, "aktif": false,
}

func (h *Handlers) pengingat(ctx context.Context, r *Request) error {
	arg := strings.ToLower(strings.TrimSpace(r.Args))
	muted, ok := muteWords[arg]
	if !ok {
		state := "🔔 <b>menyala</b>"
		if r.User.Muted {
			state = "🔕 <b>mati</b>"
		}
		h.reply(ctx, r, "Pengingat Anda saat ini "+state+".\nMatikan: <code>/pengingat off</code> · Nyalakan: <code>/pengingat on</code>")
		return nil
	}
	if _, err := h.Meetings.SetMuted(ctx, r.User.ID, muted); err != nil {
		return err
	}
	h.Log.Info("reminders switched", "user", r.User.ID, "muted", muted)
	if muted {
		h.reply(ctx, r, "🔕 Pengingat rapat dan laporan dimatikan untuk Anda. Undangan dan pembatalan rapat tetap dikirim.\nNyalakan lagi: <code>/pengingat on</code>")
		return nil
	}
	text := "🔔 Pengingat rapat dan laporan dinyalakan."
	if r.User.Role == tkpkbot.RoleKoordinator {
		text += " Anda akan diingatkan sebelum tenggat laporan mingguan jika wilayah Anda belum melapor."
	}
	h.reply(ctx, r, text)
	return nil
}
