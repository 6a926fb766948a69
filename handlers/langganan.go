package handlers

import (
	"context"
	"slices"
	"strings"

	"tkpkbot"
)

// /langganan is for members in private chat: a notice is a message the
// bot pushes on its own, like a reminder, and the bot pushes only to the
// people the team invited. Strangers read the same figures with /angka
// and /peta whenever they like.

func (h *Handlers) langganan(ctx context.Context, r *Request) error {
	a := parseLangganan(r.Args)
	switch a.Action {
	case subShow:
		sub, err := h.Subscriptions.Subscription(ctx, r.User.ID)
		if err != nil {
			return err
		}
		h.reply(ctx, r, subscriptionHTML(r.User, sub, ""), subscriptionButtons(sub)...)
		return nil
	case subOff:
		return h.setSubscription(ctx, r, nil, "🔕 Kabar angka baru dimatikan.", false)
	case subAll:
		return h.setSubscription(ctx, r, allRegionCodes(), "🔔 Anda berlangganan semua wilayah.", false)
	case subChoose:
		h.chooseRegion(ctx, r, a.Text, "langganan", "")
		return nil
	}
	return h.addSubscription(ctx, r, a.Region, false)
}

// langgananButton: "6472" adds a region (from chooseRegion's buttons),
// "t:6472" toggles one, "all" and "off" as typed.
func (h *Handlers) langgananButton(ctx context.Context, r *Request, data string) error {
	switch {
	case data == "off":
		h.answer(ctx, r, "")
		return h.setSubscription(ctx, r, nil, "🔕 Kabar angka baru dimatikan.", true)
	case data == "all":
		h.answer(ctx, r, "")
		return h.setSubscription(ctx, r, allRegionCodes(), "🔔 Anda berlangganan semua wilayah.", true)
	case strings.HasPrefix(data, "t:"):
		reg, ok := tkpkbot.RegionByCode(strings.TrimPrefix(data, "t:"))
		if !ok {
			h.answer(ctx, r, msgStaleButton)
			return nil
		}
		h.answer(ctx, r, "")
		sub, err := h.Subscriptions.Subscription(ctx, r.User.ID)
		if err != nil {
			return err
		}
		if i := slices.Index(sub.Regions, reg.Code); i >= 0 {
			return h.setSubscription(ctx, r, slices.Delete(slices.Clone(sub.Regions), i, i+1), "Berhenti berlangganan "+escape(reg.Name)+".", true)
		}
		return h.setSubscription(ctx, r, append(slices.Clone(sub.Regions), reg.Code), "🔔 Berlangganan "+escape(reg.Name)+".", true)
	}
	reg, ok := tkpkbot.RegionByCode(data)
	if !ok {
		h.answer(ctx, r, msgStaleButton)
		return nil
	}
	h.answer(ctx, r, "")
	return h.addSubscription(ctx, r, reg, false)
}

func (h *Handlers) addSubscription(ctx context.Context, r *Request, reg tkpkbot.Region, edit bool) error {
	sub, err := h.Subscriptions.Subscription(ctx, r.User.ID)
	if err != nil {
		return err
	}
	if slices.Contains(sub.Regions, reg.Code) && !sub.Default {
		h.reply(ctx, r, subscriptionHTML(r.User, sub, "Anda sudah berlangganan "+escape(reg.Name)+"."), subscriptionButtons(sub)...)
		return nil
	}
	return h.setSubscription(ctx, r, append(slices.Clone(sub.Regions), reg.Code), "🔔 Berlangganan "+escape(reg.Name)+".", edit)
}

func (h *Handlers) setSubscription(ctx context.Context, r *Request, regions []string, done string, edit bool) error {
	sub, err := h.Subscriptions.SetSubscription(ctx, r.User.ID, regions)
	if err != nil {
		return err
	}
	h.Log.Info("figure subscription set", "user", r.User.ID, "regions", strings.Join(sub.Regions, ","))
	html := subscriptionHTML(r.User, sub, done)
	if edit {
		h.edit(ctx, r, html, subscriptionButtons(sub)...)
	} else {
		h.reply(ctx, r, html, subscriptionButtons(sub)...)
	}
	return nil
}

func allRegionCodes() []string {
	codes := make([]string, len(tkpkbot.Regions))
	for i, reg := range tkpkbot.Regions {
		codes[i] = reg.Code
	}
	return codes
}

// subscriptionHTML says what the person will be told, and how to change it.
func subscriptionHTML(u tkpkbot.User, sub tkpkbot.Subscription, done string) string {
	var b strings.Builder
	if done != "" {
		b.WriteString(done + "\n\n")
	}
	b.WriteString("🔔 <b>Langganan angka baru</b>\n")
	switch {
	case len(sub.Regions) == len(tkpkbot.Regions):
		b.WriteString("Setelah setiap impor yang menambah atau mengubah angka, Anda menerima satu pesan berisi angka baru untuk <b>semua wilayah</b>.")
	case len(sub.Regions) > 0:
		names := make([]string, len(sub.Regions))
		for i, code := range sub.Regions {
			reg, _ := tkpkbot.RegionByCode(code)
			names[i] = reg.Name
		}
		b.WriteString("Setelah setiap impor yang menambah atau mengubah angka, Anda menerima satu pesan berisi angka baru untuk <b>" + escape(strings.Join(names, ", ")) + "</b>.")
		if sub.Default && u.Role == tkpkbot.RoleKoordinator {
			b.WriteString(" (bawaan koordinator)")
		}
	default:
		b.WriteString("Anda tidak menerima kabar angka baru.")
	}
	b.WriteString("\n\nTekan wilayah untuk menambah atau melepasnya (✓ = berlangganan), atau ketik <code>/langganan Samarinda</code>, <code>/langganan semua</code>, <code>/langganan off</code>.")
	return b.String()
}

func subscriptionButtons(sub tkpkbot.Subscription) [][]tkpkbot.Button {
	buttons := make([]tkpkbot.Button, len(tkpkbot.Regions))
	for i, reg := range tkpkbot.Regions {
		text := reg.Name
		if slices.Contains(sub.Regions, reg.Code) {
			text = "✓ " + text
		}
		buttons[i] = tkpkbot.Button{Text: text, Data: "langganan:t:" + reg.Code}
	}
	rows := grid(2, buttons)
	var last []tkpkbot.Button
	if len(sub.Regions) < len(tkpkbot.Regions) {
		last = append(last, tkpkbot.Button{Text: "Semua wilayah", Data: "langganan:all"})
	}
	if len(sub.Regions) > 0 {
		last = append(last, tkpkbot.Button{Text: "🔕 Matikan", Data: "langganan:off"})
	}
	return append(rows, last)
}
