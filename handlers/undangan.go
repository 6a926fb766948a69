package handlers

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"tkpkbot"
	"tkpkbot/indo"
)

// listInvites shows every code that can still be redeemed, with a button
// to call each off: an invite handed to the wrong person can be stopped.
func (h *Handlers) listInvites(ctx context.Context, r *Request) error {
	text, rows, err := h.invitesText(ctx)
	if err != nil {
		return err
	}
	h.reply(ctx, r, text, rows...)
	return nil
}

// maxInviteButtons keeps the keyboard within a phone screen; the text
// still lists every code.
const maxInviteButtons = 10

func (h *Handlers) invitesText(ctx context.Context) (string, [][]tkpkbot.Button, error) {
	invs, err := h.People.OpenInvites(ctx)
	if err != nil {
		return "", nil, err
	}
	if len(invs) == 0 {
		return "Tidak ada kode undangan yang masih berlaku. Buat dengan <code>/undang Samarinda</code>.", nil, nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<b>Kode undangan yang masih berlaku</b> (%s)\n", indo.Int(int64(len(invs))))
	var rows [][]tkpkbot.Button
	for i, inv := range invs {
		fmt.Fprintf(&b, "\n%d. <code>%s</code> — %s\n   dibuat %s, berlaku sampai %s\n", i+1, inv.Code,
			escape(roleText(inv.Role, inv.RegionCode)), escape(displayName(inv.Creator)), indo.DateTime(inv.ExpiresAt.In(h.Location)))
		if i < maxInviteButtons {
			rows = append(rows, []tkpkbot.Button{{Text: fmt.Sprintf("🗑 Batalkan %d (%s…)", i+1, inv.Code[:4]), Data: "undangan:batal:" + inv.Code}})
		}
	}
	if len(invs) > maxInviteButtons {
		fmt.Fprintf(&b, "\nTombol hanya untuk %d kode pertama; batalkan dulu, lalu ketik /undangan lagi.", maxInviteButtons)
	}
	return b.String(), rows, nil
}

func (h *Handlers) undanganButton(ctx context.Context, r *Request, data string) error {
	action, code, _ := strings.Cut(data, ":")
	if action != "batal" || code == "" {
		h.answer(ctx, r, msgStaleButton)
		return nil
	}
	inv, err := h.People.CancelInvite(ctx, r.User.ID, code)
	var note string
	switch {
	case err == nil:
		note = fmt.Sprintf("Kode %s… (%s) dibatalkan; kode itu tidak berlaku lagi.", inv.Code[:4], roleText(inv.Role, inv.RegionCode))
		h.Log.Info("invite cancelled", "update_id", r.Update.ID, "user", r.User.ID, "invite", inv.Code[:4])
	case errors.Is(err, tkpkbot.ErrInviteUsed), errors.Is(err, tkpkbot.ErrInviteUsedBySelf):
		note = "Kode itu sudah dipakai, jadi tidak bisa dibatalkan. Cabut aksesnya dengan /cabut bila perlu."
	case errors.Is(err, tkpkbot.ErrInviteExpired), errors.Is(err, tkpkbot.ErrInviteCancelled), errors.Is(err, tkpkbot.ErrInviteUnknown):
		note = "Kode itu sudah tidak berlaku."
	default:
		h.answer(ctx, r, "")
		return err
	}
	h.answer(ctx, r, toast(note))
	text, rows, err := h.invitesText(ctx)
	if err != nil {
		return err
	}
	h.edit(ctx, r, "✅ "+escape(note)+"\n\n"+text, rows...)
	return nil
}

// adminIDsWithout is the BOT_ADMIN_IDS line an operator would write to
// take id off the list.
func (h *Handlers) adminIDsWithout(id int64) string {
	var keep []string
	for _, a := range h.AdminIDs {
		if a != id {
			keep = append(keep, strconv.FormatInt(a, 10))
		}
	}
	return "BOT_ADMIN_IDS=" + strings.Join(keep, ",")
}
