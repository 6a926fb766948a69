package telegram

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

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
