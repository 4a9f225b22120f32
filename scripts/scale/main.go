// Command scale measures how lpa's cost grows with the data: for each
// factor it generates a synthetic data set of that many times today's real
// volume (scripts/scale/synth: the layouts of ../shared/data, more
// editions, age groups and years), then runs every stage as its own lpa
// process on a fresh warehouse and measures its wall time, CPU time and
// peak RSS:
//
//	load      lpa --db W load DATA
//	compute   lpa --db W compute --round 2020-11-01        (14 accords, every gemeente)
//	report    lpa --db W report --round ... --gemeenten    (the burst: accords and gemeenten)
//	national  lpa --db W report --round ... --national
//	export    lpa --db W export --parquet LAKE
//
// It prints the table (factor x stage, with the ratio to the first factor)
// and writes it as Markdown and JSON. Not a test: 10x takes a while. On a
// shared machine, -repeat N runs each stage N times from the same state
// and keeps the fastest run.
//
//	go run ./scripts/scale                         # factors 1,3,10
//	go run ./scripts/scale -factors 1,3 -results out/scale
//	go run ./scripts/scale -repeat 3
//
// The bar of issue 13: at 10x the volume each stage takes at most 10x the
// time and peak memory stays under 4 GB. The exit status is 1 when a bar
// is missed.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"lpa/scripts/scale/synth"
)

func main() {
	factors := flag.String("factors", "1,3,10", "the volumes to measure, as multiples of today's real data")
	seed := flag.Uint64("seed", 1, "the seed of the synthetic data")
	round := flag.String("round", "2020-11-01", "the round to compute and report (the example registry's peildatum)")
	results := flag.String("results", "out/scale", "the folder for scale.md and scale.json")
	stages := flag.String("stages", strings.Join(allStages, ","), "the stages to run, in this order")
	keep := flag.Bool("keep", false, "keep the temporary folder (data, warehouses, reports, lakes, logs)")
	maxRSS := flag.Float64("max-rss-gb", 4, "the bar for the peak RSS of every stage (GB)")
	repeat := flag.Int("repeat", 1, "run each stage this many times from the same state and keep the fastest run (the highest peak RSS)")
	bin := flag.String("lpa", "", "an lpa binary to measure instead of building ./cmd/lpa")
	flag.Parse()
	cfg := config{round: *round, seed: *seed, results: *results, keep: *keep, maxRSS: *maxRSS * 1e9, lpa: *bin, repeat: max(*repeat, 1)}
	for _, f := range strings.Split(*factors, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || v <= 0 {
			fmt.Fprintf(os.Stderr, "scale: factor %q; expected numbers above 0 such as 1,3,10\n", f)
			os.Exit(2)
		}
		cfg.factors = append(cfg.factors, v)
	}
	for _, s := range strings.Split(*stages, ",") {
		if !contains(allStages, s) {
			fmt.Fprintf(os.Stderr, "scale: stage %q; expected some of %s\n", s, strings.Join(allStages, ","))
			os.Exit(2)
		}
		cfg.stages = append(cfg.stages, s)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ok, err := run(ctx, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
	if !ok {
		os.Exit(1)
	}
}

var allStages = []string{"load", "compute", "report", "national", "export"}

type config struct {
	factors []float64
	stages  []string
	round   string
	seed    uint64
	results string
	keep    bool
	maxRSS  float64
	lpa     string // "": build ./cmd/lpa
	repeat  int
}

// Result is one factor's measurements.
type Result struct {
	Factor     float64  `json:"factor"`
	Files      int      `json:"files"`
	DataBytes  int64    `json:"data_bytes"`
	GenSeconds float64  `json:"generate_seconds"`
	RowsLoaded int64    `json:"rows_loaded"` // sum of loads.rows
	Stored     int64    `json:"rows_stored"` // observations + care_costs + regions
	Warehouse  int64    `json:"warehouse_bytes"`
	Reports    int      `json:"reports"`
	LakeBytes  int64    `json:"lake_bytes"`
	Stages     []*Stage `json:"stages"`
}

// Stage is one lpa process.
type Stage struct {
	Name    string   `json:"stage"`
	Args    []string `json:"args"`
	Wall    float64  `json:"wall_seconds"`
	CPU     float64  `json:"cpu_seconds"` // user + system
	PeakRSS int64    `json:"peak_rss_bytes"`
	// LoadAvg is the machine's 1-minute load average when the stage
	// ended: well above the cores the stage keeps busy (about 2), other
	// work ran meanwhile and the times are inflated.
	LoadAvg float64 `json:"load_average"`
}

func run(ctx context.Context, cfg config) (bool, error) {
	tmp, err := os.MkdirTemp("", "lpa-scale-")
	if err != nil {
		return false, err
	}
	if cfg.keep {
		fmt.Println("folder:", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	lpa := cfg.lpa
	if lpa == "" {
		lpa = filepath.Join(tmp, "lpa")
		step("building lpa")
		if out, err := exec.CommandContext(ctx, "go", "build", "-tags", "duckdb_arrow", "-o", lpa, "./cmd/lpa").CombinedOutput(); err != nil {
			return false, fmt.Errorf("go build: %v\n%s", err, out)
		}
	}
	var results []*Result
	for _, f := range cfg.factors {
		r, err := measure(ctx, cfg, lpa, tmp, f)
		if err != nil {
			return false, fmt.Errorf("factor %g: %w", f, err)
		}
		results = append(results, r)
		printTable(os.Stdout, results)
	}
	ok, verdict := judge(cfg, results)
	fmt.Println(verdict)
	if err := os.MkdirAll(cfg.results, 0o755); err != nil {
		return false, err
	}
	var md bytes.Buffer
	writeMarkdown(&md, cfg, results, verdict)
	if err := os.WriteFile(filepath.Join(cfg.results, "scale.md"), md.Bytes(), 0o644); err != nil {
		return false, err
	}
	js, err := json.MarshalIndent(map[string]any{"machine": machine(), "round": cfg.round, "seed": cfg.seed, "results": results}, "", "  ")
	if err != nil {
		return false, err
	}
	if err := os.WriteFile(filepath.Join(cfg.results, "scale.json"), append(js, '\n'), 0o644); err != nil {
		return false, err
	}
	fmt.Printf("wrote %s and %s\n", filepath.Join(cfg.results, "scale.md"), filepath.Join(cfg.results, "scale.json"))
	return ok, nil
}

// measure generates the data of one factor and runs the stages on a fresh
// warehouse.
func measure(ctx context.Context, cfg config, lpa, tmp string, factor float64) (*Result, error) {
	name := "x" + strconv.FormatFloat(factor, 'g', -1, 64)
	data := filepath.Join(tmp, name, "data")
	db := filepath.Join(tmp, name, "w.duckdb")
	reports := filepath.Join(tmp, name, "rapporten")
	national := filepath.Join(tmp, name, "landelijk")
	lake := filepath.Join(tmp, name, "lake")
	logs := filepath.Join(tmp, name, "logs")
	if err := os.MkdirAll(logs, 0o755); err != nil {
		return nil, err
	}
	step(fmt.Sprintf("%s: generating the data", name))
	start := time.Now()
	s, err := synth.Generate(ctx, data, synth.Options{Factor: factor, Seed: cfg.seed})
	if err != nil {
		return nil, err
	}
	r := &Result{Factor: factor, Files: len(s.Files), GenSeconds: time.Since(start).Seconds()}
	for _, f := range s.Files {
		r.DataBytes += f.Bytes
	}
	fmt.Printf("  %d files, %.0f MB, %d rows, %s\n", r.Files, float64(r.DataBytes)/1e6, s.Cells, time.Since(start).Round(time.Second))
	args := map[string][]string{
		"load":     {"--db", db, "load", data},
		"compute":  {"--db", db, "compute", "--round", cfg.round},
		"report":   {"--db", db, "report", "--round", cfg.round, "--gemeenten", "--out", reports},
		"national": {"--db", db, "report", "--round", cfg.round, "--national", "--out", national},
		"export":   {"--db", db, "export", "--parquet", lake},
	}
	outputs := map[string]string{"report": reports, "national": national, "export": lake}
	for _, st := range cfg.stages {
		step(fmt.Sprintf("%s: %s", name, st))
		var best *Stage
		for rep := range cfg.repeat {
			// Every run of a stage starts from the same warehouse and
			// output: the one the stage before left.
			if cfg.repeat > 1 {
				if err := snapshot(db, rep == 0); err != nil {
					return nil, err
				}
				if rep > 0 && outputs[st] != "" {
					if err := os.RemoveAll(outputs[st]); err != nil {
						return nil, err
					}
				}
				if st == "load" {
					os.Remove(db) // a fresh warehouse each time
					os.Remove(db + ".wal")
				}
			}
			m, err := runStage(ctx, lpa, st, args[st], filepath.Join(logs, fmt.Sprintf("%s-%d.log", st, rep+1)))
			if err != nil {
				return nil, err
			}
			fmt.Printf("  %.1f s wall, %.1f s CPU, %.0f MB peak RSS, load average %.1f\n", m.Wall, m.CPU, float64(m.PeakRSS)/1e6, m.LoadAvg)
			if best == nil {
				best = m
				continue
			}
			// The fastest run counts (the others met more of whatever else
			// ran), and the highest peak.
			best.Wall, best.CPU = min(best.Wall, m.Wall), min(best.CPU, m.CPU)
			best.PeakRSS, best.LoadAvg = max(best.PeakRSS, m.PeakRSS), min(best.LoadAvg, m.LoadAvg)
		}
		os.Remove(db + ".before")
		os.Remove(db + ".wal.before")
		r.Stages = append(r.Stages, best)
	}
	if n, err := query(ctx, lpa, db, "SELECT sum(rows) FROM loads"); err == nil {
		r.RowsLoaded = n
	}
	if n, err := query(ctx, lpa, db, "SELECT (SELECT count(*) FROM observations) + (SELECT count(*) FROM care_costs) + (SELECT count(*) FROM regions)"); err == nil {
		r.Stored = n
	}
	r.Warehouse = size(db) + size(db+".wal")
	r.LakeBytes = size(lake)
	for _, dir := range []string{reports, national} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".pdf") {
				r.Reports++
			}
			return nil
		})
	}
	if !cfg.keep {
		for _, p := range []string{data, reports, national, lake} {
			os.RemoveAll(p)
		}
	}
	return r, nil
}

// runStage runs lpa with args, its output into log, and measures it.
func runStage(ctx context.Context, lpa, name string, args []string, log string) (*Stage, error) {
	f, err := os.Create(log)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cmd := exec.CommandContext(ctx, lpa, args...)
	cmd.Stdout, cmd.Stderr = f, f
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if err != nil {
		tail, _ := os.ReadFile(log)
		if len(tail) > 2000 {
			tail = tail[len(tail)-2000:]
		}
		return nil, fmt.Errorf("lpa %s: %v\n%s", strings.Join(args, " "), err, tail)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return nil, errors.New("no resource usage on this system")
	}
	return &Stage{Name: name, Args: args, Wall: wall.Seconds(),
		CPU:     time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds(),
		PeakRSS: ru.Maxrss * 1024, // KiB on Linux
		LoadAvg: loadAverage(),
	}, nil
}

// loadAverage is the 1-minute load average (0 where /proc has none).
func loadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	var v float64
	fmt.Sscanf(string(b), "%f", &v)
	return v
}

// snapshot keeps a copy of the warehouse and its WAL (take) or puts the
// copy back, so that each run of a stage starts from the same state. A
// file that is not there (no warehouse before the load, no WAL after a
// clean close) is not there afterwards either.
func snapshot(db string, take bool) error {
	for _, f := range []string{db, db + ".wal"} {
		from, to := f, f+".before"
		if !take {
			from, to = to, from
		}
		if err := os.Remove(to); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		in, err := os.Open(from)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		out, err := os.Create(to)
		if err == nil {
			_, err = io.Copy(out, in)
			err = errors.Join(err, out.Close())
		}
		in.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// query runs a one-number query with lpa sql.
func query(ctx context.Context, lpa, db, q string) (int64, error) {
	out, err := exec.CommandContext(ctx, lpa, "--db", db, "sql", "--format", "csv", q).Output()
	if err != nil {
		return 0, err
	}
	lines := strings.Fields(string(out))
	if len(lines) < 2 {
		return 0, fmt.Errorf("lpa sql %q: %q", q, out)
	}
	return strconv.ParseInt(lines[len(lines)-1], 10, 64)
}

func size(path string) int64 {
	var n int64
	filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if info, err := d.Info(); err == nil && !d.IsDir() {
			n += info.Size()
		}
		return nil
	})
	return n
}

// judge checks the bars: at the largest factor each stage takes at most
// as many times its time at the first factor as there are times the rows
// (CPU time and wall time; wall time also depends on what else runs on
// the machine), and every stage's peak RSS stays under the limit.
func judge(cfg config, rs []*Result) (bool, string) {
	if len(rs) < 2 {
		return true, "one factor: nothing to compare"
	}
	first, last := rs[0], rs[len(rs)-1]
	volume := float64(last.RowsLoaded) / float64(max(first.RowsLoaded, 1))
	ok := true
	var b strings.Builder
	fmt.Fprintf(&b, "%gx against %gx: %.2fx the rows loaded\n", last.Factor, first.Factor, volume)
	for i, st := range last.Stages {
		base := first.Stages[i]
		cpu, wall := st.CPU/base.CPU, st.Wall/base.Wall
		var missed []string
		if cpu > volume {
			missed = append(missed, "CPU time grows faster than the rows")
		}
		if wall > volume {
			missed = append(missed, "wall time grows faster than the rows")
		}
		peak := int64(0)
		for _, r := range rs {
			peak = max(peak, r.Stages[i].PeakRSS)
		}
		if float64(peak) > cfg.maxRSS {
			missed = append(missed, fmt.Sprintf("peak RSS over %.0f GB", cfg.maxRSS/1e9))
		}
		verdict := "ok"
		if len(missed) > 0 {
			verdict, ok = "MISSED: "+strings.Join(missed, ", "), false
		}
		fmt.Fprintf(&b, "  %-8s CPU %5.2fx, wall %5.2fx, peak RSS %6.0f MB: %s\n", st.Name, cpu, wall, float64(st.PeakRSS)/1e6, verdict)
	}
	return ok, strings.TrimRight(b.String(), "\n")
}

func printTable(w *os.File, rs []*Result) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "factor\tstage\twall s\tCPU s\tpeak RSS MB\twall ×\tCPU ×\tRSS ×\t")
	for _, r := range rs {
		for i, st := range r.Stages {
			b := rs[0].Stages[i]
			fmt.Fprintf(tw, "%gx\t%s\t%.1f\t%.1f\t%.0f\t%.2f\t%.2f\t%.2f\t\n", r.Factor, st.Name, st.Wall, st.CPU, float64(st.PeakRSS)/1e6,
				st.Wall/b.Wall, st.CPU/b.CPU, float64(st.PeakRSS)/float64(b.PeakRSS))
		}
	}
	tw.Flush()
}

func writeMarkdown(b *bytes.Buffer, cfg config, rs []*Result, verdict string) {
	flags := "-factors " + joinFactors(cfg.factors)
	if cfg.repeat > 1 {
		flags += fmt.Sprintf(" -repeat %d", cfg.repeat)
	}
	fmt.Fprintf(b, "Measured by `go run ./scripts/scale %s` (seed %d, round %s) on %s, %s.\n\n",
		flags, cfg.seed, cfg.round, machine(), time.Now().Format("2006-01-02"))
	fmt.Fprintln(b, "| factor | files | data MB | rows loaded | rows stored | warehouse MB | reports | lake MB |")
	fmt.Fprintln(b, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range rs {
		fmt.Fprintf(b, "| %gx | %d | %.0f | %s | %s | %.0f | %d | %.0f |\n", r.Factor, r.Files, float64(r.DataBytes)/1e6,
			thousands(r.RowsLoaded), thousands(r.Stored), float64(r.Warehouse)/1e6, r.Reports, float64(r.LakeBytes)/1e6)
	}
	fmt.Fprintln(b)
	fmt.Fprintln(b, "| factor | stage | wall s | CPU s | peak RSS MB | wall × | CPU × | RSS × | load avg |")
	fmt.Fprintln(b, "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, r := range rs {
		for i, st := range r.Stages {
			base := rs[0].Stages[i]
			fmt.Fprintf(b, "| %gx | %s | %.1f | %.1f | %.0f | %.2f | %.2f | %.2f | %.1f |\n", r.Factor, st.Name, st.Wall, st.CPU,
				float64(st.PeakRSS)/1e6, st.Wall/base.Wall, st.CPU/base.CPU, float64(st.PeakRSS)/float64(base.PeakRSS), st.LoadAvg)
		}
	}
	fmt.Fprintf(b, "\n```\n%s\n```\n", verdict)
}

func joinFactors(factors []float64) string {
	var s []string
	for _, f := range factors {
		s = append(s, strconv.FormatFloat(f, 'g', -1, 64))
	}
	return strings.Join(s, ",")
}

func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func machine() string {
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		fmt.Sscanf(strings.TrimPrefix(strings.SplitN(string(b), "\n", 2)[0], "MemTotal:"), "%d", &kb)
		mem = fmt.Sprintf(", %.0f GiB", float64(kb)/(1<<20))
	}
	return fmt.Sprintf("%s/%s, %d cores%s", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), mem)
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func step(s string) { fmt.Printf("%s  %s\n", time.Now().Format("15:04:05"), s) }
