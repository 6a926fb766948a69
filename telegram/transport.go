package telegram

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// maxBufferedBody bounds how much of a request body APITransport holds in
// memory; larger bodies (a big file upload) stream as the library sends them.
const maxBufferedBody = 1 << 20

// APITransport is the HTTP transport for Bot API calls. It fixes two costs of
// the library's defaults that show under bursts (every coordinator answering
// before a deadline):
//
//   - go-telegram/bot streams each request's multipart body through a pipe,
//     which net/http sends chunked and flushes after every chunk: a 1 KB
//     sendMessage leaves as a dozen tiny writes (TLS records and TCP
//     segments on a real link). APITransport reads such a body first and
//     sends it in one piece with a Content-Length. Client's own requests
//     already have one; the echo yardstick in internal/bench still goes
//     through go-telegram/bot.
//   - http.DefaultTransport keeps only 2 idle connections per host, so
//     concurrent sends close and redial (a TLS handshake each, against
//     api.telegram.org). APITransport keeps idle connections for every
//     worker.
type APITransport struct {
	Base http.RoundTripper
}

// NewAPITransport returns an APITransport over a connection pool sized for
// conns concurrent requests.
func NewAPITransport(conns int) *APITransport {
	t := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          conns,
		MaxIdleConnsPerHost:   conns,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	return &APITransport{Base: t}
}

func (t *APITransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body == nil || req.Body == http.NoBody || req.ContentLength > 0 {
		return t.Base.RoundTrip(req)
	}
	var buf bytes.Buffer
	// The body is read here, before the request goes out, so a cancelled
	// request must end the read too.
	stop := context.AfterFunc(req.Context(), func() { req.Body.Close() })
	n, err := io.Copy(&buf, io.LimitReader(req.Body, maxBufferedBody+1))
	stop()
	if err != nil {
		req.Body.Close()
		return nil, fmt.Errorf("read request body: %w", err)
	}
	out := req.Clone(req.Context())
	if n > maxBufferedBody {
		// Too big to hold: send what was read, then the rest, chunked.
		out.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(&buf, req.Body), req.Body}
		return t.Base.RoundTrip(out)
	}
	req.Body.Close()
	body := buf.Bytes()
	out.ContentLength = int64(len(body))
	out.Body = io.NopCloser(bytes.NewReader(body))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	if len(body) == 0 {
		out.Body = http.NoBody
	}
	return t.Base.RoundTrip(out)
}
