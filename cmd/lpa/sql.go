package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
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

func (e *env) cmdSQL(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("sql", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "table", "")
	if err := parseFlags(fs, args); err != nil {
		return usageError{fmt.Sprintf("%v (usage: lpa sql [--format table|csv|json|arrow] [QUERY])", err)}
	}
	switch *format {
	case "table", "csv", "json", "arrow":
	default:
		return usageError{fmt.Sprintf("format %q; expected table, csv, json or arrow", *format)}
	}
	db, err := e.open(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()
	if fs.NArg() > 0 {
		return e.queries(ctx, db, strings.Join(fs.Args(), " "), *format)
	}
	return e.prompt(ctx, db, *format)
}

// queries runs every statement of q in turn and prints each result.
func (e *env) queries(ctx context.Context, db *store.DB, q, format string) error {
	stmts := splitStatements(q)
	if len(stmts) == 0 {
		return usageError{"the query is empty"}
	}
	if format == "arrow" && len(stmts) > 1 {
		return usageError{fmt.Sprintf("--format arrow writes one result; the query holds %d statements", len(stmts))}
	}
	for _, st := range stmts {
		if err := e.query(ctx, db, st, format); err != nil {
			return err
		}
	}
	return nil
}

// splitStatements splits SQL at the semicolons that end statements: not
// those in quotes ('...', "...") or comments (-- ..., /* ... */).
func splitStatements(q string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if st := strings.TrimSpace(b.String()); st != "" && !onlyComments(st) {
			out = append(out, st)
		}
		b.Reset()
	}
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(q) && q[j] != c {
				j++
			}
			b.WriteString(q[i:min(j+1, len(q))])
			i = j
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				j = len(q) - i
			}
			b.WriteString(q[i : i+j])
			i += j - 1
		case c == '/' && i+1 < len(q) && q[i+1] == '*':
			j := strings.Index(q[i+2:], "*/")
			end := len(q)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			b.WriteString(q[i:end])
			i = end - 1
		case c == ';':
			flush()
		default:
			b.WriteByte(c)
		}
	}
	flush()
	return out
}

// onlyComments reports whether a piece of SQL holds nothing but comments.
func onlyComments(st string) bool {
	for _, line := range strings.Split(st, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "--") {
			return false
		}
	}
	return true
}

func (e *env) query(ctx context.Context, db *store.DB, q, format string) error {
	if format == "arrow" {
		if f, ok := e.stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			return usageError{"--format arrow writes binary data: redirect it to a file or a pipe"}
		}
		return db.QueryArrow(ctx, q, e.stdout)
	}
	var w store.RowWriter
	switch format {
	case "csv":
		w = &csvWriter{w: csv.NewWriter(e.stdout)}
	case "json":
		w = &jsonWriter{w: bufio.NewWriter(e.stdout)}
	default:
		w = &tableWriter{w: e.stdout}
	}
	if err := db.Query(ctx, q, w); err != nil {
		return err
	}
	return w.(interface{ flush() error }).flush()
}

// prompt reads statements ending in ';' from stdin and runs each; on a
// terminal it prints a prompt and keeps going after errors.
func (e *env) prompt(ctx context.Context, db *store.DB, format string) error {
	interactive := false
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		interactive = true
		fmt.Fprintf(e.stdout, "lpa sql on %s (read-only). End statements with ';'. Views: observations, indicators, regions,\naccords, accord_members, accord_metrics, loads. Type .tables for all, .quit to leave.\n", e.db)
	}
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
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
				trimmed = "SELECT table_schema AS schema, table_name AS name, table_type AS type FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 2;"
				line = trimmed
			}
		}
		buf.WriteString(line)
		buf.WriteByte('\n')
		// A statement ends at a line ending in ';' that is not a comment.
		if !strings.HasSuffix(trimmed, ";") || strings.HasPrefix(trimmed, "--") {
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
		err := e.queries(qctx, db, q, format)
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
	if s := strings.TrimSpace(buf.String()); s != "" {
		if err := e.queries(ctx, db, s, format); err != nil {
			return err
		}
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
