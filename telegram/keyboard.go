package telegram

import "tkpkbot"

type inlineButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data,omitempty"`
	URL          string `json:"url,omitempty"`
}

type inlineMarkup struct {
	InlineKeyboard [][]inlineButton `json:"inline_keyboard"`
}

// markup is kb as the Bot API spells it; nil for no keyboard, so the field
// is left out (which, on an edit, removes the old buttons).
func markup(kb tkpkbot.Keyboard) *inlineMarkup {
	if len(kb) == 0 {
		return nil
	}
	m := &inlineMarkup{InlineKeyboard: make([][]inlineButton, 0, len(kb))}
	for _, row := range kb {
		r := make([]inlineButton, 0, len(row))
		for _, b := range row {
			if url, ok := b.Link(); ok {
				r = append(r, inlineButton{Text: b.Text, URL: url})
				continue
			}
			r = append(r, inlineButton{Text: b.Text, CallbackData: b.Data})
		}
		m.InlineKeyboard = append(m.InlineKeyboard, r)
	}
	return m
}
