package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
	"golang.org/x/sync/errgroup"
	"golang.org/x/term"

	"lpa/examples"
	"lpa/pipeline"
	"lpa/pipeline/query"
	"lpa/pipeline/web"
)

// serveConfig is lpa serve's configuration file (YAML).
type serveConfig struct {
	Listen       string     `yaml:"listen"`
	FlightListen string     `yaml:"flight_listen"`
	Warehouse    string     `yaml:"warehouse"`
	Inbox        []string   `yaml:"inbox"`
	Reports      string     `yaml:"reports"`
	Snapshot     string     `yaml:"snapshot"`
	Lake         string     `yaml:"lake"`
	Gemeenten    bool       `yaml:"gemeenten"`
	National     bool       `yaml:"national"`
	MemoryLimit  string     `yaml:"memory_limit"`
	QueryTimeout string     `yaml:"query_timeout"`
	MaxRows      int        `yaml:"max_rows"`
	RunTimeout   string     `yaml:"run_timeout"`
	Retries      int        `yaml:"retries"`
	Backoff      string     `yaml:"backoff"`
	CatchUp      bool       `yaml:"catch_up"`
	Jobs         []serveJob `yaml:"jobs"`
}

type serveJob struct {
	Name     string   `yaml:"name"`
	Cron     string   `yaml:"cron"`
	Peildata []string `yaml:"peildata"`
}

// defaultInbox is the example schedule's inbox: the examples folder of a
// clone of the repository.
const defaultInbox = "examples"

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// defaultServeConfig is the bundled example schedule: on loopback, the
// example data as the inbox, every day at 06:00 the whole cycle.
const defaultServeConfig = `# lpa serve: the scheduled evaluation service (lpa serve --config FILE)
# Times are Europe/Amsterdam. Paths are relative to the folder lpa serve starts in.

listen: 127.0.0.1:8321    # loopback; on any other address every page asks for the token too
flight_listen: 127.0.0.1:8322 # Arrow Flight SQL for ADBC and JDBC clients (same token, plain gRPC); "": off
warehouse: out/lpa.duckdb # lpa serve owns it while it runs; lpa sql then goes through the server
inbox: [` + defaultInbox + `]         # folders whose new or changed files the load job loads
reports: out/rapporten    # the reports of each round (and gemeenten/)
snapshot: out/snapshot    # after each successful run: a copy for R, Python or the DuckDB CLI
                          # (lpa.duckdb and every public view as Parquet); "": none
lake: out/lake            # the Parquet lake the export job writes (as lpa export --parquet)
gemeenten: true           # a report per gemeente too
national: true            # the national factsheet of each round too (landelijk-DATE.pdf)
memory_limit: ""          # DuckDB's memory ("": a quarter of the machine's)
query_timeout: 30s        # of one query of /api/sql
max_rows: 100000          # of one answer of /api/sql
run_timeout: 2h           # of one run of a job
retries: 3                # of a run that failed on a passing problem (a busy or full disk)
backoff: 1m               # before the first retry, doubled each time
catch_up: true            # on start, run the latest run each job missed while lpa serve was down

jobs:                     # load | compute | report | cycle (load -> compute -> report) | export
  - name: cycle
    cron: "0 6 * * *"     # minute hour day month weekday: every day at 06:00
    peildata: []          # explicit rounds (YYYY-MM-DD); a run uses the latest on or before its day, else the day
  - name: export          # the Parquet lake (lake:): only the partitions that changed are written
    cron: "30 6 * * *"
`

func (e *env) cmdServe(ctx context.Context, args []string) error {
	fs := newFlagSet("serve")
	configPath := fs.String("config", "", "the configuration `FILE` (YAML; default: the one --print-config writes)")
	printConfig := fs.Bool("print-config", false, "write the default configuration, with comments, and stop")
	showToken := fs.Bool("token", false, "print the API token (created on the first start) and stop")
	listen := fs.String("listen", "", "listen on `ADDR` instead of the configuration's (e.g. 127.0.0.1:8321)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return noArgs(fs)
	}
	if *printConfig {
		fmt.Fprint(e.stdout, defaultServeConfig)
		return nil
	}
	cfg, err := readServeConfig(*configPath)
	if err != nil {
		return err
	}
	if e.dbSet {
		cfg.Warehouse = e.db
	}
	if *listen != "" {
		cfg.Listen = *listen
	}
	token, tokenPath, err := serveToken(cfg.Warehouse)
	if err != nil {
		return err
	}
	if *showToken {
		fmt.Fprintln(e.stdout, token)
		return nil
	}
	sched, lim, mem, err := cfg.schedule()
	if err != nil {
		return err
	}
	if *configPath == "" && !isDir(defaultInbox) {
		// The example schedule away from the repository: its inbox is
		// the example data built into lpa.
		sched.Inbox, sched.InboxFS = nil, examples.FS
		fmt.Fprintf(e.stdout, "lpa serve: no %s/ folder here: the inbox is the example data built into lpa (set inbox: in a configuration for yours)\n", defaultInbox)
	}
	e.db = cfg.Warehouse
	logger := serveLogger(e.stderr)
	procs := runtime.GOMAXPROCS(0)
	if os.Getenv("GOMAXPROCS") == "" {
		// Twice as many Go processors as cores: a job's goroutines hold
		// theirs while they parse or wait for the collector, and the
		// readers of /api/sql and Flight SQL still find one free.
		runtime.GOMAXPROCS(2 * procs)
	}
	p, err := pipeline.Open(ctx, pipeline.Warehouse{Path: cfg.Warehouse, MemoryLimit: mem},
		pipeline.Config{Logger: logger, Version: version(),
			Workers: max(1, procs-1)}) // a core stays free for the readers
	if err != nil {
		return err
	}
	defer p.Close()
	svc, err := pipeline.NewService(p, sched, nil, nil)
	if err != nil {
		return usageError{"config: " + err.Error()}
	}
	dash := pipeline.NewDashboard(p, svc)
	srv := web.New(web.Config{Source: dash, SQL: dash.SQL(lim), Token: token, Public: web.IsLoopback(cfg.Listen),
		Reports: cfg.Reports, Logger: logger, MaxRows: cfg.MaxRows})
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Listen, err)
	}
	url := "http://" + ln.Addr().String()
	flight, err := startFlight(cfg.FlightListen, dash.SQL(lim)(query.Arrow), token, logger)
	if err != nil {
		ln.Close()
		return err
	}
	// The address file: the HTTP address (lpa sql and lpa runs ask there),
	// then the Flight SQL one.
	addrFile := cfg.Warehouse + ".serve"
	if err := os.WriteFile(addrFile, []byte(url+"\n"+flight.url()), 0o600); err != nil {
		ln.Close()
		flight.close()
		return err
	}
	defer os.Remove(addrFile)
	fmt.Fprintf(e.stdout, "lpa serve: dashboard on %s/ ; the API token is in %s (lpa serve --token shows it)\n", url, tokenPath)
	flight.announce(e.stdout, cfg.FlightListen)
	if !web.IsLoopback(cfg.Listen) {
		fmt.Fprintf(e.stdout, "lpa serve: listening beyond this machine (%s): every page asks for the token\n", cfg.Listen)
	}
	if err := svc.Start(ctx); err != nil {
		ln.Close()
		flight.close()
		return err
	}
	if first, err := p.Rounds(ctx); err == nil && len(first) == 0 && len(sched.Jobs) > 0 {
		// A new warehouse: the first run now, so that the dashboard has a round.
		_ = svc.RunNow(sched.Jobs[0].Name)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute,
		WriteTimeout: 10 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	if flight != nil {
		g.Go(flight.serve)
	}
	g.Go(func() error {
		<-gctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		herr := hs.Shutdown(sctx)
		flight.stop()
		return errors.Join(herr, svc.Stop())
	})
	err = g.Wait()
	fmt.Fprintln(e.stdout, "lpa serve: stopped")
	if ctx.Err() != nil && err == nil {
		return nil // SIGTERM or SIGINT: a clean stop
	}
	return err
}

func serveLogger(w io.Writer) *slog.Logger {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// readServeConfig reads the configuration file over the defaults.
func readServeConfig(path string) (*serveConfig, error) {
	var cfg serveConfig
	if err := yaml.Unmarshal([]byte(defaultServeConfig), &cfg); err != nil {
		panic(err) // the embedded default is broken
	}
	if path == "" {
		return &cfg, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, usageError{fmt.Sprintf("config %s: %v", path, err)}
	}
	cfg.Jobs = nil
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil {
		return nil, usageError{fmt.Sprintf("config %s: %s (lpa serve --print-config shows every key)", path, yamlMessage(err))}
	}
	return &cfg, nil
}

// yamlMessage is a YAML decoding error without the decoder's package
// prefix and Go type names.
func yamlMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.Replace(msg, "unmarshal errors:\n  ", "", 1)
	msg = strings.ReplaceAll(msg, " in type main.serveConfig", "")
	msg = strings.ReplaceAll(msg, " in type main.serveJob", " in a job")
	return strings.NewReplacer("[]main.serveJob", "a list of jobs", "main.serveJob", "a job", "main.serveConfig", "a configuration").Replace(msg)
}

// schedule turns the configuration into the service's schedule and limits.
func (c *serveConfig) schedule() (pipeline.Schedule, query.Limits, int64, error) {
	dur := func(name, s string) (time.Duration, error) {
		if s == "" {
			return 0, nil
		}
		d, err := time.ParseDuration(s)
		if err != nil || d < 0 {
			return 0, usageError{fmt.Sprintf("config %s %q: expected a duration such as 30s, 5m or 2h", name, s)}
		}
		return d, nil
	}
	s := pipeline.Schedule{Inbox: c.Inbox, OutDir: c.Reports, Snapshot: c.Snapshot, Lake: c.Lake, Gemeenten: c.Gemeenten, National: c.National, Retries: c.Retries, CatchUp: c.CatchUp}
	var err error
	if s.Backoff, err = dur("backoff", c.Backoff); err != nil {
		return s, query.Limits{}, 0, err
	}
	if s.RunTimeout, err = dur("run_timeout", c.RunTimeout); err != nil {
		return s, query.Limits{}, 0, err
	}
	qt, err := dur("query_timeout", c.QueryTimeout)
	if err != nil {
		return s, query.Limits{}, 0, err
	}
	for _, j := range c.Jobs {
		spec := pipeline.JobSpec{Name: j.Name, Cron: j.Cron}
		for _, d := range j.Peildata {
			t, err := time.Parse(time.DateOnly, d)
			if err != nil {
				return s, query.Limits{}, 0, usageError{fmt.Sprintf("config job %s: peildatum %q: expected YYYY-MM-DD", j.Name, d)}
			}
			spec.Peildata = append(spec.Peildata, t)
		}
		s.Jobs = append(s.Jobs, spec)
	}
	if err := s.Validate(); err != nil {
		return s, query.Limits{}, 0, usageError{"config: " + err.Error()}
	}
	mem := defaultSQLMemory()
	if c.MemoryLimit != "" {
		if mem, err = parseSize(c.MemoryLimit); err != nil {
			return s, query.Limits{}, 0, usageError{"config memory_limit: " + err.Error()}
		}
	}
	return s, query.Limits{Timeout: qt, MaxRows: c.MaxRows}, mem, nil
}

// serveToken reads the API token kept beside the warehouse, or creates it
// (32 random bytes, mode 0600) on the first start.
func serveToken(warehouse string) (token, path string, err error) {
	path = warehouse + ".token"
	if b, err := os.ReadFile(path); err == nil {
		if t := strings.TrimSpace(string(b)); len(t) >= 32 {
			return t, path, nil
		}
	}
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return "", "", err
	}
	token = hex.EncodeToString(buf)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", "", err
	}
	if err := os.WriteFile(path, []byte(token+"\n"), 0o600); err != nil {
		return "", "", err
	}
	return token, path, nil
}
