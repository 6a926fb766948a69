// Package telegramtest is an in-process fake of the Telegram Bot API server.
// It speaks the real wire format, so the production go-telegram/bot client
// can be pointed at it (bot.WithServerURL(s.URL())) for end-to-end tests and
// for the interactive "tkpkbot console". It deliberately does not import
// "testing": the console ships it in the production binary.
package telegramtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// Identity returned by getMe unless overridden.
const (
	BotID        int64 = 7000000001
	BotFirstName       = "TKPK Kaltim"
	BotUsername        = "tkpk_kaltim_bot"
)

// ErrClosed is returned by waits that end because the server was closed.
var ErrClosed = errors.New("telegramtest: server closed")

// File is an uploaded file as it arrived in a multipart request.
type File struct {
	Name string
	Data []byte
}

// Call is one Bot API request as the server saw it. Params hold every
// parameter as text (JSON-valued ones such as reply_markup stay JSON text);
// Files hold multipart file parts by field name.
type Call struct {
	Method string
	Params map[string]string
	Files  map[string]File
	At     time.Time // arrival, before any injected latency
	Err    *APIError // the error answered, nil on success
}

// clone gives each observer its own maps so no caller can disturb the
// record or race with another observer.
func (c Call) clone() Call {
	out := c
	out.Params = make(map[string]string, len(c.Params))
	for k, v := range c.Params {
		out.Params[k] = v
	}
	out.Files = make(map[string]File, len(c.Files))
	for k, f := range c.Files {
		out.Files[k] = File{Name: f.Name, Data: append([]byte(nil), f.Data...)}
	}
	if c.Err != nil {
		e := *c.Err
		out.Err = &e
	}
	return out
}

// Option configures New.
type Option func(*config)

type config struct {
	botUsername  string
	allowBareAmp bool
	firstUpdate  int64
}

// WithFirstUpdateID numbers updates from id on, as Telegram continues a
// bot's sequence across restarts; a program that keeps handled update IDs
// (the console on a long-lived database) needs IDs it has not seen.
func WithFirstUpdateID(id int64) Option {
	return func(c *config) { c.firstUpdate = id }
}

// WithBotUsername changes the username getMe reports.
func WithBotUsername(username string) Option {
	return func(c *config) { c.botUsername = strings.TrimPrefix(username, "@") }
}

// WithBareAmpersand accepts a '&' that starts no HTML entity, as real
// Telegram does. By default such text is refused to prove user input is
// escaped.
func WithBareAmpersand() Option {
	return func(c *config) { c.allowBareAmp = true }
}

// Server is the fake. All methods are safe for concurrent use.
type Server struct {
	cfg      config
	bot      models.User
	url      string
	http     *http.Server
	done     chan struct{}
	inflight sync.WaitGroup
	once     sync.Once

	mu      sync.Mutex
	closed  bool
	changed chan struct{} // closed and replaced on every state change

	calls  []Call
	resets int
	subs   map[*subscriber]struct{}

	lastUpdateID int64
	queue        []queuedUpdate
	history      map[int64][]byte
	confirmed    int64
	pollSeq      uint64
	webhookURL   string

	chats        map[int64]*chatState
	users        map[int64]models.User
	files        map[string]*storedFile
	filePaths    map[string]*storedFile
	nextFile     int
	callbacks    map[string]bool // callback query id -> answered
	nextCallback int64
	commands     map[string][]models.BotCommand

	faults   map[string]*fault
	latency  map[string]time.Duration
	handlers map[string]Handler
}

// New starts a server on a random 127.0.0.1 port. Like httptest.NewServer
// it panics when it cannot listen, which only happens on a broken host.
func New(opts ...Option) *Server {
	cfg := config{botUsername: BotUsername}
	for _, o := range opts {
		o(&cfg)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("telegramtest: listen: %v", err))
	}
	s := &Server{
		lastUpdateID: max(cfg.firstUpdate-1, 0),
		cfg:          cfg,
		bot:          models.User{ID: BotID, IsBot: true, FirstName: BotFirstName, Username: cfg.botUsername},
		url:          "http://" + ln.Addr().String(),
		done:         make(chan struct{}),
		changed:      make(chan struct{}),
		subs:         map[*subscriber]struct{}{},
		history:      map[int64][]byte{},
		chats:        map[int64]*chatState{},
		users:        map[int64]models.User{},
		files:        map[string]*storedFile{},
		filePaths:    map[string]*storedFile{},
		callbacks:    map[string]bool{},
		commands:     map[string][]models.BotCommand{},
		faults:       map[string]*fault{},
		latency:      map[string]time.Duration{},
		handlers:     map[string]Handler{},
	}
	// A plain http.Server rather than httptest keeps httptest's global
	// -httptest.serve flag out of the production binary, and Close below
	// does not wait on half-open connections the way httptest's does.
	s.http = &http.Server{Handler: http.HandlerFunc(s.serveHTTP), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.http.Serve(ln) }()
	return s
}

// URL is the base URL to give go-telegram/bot's bot.WithServerURL.
func (s *Server) URL() string { return s.url }

// Bot is the bot user getMe returns.
func (s *Server) Bot() models.User { return s.bot }

// Close stops the server. Pending long polls and waits return at once, and
// no request handler is running any more when Close returns.
func (s *Server) Close() {
	s.once.Do(func() {
		s.mu.Lock()
		s.closed = true
		subs := s.subs
		s.subs = nil
		s.mu.Unlock()
		close(s.done)
		_ = s.http.Close()
		s.inflight.Wait()
		for sub := range subs {
			sub.halt()
		}
	})
}

// broadcastLocked wakes every waiter; they re-check their condition.
func (s *Server) broadcastLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	// Registering under mu, where Close sets closed, guarantees no Add
	// happens after Close starts waiting.
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		_, body, _ := encodeResponse(nil, &APIError{Code: http.StatusServiceUnavailable, Description: "Service Unavailable"})
		writeJSON(w, http.StatusServiceUnavailable, body)
		return
	}
	s.inflight.Add(1)
	s.mu.Unlock()
	defer s.inflight.Done()

	path := r.URL.Path
	if rest, ok := strings.CutPrefix(path, "/file/bot"); ok {
		s.serveFile(w, rest)
		return
	}
	rest, ok := strings.CutPrefix(path, "/bot")
	token, method, found := strings.Cut(rest, "/")
	method = strings.TrimPrefix(method, "test/") // go-telegram/bot's WithTestEnvironment
	if !ok || !found || token == "" || method == "" || strings.Contains(method, "/") {
		writeNotFound(w)
		return
	}
	s.serveAPI(w, r, method)
}

func writeNotFound(w http.ResponseWriter) {
	_, body, _ := encodeResponse(nil, &APIError{Code: http.StatusNotFound, Description: "Not Found"})
	writeJSON(w, http.StatusNotFound, body)
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, method string) {
	call := Call{Method: method, At: time.Now()}
	params, files, apiErr := readParams(r)
	call.Params, call.Files = params, files
	var result any
	if apiErr == nil {
		result, apiErr = s.dispatch(r.Context(), call)
	}
	status, body, apiErr := encodeResponse(result, apiErr)
	call.Err = apiErr
	s.record(call)
	writeJSON(w, status, body)
}

// dispatch applies latency, then injected faults, then overrides, then the
// built-in behaviour.
func (s *Server) dispatch(ctx context.Context, c Call) (any, *APIError) {
	key := strings.ToLower(c.Method)
	s.mu.Lock()
	delay := lookupLocked(s.latency, key)
	s.mu.Unlock()
	if delay > 0 {
		// A client that gives up does not stop Telegram from executing the
		// request, so only server shutdown cuts the delay short.
		t := time.NewTimer(delay)
		select {
		case <-t.C:
		case <-s.done:
			t.Stop()
			return nil, &APIError{Code: http.StatusServiceUnavailable, Description: "Service Unavailable"}
		}
	}
	if apiErr := s.takeFault(key); apiErr != nil {
		return nil, apiErr
	}
	s.mu.Lock()
	h := lookupLocked(s.handlers, key)
	s.mu.Unlock()
	if h != nil {
		if result, apiErr := h(c.clone()); result != nil || apiErr != nil {
			return result, apiErr
		}
	}
	if fn, ok := builtins[key]; ok {
		return fn(s, ctx, c)
	}
	return true, nil
}

type builtin func(s *Server, ctx context.Context, c Call) (any, *APIError)

// builtins is keyed by lower-cased method name because Telegram matches
// method names case-insensitively.
var builtins = map[string]builtin{
	"getme":                  withoutCtx((*Server).getMe),
	"getupdates":             (*Server).getUpdates,
	"sendmessage":            withoutCtx((*Server).sendMessage),
	"editmessagetext":        withoutCtx((*Server).editMessageText),
	"editmessagecaption":     withoutCtx((*Server).editMessageCaption),
	"editmessagereplymarkup": withoutCtx((*Server).editMessageReplyMarkup),
	"deletemessage":          withoutCtx((*Server).deleteMessage),
	"deletemessages":         withoutCtx((*Server).deleteMessages),
	"answercallbackquery":    withoutCtx((*Server).answerCallbackQuery),
	"senddocument":           withoutCtx((*Server).sendDocument),
	"sendphoto":              withoutCtx((*Server).sendPhoto),
	"sendchataction":         withoutCtx((*Server).sendChatAction),
	"setmycommands":          withoutCtx((*Server).setMyCommands),
	"getmycommands":          withoutCtx((*Server).getMyCommands),
	"deletemycommands":       withoutCtx((*Server).deleteMyCommands),
	"setwebhook":             withoutCtx((*Server).setWebhook),
	"deletewebhook":          withoutCtx((*Server).deleteWebhook),
	"getwebhookinfo":         withoutCtx((*Server).getWebhookInfo),
	"getfile":                withoutCtx((*Server).getFile),
}

func withoutCtx(fn func(*Server, Call) (any, *APIError)) builtin {
	return func(s *Server, _ context.Context, c Call) (any, *APIError) { return fn(s, c) }
}

// record stores a finished call and hands it to subscribers. Recording after
// the handler ran means that once a wait sees a call, the state it changed
// (messages, queue) is already visible.
func (s *Server) record(c Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, c)
	for sub := range s.subs {
		sub.push(c.clone())
	}
	s.broadcastLocked()
}
