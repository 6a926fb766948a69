package telegram

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"tkpkbot"
	"tkpkbot/internal/telegramtest"
)

const testToken = "123456:SECRET-TOKEN"

func fakeClient(t *testing.T) (*telegramtest.Server, *Client, int64) {
	t.Helper()
	fake := telegramtest.New()
	t.Cleanup(fake.Close)
	const chat = 42
	fake.SendText(chat, "Sari", "/start") // the bot may only write to chats it knows
	return fake, &Client{APIURL: fake.URL(), Token: testToken}, chat
}

// Text goes as a JSON body, not the library's multipart form.
func TestSendIsJSON(t *testing.T) {
	var contentType string
	var body map[string]json.RawMessage
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		contentType = r.Header.Get("Content-Type")
		raw, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(raw, &body)
		_, _ = io.WriteString(w, `{"ok":true,"result":{"message_id":7}}`)
	}))
	defer srv.Close()
	c := &Client{APIURL: srv.URL, Token: testToken}
	id, err := c.Send(context.Background(), 5, "<b>halo</b>", tkpkbot.Keyboard{{{Text: "Lagi", Data: "cmd:angka"}}})
	if err != nil || id != 7 {
		t.Fatalf("Send = %d, %v", id, err)
	}
	if contentType != "application/json" || string(body["chat_id"]) != "5" || !strings.Contains(string(body["reply_markup"]), `"callback_data":"cmd:angka"`) {
		t.Fatalf("wire: %s %v", contentType, body)
	}
}

func TestSendSplitsAndPutsTheKeyboardLast(t *testing.T) {
	fake, c, chat := fakeClient(t)
	long := strings.Repeat("Kalimantan Timur. ", 400) // over 4 096 units
	kb := tkpkbot.Keyboard{{tkpkbot.LinkButton("Situs", "https://kaltimprov.go.id")}}
	if _, err := c.Send(context.Background(), chat, long, kb); err != nil {
		t.Fatal(err)
	}
	msgs := fake.Messages(chat)
	sent := msgs[len(msgs)-2:]
	if sent[0].ReplyMarkup != nil || sent[1].ReplyMarkup == nil || sent[1].ReplyMarkup.InlineKeyboard[0][0].URL != "https://kaltimprov.go.id" {
		t.Fatalf("keyboards: %+v / %+v", sent[0].ReplyMarkup, sent[1].ReplyMarkup)
	}
}

// A 429 is waited out for its retry_after, then the same call goes again.
func TestSendHonoursRetryAfter(t *testing.T) {
	fake, c, chat := fakeClient(t)
	fake.FailNext("sendMessage", 1, 429, "Too Many Requests: retry after 1", 1)
	start := time.Now()
	if _, err := c.Send(context.Background(), chat, "halo", nil); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < time.Second {
		t.Fatalf("retried after %v, before retry_after", took)
	}
	if n := len(fake.CallsTo("sendMessage")); n != 2 {
		t.Fatalf("%d calls, want 2", n)
	}
}

// SendOnce is one attempt: the reminder sweeper decides about retries.
func TestSendOnceDoesNotRetry(t *testing.T) {
	fake, c, chat := fakeClient(t)
	fake.FailNext("sendMessage", 1, 502, "Bad Gateway", 0)
	_, err := c.SendOnce(context.Background(), chat, "halo", nil)
	if f, _ := tkpkbot.FailureOf(err); f != tkpkbot.SendTransient {
		t.Fatalf("failure %v of %v", f, err)
	}
	if n := len(fake.CallsTo("sendMessage")); n != 1 {
		t.Fatalf("%d calls, want 1", n)
	}
}

func TestEditToTheSameTextSucceeds(t *testing.T) {
	fake, c, chat := fakeClient(t)
	id, err := c.Send(context.Background(), chat, "halo", nil)
	if err != nil {
		t.Fatal(err)
	}
	fake.FailNext("editMessageText", 1, 400, "Bad Request: message is not modified", 0)
	if err := c.Edit(context.Background(), chat, id, "halo", nil); err != nil {
		t.Fatalf("Edit = %v", err)
	}
}

// Errors quote request URLs, which carry the token.
func TestErrorsDoNotCarryTheToken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens: the dial fails
	c := &Client{APIURL: "http://" + addr, Token: testToken}
	_, err = c.SendOnce(context.Background(), 5, "halo", nil)
	if err == nil || strings.Contains(err.Error(), testToken) {
		t.Fatalf("error %v", err)
	}
	if f, _ := tkpkbot.FailureOf(err); f != tkpkbot.SendTransient {
		t.Fatalf("a refused dial is %v, want transient: nothing was sent", f)
	}
	if _, err := c.Download(context.Background(), "f", 10); err == nil || strings.Contains(err.Error(), testToken) {
		t.Fatalf("download error %v", err)
	}
}

func TestClassify(t *testing.T) {
	dial := &net.OpError{Op: "dial", Err: errors.New("connection refused")}
	cases := []struct {
		e    apiCallError
		want tkpkbot.SendFailure
	}{
		{apiCallError{code: 429, desc: "Too Many Requests", retryAfter: 3}, tkpkbot.SendRateLimited},
		{apiCallError{code: 403, desc: "Forbidden: bot was blocked by the user"}, tkpkbot.SendUnreachable},
		{apiCallError{code: 400, desc: "Bad Request: chat not found"}, tkpkbot.SendUnreachable},
		{apiCallError{code: 400, desc: "Bad Request: PEER_ID_INVALID"}, tkpkbot.SendUnreachable},
		{apiCallError{code: 400, desc: "Bad Request: can't parse entities"}, tkpkbot.SendRejected},
		{apiCallError{code: 401, desc: "Unauthorized"}, tkpkbot.SendTransient},
		{apiCallError{code: 502, desc: "Bad Gateway"}, tkpkbot.SendTransient},
		{apiCallError{err: dial}, tkpkbot.SendTransient},
		{apiCallError{err: context.DeadlineExceeded}, tkpkbot.SendUncertain},
		{apiCallError{err: errors.New("read answer: unexpected EOF")}, tkpkbot.SendUncertain},
	}
	for _, c := range cases {
		if got := classify(&c.e).Failure; got != c.want {
			t.Errorf("classify(%v) = %d, want %d", &c.e, got, c.want)
		}
	}
	if se := classify(&apiCallError{code: 429, retryAfter: 7}); se.RetryAfter != 7*time.Second {
		t.Errorf("retry_after wait = %v", se.RetryAfter)
	}
	if _, wait := tkpkbot.FailureOf(errors.New("unclassified")); wait != 0 {
		t.Error("an unclassified error has a wait")
	}
}

type seenRequest struct {
	contentLength int64
	chunked       bool
	text          string
	document      []byte
}

// apiRecorder answers every Bot API call with a message and keeps what
// arrived on the wire.
func apiRecorder(t *testing.T) (srv *httptest.Server, seen func() []seenRequest, conns func() int) {
	var mu sync.Mutex
	var got []seenRequest
	opened := 0
	srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := seenRequest{contentLength: r.ContentLength, chunked: len(r.TransferEncoding) > 0 && r.TransferEncoding[0] == "chunked"}
		if err := r.ParseMultipartForm(8 << 20); err != nil {
			t.Errorf("unreadable form: %v", err)
		}
		s.text = r.FormValue("text")
		if f, _, err := r.FormFile("document"); err == nil {
			s.document, _ = io.ReadAll(f)
		}
		mu.Lock()
		got = append(got, s)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"ok":true,"result":{"message_id":1,"date":0,"chat":{"id":5,"type":"private"}}}`)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			mu.Lock()
			opened++
			mu.Unlock()
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, func() []seenRequest { mu.Lock(); defer mu.Unlock(); return append([]seenRequest(nil), got...) },
		func() int { mu.Lock(); defer mu.Unlock(); return opened }
}

// transportBot is the go-telegram client on NewAPITransport(conns), as
// the bot builds it, talking to url.
func transportBot(t *testing.T, url string, conns int) *bot.Bot {
	t.Helper()
	b, err := bot.New("1:T", bot.WithServerURL(url), bot.WithSkipGetMe(),
		bot.WithHTTPClient(5*time.Second, &http.Client{Transport: NewAPITransport(conns)}))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A message leaves in one piece with its length, instead of as a chunked
// stream flushed after every form field.
func TestAPITransportSendsMessagesWithContentLength(t *testing.T) {
	srv, seen, _ := apiRecorder(t)
	b := transportBot(t, srv.URL, 8)
	text := "<b>Kota Samarinda</b>\nPenduduk miskin: 37,80 ribu jiwa"
	if _, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: 5, Text: text, ParseMode: models.ParseModeHTML}); err != nil {
		t.Fatal(err)
	}
	s := seen()
	if len(s) != 1 || s[0].text != text {
		t.Fatalf("server saw %+v", s)
	}
	if s[0].chunked || s[0].contentLength <= int64(len(text)) {
		t.Fatalf("request sent chunked=%v with Content-Length %d; want one piece with its length", s[0].chunked, s[0].contentLength)
	}
}

// A file larger than the buffer still arrives whole (streamed).
func TestAPITransportStreamsLargeUploads(t *testing.T) {
	srv, seen, _ := apiRecorder(t)
	b := transportBot(t, srv.URL, 8)
	data := make([]byte, 3*maxBufferedBody/2)
	_, _ = rand.Read(data)
	_, err := b.SendDocument(context.Background(), &bot.SendDocumentParams{ChatID: 5,
		Document: &models.InputFileUpload{Filename: "laporan.xlsx", Data: bytes.NewReader(data)}})
	if err != nil {
		t.Fatal(err)
	}
	s := seen()
	if len(s) != 1 || !bytes.Equal(s[0].document, data) {
		t.Fatalf("upload of %d bytes arrived as %d bytes", len(data), len(s[0].document))
	}
	if !s[0].chunked {
		t.Fatalf("a %d-byte upload was buffered whole (Content-Length %d)", len(data), s[0].contentLength)
	}
}

// Concurrent sends reuse kept-alive connections instead of redialling.
func TestAPITransportReusesConnectionsUnderConcurrency(t *testing.T) {
	srv, _, conns := apiRecorder(t)
	b := transportBot(t, srv.URL, 16)
	for round := 0; round < 10; round++ {
		var wg sync.WaitGroup
		for i := 0; i < 16; i++ {
			wg.Go(func() {
				if _, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: 5, Text: "halo"}); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	// A connection still on its way back to the idle pool when the next
	// round starts makes that request dial once more, so a loaded machine
	// sees a few more than 16; a transport without reuse (at most 2 idle,
	// as http.DefaultTransport keeps) opens well over 100.
	if n := conns(); n > 32 {
		t.Fatalf("160 sends, 16 at a time, opened %d connections; want at most 32", n)
	}
}
