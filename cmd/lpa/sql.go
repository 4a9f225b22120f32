package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/term"

	"lpa/pipeline/store"
)

// tableRowCap bounds how many rows the table format buffers to size its
// columns; csv, json and arrow stream without a cap.
const tableRowCap = 10000

var amsterdam = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

// sqlUsage is the usage line of lpa sql.
const sqlUsage = "usage: lpa sql [--format table|csv|json|arrow] [--timeout DURATION] [--memory-limit SIZE] [QUERY]"

func (e *env) cmdSQL(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("sql", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "table", "")
	timeout := fs.String("timeout", envOr("LPA_SQL_TIMEOUT", defaultSQLTimeout.String()), "")
	memory := fs.String("memory-limit", envOr("LPA_SQL_MEMORY", ""), "")
	if err := parseFlags(fs, args); err != nil {
		return usageError{fmt.Sprintf("%v (%s)", err, sqlUsage)}
	}
	switch *format {
	case "table", "csv", "json", "arrow":
	default:
		return usageError{fmt.Sprintf("format %q; expected table, csv, json or arrow", *format)}
	}
	lim, mem, err := sqlLimits(*timeout, *memory)
	if err != nil {
		return err
	}
	db, err := e.openWith(ctx, store.Options{ReadOnly: true, MemoryLimit: mem})
	if err != nil {
		return err
	}
	defer db.Close()
	s := &session{env: e, db: db, lim: lim, format: *format}
	if fs.NArg() > 0 {
		return s.run(ctx, strings.Join(fs.Args(), " "))
	}
	return s.prompt(ctx)
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// sqlLimits reads the time and memory limits of lpa sql.
func sqlLimits(timeout, memory string) (store.Limits, int64, error) {
	d, err := time.ParseDuration(timeout)
	if err != nil || d < 0 {
		return store.Limits{}, 0, usageError{fmt.Sprintf("timeout %q: expected a duration such as 30s, 5m or 1h (0 for none)", timeout)}
	}
	mem := defaultSQLMemory()
	if memory != "" {
		if mem, err = parseSize(memory); err != nil {
			return store.Limits{}, 0, usageError{"memory limit: " + err.Error()}
		}
	}
	return store.Limits{Timeout: d}, mem, nil
}

// session runs the statements a user types or passes, through the
// warehouse's guarded read path.
type session struct {
	*env
	db     *store.DB
	lim    store.Limits
	format string
}

// run runs every statement of q in turn and prints each result. DuckDB's
// parser says where the statements end.
func (s *session) run(ctx context.Context, q string) error {
	stmts, err := s.db.Statements(q)
	if err != nil {
		return err
	}
	if len(stmts) == 0 {
		return usageError{"the query is empty"}
	}
	if s.format == "arrow" && len(stmts) > 1 {
		return usageError{fmt.Sprintf("--format arrow writes one result; the query holds %d statements", len(stmts))}
	}
	for _, st := range stmts {
		if err := s.query(ctx, st); err != nil {
			return err
		}
	}
	return nil
}

func (s *session) query(ctx context.Context, q string) error {
	if s.format == "arrow" {
		if f, ok := s.stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			return usageError{"--format arrow writes binary data: redirect it to a file or a pipe"}
		}
		return s.db.QueryArrow(ctx, q, s.lim, s.stdout)
	}
	var w store.RowWriter
	switch s.format {
	case "csv":
		w = &csvWriter{w: csv.NewWriter(s.stdout)}
	case "json":
		w = &jsonWriter{w: bufio.NewWriter(s.stdout)}
	default:
		w = &tableWriter{w: s.stdout}
	}
	if err := s.db.Query(ctx, q, s.lim, w); err != nil {
		return err
	}
	return w.(interface{ flush() error }).flush()
}

// prompt reads statements ending in ';' from stdin and runs each; on a
// terminal it prints a prompt and keeps going after errors.
func (s *session) prompt(ctx context.Context) error {
	interactive := false
	if f, ok := s.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		interactive = true
		fmt.Fprintf(s.stdout, "lpa sql on %s (read-only). End statements with ';'. Views: observations, indicators, regions,\naccords, accord_members, accord_metrics, loads. Type .tables for all, .quit to leave.\n", s.env.db)
	}
	sc := bufio.NewScanner(s.stdin)
	sc.Buffer(make([]byte, 1<<20), store.DefaultMaxQueryBytes)
	var buf strings.Builder
	ps := func() {
		if !interactive {
			return
		}
		if buf.Len() == 0 {
			fmt.Fprint(s.stdout, "lpa> ")
		} else {
			fmt.Fprint(s.stdout, "  -> ")
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
				trimmed = "SELECT table_schema AS schema, table_name AS name, table_type AS type FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 2;"
				line = trimmed
			}
		}
		buf.WriteString(line)
		buf.WriteByte('\n')
		// A statement ends at a line ending in ';' that is not a comment,
		// unless the ';' stands inside a string DuckDB's parser sees open.
		if !strings.HasSuffix(trimmed, ";") || strings.HasPrefix(trimmed, "--") || s.db.Unterminated(buf.String()) {
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
		err := s.run(qctx, q)
		stop()
		if err != nil {
			if !interactive {
				return err
			}
			fmt.Fprintf(s.stderr, "error: %v\n", err)
		}
		ps()
	}
	if interactive {
		fmt.Fprintln(s.stdout)
	}
	if rest := strings.TrimSpace(buf.String()); rest != "" {
		if err := s.run(ctx, rest); err != nil {
			return err
		}
	}
	if errors.Is(sc.Err(), bufio.ErrTooLong) {
		return fmt.Errorf("%w: a line of the input is longer than %d bytes", store.ErrQueryTooLong, store.DefaultMaxQueryBytes)
	}
	return sc.Err()
}

// formatValue renders a value for table and csv output: numbers with a
// decimal point (machine-readable), times in Europe/Amsterdam, NULL empty.
func formatValue(v any, typ string) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	case float64:
		return formatFloat(x)
	case float32:
		return formatFloat(float64(x))
	case time.Time:
		switch typ {
		case "DATE":
			return x.Format("2006-01-02")
		case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE":
			return x.In(amsterdam).Format("2006-01-02 15:04:05-07:00")
		}
		return x.Format("2006-01-02 15:04:05")
	case *big.Int:
		return x.String()
	case fmt.Stringer:
		return x.String()
	case map[string]any, []any:
		// STRUCT, MAP and LIST values: as JSON, readable and unambiguous
		if b, err := json.Marshal(jsonValue(x, "")); err == nil {
			return string(b)
		}
	}
	return fmt.Sprint(v)
}

func formatFloat(f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

type tableWriter struct {
	w     io.Writer
	cols  []store.Column
	rows  [][]string
	extra int
}

func (t *tableWriter) Header(cols []store.Column) error {
	t.cols = cols
	return nil
}

func (t *tableWriter) Row(vals []any) error {
	if len(t.rows) >= tableRowCap {
		t.extra++
		return nil
	}
	r := make([]string, len(vals))
	for i, v := range vals {
		if v == nil {
			r[i] = "NULL"
			continue
		}
		r[i] = formatValue(v, t.cols[i].Type)
	}
	t.rows = append(t.rows, r)
	return nil
}

func (t *tableWriter) flush() error {
	width := make([]int, len(t.cols))
	numeric := make([]bool, len(t.cols))
	for i, c := range t.cols {
		width[i] = utf8.RuneCountInString(c.Name)
		switch c.Type {
		case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "FLOAT", "DOUBLE":
			numeric[i] = true
		default:
			numeric[i] = strings.HasPrefix(c.Type, "DECIMAL")
		}
	}
	for _, r := range t.rows {
		for i, s := range r {
			width[i] = max(width[i], utf8.RuneCountInString(s))
		}
	}
	bw := bufio.NewWriter(t.w)
	line := func(cells []string, right bool) {
		for i, s := range cells {
			if i > 0 {
				bw.WriteString(" │ ")
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(s))
			if right && numeric[i] {
				bw.WriteString(pad + s)
			} else if i < len(cells)-1 {
				bw.WriteString(s + pad)
			} else {
				bw.WriteString(s)
			}
		}
		bw.WriteByte('\n')
	}
	names := make([]string, len(t.cols))
	seps := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.Name
		seps[i] = strings.Repeat("─", width[i])
	}
	line(names, false)
	bw.WriteString(strings.Join(seps, "─┼─") + "\n")
	for _, r := range t.rows {
		line(r, true)
	}
	n := len(t.rows) + t.extra
	if t.extra > 0 {
		fmt.Fprintf(bw, "(%d rows, first %d shown; use --format csv for all)\n", n, len(t.rows))
	} else {
		fmt.Fprintf(bw, "(%d rows)\n", n)
	}
	return bw.Flush()
}

type csvWriter struct {
	w    *csv.Writer
	cols []store.Column
	rec  []string
}

func (c *csvWriter) Header(cols []store.Column) error {
	c.cols = cols
	c.rec = make([]string, len(cols))
	for i, col := range cols {
		c.rec[i] = col.Name
	}
	return c.w.Write(c.rec)
}

func (c *csvWriter) Row(vals []any) error {
	for i, v := range vals {
		c.rec[i] = formatValue(v, c.cols[i].Type)
	}
	return c.w.Write(c.rec)
}

func (c *csvWriter) flush() error {
	c.w.Flush()
	return c.w.Error()
}

type jsonWriter struct {
	w    *bufio.Writer
	cols []store.Column
	keys [][]byte
	n    int
}

func (j *jsonWriter) Header(cols []store.Column) error {
	j.cols = cols
	j.keys = make([][]byte, len(cols))
	for i, c := range cols {
		k, err := json.Marshal(c.Name)
		if err != nil {
			return err
		}
		j.keys[i] = k
	}
	_, err := j.w.WriteString("[")
	return err
}

func (j *jsonWriter) Row(vals []any) error {
	if j.n > 0 {
		j.w.WriteString(",")
	}
	j.n++
	j.w.WriteString("\n  {")
	for i, v := range vals {
		if i > 0 {
			j.w.WriteString(", ")
		}
		j.w.Write(j.keys[i])
		j.w.WriteString(": ")
		b, err := json.Marshal(jsonValue(v, j.cols[i].Type))
		if err != nil {
			return err
		}
		j.w.Write(b)
	}
	_, err := j.w.WriteString("}")
	return err
}

func jsonValue(v any, typ string) any {
	switch x := v.(type) {
	case nil, bool, string, int8, int16, int32, int64, uint8, uint16, uint32, uint64, int, uint:
		return x
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return nil // JSON has no NaN or infinity
		}
		return x
	case float32:
		return jsonValue(float64(x), typ)
	case *big.Int:
		return json.Number(x.String())
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e, "")
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e, "")
		}
		return out
	case fmt.Stringer:
		// DECIMAL and HUGEINT come as their own types: keep them numbers
		if s := x.String(); json.Valid([]byte(s)) {
			return json.Number(s)
		}
	}
	return formatValue(v, typ)
}

func (j *jsonWriter) flush() error {
	if j.n > 0 {
		j.w.WriteString("\n")
	}
	j.w.WriteString("]\n")
	return j.w.Flush()
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
