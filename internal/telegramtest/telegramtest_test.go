package telegramtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"image"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

const userID int64 = 5550001

func newServer(t *testing.T, opts ...Option) *Server {
	t.Helper()
	s := New(opts...)
	t.Cleanup(s.Close)
	return s
}

// newBot is the production client pointed at the fake; its getMe check in
// bot.New is the first compatibility test.
func newBot(t *testing.T, s *Server, opts ...bot.Option) *bot.Bot {
	t.Helper()
	all := append([]bot.Option{
		bot.WithServerURL(s.URL()),
		bot.WithDefaultHandler(func(context.Context, *bot.Bot, *models.Update) {}),
		bot.WithErrorsHandler(func(error) {}),
	}, opts...)
	b, err := bot.New("123:abc", all...)
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	return b
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

type apiReply struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  *struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// rawCall posts params in one of the three encodings Telegram accepts.
func rawCall(t *testing.T, s *Server, method, encoding string, params map[string]string) apiReply {
	t.Helper()
	var body bytes.Buffer
	var contentType string
	switch encoding {
	case "multipart":
		mw := multipart.NewWriter(&body)
		for k, v := range params {
			_ = mw.WriteField(k, v)
		}
		_ = mw.Close()
		contentType = mw.FormDataContentType()
	case "form":
		vals := url.Values{}
		for k, v := range params {
			vals.Set(k, v)
		}
		body.WriteString(vals.Encode())
		contentType = "application/x-www-form-urlencoded"
	case "json":
		_ = json.NewEncoder(&body).Encode(params)
		contentType = "application/json"
	default:
		t.Fatalf("unknown encoding %q", encoding)
	}
	resp, err := http.Post(s.URL()+"/bot123:abc/"+method, contentType, &body)
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	defer resp.Body.Close()
	var r apiReply
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatalf("%s: decode: %v", method, err)
	}
	if !r.OK && resp.StatusCode != r.ErrorCode {
		t.Errorf("%s: HTTP status %d, error_code %d", method, resp.StatusCode, r.ErrorCode)
	}
	return r
}

// waitPolls waits until n getUpdates calls have started, so tests order
// events by the server's view instead of by sleeping.
func waitPolls(t *testing.T, s *Server, n uint64) {
	t.Helper()
	err := s.WaitUntil(testCtx(t), func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.pollSeq >= n
	})
	if err != nil {
		t.Fatal(err)
	}
}

func updatesOf(t *testing.T, r apiReply) []models.Update {
	t.Helper()
	if !r.OK {
		t.Fatalf("getUpdates failed: %d %s", r.ErrorCode, r.Description)
	}
	var ups []models.Update
	if err := json.Unmarshal(r.Result, &ups); err != nil {
		t.Fatalf("decode updates: %v", err)
	}
	return ups
}

func updateIDs(ups []models.Update) []int64 {
	ids := []int64{}
	for _, u := range ups {
		ids = append(ids, u.ID)
	}
	return ids
}

func TestGetMeIdentity(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []Option
		want string
	}{
		{"default", nil, "tkpk_kaltim_bot"},
		{"override", []Option{WithBotUsername("@other_bot")}, "other_bot"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, tc.opts...)
			me, err := newBot(t, s).GetMe(testCtx(t))
			if err != nil {
				t.Fatal(err)
			}
			want := models.User{ID: 7000000001, IsBot: true, FirstName: "TKPK Kaltim", Username: tc.want, CanJoinGroups: true}
			if !reflect.DeepEqual(*me, want) {
				t.Errorf("getMe = %+v, want %+v", *me, want)
			}
		})
	}
}

func TestSendMessageHTMLAndKeyboard(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := testCtx(t)
	kb := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{
		{{Text: "Samarinda", CallbackData: "angka:6472"}, {Text: "Situs", URL: "https://kaltimprov.go.id"}},
	}}
	msg, err := b.SendMessage(ctx, &bot.SendMessageParams{
		ChatID: userID, Text: "<b>Angka</b> &lt;Samarinda&gt;\n", ParseMode: models.ParseModeHTML, ReplyMarkup: kb,
	})
	if err != nil {
		t.Fatal(err)
	}
	if msg.ID != 1 || msg.Chat.ID != userID || msg.Chat.Type != models.ChatTypePrivate || msg.From == nil ||
		msg.From.ID != BotID || msg.Date == 0 {
		t.Errorf("message header = id %d chat %+v from %+v date %d", msg.ID, msg.Chat, msg.From, msg.Date)
	}
	if msg.Text != "Angka <Samarinda>" {
		t.Errorf("text = %q, want tags removed, entities decoded and trailing newline trimmed", msg.Text)
	}
	wantEnt := []models.MessageEntity{{Type: models.MessageEntityTypeBold, Offset: 0, Length: 5}}
	if !reflect.DeepEqual(msg.Entities, wantEnt) {
		t.Errorf("entities = %+v, want %+v", msg.Entities, wantEnt)
	}
	if !reflect.DeepEqual(msg.ReplyMarkup, kb) {
		t.Errorf("reply_markup = %+v, want echo of %+v", msg.ReplyMarkup, kb)
	}

	calls := s.CallsTo("sendMessage")
	if len(calls) != 1 {
		t.Fatalf("recorded %d sendMessage calls, want 1", len(calls))
	}
	p := calls[0].Params
	if p["chat_id"] != strconv.FormatInt(userID, 10) || p["parse_mode"] != "HTML" || p["text"] != "<b>Angka</b> &lt;Samarinda&gt;\n" {
		t.Errorf("recorded params = %v", p)
	}
	var gotKB models.InlineKeyboardMarkup
	if err := json.Unmarshal([]byte(p["reply_markup"]), &gotKB); err != nil || !reflect.DeepEqual(&gotKB, kb) {
		t.Errorf("recorded reply_markup %s (err %v)", p["reply_markup"], err)
	}

	second, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: userID, Text: "lagi"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(-100), Text: "grup"})
	if err != nil {
		t.Fatal(err)
	}
	if second.ID != 2 || other.ID != 1 || other.Chat.Type != models.ChatTypeGroup {
		t.Errorf("ids per chat: second %d, other chat %d (%s)", second.ID, other.ID, other.Chat.Type)
	}
	if got := s.Messages(userID); len(got) != 2 || got[0].Text != "Angka <Samarinda>" || got[1].Text != "lagi" {
		t.Errorf("Messages = %+v", got)
	}
}

func TestSendMessageValidation(t *testing.T) {
	emoji := strings.Repeat("😀", 2049) // 2049 runes but 4098 UTF-16 units
	for _, tc := range []struct {
		name, text string
		mode       models.ParseMode
		markup     models.ReplyMarkup
		want       string // description; "" means accepted
	}{
		{"plain 4096", strings.Repeat("a", 4096), "", nil, ""},
		{"5000 chars", strings.Repeat("a", 5000), "", nil, "Bad Request: message is too long"},
		{"utf16 counting", emoji, "", nil, "Bad Request: message is too long"},
		{"markup not counted", "<b>" + strings.Repeat("a", 4096) + "</b>", models.ParseModeHTML, nil, ""},
		{"empty", "", "", nil, "Bad Request: message text is empty"},
		{"blank", " \n ", "", nil, "Bad Request: message text is empty"},
		{"empty after tags", "<b></b>", models.ParseModeHTML, nil, "Bad Request: message text is empty"},
		{"unknown tag", "x <div>y</div>", models.ParseModeHTML, nil, `Bad Request: can't parse entities: Unsupported start tag "div" at byte offset 2`},
		{"bare lt", "1 < 2", models.ParseModeHTML, nil, `Bad Request: can't parse entities: Unsupported start tag "" at byte offset 2`},
		{"bare amp", "Tom & Jerry", models.ParseModeHTML, nil, "Bad Request: can't parse entities: Bare \"&\" at byte offset 4"},
		{"unknown entity", "&nbsp;", models.ParseModeHTML, nil, "Bad Request: can't parse entities: Bare \"&\" at byte offset 0"},
		{"unclosed", "<b>x", models.ParseModeHTML, nil, `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`},
		{"unexpected end", "x</b>", models.ParseModeHTML, nil, "Bad Request: can't parse entities: Unexpected end tag at byte offset 1"},
		{"crossed", "<b><i>x</b></i>", models.ParseModeHTML, nil, `Bad Request: can't parse entities: Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`},
		{"case sensitive end", "<B>x</B>", models.ParseModeHTML, nil, `Bad Request: can't parse entities: Unmatched end tag at byte offset 4, expected "</b>", found "</B>"`},
		{"span without class", "<span>x</span>", models.ParseModeHTML, nil, `Bad Request: can't parse entities: Tag "span" must have class "tg-spoiler" at byte offset 0`},
		{"byte offsets", "привет <br>", models.ParseModeHTML, nil, `Bad Request: can't parse entities: Unsupported start tag "br" at byte offset 13`},
		{"unsupported parse mode", "x", "XML", nil, "Bad Request: unsupported parse_mode"},
		{"escaped input", "<b>" + html.EscapeString(`<script>&"`) + "</b>", models.ParseModeHTML, nil, ""},
		{"all tags", `<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike>` +
			`<del>d</del><a href="https://x.id/?a=1&amp;b=2">a</a><code>c</code><pre>p</pre><tg-spoiler>t</tg-spoiler>` +
			`<span class="tg-spoiler">p</span><blockquote>q</blockquote><blockquote expandable>e</blockquote>`, models.ParseModeHTML, nil, ""},
		{"long callback data", "x", "", &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{
			{{Text: "t", CallbackData: strings.Repeat("d", 65)}}}}, "Bad Request: BUTTON_DATA_INVALID"},
		{"text-only inline button", "x", "", &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{
			{{Text: "t"}}}}, "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t)
			_, err := newBot(t, s).SendMessage(testCtx(t), &bot.SendMessageParams{
				ChatID: userID, Text: tc.text, ParseMode: tc.mode, ReplyMarkup: tc.markup,
			})
			calls := s.CallsTo("sendMessage")
			if len(calls) != 1 {
				t.Fatalf("recorded %d calls", len(calls))
			}
			if tc.want == "" {
				if err != nil || calls[0].Err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want bad request %q", err, tc.want)
			}
			if calls[0].Err == nil || !strings.HasPrefix(calls[0].Err.Description, tc.want) || calls[0].Err.Code != 400 {
				t.Errorf("recorded Err = %+v", calls[0].Err)
			}
			if n := len(s.Messages(userID)); n != 0 {
				t.Errorf("refused message stored: %d messages", n)
			}
		})
	}
}

func TestBareAmpersandOption(t *testing.T) {
	s := newServer(t, WithBareAmpersand())
	msg, err := newBot(t, s).SendMessage(testCtx(t), &bot.SendMessageParams{
		ChatID: userID, Text: "Tom & Jerry &copy <b>x</b>", ParseMode: models.ParseModeHTML,
	})
	if err != nil || msg.Text != "Tom & Jerry &copy x" {
		t.Fatalf("got %+v, %v; want Telegram's literal keeping of bare '&'", msg, err)
	}
}

func TestHTMLEntities(t *testing.T) {
	for _, tc := range []struct {
		name, html, text string
		want             []models.MessageEntity
	}{
		{"nested", "<b>a<i>b</i></b>", "ab", []models.MessageEntity{
			{Type: "bold", Offset: 0, Length: 2}, {Type: "italic", Offset: 1, Length: 1}}},
		{"emoji counts two", "😀 <u>x</u>", "😀 x", []models.MessageEntity{{Type: "underline", Offset: 3, Length: 1}}},
		{"entities without semicolon", "&lt&gt&#65;&#x42;", "<>AB", nil},
		{"pre with language", `<pre><code class="language-go">x := 1</code></pre>`, "x := 1",
			[]models.MessageEntity{{Type: "pre", Offset: 0, Length: 6, Language: "go"}}},
		{"link", `<a href="https://bps.go.id">BPS</a>`, "BPS",
			[]models.MessageEntity{{Type: "text_link", Offset: 0, Length: 3, URL: "https://bps.go.id"}}},
		{"mention", `<a href="tg://user?id=42">Budi</a>`, "Budi",
			[]models.MessageEntity{{Type: "text_mention", Offset: 0, Length: 4, User: &models.User{ID: 42}}}},
		{"spoiler and quote", `<blockquote expandable>q</blockquote> <span class="tg-spoiler">s</span>`, "q s",
			[]models.MessageEntity{{Type: "expandable_blockquote", Offset: 0, Length: 1}, {Type: "spoiler", Offset: 2, Length: 1}}},
		{"leading trim shifts", "\n\n<b>x</b>", "x", []models.MessageEntity{{Type: "bold", Offset: 0, Length: 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t)
			msg, err := newBot(t, s).SendMessage(testCtx(t), &bot.SendMessageParams{
				ChatID: userID, Text: tc.html, ParseMode: models.ParseModeHTML,
			})
			if err != nil {
				t.Fatal(err)
			}
			if msg.Text != tc.text || !reflect.DeepEqual(msg.Entities, tc.want) {
				t.Errorf("got %q %+v, want %q %+v", msg.Text, msg.Entities, tc.text, tc.want)
			}
		})
	}
}

func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func download(t *testing.T, b *bot.Bot, fileID string) []byte {
	t.Helper()
	f, err := b.GetFile(testCtx(t), &bot.GetFileParams{FileID: fileID})
	if err != nil {
		t.Fatalf("getFile: %v", err)
	}
	resp, err := http.Get(b.FileDownloadLink(f))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || int64(len(data)) != f.FileSize {
		t.Fatalf("download: status %d, %d bytes, file_size %d", resp.StatusCode, len(data), f.FileSize)
	}
	return data
}

func TestSendDocumentAndPhoto(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := testCtx(t)
	csv := []byte("kabupaten,angka\nSamarinda,4.2\n")
	msg, err := b.SendDocument(ctx, &bot.SendDocumentParams{
		ChatID:    userID,
		Document:  &models.InputFileUpload{Filename: "kemiskinan.csv", Data: bytes.NewReader(csv)},
		Caption:   "<i>Sumber</i>: BPS",
		ParseMode: models.ParseModeHTML,
	})
	if err != nil {
		t.Fatal(err)
	}
	call := s.CallsTo("sendDocument")[0]
	if f := call.Files["document"]; f.Name != "kemiskinan.csv" || !bytes.Equal(f.Data, csv) {
		t.Errorf("recorded file = %q %q", f.Name, f.Data)
	}
	d := msg.Document
	if d == nil || d.FileName != "kemiskinan.csv" || d.MimeType != "text/csv" || d.FileSize != int64(len(csv)) || d.FileID == "" {
		t.Fatalf("document = %+v", d)
	}
	if msg.Caption != "Sumber: BPS" || len(msg.CaptionEntities) != 1 {
		t.Errorf("caption = %q %+v", msg.Caption, msg.CaptionEntities)
	}
	if got := download(t, b, d.FileID); !bytes.Equal(got, csv) {
		t.Errorf("downloaded %q", got)
	}
	// Re-sending by file_id reuses the stored file.
	again, err := b.SendDocument(ctx, &bot.SendDocumentParams{ChatID: userID, Document: &models.InputFileString{Data: d.FileID}})
	if err != nil || again.Document.FileUniqueID != d.FileUniqueID {
		t.Errorf("resend by file_id: %+v, %v", again, err)
	}

	photo, err := b.SendPhoto(ctx, &bot.SendPhotoParams{
		ChatID: userID, Photo: &models.InputFileUpload{Filename: "grafik.png", Data: bytes.NewReader(pngBytes(t, 400, 200))},
	})
	if err != nil {
		t.Fatal(err)
	}
	var dims []string
	for _, p := range photo.Photo {
		dims = append(dims, fmt.Sprintf("%dx%d", p.Width, p.Height))
	}
	if want := "90x45 320x160 400x200"; strings.Join(dims, " ") != want {
		t.Errorf("photo sizes %v, want %s", dims, want)
	}

	for _, tc := range []struct {
		name   string
		params *bot.SendPhotoParams
		want   string
	}{
		{"not an image", &bot.SendPhotoParams{ChatID: userID, Photo: &models.InputFileUpload{Filename: "x.png", Data: strings.NewReader("nope")}}, "IMAGE_PROCESS_FAILED"},
		{"document id as photo", &bot.SendPhotoParams{ChatID: userID, Photo: &models.InputFileString{Data: d.FileID}}, "type of file mismatch"},
		{"unknown id", &bot.SendPhotoParams{ChatID: userID, Photo: &models.InputFileString{Data: "nope"}}, "wrong file identifier/HTTP URL specified"},
		{"long caption", &bot.SendPhotoParams{ChatID: userID, Photo: &models.InputFileString{Data: photo.Photo[0].FileID}, Caption: strings.Repeat("c", 1025)}, "message caption is too long"},
	} {
		if _, err := b.SendPhoto(ctx, tc.params); !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
	if n := len(s.Messages(userID)); n != 3 {
		t.Errorf("%d messages stored, want 3 (refused sends must not count)", n)
	}
}

func TestFailNext(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := testCtx(t)
	s.FailNext("sendMessage", 2, http.StatusTooManyRequests, "", 7)
	for i := 0; i < 2; i++ {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: userID, Text: "x"})
		var tooMany *bot.TooManyRequestsError
		if !errors.As(err, &tooMany) || tooMany.RetryAfter != 7 || !strings.Contains(tooMany.Message, "Too Many Requests: retry after 7") {
			t.Fatalf("call %d: err = %#v", i, err)
		}
	}
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: userID, Text: "x"}); err != nil {
		t.Fatalf("third call should succeed: %v", err)
	}
	if calls := s.CallsTo("sendmessage"); len(calls) != 3 || calls[0].Err == nil || calls[0].Err.RetryAfter != 7 || calls[2].Err != nil {
		t.Errorf("recorded calls = %+v", calls)
	}

	s.FailNext(AnyMethod, 1, http.StatusForbidden, "", 0)
	if _, err := b.SendChatAction(ctx, &bot.SendChatActionParams{ChatID: userID, Action: models.ChatActionTyping}); !errors.Is(err, bot.ErrorForbidden) {
		t.Errorf("AnyMethod fault: err = %v", err)
	}

	r := rawCall(t, s, "getMe", "form", nil)
	if !r.OK {
		t.Errorf("fault outlived its count: %+v", r)
	}
	s.FailNext("getMe", 1, http.StatusTooManyRequests, "", 3)
	r = rawCall(t, s, "getMe", "form", nil)
	if r.OK || r.ErrorCode != 429 || r.Parameters == nil || r.Parameters.RetryAfter != 3 {
		t.Errorf("429 envelope = %+v", r)
	}
}

func TestGetUpdatesOffsetsAndEncodings(t *testing.T) {
	for _, enc := range []string{"multipart", "form", "json"} {
		t.Run(enc, func(t *testing.T) {
			s := newServer(t)
			id1 := s.SendText(userID, "Budi", "halo")
			id2 := s.SendText(userID, "Budi", "lagi")
			if id2 != id1+1 {
				t.Fatalf("update ids %d, %d not consecutive", id1, id2)
			}

			ups := updatesOf(t, rawCall(t, s, "getUpdates", enc, nil))
			if got := updateIDs(ups); !reflect.DeepEqual(got, []int64{id1, id2}) {
				t.Fatalf("first fetch = %v", got)
			}
			if m := ups[0].Message; m.Text != "halo" || m.Chat.ID != userID || m.Chat.Type != "private" ||
				m.From.ID != userID || m.From.FirstName != "Budi" || m.From.IsBot || m.ID != 1 {
				t.Errorf("message = %+v from %+v", m, m.From)
			}
			if s.PendingUpdates() != 2 || s.ConfirmedOffset() != 0 {
				t.Errorf("unconfirmed fetch changed the queue: pending %d offset %d", s.PendingUpdates(), s.ConfirmedOffset())
			}

			ups = updatesOf(t, rawCall(t, s, "getUpdates", enc, map[string]string{"offset": strconv.FormatInt(id2, 10), "limit": "1"}))
			if got := updateIDs(ups); !reflect.DeepEqual(got, []int64{id2}) {
				t.Errorf("offset fetch = %v", got)
			}
			if s.PendingUpdates() != 1 || s.ConfirmedOffset() != id2 {
				t.Errorf("after offset %d: pending %d confirmed %d", id2, s.PendingUpdates(), s.ConfirmedOffset())
			}

			ups = updatesOf(t, rawCall(t, s, "getUpdates", enc, map[string]string{"offset": strconv.FormatInt(id2+1, 10), "timeout": "0"}))
			if len(ups) != 0 || s.PendingUpdates() != 0 || s.ConfirmedOffset() != id2+1 {
				t.Errorf("after confirming all: %v pending %d", updateIDs(ups), s.PendingUpdates())
			}
		})
	}
}

func TestGetUpdatesLongPoll(t *testing.T) {
	s := newServer(t)

	start := time.Now()
	ups := updatesOf(t, rawCall(t, s, "getUpdates", "multipart", map[string]string{"timeout": "1"}))
	if elapsed := time.Since(start); len(ups) != 0 || elapsed < 900*time.Millisecond || elapsed > 5*time.Second {
		t.Errorf("empty poll returned %v after %v, want [] after ~1s", updateIDs(ups), elapsed)
	}

	done := make(chan []models.Update)
	go func() { done <- updatesOf(t, rawCall(t, s, "getUpdates", "form", map[string]string{"timeout": "15"})) }()
	waitPolls(t, s, 2)
	start = time.Now()
	id := s.SendText(userID, "Budi", "bangun")
	select {
	case ups := <-done:
		if got := updateIDs(ups); !reflect.DeepEqual(got, []int64{id}) || time.Since(start) > 5*time.Second {
			t.Errorf("woken poll = %v after %v", got, time.Since(start))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("long poll not woken by a pushed update")
	}
}

func TestGetUpdatesConflictAndWebhook(t *testing.T) {
	s := newServer(t)
	older := make(chan apiReply)
	go func() { older <- rawCall(t, s, "getUpdates", "form", map[string]string{"timeout": "15"}) }()
	waitPolls(t, s, 1)
	newer := make(chan apiReply)
	go func() { newer <- rawCall(t, s, "getUpdates", "form", map[string]string{"timeout": "15"}) }()
	select {
	case r := <-older:
		if r.OK || r.ErrorCode != 409 || !strings.Contains(r.Description, "terminated by other getUpdates request") {
			t.Errorf("older poll = %+v", r)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("older poll not terminated")
	}
	waitPolls(t, s, 2)
	s.SendText(userID, "Budi", "x")
	if r := <-newer; !r.OK {
		t.Errorf("newer poll = %+v", r)
	}

	if r := rawCall(t, s, "setWebhook", "form", map[string]string{"url": "https://example.org/hook"}); !r.OK {
		t.Fatalf("setWebhook = %+v", r)
	}
	if r := rawCall(t, s, "getUpdates", "form", nil); r.ErrorCode != 409 || !strings.Contains(r.Description, "webhook is active") {
		t.Errorf("getUpdates with webhook = %+v", r)
	}
	var info models.WebhookInfo
	if r := rawCall(t, s, "getWebhookInfo", "form", nil); json.Unmarshal(r.Result, &info) != nil ||
		info.URL != "https://example.org/hook" || info.PendingUpdateCount != 1 {
		t.Errorf("getWebhookInfo = %s", r.Result)
	}
	rawCall(t, s, "deleteWebhook", "form", map[string]string{"drop_pending_updates": "true"})
	if ups := updatesOf(t, rawCall(t, s, "getUpdates", "form", nil)); len(ups) != 0 {
		t.Errorf("drop_pending_updates kept %v", updateIDs(ups))
	}
}

func TestPushDuplicate(t *testing.T) {
	s := newServer(t)
	id := s.SendText(userID, "Budi", "/angka Samarinda")
	next := map[string]string{"offset": strconv.FormatInt(id+1, 10)}
	updatesOf(t, rawCall(t, s, "getUpdates", "form", nil))
	if ups := updatesOf(t, rawCall(t, s, "getUpdates", "form", next)); len(ups) != 0 {
		t.Fatalf("confirmed update redelivered: %v", updateIDs(ups))
	}
	if !s.PushDuplicate(id) || s.PushDuplicate(id+100) {
		t.Fatal("PushDuplicate: known id must succeed, unknown must fail")
	}
	ups := updatesOf(t, rawCall(t, s, "getUpdates", "form", next))
	if len(ups) != 1 || ups[0].ID != id || ups[0].Message.Text != "/angka Samarinda" {
		t.Fatalf("duplicate = %+v", ups)
	}
	if ups := updatesOf(t, rawCall(t, s, "getUpdates", "form", next)); len(ups) != 0 {
		t.Errorf("duplicate delivered twice: %v", updateIDs(ups))
	}
}

func TestBotCommandEntities(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []models.MessageEntity
	}{
		{"/angka Samarinda", []models.MessageEntity{{Type: "bot_command", Offset: 0, Length: 6}}},
		{"/bantuan@tkpk_kaltim_bot", []models.MessageEntity{{Type: "bot_command", Offset: 0, Length: 24}}},
		{"😀 /mulai", []models.MessageEntity{{Type: "bot_command", Offset: 3, Length: 6}}},
		{"harga/kg 1/2", nil},
		{"/ kosong", nil},
		{"Samarinda", nil},
	} {
		t.Run(tc.text, func(t *testing.T) {
			s := newServer(t)
			s.SendText(userID, "Budi", tc.text)
			ups := updatesOf(t, rawCall(t, s, "getUpdates", "form", nil))
			if len(ups) != 1 || !reflect.DeepEqual(ups[0].Message.Entities, tc.want) {
				t.Errorf("entities = %+v, want %+v", ups[0].Message.Entities, tc.want)
			}
		})
	}
}

func TestUserDocumentAndGroup(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	data := []byte("PK\x03\x04 not really a workbook")
	s.SendDocument(userID, "Budi", "data.xlsx", "", data, "/impor 2024")
	s.SendGroupText(-4001, userID, "Budi", "/bantuan@tkpk_kaltim_bot")
	ups := updatesOf(t, rawCall(t, s, "getUpdates", "form", nil))
	if len(ups) != 2 {
		t.Fatalf("got %d updates", len(ups))
	}
	m := ups[0].Message
	if m.Document == nil || m.Document.FileName != "data.xlsx" ||
		m.Document.MimeType != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" || m.Caption != "/impor 2024" ||
		!reflect.DeepEqual(m.CaptionEntities, []models.MessageEntity{{Type: "bot_command", Offset: 0, Length: 6}}) {
		t.Errorf("document message = %+v %+v", m, m.Document)
	}
	if got := download(t, b, m.Document.FileID); !bytes.Equal(got, data) {
		t.Errorf("downloaded %q", got)
	}
	g := ups[1].Message
	if g.Chat.ID != -4001 || g.Chat.Type != models.ChatTypeGroup || g.From.ID != userID || len(g.Entities) != 1 {
		t.Errorf("group message = %+v", g)
	}
	if _, err := b.GetFile(testCtx(t), &bot.GetFileParams{FileID: "nope"}); err == nil || !strings.Contains(err.Error(), "invalid file_id") {
		t.Errorf("unknown file_id: %v", err)
	}
}

func TestEditAndDelete(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := testCtx(t)
	kb := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "ok", CallbackData: "ok"}}}}
	msg, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: userID, Text: "<b>satu</b>", ParseMode: models.ParseModeHTML, ReplyMarkup: kb})
	if err != nil {
		t.Fatal(err)
	}
	edit := &bot.EditMessageTextParams{ChatID: userID, MessageID: msg.ID, Text: "<strong>satu</strong>", ParseMode: models.ParseModeHTML, ReplyMarkup: kb}
	if _, err := b.EditMessageText(ctx, edit); err == nil || !strings.Contains(err.Error(), "message is not modified") {
		t.Errorf("same content edit: %v", err)
	}
	edit.ReplyMarkup = nil // omitting reply_markup drops the keyboard
	edited, err := b.EditMessageText(ctx, edit)
	if err != nil || edited.ReplyMarkup != nil || edited.EditDate == 0 {
		t.Fatalf("edit = %+v, %v", edited, err)
	}
	if _, err := b.EditMessageReplyMarkup(ctx, &bot.EditMessageReplyMarkupParams{ChatID: userID, MessageID: msg.ID, ReplyMarkup: kb}); err != nil {
		t.Fatal(err)
	}
	if got := s.Messages(userID); len(got) != 1 || got[0].Text != "satu" || !reflect.DeepEqual(got[0].ReplyMarkup, kb) {
		t.Errorf("stored after edits = %+v", got)
	}
	if _, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: userID, MessageID: 99, Text: "x"}); err == nil ||
		!strings.Contains(err.Error(), "message to edit not found") {
		t.Errorf("edit unknown: %v", err)
	}
	if ok, err := b.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: userID, MessageID: msg.ID}); !ok || err != nil {
		t.Fatalf("delete: %v %v", ok, err)
	}
	if _, err := b.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: userID, MessageID: msg.ID}); err == nil ||
		!strings.Contains(err.Error(), "message to delete not found") {
		t.Errorf("second delete: %v", err)
	}
	if got := s.Messages(userID); len(got) != 0 {
		t.Errorf("deleted message still listed: %+v", got)
	}
}

func TestCommandsAndChatAction(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := testCtx(t)
	cmds := []models.BotCommand{{Command: "angka", Description: "Angka kemiskinan"}}
	if _, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: cmds}); err != nil {
		t.Fatal(err)
	}
	if got, err := b.GetMyCommands(ctx, &bot.GetMyCommandsParams{}); err != nil || !reflect.DeepEqual(got, cmds) {
		t.Errorf("getMyCommands = %+v, %v", got, err)
	}
	if got, _ := b.GetMyCommands(ctx, &bot.GetMyCommandsParams{LanguageCode: "en"}); len(got) != 0 {
		t.Errorf("other language sees %+v", got)
	}
	if _, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "Angka", Description: "x"}}}); err == nil ||
		!strings.Contains(err.Error(), "BOT_COMMAND_INVALID") {
		t.Errorf("upper-case command: %v", err)
	}
	if _, err := b.SendChatAction(ctx, &bot.SendChatActionParams{ChatID: userID, Action: "dancing"}); err == nil {
		t.Error("unknown chat action accepted")
	}
	if ok, err := b.DeleteWebhook(ctx, nil); !ok || err != nil { // nil params: empty multipart body
		t.Errorf("deleteWebhook(nil) = %v, %v", ok, err)
	}
	if ok, err := b.Close(ctx); !ok || err != nil { // not modelled: recorded and answered true
		t.Errorf("close = %v, %v", ok, err)
	}
	if calls := s.CallsTo("close"); len(calls) != 1 {
		t.Errorf("unmodelled method not recorded: %d", len(calls))
	}
}

// TestBotStartRoundTrip runs go-telegram/bot's own polling loop against the
// fake: a command is answered with escaped HTML and a keyboard, and the
// button press is answered and turns into an edit.
func TestBotStartRoundTrip(t *testing.T) {
	s := newServer(t)
	var mu sync.Mutex
	var answerErrs []error
	b := newBot(t, s)
	b.RegisterHandler(bot.HandlerTypeMessageText, "angka", bot.MatchTypeCommand, func(ctx context.Context, b *bot.Bot, u *models.Update) {
		region := strings.TrimSpace(strings.TrimPrefix(u.Message.Text, "/angka"))
		_, _ = b.SendMessage(ctx, &bot.SendMessageParams{
			ChatID:    u.Message.Chat.ID,
			Text:      "Angka untuk <b>" + html.EscapeString(region) + "</b>",
			ParseMode: models.ParseModeHTML,
			ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{
				{{Text: "Detail", CallbackData: "detail:" + region}},
			}},
		})
	})
	b.RegisterHandler(bot.HandlerTypeCallbackQueryData, "detail:", bot.MatchTypePrefix, func(ctx context.Context, b *bot.Bot, u *models.Update) {
		cq := u.CallbackQuery
		_, err1 := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: cq.ID})
		_, err2 := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: cq.ID})
		mu.Lock()
		answerErrs = append(answerErrs, err1, err2)
		mu.Unlock()
		_, _ = b.EditMessageText(ctx, &bot.EditMessageTextParams{
			ChatID: cq.Message.Message.Chat.ID, MessageID: cq.Message.Message.ID, Text: "Detail " + strings.TrimPrefix(cq.Data, "detail:"),
		})
	})
	ctx, cancel := context.WithCancel(t.Context())
	started := make(chan struct{})
	go func() { defer close(started); b.Start(ctx) }()
	defer func() { cancel(); <-started }()

	wait := testCtx(t)
	id := s.SendText(userID, "Budi", "/angka <Samarinda>")
	msgs, err := s.WaitMessages(wait, userID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if msgs[0].Text != "Angka untuk <Samarinda>" || msgs[0].ReplyMarkup == nil {
		t.Fatalf("reply = %+v", msgs[0])
	}
	// The loop confirms the update with its next poll, which is still
	// long-polling and so not yet recorded as a call.
	if err := s.WaitUntil(wait, func() bool { return s.ConfirmedOffset() == id+1 && s.PendingUpdates() == 0 }); err != nil {
		t.Fatalf("update never confirmed: %v (offset %d)", err, s.ConfirmedOffset())
	}

	s.PressButton(userID, msgs[0], "detail:Samarinda")
	if _, err := s.WaitCall(wait, func(c Call) bool { return c.Method == "editMessageText" }); err != nil {
		t.Fatal(err)
	}
	if got := s.Messages(userID); len(got) != 1 || got[0].Text != "Detail Samarinda" || got[0].ReplyMarkup != nil {
		t.Errorf("after press: %+v", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(answerErrs) != 2 || answerErrs[0] != nil || answerErrs[1] == nil ||
		!strings.Contains(answerErrs[1].Error(), "query is too old") {
		t.Errorf("answerCallbackQuery errors = %v, want first ok and second refused", answerErrs)
	}
}

func TestPressButtonUpdate(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	msg, err := b.SendMessage(testCtx(t), &bot.SendMessageParams{ChatID: int64(-4001), Text: "pilih",
		ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "a", CallbackData: "a"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	s.SendGroupText(-4001, userID, "Budi", "hai") // makes the user known
	s.PressButton(userID, *msg, "a")
	s.PressButtonByID(userID, 77, "stale")
	ups := updatesOf(t, rawCall(t, s, "getUpdates", "form", nil))
	if len(ups) != 3 {
		t.Fatalf("%d updates", len(ups))
	}
	cq := ups[1].CallbackQuery
	if cq == nil || cq.ID == "" || cq.Data != "a" || cq.From.ID != userID || cq.From.FirstName != "Budi" ||
		cq.Message.Type != models.MaybeInaccessibleMessageTypeMessage || cq.Message.Message.Chat.ID != -4001 ||
		cq.Message.Message.ID != msg.ID || cq.Message.Message.Text != "pilih" {
		t.Errorf("callback = %+v", cq)
	}
	stale := ups[2].CallbackQuery
	if stale.Message.Type != models.MaybeInaccessibleMessageTypeInaccessibleMessage || stale.Message.InaccessibleMessage.MessageID != 77 ||
		stale.ID == cq.ID {
		t.Errorf("stale callback = %+v", stale)
	}
}

func TestObservationHelpers(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := testCtx(t)
	stream, cancel := s.Subscribe()

	got := make(chan Call, 1)
	go func() {
		c, err := s.WaitCall(ctx, func(c Call) bool { return c.Method == "sendMessage" && c.Params["text"] == "dua" })
		if err == nil {
			got <- c
		}
	}()
	for _, text := range []string{"satu", "dua"} {
		if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: userID, Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case c := <-got:
		if c.At.IsZero() || c.Err != nil {
			t.Errorf("waited call = %+v", c)
		}
	case <-ctx.Done():
		t.Fatal("WaitCall missed a future call")
	}
	// Past calls match too.
	if c, err := s.WaitCall(ctx, func(c Call) bool { return c.Params["text"] == "satu" }); err != nil || c.Method != "sendMessage" {
		t.Errorf("past WaitCall = %+v, %v", c, err)
	}
	var methods []string
	for len(methods) < 2 {
		select {
		case c := <-stream:
			methods = append(methods, c.Method+" "+c.Params["text"])
		case <-ctx.Done():
			t.Fatalf("stream stalled after %v", methods)
		}
	}
	// getMe ran in newBot, before Subscribe: only later calls are streamed.
	if want := []string{"sendMessage satu", "sendMessage dua"}; !reflect.DeepEqual(methods, want) {
		t.Errorf("stream = %v, want %v", methods, want)
	}
	cancel()
	for range stream { // must be closed after cancel
	}

	calls := s.Calls()
	calls[1].Params["text"] = "mutated"
	if s.Calls()[1].Params["text"] != "satu" {
		t.Error("Calls shares maps with the record")
	}
	s.Reset()
	if n := len(s.Calls()); n != 0 {
		t.Errorf("%d calls after Reset", n)
	}
	short, cancelShort := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancelShort()
	if _, err := s.WaitCall(short, func(c Call) bool { return c.Params["text"] == "satu" }); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("WaitCall after Reset = %v", err)
	}
	if _, err := s.WaitMessages(short, userID, 3); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("WaitMessages for a 3rd message = %v", err)
	}
}

func TestLatencyAndHandler(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := testCtx(t)
	s.SetLatency("sendChatAction", 150*time.Millisecond)
	start := time.Now()
	if _, err := b.SendChatAction(ctx, &bot.SendChatActionParams{ChatID: userID, Action: models.ChatActionTyping}); err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(start); elapsed < 150*time.Millisecond {
		t.Errorf("latency not applied: %v", elapsed)
	}
	s.SetLatency("sendChatAction", 0)

	s.SetHandler("sendMessage", func(c Call) (any, *APIError) {
		switch c.Params["text"] {
		case "blocked":
			return nil, &APIError{Code: 403, Description: "Forbidden: bot was blocked by the user"}
		case "custom":
			return models.Message{ID: 999, Chat: models.Chat{ID: 1}, Date: 1, Text: "custom"}, nil
		}
		return nil, nil
	})
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: userID, Text: "blocked"}); !errors.Is(err, bot.ErrorForbidden) {
		t.Errorf("handler error: %v", err)
	}
	if m, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: userID, Text: "custom"}); err != nil || m.ID != 999 {
		t.Errorf("handler result: %+v %v", m, err)
	}
	if m, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: userID, Text: "normal"}); err != nil || m.ID != 1 {
		t.Errorf("fallthrough: %+v %v", m, err)
	}
}

func TestCloseUnblocksWaiters(t *testing.T) {
	s := New()
	poll := make(chan error, 1)
	go func() {
		resp, err := http.PostForm(s.URL()+"/bot1:x/getUpdates", url.Values{"timeout": {"30"}})
		if err == nil {
			resp.Body.Close()
		}
		poll <- err
	}()
	wait := make(chan error, 1)
	go func() {
		_, err := s.WaitCall(context.Background(), func(Call) bool { return false })
		wait <- err
	}()
	waitPolls(t, s, 1)
	start := time.Now()
	s.Close()
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("Close took %v", elapsed)
	}
	if err := <-wait; !errors.Is(err, ErrClosed) {
		t.Errorf("WaitCall after Close = %v", err)
	}
	<-poll
	s.Close() // idempotent
}

func TestRoutes(t *testing.T) {
	s := newServer(t)
	for _, path := range []string{"/", "/bot/getMe", "/botX", "/file/bot1:x/documents/none.pdf"} {
		resp, err := http.Get(s.URL() + path)
		if err != nil {
			t.Fatal(err)
		}
		var r apiReply
		_ = json.NewDecoder(resp.Body).Decode(&r)
		resp.Body.Close()
		if resp.StatusCode != 404 || r.OK || r.ErrorCode != 404 || r.Description != "Not Found" {
			t.Errorf("%s: %d %+v", path, resp.StatusCode, r)
		}
	}
	// GET with query parameters works like on Telegram.
	resp, err := http.Get(s.URL() + "/bot1:x/sendMessage?chat_id=5&text=hi")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := s.Messages(5); len(got) != 1 || got[0].Text != "hi" {
		t.Errorf("GET sendMessage stored %+v", got)
	}
}

func TestPushUpdateAndMethodCase(t *testing.T) {
	s := newServer(t)
	b := newBot(t, s)
	ctx := testCtx(t)
	id := s.PushUpdate(models.Update{Message: &models.Message{
		Chat: models.Chat{ID: -1001234567890, Type: models.ChatTypeSupergroup, Title: "TKPK"},
		From: &models.User{ID: userID, FirstName: "Budi"}, Text: "hai",
	}})
	cbID := s.PushUpdate(models.Update{CallbackQuery: &models.CallbackQuery{From: models.User{ID: userID}, Data: "x"}})
	if cbID != id+1 {
		t.Fatalf("update ids %d then %d", id, cbID)
	}
	ups := updatesOf(t, rawCall(t, s, "GETUPDATES", "json", nil)) // method names are case-insensitive
	if len(ups) != 2 || ups[0].Message.ID != 1 || ups[0].Message.Date == 0 || ups[1].CallbackQuery.ID == "" {
		t.Fatalf("pushed updates = %+v", ups)
	}
	if ok, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: ups[1].CallbackQuery.ID}); !ok || err != nil {
		t.Errorf("answering a pushed callback: %v", err)
	}
	reply, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(-1001234567890), Text: "balas",
		ReplyParameters: &models.ReplyParameters{MessageID: ups[0].Message.ID}})
	if err != nil || reply.Chat.Title != "TKPK" || reply.ReplyToMessage == nil || reply.ReplyToMessage.Text != "hai" || reply.ID != 2 {
		t.Errorf("reply in pushed chat = %+v, %v", reply, err)
	}

	doc, err := b.SendDocument(ctx, &bot.SendDocumentParams{ChatID: userID,
		Document: &models.InputFileUpload{Filename: "a.pdf", Data: strings.NewReader("%PDF-1.4")}, Caption: "v1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.EditMessageCaption(ctx, &bot.EditMessageCaptionParams{ChatID: userID, MessageID: doc.ID, Caption: "v1"}); err == nil ||
		!strings.Contains(err.Error(), "message is not modified") {
		t.Errorf("same caption: %v", err)
	}
	if _, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: userID, MessageID: doc.ID, Text: "x"}); err == nil ||
		!strings.Contains(err.Error(), "there is no text in the message to edit") {
		t.Errorf("editing text of a document: %v", err)
	}
	if m, err := b.EditMessageCaption(ctx, &bot.EditMessageCaptionParams{ChatID: userID, MessageID: doc.ID, Caption: "v2"}); err != nil || m.Caption != "v2" {
		t.Errorf("caption edit = %+v, %v", m, err)
	}
}
