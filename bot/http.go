package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"

	"tkpkbot/metrics"
	"tkpkbot/telegram"
)

// Server limits. Without them one client that opens connections and never
// finishes a request, or never reads the answer, holds a goroutine and a
// file descriptor for ever.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 15 * time.Second
	opsWriteTimeout   = 30 * time.Second
	// The webhook answers only after the update is handled, and a handler
	// may wait on several Bot API calls; cutting it short makes Telegram
	// deliver again an update that is still running.
	webhookWriteTimeout = 90 * time.Second
	defaultIdleTimeout  = 60 * time.Second
)

type httpServer struct {
	srv *http.Server
	ln  net.Listener
}

// startOps serves /healthz, /readyz and /metrics on HTTP_ADDR. It never
// serves the webhook: that listener is the only one meant to be public.
func (a *app) startOps() (*httpServer, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		if err := a.db.Ping(ctx); err != nil {
			http.Error(w, "database unreachable", http.StatusServiceUnavailable)
			return
		}
		if pending, err := a.db.Pending(ctx); err != nil || pending {
			http.Error(w, "migrations not applied", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	mux.Handle("GET /metrics", metrics.Handler())
	return a.listen("HTTP_ADDR", a.cfg.HTTPAddr, mux, opsWriteTimeout)
}

// startWebhook serves Telegram's updates at the path of WEBHOOK_URL on
// WEBHOOK_ADDR, and answers 404 to everything else, so what the reverse
// proxy exposes tells nothing about the bot's state.
func (a *app) startWebhook() (*httpServer, error) {
	u, err := url.Parse(a.cfg.WebhookURL)
	if err != nil {
		return nil, fmt.Errorf("WEBHOOK_URL: %w", err)
	}
	path := u.Path
	if path == "" {
		path = "/"
	}
	mux := http.NewServeMux()
	// "/" alone would match every path; {$} keeps it to the root.
	pattern := path
	if path == "/" {
		pattern += "{$}"
	}
	hook := telegram.Webhook(a.cfg.WebhookSecret, a.log, a.seen.Once(a.h.ProcessFresh))
	mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		// 404 rather than the mux's 405, which would confirm to a
		// scanner that the path exists.
		if r.Method != http.MethodPost {
			http.NotFound(w, r)
			return
		}
		hook.ServeHTTP(w, r)
	})
	return a.listen("WEBHOOK_ADDR", a.cfg.WebhookAddr, mux, webhookWriteTimeout)
}

func (a *app) listen(setting, addr string, h http.Handler, writeTimeout time.Duration) (*httpServer, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s %s: %w", setting, addr, err)
	}
	s := &httpServer{ln: ln, srv: &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       a.cfg.idleTimeout(),
	}}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Error("http server stopped", "setting", setting, "err", err)
		}
	}()
	a.log.Info("http listening", "setting", setting, "addr", ln.Addr().String())
	return s, nil
}

func (s *httpServer) shutdown(d time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	_ = s.srv.Shutdown(ctx)
}
