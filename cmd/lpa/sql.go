package main

import (
	"context"
	"fmt"
	"os"
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
			return c.sql(ctx, strings.Join(fs.Args(), " "), format, e.termWidth())
		}
	}
	if err != nil {
		return err
	}
	defer p.Close()
	s := p.Session(lim, format)
	if fs.NArg() > 0 {
		if w := e.termWidth(); w > 0 {
			s = s.WithMaxWidth(w) // a table fits the terminal, as in the prompt
		}
		return s.Run(ctx, strings.Join(fs.Args(), " "), e.stdout)
	}
	return e.prompt(ctx, s)
}

// termWidth is the width of the terminal stdout writes to; 0 when it is
// no terminal.
func (e *env) termWidth() int {
	if f, ok := e.stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil {
			return w
		}
	}
	return 0
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
