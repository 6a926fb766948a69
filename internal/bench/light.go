package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// lightFake is the "light" yardstick's Bot API: a bare HTTP handler that
// hands out pre-encoded updates and answers every send with one canned
// message, parsing nothing it does not need. With the full fake
// (internal/telegramtest), which parses every reply's HTML as Telegram does,
// the fake's own work on the shared cores is a large part of a 900-byte
// card's cost; here it is almost nothing, so the ratio measures the bots.
type lightFake struct {
	srv  *http.Server
	url  string
	mu   sync.Mutex
	base int64    // update IDs start above it: the bot's database remembers earlier runs' IDs as seen
	upds [][]byte // upds[i] is update base+i+1, encoded
	more chan struct{}
	// replies counts answers to chats from firstUser on; target closes done.
	replies   int
	target    int
	done      chan struct{}
	firstUser int64
}

func newLightFake(base, firstUser int64) (*lightFake, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("light fake: %w", err)
	}
	f := &lightFake{url: "http://" + ln.Addr().String(), base: base, more: make(chan struct{}), firstUser: firstUser}
	f.srv = &http.Server{Handler: http.HandlerFunc(f.serve), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = f.srv.Serve(ln) }()
	return f, nil
}

func (f *lightFake) close() { _ = f.srv.Close() }

// encode builds the next updates, users[i] saying texts[i], so that the
// encoding is not part of what is timed; publish makes them visible.
func (f *lightFake) encode(users []int64, texts []string) [][]byte {
	f.mu.Lock()
	next := f.base + int64(len(f.upds)) + 1
	f.mu.Unlock()
	enc := make([][]byte, len(users))
	for i, user := range users {
		id := next + int64(i)
		enc[i], _ = json.Marshal(map[string]any{"update_id": id, "message": map[string]any{
			"message_id": id, "date": time.Now().Unix(), "text": texts[i],
			"chat": map[string]any{"id": user, "type": "private", "first_name": "Pengguna"},
			"from": map[string]any{"id": user, "is_bot": false, "first_name": "Pengguna"},
		}})
	}
	return enc
}

func (f *lightFake) publish(enc [][]byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.upds = append(f.upds, enc...)
	close(f.more)
	f.more = make(chan struct{})
}

// expect arms done to close after n more replies.
func (f *lightFake) expect(n int) <-chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.replies, f.target, f.done = 0, n, make(chan struct{})
	return f.done
}

func (f *lightFake) serve(w http.ResponseWriter, r *http.Request) {
	method := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	w.Header().Set("Content-Type", "application/json")
	switch method {
	case "getUpdates":
		f.getUpdates(w, r)
	case "getMe":
		_, _ = io.WriteString(w, `{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"Bench","username":"bench_bot"}}`)
	case "sendMessage", "editMessageText":
		chat := f.chatOf(r)
		f.mu.Lock()
		if chat >= f.firstUser && f.done != nil {
			f.replies++
			if f.replies == f.target {
				close(f.done)
			}
		}
		f.mu.Unlock()
		_, _ = io.WriteString(w, `{"ok":true,"result":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"ok"}}`)
	default:
		_, _ = io.Copy(io.Discard, r.Body)
		_, _ = io.WriteString(w, `{"ok":true,"result":true}`)
	}
}

// params reads the few fields the fake needs from a JSON (tkpkbot) or
// multipart (go-telegram/bot) body.
func params(r *http.Request, keys ...string) map[string]string {
	out := map[string]string{}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/json" {
		var m map[string]json.RawMessage
		_ = json.NewDecoder(r.Body).Decode(&m)
		for _, k := range keys {
			if v, ok := m[k]; ok {
				out[k] = strings.Trim(string(v), `"`)
			}
		}
		return out
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		_ = r.ParseForm()
	}
	for _, k := range keys {
		out[k] = r.FormValue(k)
	}
	return out
}

func (f *lightFake) chatOf(r *http.Request) int64 {
	id, _ := strconv.ParseInt(params(r, "chat_id")["chat_id"], 10, 64)
	return id
}

func (f *lightFake) getUpdates(w http.ResponseWriter, r *http.Request) {
	p := params(r, "offset", "limit", "timeout")
	offset, _ := strconv.ParseInt(p["offset"], 10, 64)
	limit, _ := strconv.Atoi(p["limit"])
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	wait, _ := strconv.Atoi(p["timeout"])
	deadline := time.After(time.Duration(min(max(wait, 0), 1)) * time.Second)
	for {
		f.mu.Lock()
		from := int(max(offset-f.base, 1) - 1)
		if from < len(f.upds) {
			batch := f.upds[from:min(len(f.upds), from+limit)]
			f.mu.Unlock()
			_, _ = io.WriteString(w, `{"ok":true,"result":[`)
			for i, u := range batch {
				if i > 0 {
					_, _ = io.WriteString(w, ",")
				}
				_, _ = w.Write(u)
			}
			_, _ = io.WriteString(w, `]}`)
			return
		}
		more := f.more
		f.mu.Unlock()
		select {
		case <-more:
		case <-deadline:
			_, _ = io.WriteString(w, `{"ok":true,"result":[]}`)
			return
		case <-r.Context().Done():
			return
		}
	}
}

// lightThroughput runs the light yardstick against bot (already started
// on f): every user says /angka once, unmeasured, so all are known; then
// c.LightUpdates updates from c.LightUsers users are timed until the last
// reply arrives.
func lightThroughput(ctx context.Context, f *lightFake, c Config, text func(i int) string) (float64, error) {
	wait := func(done <-chan struct{}, n int) error {
		select {
		case <-done:
			return nil
		case <-time.After(180 * time.Second):
			return fmt.Errorf("%w (light fake, %d expected)", errBenchTimeout, n)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	users, texts := make([]int64, c.LightUsers), make([]string, c.LightUsers)
	for i := range users {
		users[i], texts[i] = userBase+int64(i), text(i)
	}
	done := f.expect(len(users))
	f.publish(f.encode(users, texts))
	if err := wait(done, len(users)); err != nil {
		return 0, err
	}
	users, texts = make([]int64, c.LightUpdates), make([]string, c.LightUpdates)
	for i := range users {
		users[i], texts[i] = userBase+int64(i%c.LightUsers), text(i)
	}
	enc := f.encode(users, texts)
	done = f.expect(len(users))
	start := time.Now()
	f.publish(enc)
	if err := wait(done, len(users)); err != nil {
		return 0, err
	}
	return float64(c.LightUpdates) / time.Since(start).Seconds(), nil
}
