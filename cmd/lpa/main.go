// Command lpa monitors Dutch local prevention accords: it loads RIVM/GGD
// health-monitor and CBS region data into a DuckDB warehouse, computes
// metrics per accord and writes a PDF report per accord.
//
// Run `lpa help` for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"lpa/examples"
	"lpa/indicators"
	"lpa/pipeline"
	"lpa/pipeline/store"
)

// Exit codes, documented in the usage text.
const (
	exitOK        = 0
	exitError     = 1
	exitUsage     = 2
	exitBadInput  = 3
	exitLocked    = 4
	exitLimit     = 5
	exitCancelled = 130
)

// Defaults: the demo (lpa run) writes here and every command reads here.
const (
	defaultDB     = "out/lpa.duckdb"
	defaultOutDir = "out/rapporten"
)

const usage = `lpa: monitor lokale en regionale preventieakkoorden.

Usage:
  lpa [--db FILE] <command> [flags] [args]

Commands:
  run [--out DIR] [PATH...]   load (the bundled examples when no PATH is given),
                              compute and write the reports: the whole job
  load PATH...                load files or folders (.csv, .csv.gz, .xlsx, .yaml): every
                              kind of source lpa knows (README: Sources lpa reads);
                              all files in one transaction
  compute [--round DATE]      compute every metric as of the peildatum DATE (YYYY-MM-DD;
                              default today, Europe/Amsterdam); recomputing a round
                              replaces only that round
  rounds [--delete DATE]      list the computed rounds, or delete one with its metrics
  report [--out DIR] [--round DATE] [ID...]
                              write one PDF per accord of the round (default: the latest)
                              into DIR (default ` + defaultOutDir + `)
  sql [--format F] [--timeout D] [--memory-limit SIZE] [QUERY]
                              run queries read-only (F: table|csv|json|arrow); without
                              a QUERY: an interactive prompt. Only queries run (SELECT,
                              WITH, VALUES, FROM, DESCRIBE, SHOW, SUMMARIZE, PIVOT,
                              EXPLAIN), no file outside the warehouse is read or
                              written; each stops after D (default 5m, env
                              LPA_SQL_TIMEOUT) or at SIZE of memory (default a quarter
                              of the machine's, env LPA_SQL_MEMORY)
  template [--out DIR]        write the blank process and project templates (.xlsx,
                              .csv, instructions in Dutch; default folder ` + defaultTemplateDir + `)
  init                        create or migrate the warehouse
  version                     print lpa's and the schema's version

Global flags:
  --db FILE   the warehouse (env LPA_DB; default ` + defaultDB + `)

Exit codes: 0 ok, 1 error, 2 usage (also a statement lpa sql refuses),
3 bad input (nothing was loaded), 4 warehouse in use by another process,
5 a query stopped at its time or memory limit, 130 interrupted.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// env carries what commands share.
type env struct {
	db     string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
	now    func() time.Time
	// Load settings (flags of load and run).
	limits           indicators.Limits
	replace, correct bool
}

// run is the whole program behind main, callable from tests.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lpa", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dbDefault := defaultDB
	if v := os.Getenv("LPA_DB"); v != "" {
		dbDefault = v
	}
	db := fs.String("db", dbDefault, "")
	if err := fs.Parse(hoistGlobal(args)); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return exitOK
		}
		fmt.Fprintf(stderr, "lpa: %v\n\n%s", err, usage)
		return exitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	e := &env{db: *db, stdin: stdin, stdout: stdout, stderr: stderr, now: time.Now,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	cmd, rest := fs.Arg(0), fs.Args()[1:]
	var err error
	switch cmd {
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "version":
		fmt.Fprintf(stdout, "lpa %s, warehouse schema %d\n", version(), store.SchemaVersion())
		return exitOK
	case "init":
		err = e.cmdInit(ctx, rest)
	case "load":
		err = e.cmdLoad(ctx, rest)
	case "compute":
		err = e.cmdCompute(ctx, rest)
	case "rounds":
		err = e.cmdRounds(ctx, rest)
	case "report":
		err = e.cmdReport(ctx, rest)
	case "run":
		err = e.cmdRun(ctx, rest)
	case "sql":
		err = e.cmdSQL(ctx, rest)
	case "template":
		err = e.cmdTemplate(ctx, rest)
	default:
		fmt.Fprintf(stderr, "lpa: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
	return e.exitCode(ctx, cmd, err)
}

// usageError marks a wrong invocation (exit 2).
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

// exitCode maps an error to the exit code, printing it once.
func (e *env) exitCode(ctx context.Context, cmd string, err error) int {
	if err == nil {
		return exitOK
	}
	var ue usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "lpa %s: %s\n", cmd, ue.msg)
		return exitUsage
	case ctx.Err() != nil || errors.Is(err, context.Canceled):
		fmt.Fprintf(e.stderr, "lpa %s: interrupted; nothing of the unfinished step was kept\n", cmd)
		return exitCancelled
	case pipeline.IsBadInput(err):
		var pe *pipeline.PathError
		if errors.As(err, &pe) {
			fmt.Fprintf(e.stderr, "lpa %s: refused, nothing was loaded:\n%s\n", cmd, indent(err.Error()))
			return exitBadInput
		}
		fmt.Fprintf(e.stderr, "lpa %s: refused, nothing was loaded and the data in the warehouse is unchanged (the attempt is noted in loads):\n%s\n", cmd, indent(err.Error()))
		return exitBadInput
	case errors.Is(err, store.ErrLocked):
		fmt.Fprintf(e.stderr, "lpa %s: %v\n", cmd, err)
		return exitLocked
	case errors.Is(err, store.ErrRefused), errors.Is(err, store.ErrQueryTooLong), errors.Is(err, store.ErrEmptyQuery):
		fmt.Fprintf(e.stderr, "lpa %s: %v\n", cmd, err)
		return exitUsage
	case errors.Is(err, store.ErrTimeout):
		fmt.Fprintf(e.stderr, "lpa %s: %v; give more time with --timeout (or LPA_SQL_TIMEOUT), e.g. --timeout 30m\n", cmd, err)
		return exitLimit
	case errors.Is(err, store.ErrMemory):
		fmt.Fprintf(e.stderr, "lpa %s: %v; allow more with --memory-limit (or LPA_SQL_MEMORY), e.g. --memory-limit 8GB\n", cmd, err)
		return exitLimit
	}
	fmt.Fprintf(e.stderr, "lpa %s: %v\n", cmd, err)
	return exitError
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}

func (e *env) open(ctx context.Context, readOnly bool) (*store.DB, error) {
	return e.openWith(ctx, store.Options{ReadOnly: readOnly})
}

func (e *env) openWith(ctx context.Context, opt store.Options) (*store.DB, error) {
	if !opt.ReadOnly && e.db != "" && e.db != ":memory:" {
		if err := os.MkdirAll(dirOf(e.db), 0o755); err != nil {
			return nil, err
		}
	}
	db, err := store.Open(ctx, e.db, opt)
	if errors.Is(err, store.ErrNoWarehouse) {
		return nil, fmt.Errorf("%w: run `lpa run` (the demo) or `lpa load PATH...` first, or point --db / LPA_DB at a warehouse", err)
	}
	return db, err
}

func dirOf(path string) string {
	i := strings.LastIndexAny(path, `/\`)
	if i < 0 {
		return "."
	}
	return path[:i]
}

func (e *env) pipeline(db *store.DB, withProgress bool) *pipeline.Pipeline {
	cfg := pipeline.Config{DB: db, Logger: e.log, Now: e.now, Version: version(), Limits: e.limits,
		Replace: e.replace, Correct: e.correct}
	if withProgress {
		cfg.Progress = newProgress(e.stderr, e.now)
	}
	return pipeline.New(cfg)
}

func (e *env) cmdInit(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageError{"init takes no arguments"}
	}
	db, err := e.open(ctx, false)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(e.stdout, "warehouse %s ready (schema %d)\n", e.db, store.SchemaVersion())
	return nil
}

// loadFlags are the flags of the commands that load (load, run).
type loadFlags struct {
	maxFile, maxLine *string
	replace, correct *bool
}

func addLoadFlags(fs *flag.FlagSet) loadFlags {
	d := indicators.DefaultLimits()
	return loadFlags{
		maxFile: fs.String("max-file", indicators.Size(d.MaxUnpacked), ""),
		maxLine: fs.String("max-line", indicators.Size(int64(d.MaxLine)), ""),
		replace: fs.Bool("replace", false, ""),
		correct: fs.Bool("correct", false, ""),
	}
}

// apply puts the flags into e's load settings.
func (f loadFlags) apply(e *env) error {
	file, err := parseSize(*f.maxFile)
	if err != nil {
		return usageError{"--max-file: " + err.Error()}
	}
	line, err := parseSize(*f.maxLine)
	if err != nil || line > 1<<31 {
		return usageError{fmt.Sprintf("--max-line %q: expected a size up to 2GiB, e.g. 1MiB", *f.maxLine)}
	}
	e.limits = indicators.Limits{MaxUnpacked: file, MaxLine: int(line)}
	if *f.replace && *f.correct {
		return usageError{"--replace and --correct exclude each other: --replace replaces whole slices, --correct only the regions a file holds"}
	}
	e.replace, e.correct = *f.replace, *f.correct
	return nil
}

const loadUsage = "usage: lpa load [--replace | --correct] [--max-file SIZE] [--max-line SIZE] PATH..."

func (e *env) cmdLoad(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	lf := addLoadFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return usageError{fmt.Sprintf("%v (%s)", err, loadUsage)}
	}
	if err := lf.apply(e); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"give one or more files or folders to load (" + loadUsage + ")"}
	}
	paths, err := pipeline.ExpandPaths(fs.Args())
	if err != nil {
		return err
	}
	srcs, err := pipeline.ReadSources(paths, e.limits.MaxUnpacked)
	if err != nil {
		return err
	}
	db, err := e.open(ctx, false)
	if err != nil {
		return err
	}
	defer db.Close()
	return e.load(ctx, db, srcs)
}

func (e *env) load(ctx context.Context, db *store.DB, srcs []pipeline.Source) error {
	res, err := e.pipeline(db, true).Load(ctx, srcs)
	if err != nil {
		return err
	}
	var read, unchanged int
	replacedBy := map[int64]int64{}
	for _, o := range res.Outcomes {
		for _, r := range o.Replaced {
			replacedBy[r] = o.LoadID
		}
	}
	for _, o := range res.Outcomes {
		switch o.Status {
		case store.StatusUnchanged:
			unchanged++
			fmt.Fprintf(e.stdout, "unchanged %s: same content as load %d, nothing added\n", o.Path, o.SameAs)
		default:
			read += o.Rows
			extra := ""
			if len(o.Replaced) > 0 {
				extra = fmt.Sprintf("; replaces rows of load %s", joinIDs(o.Replaced))
			}
			if by, ok := replacedBy[o.LoadID]; ok {
				extra += fmt.Sprintf("; rows of the same slice replaced by load %d", by)
			}
			fmt.Fprintf(e.stdout, "loaded    %s: %s, %d rows (load %d%s)\n", o.Path, o.Kind, o.Rows, o.LoadID, extra)
			if o.Note != "" {
				fmt.Fprintf(e.stdout, "          note: %s\n", o.Note)
			}
		}
	}
	if len(res.Unknown) > 0 {
		fmt.Fprintf(e.stdout, "note: %d indicators are not in the catalogue and are loaded without labels: %s\n",
			len(res.Unknown), strings.Join(res.Unknown, ", "))
	}
	fmt.Fprintf(e.stdout, "%s into %s: %d rows read, %s unchanged\n", plural(len(res.Outcomes), "file", "files"), e.db, read,
		plural(unchanged, "file", "files"))
	return nil
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = fmt.Sprint(id)
	}
	return strings.Join(s, ", ")
}

func (e *env) cmdCompute(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("compute", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	roundFlag := fs.String("round", "", "")
	if err := parseFlags(fs, args); err != nil || fs.NArg() > 0 {
		return usageError{"usage: lpa [--db FILE] compute [--round YYYY-MM-DD]"}
	}
	round, err := parseRound(*roundFlag, e.now())
	if err != nil {
		return err
	}
	db, err := e.open(ctx, false)
	if err != nil {
		return err
	}
	defer db.Close()
	return e.compute(ctx, db, round)
}

// parseRound reads a peildatum; empty means today in Europe/Amsterdam.
func parseRound(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return pipeline.Today(now), nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, usageError{fmt.Sprintf("round %q is not a date; expected YYYY-MM-DD, e.g. 2020-11-01", s)}
	}
	if today := pipeline.Today(now); t.After(today) {
		return time.Time{}, usageError{fmt.Sprintf("round %s lies after today (%s); expected the peildatum of an evaluation round, today or earlier", s, today.Format(time.DateOnly))}
	}
	if t.Year() < 2018 {
		return time.Time{}, usageError{fmt.Sprintf("round %s lies before the Nationaal Preventieakkoord (November 2018); expected a peildatum from 2018 on", s)}
	}
	return t, nil
}

func (e *env) compute(ctx context.Context, db *store.DB, round time.Time) error {
	start := e.now()
	counts, err := e.pipeline(db, false).Compute(ctx, round)
	if err != nil {
		return err
	}
	var parts []string
	for _, c := range counts {
		parts = append(parts, fmt.Sprintf("%s %d rows", c.Metric, c.Rows))
		if c.Metric == "population_metrics" && c.Rows == 0 {
			defer fmt.Fprintln(e.stdout, "note: no population metrics: the warehouse holds no monitor data for the accords' gemeenten up to this round (load e.g. 50090NED)")
		}
	}
	fmt.Fprintf(e.stdout, "computed round %s: %s in %s\n", round.Format(time.DateOnly), strings.Join(parts, ", "),
		e.now().Sub(start).Round(time.Millisecond))
	return nil
}

func (e *env) cmdRounds(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("rounds", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	del := fs.String("delete", "", "")
	if err := parseFlags(fs, args); err != nil || fs.NArg() > 0 {
		return usageError{"usage: lpa rounds [--delete YYYY-MM-DD]"}
	}
	if *del != "" {
		round, err := time.Parse(time.DateOnly, *del)
		if err != nil {
			return usageError{fmt.Sprintf("round %q is not a date; expected YYYY-MM-DD", *del)}
		}
		db, err := e.open(ctx, false)
		if err != nil {
			return err
		}
		defer db.Close()
		found, err := db.DeleteRound(ctx, round)
		if err != nil {
			return err
		}
		if !found {
			return fmt.Errorf("no round %s in %s (lpa rounds lists them)", *del, e.db)
		}
		fmt.Fprintf(e.stdout, "deleted round %s and its metrics\n", *del)
		return nil
	}
	db, err := e.open(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()
	rounds, err := db.Rounds(ctx)
	if err != nil {
		return err
	}
	if len(rounds) == 0 {
		fmt.Fprintln(e.stdout, "no rounds computed yet: run lpa compute --round YYYY-MM-DD")
		return nil
	}
	for _, r := range rounds {
		fmt.Fprintf(e.stdout, "%s  computed %s  lpa %s\n", r.Round.Format(time.DateOnly),
			r.ComputedAt.In(amsterdam).Format("2006-01-02 15:04:05 MST"), r.Version)
	}
	return nil
}

func (e *env) cmdReport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("out", defaultOutDir, "")
	roundFlag := fs.String("round", "", "")
	if err := parseFlags(fs, args); err != nil {
		return usageError{fmt.Sprintf("%v (usage: lpa report [--out DIR] [--round YYYY-MM-DD] [ACCORD_ID...])", err)}
	}
	var round time.Time
	if *roundFlag != "" {
		var err error
		if round, err = parseRound(*roundFlag, e.now()); err != nil {
			return err
		}
	}
	db, err := e.open(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()
	return e.report(ctx, db, *out, fs.Args(), round)
}

func (e *env) report(ctx context.Context, db *store.DB, out string, only []string, round time.Time) error {
	start := e.now()
	res, err := e.pipeline(db, false).Report(ctx, out, only, round)
	if err != nil {
		return err
	}
	if len(res.Skipped) > 0 {
		fmt.Fprintf(e.stdout, "not in round %s (signed after it): %s\n", res.Round.Format(time.DateOnly), strings.Join(res.Skipped, ", "))
	}
	fmt.Fprintf(e.stdout, "wrote %s of round %s to %s/ in %s\n", plural(len(res.Paths), "report", "reports"),
		res.Round.Format(time.DateOnly), out, e.now().Sub(start).Round(time.Millisecond))
	return nil
}

// plural says "1 report" or "14 reports".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func (e *env) cmdRun(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("out", defaultOutDir, "")
	lf := addLoadFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return usageError{fmt.Sprintf("%v (usage: lpa run [--out DIR] [--replace | --correct] [--max-file SIZE] [--max-line SIZE] [PATH...])", err)}
	}
	if err := lf.apply(e); err != nil {
		return err
	}
	var srcs []pipeline.Source
	var err error
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stdout, "no paths given: loading the bundled example data (examples/)")
		srcs, err = pipeline.FSSources(examples.FS)
	} else {
		var paths []string
		if paths, err = pipeline.ExpandPaths(fs.Args()); err == nil {
			srcs, err = pipeline.ReadSources(paths, e.limits.MaxUnpacked)
		}
	}
	if err != nil {
		return err
	}
	db, err := e.open(ctx, false)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := e.load(ctx, db, srcs); err != nil {
		return err
	}
	round := pipeline.Today(e.now())
	if err := e.compute(ctx, db, round); err != nil {
		return err
	}
	if err := e.report(ctx, db, *out, nil, round); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "done: the reports are in %s/, the warehouse is %s (try: lpa sql \"SELECT * FROM accord_metrics LIMIT 5\")\n", *out, e.db)
	return nil
}

// version is lpa's version from the build info.
func version() string {
	return buildVersion()
}
