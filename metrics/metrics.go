// Package metrics holds the Prometheus metrics operators watch. They live
// in one registry served at /metrics; packages record into them directly.
package metrics

import (
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Registry holds every tkpkbot metric plus Go and process metrics.
var Registry = prometheus.NewRegistry()

var (
	UpdatesReceived = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tkpkbot_updates_received_total", Help: "Telegram updates received, by type.",
	}, []string{"type"})
	UpdatesHandled = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tkpkbot_updates_handled_total", Help: "Telegram updates handled, by type, command and result (ok, error, duplicate, flood).",
	}, []string{"type", "command", "result"})
	HandlerSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "tkpkbot_handler_duration_seconds",
		Help:    "Time to handle one update, by type and command.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"type", "command"})
	BotAPICalls = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tkpkbot_bot_api_calls_total", Help: "Bot API requests, by method and result (ok, 429, 4xx, 5xx, error).",
	}, []string{"method", "result"})
	Reminders = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tkpkbot_reminders_total", Help: "Reminder deliveries by kind and outcome (due, sent, dropped, failed, unreachable).",
	}, []string{"kind", "outcome"})
	ReportsSubmitted = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tkpkbot_reports_submitted_total", Help: "Weekly reports submitted, by region and whether late or revised.",
	}, []string{"region", "late", "revised"})
	UpdatesInFlight = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "tkpkbot_updates_in_flight", Help: "Polled updates taken and not yet finished (queued behind their chat or running).",
	})
)

func init() {
	Registry.MustRegister(UpdatesReceived, UpdatesHandled, HandlerSeconds, BotAPICalls, Reminders, ReportsSubmitted, UpdatesInFlight, poolCollector{},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
}

// Handler serves the registry in the Prometheus text format.
func Handler() http.Handler {
	return promhttp.HandlerFor(Registry, promhttp.HandlerOpts{})
}

// ObserveUpdate records one handled update.
func ObserveUpdate(kind, command, result string, took time.Duration) {
	if command == "" {
		command = "-"
	}
	UpdatesHandled.WithLabelValues(kind, command, result).Inc()
	HandlerSeconds.WithLabelValues(kind, command).Observe(took.Seconds())
}

// Transport counts Bot API calls by method and HTTP result. The token in
// the URL path is never used as a label.
type Transport struct{ Base http.RoundTripper }

func (t Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	method := req.URL.Path[strings.LastIndex(req.URL.Path, "/")+1:]
	if strings.HasPrefix(req.URL.Path, "/file/") {
		method = "file"
	}
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	resp, err := base.RoundTrip(req)
	result := "error"
	if err == nil {
		switch c := resp.StatusCode; {
		case c < 300:
			result = "ok"
		case c == http.StatusTooManyRequests:
			result = "429"
		default:
			result = strconv.Itoa(c/100) + "xx"
		}
	}
	BotAPICalls.WithLabelValues(method, result).Inc()
	return resp, err
}

// SetPool chooses the pool whose statistics are exported; the collector is
// registered once per process while apps (and tests) may open several.
func SetPool(p *pgxpool.Pool) { pool.Store(p) }

var pool atomic.Pointer[pgxpool.Pool]

// poolCollector exports pgx pool statistics.
type poolCollector struct{}

var (
	poolTotal    = prometheus.NewDesc("tkpkbot_db_pool_conns", "Database pool connections by state.", []string{"state"}, nil)
	poolMax      = prometheus.NewDesc("tkpkbot_db_pool_max_conns", "Maximum database pool size.", nil, nil)
	poolAcquires = prometheus.NewDesc("tkpkbot_db_pool_acquires_total", "Connections acquired from the pool.", nil, nil)
	poolWait     = prometheus.NewDesc("tkpkbot_db_pool_acquire_wait_seconds_total", "Time spent waiting for a pool connection.", nil, nil)
)

func (poolCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- poolTotal
	ch <- poolMax
	ch <- poolAcquires
	ch <- poolWait
}

func (poolCollector) Collect(ch chan<- prometheus.Metric) {
	p := pool.Load()
	if p == nil {
		return
	}
	s := p.Stat()
	ch <- prometheus.MustNewConstMetric(poolTotal, prometheus.GaugeValue, float64(s.AcquiredConns()), "acquired")
	ch <- prometheus.MustNewConstMetric(poolTotal, prometheus.GaugeValue, float64(s.IdleConns()), "idle")
	ch <- prometheus.MustNewConstMetric(poolTotal, prometheus.GaugeValue, float64(s.ConstructingConns()), "constructing")
	ch <- prometheus.MustNewConstMetric(poolMax, prometheus.GaugeValue, float64(s.MaxConns()))
	ch <- prometheus.MustNewConstMetric(poolAcquires, prometheus.CounterValue, float64(s.AcquireCount()))
	ch <- prometheus.MustNewConstMetric(poolWait, prometheus.CounterValue, s.AcquireDuration().Seconds())
}
