package telegramtest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// Telegram takes application/json with typed values: a numeric chat_id
// and objects for reply_markup and link_preview_options, not the JSON
// text a form carries. The fake must read them the same way.
func TestJSONBodyWithTypedValues(t *testing.T) {
	s := newServer(t)
	s.SendText(userID, "Budi", "halo") // the bot may only write to chats it knows
	body := `{"chat_id":` + jsonInt(userID) + `,"text":"<b>Samarinda</b> 5,6 %","parse_mode":"HTML",
		"link_preview_options":{"is_disabled":true},
		"reply_markup":{"inline_keyboard":[[{"text":"📈 Grafik","callback_data":"chart:6472"},{"text":"Situs","url":"https://kaltimprov.go.id"}]]}}`
	resp, err := http.Post(s.URL()+"/bot123:abc/sendMessage", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r apiReply
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	if !r.OK {
		t.Fatalf("sendMessage refused: %d %s", r.ErrorCode, r.Description)
	}
	msgs := s.Messages(userID)
	m := msgs[len(msgs)-1]
	if m.Text != "Samarinda 5,6 %" || len(m.Entities) != 1 || m.Entities[0].Type != "bold" {
		t.Errorf("text %q entities %+v", m.Text, m.Entities)
	}
	kb := m.ReplyMarkup
	if kb == nil || len(kb.InlineKeyboard) != 1 || kb.InlineKeyboard[0][0].CallbackData != "chart:6472" ||
		kb.InlineKeyboard[0][1].URL != "https://kaltimprov.go.id" {
		t.Errorf("keyboard %+v", kb)
	}
	calls := s.CallsTo("sendMessage")
	if p := calls[len(calls)-1].Params; p["chat_id"] != jsonInt(userID) || !strings.Contains(p["link_preview_options"], `"is_disabled":true`) {
		t.Errorf("params as recorded: %+v", p)
	}

	bad, err := http.Post(s.URL()+"/bot123:abc/sendMessage", "application/json", strings.NewReader(`{"chat_id":`))
	if err != nil {
		t.Fatal(err)
	}
	bad.Body.Close()
	if bad.StatusCode != http.StatusBadRequest {
		t.Errorf("truncated JSON answered %d, want 400", bad.StatusCode)
	}
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }
