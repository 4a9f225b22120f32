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

	"lpa/indicators"
	"lpa/pipeline"
	"lpa/pipeline/query"
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
                              compute and write the reports: the whole job;
                              --via-server [--job NAME]: ask the lpa serve that holds
                              the warehouse to run its job NAME (default cycle) now
  load PATH...                load files or folders (.csv, .csv.gz, .xlsx, .yaml): every
                              kind of source lpa knows (README: Sources lpa reads);
                              all files in one transaction
  compute [--round DATE]      compute every metric as of the peildatum DATE (YYYY-MM-DD;
                              default today, Europe/Amsterdam); recomputing a round
                              replaces only that round
  rounds [--delete DATE]      list the computed rounds, or delete one with its metrics
  report [--out DIR] [--round DATE] [--gemeenten | --national] [ID | GM0000...]
                              write one PDF per accord of the round (default: the latest)
                              into DIR (default ` + defaultOutDir + `); --gemeenten: also one
                              per gemeente of the newest division, in DIR/gemeenten; or
                              only the accords and gemeenten named. Each report is
                              recorded as issued (view report_issues); a report whose
                              data changed since gets its next version (NAME-v2.pdf);
                              --national: the national factsheet of the round instead,
                              DIR/landelijk-DATE.pdf
  reissue [--out DIR] [--round DATE]
                              write the next version of exactly those issued reports of
                              the round whose data changed since, each opening with a
                              page of the figures that changed and the loads behind them
  sql [--format F] [--timeout D] [--memory-limit SIZE] [QUERY]
                              run queries read-only (F: table|csv|json|arrow); without
                              a QUERY: an interactive prompt. Only queries run (SELECT,
                              WITH, VALUES, FROM, DESCRIBE, SHOW, SUMMARIZE, PIVOT,
                              EXPLAIN), no file outside the warehouse is read or
                              written; each stops after D (default 5m, env
                              LPA_SQL_TIMEOUT) or at SIZE of memory (default a quarter
                              of the machine's, env LPA_SQL_MEMORY)
  serve [--config FILE]       the scheduled service: jobs (gocron) with run history, a Dutch
                              dashboard and SQL over HTTP (POST /api/sql) on 127.0.0.1:8321;
                              --print-config writes the defaults, --token shows the API token;
                              while it runs, lpa sql and lpa runs go through it
  runs                        list the runs of lpa serve's jobs, newest first
  template [--out DIR]        write the blank process and project templates (.xlsx,
                              .csv, instructions in Dutch; default folder ` + defaultTemplateDir + `)
  fetch [--out DIR] [SOURCE...]
                              download the public sources (StatLine, CBS regions, Vektis,
                              boundaries) into DIR (default data) for lpa load; --list
                              shows the sources and the URLs
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
	dbSet  bool // --db or LPA_DB was given
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
	dbSet := os.Getenv("LPA_DB") != ""
	fs.Visit(func(f *flag.Flag) { dbSet = dbSet || f.Name == "db" })
	e := &env{db: *db, dbSet: dbSet, stdin: stdin, stdout: stdout, stderr: stderr, now: time.Now,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	cmd, rest := fs.Arg(0), fs.Args()[1:]
	var err error
	switch cmd {
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "version":
		fmt.Fprintf(stdout, "lpa %s, warehouse schema %d\n", version(), pipeline.SchemaVersion())
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
	case "reissue":
		err = e.cmdReissue(ctx, rest)
	case "run":
		err = e.cmdRun(ctx, rest)
	case "sql":
		err = e.cmdSQL(ctx, rest)
	case "template":
		err = e.cmdTemplate(ctx, rest)
	case "serve":
		err = e.cmdServe(ctx, rest)
	case "runs":
		err = e.cmdRuns(ctx, rest)
	case "fetch":
		err = e.cmdFetch(ctx, rest)
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
	case pipeline.IsLocked(err):
		fmt.Fprintf(e.stderr, "lpa %s: %v\n", cmd, err)
		if c, ok := e.server(); ok {
			fmt.Fprintf(e.stderr, "lpa serve runs on this warehouse (%s): lpa sql and lpa runs go through it, lpa run --via-server asks it to run a job, and its snapshot folder (snapshot: in its config) opens freely\n", c.url)
		}
		return exitLocked
	case errors.Is(err, query.ErrRefused), errors.Is(err, query.ErrQueryTooLong), errors.Is(err, query.ErrEmptyQuery), errors.As(err, new(query.ErrUsage)):
		fmt.Fprintf(e.stderr, "lpa %s: %v\n", cmd, err)
		return exitUsage
	case errors.Is(err, query.ErrTimeout):
		fmt.Fprintf(e.stderr, "lpa %s: %v; give more time with --timeout (or LPA_SQL_TIMEOUT), e.g. --timeout 30m\n", cmd, err)
		return exitLimit
	case errors.Is(err, query.ErrMemory):
		fmt.Fprintf(e.stderr, "lpa %s: %v; allow more with --memory-limit (or LPA_SQL_MEMORY), e.g. --memory-limit 8GB\n", cmd, err)
		return exitLimit
	}
	fmt.Fprintf(e.stderr, "lpa %s: %v\n", cmd, err)
	return exitError
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}

// version is lpa's version from the build info.
func version() string {
	return buildVersion()
}
