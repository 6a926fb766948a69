package telegramtest

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Handler overrides a method. Returning a non-nil result or error answers
// the call; returning (nil, nil) falls through to the built-in behaviour,
// which lets a handler merely observe or act on some calls only.
type Handler func(Call) (result any, apiErr *APIError)

// AnyMethod makes FailNext, SetLatency and SetHandler apply to every method
// that has no setting of its own.
const AnyMethod = "*"

type fault struct {
	remaining int
	err       APIError
}

// FailNext makes the next n calls of method fail with code. An empty
// description gets Telegram's usual wording for the code; retryAfter > 0 is
// sent as parameters.retry_after (go-telegram/bot turns a 429 carrying it
// into *bot.TooManyRequestsError). n <= 0 removes the fault.
func (s *Server) FailNext(method string, n int, code int, description string, retryAfter int) {
	if description == "" {
		description = defaultDescription(code, retryAfter)
	}
	setting(s, s.faults, method, &fault{remaining: n, err: APIError{Code: code, Description: description, RetryAfter: retryAfter}}, n <= 0)
}

// setting stores v as method's setting in m, or removes the setting when
// clear is set: FailNext, SetLatency and SetHandler all work this way.
func setting[V any](s *Server, m map[string]V, method string, v V, clear bool) {
	key := strings.ToLower(method)
	s.mu.Lock()
	defer s.mu.Unlock()
	if clear {
		delete(m, key)
		return
	}
	m[key] = v
}

func defaultDescription(code, retryAfter int) string {
	switch code {
	case http.StatusTooManyRequests:
		return fmt.Sprintf("Too Many Requests: retry after %d", retryAfter)
	case http.StatusBadRequest:
		return "Bad Request"
	case http.StatusUnauthorized:
		return "Unauthorized"
	case http.StatusForbidden:
		return "Forbidden: bot was blocked by the user"
	case http.StatusNotFound:
		return "Not Found"
	case http.StatusConflict:
		return "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
	}
	if code >= 500 {
		return http.StatusText(code)
	}
	return fmt.Sprintf("Error %d", code)
}

func (s *Server) takeFault(key string) *APIError {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.faults[key]
	if f == nil {
		key = AnyMethod
		f = s.faults[key]
	}
	if f == nil {
		return nil
	}
	f.remaining--
	if f.remaining <= 0 {
		delete(s.faults, key)
	}
	e := f.err
	return &e
}

// SetLatency delays every call of method by d before it is handled; d <= 0
// removes the delay. The delayed call still executes if the client gives up
// meanwhile, as on the real server.
func (s *Server) SetLatency(method string, d time.Duration) {
	setting(s, s.latency, method, d, d <= 0)
}

// SetHandler overrides method with h; a nil h restores the built-in
// behaviour. h runs without any server lock held, so it may call the
// server's own methods.
func (s *Server) SetHandler(method string, h Handler) {
	setting(s, s.handlers, method, h, h == nil)
}

// lookupLocked finds a per-method setting, falling back to AnyMethod.
func lookupLocked[V any](m map[string]V, key string) V {
	if v, ok := m[key]; ok {
		return v
	}
	return m[AnyMethod]
}
