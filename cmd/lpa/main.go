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

// Exit codes, documented in the usage text (exitCodes).
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
	// examples: the load is the bundled example data (lpa run without
	// paths); the printer says so when it starts.
	examples bool
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
	showVersion := fs.Bool("version", false, "")
	if err := fs.Parse(hoistGlobal(args)); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			writeUsage(stdout)
			return exitOK
		}
		msg := err.Error()
		if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
			msg = unknownFlag(fs, strings.TrimLeft(name, "-"))
		}
		fmt.Fprintf(stderr, "lpa: %s\n", msg)
		return exitUsage
	}
	dbSet := os.Getenv("LPA_DB") != ""
	fs.Visit(func(f *flag.Flag) { dbSet = dbSet || f.Name == "db" })
	e := &env{db: *db, dbSet: dbSet, stdin: stdin, stdout: stdout, stderr: stderr, now: time.Now,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	if *showVersion {
		return e.exitCode(ctx, "version", e.cmdVersion(ctx, fs.Args()))
	}
	if fs.NArg() == 0 {
		writeUsage(stderr)
		return exitUsage
	}
	name, rest := fs.Arg(0), fs.Args()[1:]
	if name == "help" {
		return e.exitCode(ctx, name, e.cmdHelp(ctx, rest))
	}
	c := findCommand(name)
	if c == nil {
		fmt.Fprintf(stderr, "lpa: %s\n", unknownCommand(name))
		return exitUsage
	}
	return e.exitCode(ctx, name, c.run(e, ctx, rest))
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
	var help helpRequest
	switch {
	case errors.As(err, &help):
		if c := findCommand(help.fs.Name()); c != nil {
			writeCommandUsage(e.stdout, c, help.fs)
		} else {
			writeUsage(e.stdout)
		}
		return exitOK
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
		if c, ok := e.server(); ok {
			fmt.Fprintf(e.stderr, "lpa %s: lpa serve (%s) holds %s. While it runs, lpa sql and lpa runs go through it and lpa run --via-server asks it to run a job now; stop it (Ctrl-C, or SIGTERM) to run lpa %s here. Its snapshot (the folder snapshot: in its configuration, out/snapshot by default) opens freely in DuckDB, R or Python.\n",
				cmd, c.url, e.db, cmd)
			return exitLocked
		}
		fmt.Fprintf(e.stderr, "lpa %s: %v\n", cmd, err)
		return exitLocked
	case errors.Is(err, pipeline.ErrUnknownAccord), errors.Is(err, pipeline.ErrUnknownGemeente):
		fmt.Fprintf(e.stderr, "lpa %s: %v\n", cmd, err)
		return exitUsage
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
