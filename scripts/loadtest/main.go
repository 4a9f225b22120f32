// Command loadtest measures lpa serve under load: it builds lpa, makes a
// warehouse of the bundled examples, starts lpa serve with a load job due
// every minute whose inbox is the real data (../shared/data), and, from the
// moment that scheduled load starts, lets concurrent clients send point
// and aggregate queries to POST /api/sql for a while. It prints the
// latencies per kind of query (during the load and after it), the errors,
// and how long the load took.
//
//	go run ./scripts/loadtest                 # 32 clients, 60 s, 100 ms mean pause
//	go run ./scripts/loadtest -think 0        # back to back: the saturated server
//	go run ./scripts/loadtest -clients 8 -duration 20s -data DIR
//
// The bars of the service issue: zero errors, p99 of point queries sent
// while the load runs at most 50 ms, and the load finishes. The exit status is 1 when a bar is missed.
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	queries "lpa/sql/loadtest"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
)

func main() {
	clients := flag.Int("clients", 32, "concurrent clients")
	duration := flag.Duration("duration", 60*time.Second, "how long the clients send queries, from the start of the load")
	data := flag.String("data", "../shared/data", "the folder the scheduled load reads")
	pointShare := flag.Float64("point", 0.8, "the share of point queries; the rest are aggregates")
	maxP99 := flag.Duration("max-p99", 50*time.Millisecond, "the bar for the p99 of point queries")
	think := flag.Duration("think", 100*time.Millisecond, "a client's mean pause between its queries (exponentially distributed; 0: back to back, which measures the saturated server)")
	keep := flag.Bool("keep", false, "keep the temporary folder (warehouse, config, server log)")
	bin := flag.String("lpa", "", "run this lpa binary instead of building one from the tree (to compare two builds)")
	timeline := flag.Bool("timeline", false, "also print, per second from the start of the load, the point queries' count, p50, p99 and max")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, config{*clients, *duration, *data, *pointShare, *maxP99, *think, *keep, *timeline, *bin}); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

type config struct {
	clients    int
	duration   time.Duration
	data       string
	pointShare float64
	maxP99     time.Duration
	think      time.Duration
	keep       bool
	timeline   bool
	bin        string
}

func run(ctx context.Context, cfg config) error {
	if _, err := os.Stat(cfg.data); err != nil {
		return fmt.Errorf("the data to load: %w (give -data DIR)", err)
	}
	data, err := filepath.Abs(cfg.data)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "lpa-loadtest-")
	if err != nil {
		return err
	}
	if cfg.keep {
		fmt.Println("folder:", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	lpa := filepath.Join(dir, "lpa")
	if cfg.bin != "" {
		if lpa, err = filepath.Abs(cfg.bin); err != nil {
			return err
		}
	} else {
		step("building lpa")
		if err := command(ctx, "go", "build", "-tags", "duckdb_arrow", "-o", lpa, "./cmd/lpa"); err != nil {
			return err
		}
	}
	db := filepath.Join(dir, "w.duckdb")
	step("a warehouse of the bundled examples (lpa run)")
	if err := command(ctx, lpa, "--db", db, "run", "--out", filepath.Join(dir, "rapporten")); err != nil {
		return err
	}
	conf := filepath.Join(dir, "lpa.yaml")
	yaml := fmt.Sprintf(`listen: 127.0.0.1:0
warehouse: %q
inbox: [%q]
reports: %q
snapshot: ""
query_timeout: 30s
retries: 0
catch_up: false
jobs:
  - name: load
    cron: "* * * * *"
`, db, data, filepath.Join(dir, "rapporten"))
	if err := os.WriteFile(conf, []byte(yaml), 0o600); err != nil {
		return err
	}
	srv, err := startServe(ctx, lpa, conf, filepath.Join(dir, "serve.log"))
	if err != nil {
		return err
	}
	defer srv.stop()
	c := &client{url: srv.url, token: srv.token, http: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: cfg.clients}}}

	points, err := c.pointQueries(ctx)
	if err != nil {
		return err
	}
	step("waiting for the scheduled load (due at the next minute)")
	loadID, err := c.waitRun(ctx, "load", func(r runRow) bool { return true }, 2*time.Minute)
	if err != nil {
		return err
	}
	loadStart := time.Now()
	step(fmt.Sprintf("load run %d started; %d clients for %s", loadID, cfg.clients, cfg.duration))

	var (
		mu      sync.Mutex
		samples []sample
		loadEnd time.Time
	)
	done := make(chan struct{})
	go func() { // watches the load run
		defer close(done)
		id, err := c.waitRun(ctx, "load", func(r runRow) bool { return r.ID == loadID && r.Status != "running" }, 30*time.Minute)
		mu.Lock()
		loadEnd = time.Now()
		mu.Unlock()
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadtest: the load run:", err)
		}
		_ = id
	}()
	qctx, cancel := context.WithTimeout(ctx, cfg.duration)
	defer cancel()
	var wg sync.WaitGroup
	for i := range cfg.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(i), 42))
			var own []sample
			for qctx.Err() == nil {
				kind, q := "aggregate", aggregates[rng.IntN(len(aggregates))]
				if rng.Float64() < cfg.pointShare {
					kind, q = "point", points[rng.IntN(len(points))]
				}
				t0 := time.Now()
				err := c.sql(qctx, q)
				if qctx.Err() != nil {
					break // the end of the test, not an error
				}
				own = append(own, sample{kind: kind, at: t0, took: time.Since(t0), err: err})
				if cfg.think > 0 {
					select {
					case <-qctx.Done():
					case <-time.After(time.Duration(rng.ExpFloat64() * float64(cfg.think))):
					}
				}
			}
			mu.Lock()
			samples = append(samples, own...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	step("clients stopped; waiting for the load to finish")
	select {
	case <-done:
	case <-ctx.Done():
		return ctx.Err()
	}
	final, err := c.runByID(ctx, loadID)
	if err != nil {
		return err
	}
	if cfg.timeline {
		printTimeline(samples, loadStart, loadEnd)
	}
	return report(cfg, samples, loadStart, loadEnd, final)
}

// printTimeline prints the point queries second by second: where in the
// load the slow ones fall.
func printTimeline(samples []sample, loadStart, loadEnd time.Time) {
	bySecond := map[int][]time.Duration{}
	last := 0
	for _, s := range samples {
		if s.kind != "point" || s.err != nil {
			continue
		}
		sec := int(s.at.Sub(loadStart) / time.Second)
		bySecond[sec] = append(bySecond[sec], s.took)
		last = max(last, sec)
	}
	fmt.Printf("\n%6s %7s %8s %8s %8s\n", "second", "points", "p50", "p99", "max")
	for sec := 0; sec <= last; sec++ {
		ds := bySecond[sec]
		slices.Sort(ds)
		mark := ""
		if loadStart.Add(time.Duration(sec+1)*time.Second).After(loadEnd) && loadStart.Add(time.Duration(sec)*time.Second).Before(loadEnd) {
			mark = "  ← the load ends"
		}
		fmt.Printf("%6d %7d %8s %8s %8s%s\n", sec, len(ds), pct(ds, 50), pct(ds, 99), pct(ds, 100), mark)
	}
}

// aggregates scan whole views: the work an analyst's dashboard query does
// (sql/loadtest/aggregate_*.sql).
var aggregates = func() []string {
	names, err := fs.Glob(queries.FS, "aggregate_*.sql")
	if err != nil || len(names) == 0 {
		panic("no aggregate queries in sql/loadtest")
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = statement(n)
	}
	return out
}()

// statement is the SQL of the file name in sql/loadtest.
func statement(name string) string {
	b, err := fs.ReadFile(queries.FS, name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

type sample struct {
	kind string
	at   time.Time
	took time.Duration
	err  error
}

// report prints the figures and checks the bars.
func report(cfg config, samples []sample, loadStart, loadEnd time.Time, final runRow) error {
	fmt.Printf("\nload run %d: %s in %s (%d files); %d clients (mean pause %s), %s from the start of the load\n",
		final.ID, final.Status, loadEnd.Sub(loadStart).Round(100*time.Millisecond), final.Loads, cfg.clients, cfg.think, cfg.duration)
	fmt.Printf("%-10s %-12s %7s %7s %8s %8s %8s %8s %8s\n", "kind", "when", "queries", "errors", "q/s", "p50", "p95", "p99", "max")
	var failures []string
	for _, kind := range []string{"point", "aggregate"} {
		for _, when := range []string{"during load", "after load", "all"} {
			var ds []time.Duration
			errs := 0
			var first, last time.Time
			for _, s := range samples {
				during := s.at.Before(loadEnd)
				if s.kind != kind || (when == "during load" && !during) || (when == "after load" && during) {
					continue
				}
				if s.err != nil {
					errs++
					if len(failures) < 5 {
						failures = append(failures, s.err.Error())
					}
					continue
				}
				ds = append(ds, s.took)
				if first.IsZero() || s.at.Before(first) {
					first = s.at
				}
				if end := s.at.Add(s.took); end.After(last) {
					last = end
				}
			}
			if len(ds) == 0 && errs == 0 {
				continue
			}
			slices.Sort(ds)
			rate := float64(len(ds)) / last.Sub(first).Seconds()
			fmt.Printf("%-10s %-12s %7d %7d %8.1f %8s %8s %8s %8s\n", kind, when, len(ds), errs, rate,
				pct(ds, 50), pct(ds, 95), pct(ds, 99), pct(ds, 100))
			if kind == "point" && when == "during load" && len(ds) > 0 && ds[index(len(ds), 99)] > cfg.maxP99 {
				failures = append(failures, fmt.Sprintf("p99 of point queries during the load %s > %s", pct(ds, 99), cfg.maxP99))
			}
		}
	}
	if final.Status != "ok" {
		failures = append(failures, fmt.Sprintf("the load run ended %s: %s", final.Status, final.Error))
	}
	if len(failures) > 0 {
		return fmt.Errorf("bars missed (first failures): %s", strings.Join(slices.Compact(failures), "; "))
	}
	fmt.Println("bars met: no errors, p99 of point queries during the load ≤", cfg.maxP99, "and the load finished")
	return nil
}

func index(n, p int) int { return min(n-1, (n*p+99)/100-1) }

func pct(ds []time.Duration, p int) string {
	if len(ds) == 0 {
		return "–"
	}
	d := ds[index(len(ds), p)]
	return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000)
}

func step(s string) { fmt.Printf("%s  %s\n", time.Now().Format("15:04:05"), s) }

func command(ctx context.Context, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, out.String())
	}
	return nil
}

// server is a running lpa serve.
type server struct {
	cmd        *exec.Cmd
	url, token string
	exited     chan error
}

// startServe starts lpa serve and reads its address from its first line.
func startServe(ctx context.Context, lpa, conf, logFile string) (*server, error) {
	tok, err := exec.CommandContext(ctx, lpa, "serve", "--config", conf, "--token").Output()
	if err != nil {
		return nil, fmt.Errorf("lpa serve --token: %w", err)
	}
	log, err := os.Create(logFile)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(lpa, "serve", "--config", conf)
	cmd.Stderr = log
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, token: strings.TrimSpace(string(tok)), exited: make(chan error, 1)}
	lines := bufio.NewScanner(stdout)
	if lines.Scan() {
		if _, rest, ok := strings.Cut(lines.Text(), "dashboard on "); ok {
			s.url = strings.TrimSuffix(strings.Fields(rest)[0], "/")
		}
	}
	go func() { io.Copy(io.Discard, stdout); s.exited <- cmd.Wait() }()
	if s.url == "" {
		s.stop()
		return nil, fmt.Errorf("lpa serve did not say where it listens (log: %s)", logFile)
	}
	step("lpa serve on " + s.url)
	return s, nil
}

func (s *server) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(time.Minute):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
}
