// Package web is lpa serve's HTTP side: a Dutch dashboard (server-rendered
// HTML, charts as the SVG of the report chart code), the SQL endpoint
// (through the warehouse's guarded read path), run-now, /healthz and
// /metrics. Handlers are built from explicit dependencies (Source and a
// SQL session); the package never opens the warehouse itself.
package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"lpa/pipeline/query"
	"lpa/reports"
)

// Source is what the dashboard and the operations endpoints read.
type Source interface {
	// Values are the report values of the latest round: the accords and,
	// when asked, the gemeenten (only: ids or codes; none: all accords).
	Values(ctx context.Context, only []string, all bool) (round time.Time, accords, gemeenten []reports.Report, err error)
	National(ctx context.Context) (National, error)
	Runs(ctx context.Context, n int) ([]Run, error)
	Loads(ctx context.Context, n int) ([]Load, error)
	Stats(ctx context.Context) (Stats, error)
	NextRuns() map[string]time.Time
	Jobs() []string
	RunNow(job string) error
	Healthy(ctx context.Context) error // the warehouse answers
}

// SQL returns a session of the guarded read path in a format.
type SQL func(f query.Format) *query.Session

// Config holds a server's dependencies.
type Config struct {
	Source  Source
	SQL     SQL
	Token   string // required by the API and run-now (and by every page when Public is false)
	Public  bool   // dashboard pages readable without the token (true on loopback)
	Reports string // folder of the PDFs (and gemeenten/)
	Logger  *slog.Logger
	// MaxRows caps a JSON or CSV answer of /api/sql (0: 100,000).
	MaxRows int
	// MaxBody caps a request body in bytes (0: 1 MiB).
	MaxBody int64
}

// Server serves the dashboard and the API.
type Server struct {
	cfg     Config
	log     *slog.Logger
	mux     *http.ServeMux
	metrics metrics
}

// New builds a server's handlers.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxRows <= 0 {
		cfg.MaxRows = 100_000
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 1 << 20
	}
	s := &Server{cfg: cfg, log: cfg.Logger, mux: http.NewServeMux()}
	s.routes()
	return s
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.mux.ServeHTTP(w, r)
}

func (s *Server) routes() {
	page := func(h http.HandlerFunc) http.Handler {
		if s.cfg.Public {
			return h
		}
		return s.auth(h)
	}
	s.mux.Handle("GET /{$}", page(s.national))
	s.mux.Handle("GET /akkoord/{id}", page(s.accord))
	s.mux.Handle("GET /gemeente/{code}", page(s.gemeente))
	s.mux.Handle("GET /runs", page(s.runs))
	s.mux.Handle("GET /loads", page(s.loads))
	s.mux.Handle("GET /rapporten/{file}", page(s.pdf))
	s.mux.Handle("GET /rapporten/gemeenten/{file}", page(s.pdf))
	s.mux.Handle("GET /svg/{kind}/{id}/{n}", page(s.svg))
	s.mux.Handle("POST /api/sql", s.auth(http.HandlerFunc(s.sql)))
	s.mux.Handle("POST /api/run/{job}", s.auth(http.HandlerFunc(s.runNow)))
	s.mux.Handle("GET /api/runs", s.auth(http.HandlerFunc(s.apiRuns)))
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.Handle("GET /metrics", page(s.prometheus))
}

// auth lets a request through with the token: an Authorization bearer
// header, or a form field "token" (the dashboard's run-now button).
func (s *Server) auth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		given, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok && r.Method == http.MethodPost {
			given = r.PostFormValue("token")
		}
		if s.cfg.Token == "" || subtle.ConstantTimeCompare([]byte(given), []byte(s.cfg.Token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="lpa"`)
			writeError(w, http.StatusUnauthorized, "the token is missing or wrong: send Authorization: Bearer <token> (lpa serve --token shows it)")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// IsLoopback reports whether a listen address only serves this machine.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// writeError answers with a status and a plain message: the one place that
// maps the service's errors to HTTP.
func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(msg + "\n"))
}

// statusOf maps an error of the guarded read path to an HTTP status.
func statusOf(err error) int {
	var ue query.ErrUsage
	switch {
	case errors.Is(err, query.ErrQueryTooLong):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, query.ErrRefused), errors.Is(err, query.ErrEmptyQuery), errors.As(err, &ue):
		return http.StatusBadRequest
	case errors.Is(err, query.ErrTimeout):
		return http.StatusGatewayTimeout
	case errors.Is(err, query.ErrMemory):
		return http.StatusServiceUnavailable
	case errors.Is(err, query.ErrTooManyRows):
		return http.StatusRequestEntityTooLarge
	case strings.Contains(err.Error(), "Error: "): // DuckDB's own: a syntax, binder or catalog error
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

// metrics counts the queries of /api/sql.
type metrics struct {
	mu      sync.Mutex
	queries map[int]int64 // by HTTP status
	buckets []float64     // seconds
	counts  []int64       // per bucket (cumulative at scrape)
	sum     float64
	n       int64
}

var latencyBuckets = []float64{0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30}

func (m *metrics) observe(status int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.queries == nil {
		m.queries = map[int]int64{}
		m.counts = make([]int64, len(latencyBuckets))
	}
	m.queries[status]++
	sec := d.Seconds()
	for i, b := range latencyBuckets {
		if sec <= b {
			m.counts[i]++
		}
	}
	m.sum += sec
	m.n++
}
