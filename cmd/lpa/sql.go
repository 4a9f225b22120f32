package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"golang.org/x/term"

	"lpa/pipeline"
	"lpa/pipeline/query"
)

func (e *env) cmdSQL(ctx context.Context, args []string) error {
	fs := newFlagSet("sql")
	formatFlag := fs.String("format", "table", "write results as `F`: table, csv, json or arrow (an Arrow IPC stream)")
	timeout := fs.String("timeout", envOr("LPA_SQL_TIMEOUT", defaultSQLTimeout.String()), "stop a query after `D` (env LPA_SQL_TIMEOUT; 0: no limit)")
	memory := fs.String("memory-limit", envOr("LPA_SQL_MEMORY", ""), "DuckDB's memory for queries, `SIZE` (env LPA_SQL_MEMORY;\ndefault a quarter of the machine's)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	format, err := query.ParseFormat(*formatFlag)
	if err != nil {
		return usageError{err.Error()}
	}
	lim, mem, err := sqlLimits(*timeout, *memory)
	if err != nil {
		return err
	}
	if format == query.Arrow {
		if f, ok := e.stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			return usageError{"--format arrow writes binary data: redirect it to a file or a pipe"}
		}
	}
	p, err := e.open(ctx, pipeline.Warehouse{ReadOnly: true, MemoryLimit: mem}, false)
	if pipeline.IsLocked(err) && fs.NArg() > 0 {
		// lpa serve holds the warehouse: ask it.
		if c, ok := e.server(); ok {
			return c.sql(ctx, strings.Join(fs.Args(), " "), format)
		}
	}
	if err != nil {
		return err
	}
	defer p.Close()
	s := p.Session(lim, format)
	if fs.NArg() > 0 {
		return s.Run(ctx, strings.Join(fs.Args(), " "), e.stdout)
	}
	return e.prompt(ctx, s)
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// sqlLimits reads the time and memory limits of lpa sql.
func sqlLimits(timeout, memory string) (query.Limits, int64, error) {
	d, err := time.ParseDuration(timeout)
	if err != nil || d < 0 {
		return query.Limits{}, 0, usageError{fmt.Sprintf("timeout %q: expected a duration such as 30s, 5m or 1h (0 for none)", timeout)}
	}
	mem := defaultSQLMemory()
	if memory != "" {
		if mem, err = parseSize(memory); err != nil {
			return query.Limits{}, 0, usageError{"memory limit: " + err.Error()}
		}
	}
	return query.Limits{Timeout: d}, mem, nil
}

// prompt reads statements ending in ';' from stdin and runs each; on a
// terminal it prints a prompt and keeps going after errors.
func (e *env) prompt(ctx context.Context, s *query.Session) error {
	interactive := false
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		interactive = true
		fmt.Fprintf(e.stdout, "lpa sql on %s (read-only). End statements with ';'. Views: observations, indicators, regions,\naccords, accord_members, accord_metrics, loads. Type .tables for all, .quit to leave.\n", e.db)
	}
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 1<<20), query.MaxQueryBytes)
	var buf strings.Builder
	ps := func() {
		if !interactive {
			return
		}
		if buf.Len() == 0 {
			fmt.Fprint(e.stdout, "lpa> ")
		} else {
			fmt.Fprint(e.stdout, "  -> ")
		}
	}
	ps()
	for sc.Scan() {
		if !interactive && ctx.Err() != nil {
			return ctx.Err()
		}
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if buf.Len() == 0 {
			switch trimmed {
			case "":
				ps()
				continue
			case ".quit", ".exit", `\q`, "exit", "quit":
				return nil
			case ".tables":
				line = query.Tables() + ";"
				trimmed = ";"
			}
		}
		buf.WriteString(line)
		buf.WriteByte('\n')
		// A statement ends at a line ending in ';' that is not a comment,
		// unless the ';' stands inside a string DuckDB's parser sees open.
		if !strings.HasSuffix(trimmed, ";") || strings.HasPrefix(trimmed, "--") || s.Unterminated(buf.String()) {
			ps()
			continue
		}
		q := buf.String()
		buf.Reset()
		qctx, stop := ctx, func() {}
		if interactive {
			// Ctrl-C stops the running query, not the session.
			qctx, stop = interruptible(ctx)
		}
		err := s.Run(qctx, q, e.stdout)
		stop()
		if err != nil {
			if !interactive {
				return err
			}
			fmt.Fprintf(e.stderr, "error: %v\n", err)
		}
		ps()
	}
	if interactive {
		fmt.Fprintln(e.stdout)
	}
	if rest := strings.TrimSpace(buf.String()); rest != "" {
		if err := s.Run(ctx, rest, e.stdout); err != nil {
			return err
		}
	}
	if errors.Is(sc.Err(), bufio.ErrTooLong) {
		return fmt.Errorf("%w: a line of the input is longer than %d bytes", query.ErrQueryTooLong, query.MaxQueryBytes)
	}
	return sc.Err()
}

// interruptible returns a context, detached from parent's cancellation,
// that the next Ctrl-C (SIGINT) cancels: in the interactive prompt an
// interrupt stops the query at hand and the session goes on.
func interruptible(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(parent))
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	done := make(chan struct{})
	go func() {
		defer close(done)
		select {
		case <-ch:
		case <-ctx.Done():
		}
		signal.Stop(ch)
		cancel()
	}()
	return ctx, func() {
		cancel()
		<-done
	}
}
