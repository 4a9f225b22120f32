package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/duckdb/duckdb-go/v2/mapping"
)

// The guarded read path. Every statement a user sends (lpa sql today; the
// HTTP and Flight SQL endpoints later) runs through DB.read, which
//
//   - refuses a text over Limits.MaxQueryBytes and anything but exactly one
//     statement, as DuckDB's own parser counts them;
//   - runs it in a READ ONLY transaction, so that no statement writes to
//     the warehouse whatever it is, and drops the connection afterwards
//     unless the statement was a plain SELECT that ran to its end (no
//     temporary object outlives the query);
//   - prepares it once: the prepared statement's type decides, and the
//     same prepared statement runs;
//   - lets only queries run, by the statement type DuckDB's planner gives:
//     SELECT (with WITH, VALUES, FROM-first, DESCRIBE, SHOW, SUMMARIZE,
//     PIVOT and table PRAGMAs such as PRAGMA version) and EXPLAIN;
//   - stops it at Limits.Timeout.
//
// Below it, Open has locked the instance down (lockDown): no file access
// outside the warehouse, no extensions, a locked configuration and, where
// asked, a memory limit.

// Limits bound one statement on the guarded read path.
type Limits struct {
	// Timeout stops a statement that runs longer (0: no limit).
	Timeout time.Duration
	// MaxQueryBytes refuses a longer SQL text (0: DefaultMaxQueryBytes).
	MaxQueryBytes int
	// MaxRows stops a result with more rows (0: no cap).
	MaxRows int
}

// DefaultMaxQueryBytes is the longest SQL text the read path accepts.
const DefaultMaxQueryBytes = 1 << 20

// maxStatements bounds how many statements one text may be split into.
const maxStatements = 1000

func (l Limits) maxBytes() int {
	if l.MaxQueryBytes > 0 {
		return l.MaxQueryBytes
	}
	return DefaultMaxQueryBytes
}

// allowed are the statement types the read path runs.
var allowed = map[duckdb.StmtType]bool{
	duckdb.STATEMENT_TYPE_SELECT:  true,
	duckdb.STATEMENT_TYPE_EXPLAIN: true,
}

var stmtNames = map[duckdb.StmtType]string{
	duckdb.STATEMENT_TYPE_INSERT:       "an INSERT",
	duckdb.STATEMENT_TYPE_UPDATE:       "an UPDATE",
	duckdb.STATEMENT_TYPE_DELETE:       "a DELETE",
	duckdb.STATEMENT_TYPE_PREPARE:      "a PREPARE",
	duckdb.STATEMENT_TYPE_CREATE:       "a CREATE",
	duckdb.STATEMENT_TYPE_EXECUTE:      "an EXECUTE",
	duckdb.STATEMENT_TYPE_ALTER:        "an ALTER",
	duckdb.STATEMENT_TYPE_TRANSACTION:  "a transaction statement",
	duckdb.STATEMENT_TYPE_COPY:         "a COPY",
	duckdb.STATEMENT_TYPE_ANALYZE:      "an ANALYZE or VACUUM",
	duckdb.STATEMENT_TYPE_VARIABLE_SET: "a SET",
	duckdb.STATEMENT_TYPE_CREATE_FUNC:  "a CREATE FUNCTION",
	duckdb.STATEMENT_TYPE_DROP:         "a DROP",
	duckdb.STATEMENT_TYPE_EXPORT:       "an EXPORT",
	duckdb.STATEMENT_TYPE_PRAGMA:       "a PRAGMA that changes a setting",
	duckdb.STATEMENT_TYPE_VACUUM:       "a VACUUM",
	duckdb.STATEMENT_TYPE_CALL:         "a CALL or CHECKPOINT",
	duckdb.STATEMENT_TYPE_SET:          "a SET, RESET or USE",
	duckdb.STATEMENT_TYPE_LOAD:         "an INSTALL or LOAD",
	duckdb.STATEMENT_TYPE_EXTENSION:    "an extension statement",
	duckdb.STATEMENT_TYPE_ATTACH:       "an ATTACH",
	duckdb.STATEMENT_TYPE_DETACH:       "a DETACH",
	duckdb.STATEMENT_TYPE_MULTI:        "a statement that expands into several",
}

func stmtName(t duckdb.StmtType) string {
	if n, ok := stmtNames[t]; ok {
		return n
	}
	return fmt.Sprintf("a statement of DuckDB type %d", t)
}

// queriesOnly is the end of every refusal: what the read path does run.
const queriesOnly = "lpa runs queries only (SELECT, WITH, VALUES, FROM, DESCRIBE, SHOW, SUMMARIZE, PIVOT, EXPLAIN) and never changes the warehouse"

// read runs q, one statement, through the guard: it prepares q once on a
// connection in a read-only transaction, checks the statement's type and
// hands the prepared statement and its driver connection to run, which
// executes it.
func (s *DB) read(ctx context.Context, q string, lim Limits, run func(ctx context.Context, dc driver.Conn, st *duckdb.Stmt) error) error {
	if len(q) > lim.maxBytes() {
		return fmt.Errorf("%w: the query is %d bytes long; the limit is %d bytes", ErrQueryTooLong, len(q), lim.maxBytes())
	}
	if strings.IndexByte(q, 0) >= 0 {
		return fmt.Errorf("%w: the query holds a NUL byte", ErrRefused)
	}
	stmts, err := s.Statements(q)
	if err != nil {
		return s.queryError(ctx, lim, err)
	}
	switch {
	case len(stmts) == 0:
		return ErrEmptyQuery
	case len(stmts) > 1:
		return fmt.Errorf("%w: the text holds %d statements; send one at a time", ErrRefused, len(stmts))
	}
	if lim.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, lim.Timeout)
		defer cancel()
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.queryError(ctx, lim, err)
	}
	// A connection goes back to the pool only after a plain SELECT that
	// ran to its end, its read-only transaction rolled back; after
	// anything else it is dropped, so that nothing a statement made (a
	// temporary table through EXPLAIN ANALYZE, say) or an interrupted
	// query left behind meets the next one.
	reuse := false
	defer func() {
		if reuse {
			_, err := conn.ExecContext(context.WithoutCancel(ctx), stmt("session/rollback.sql"))
			reuse = err == nil
		}
		if !reuse {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}()
	if _, err := conn.ExecContext(ctx, stmt("session/begin_read_only.sql")); err != nil {
		return s.queryError(ctx, lim, err)
	}
	typ := duckdb.STATEMENT_TYPE_INVALID
	err = conn.Raw(func(raw any) error {
		dc, ok := raw.(driver.Conn)
		if !ok {
			return errors.New("not a driver connection")
		}
		pc, ok := raw.(driver.ConnPrepareContext)
		if !ok {
			return errors.New("not a DuckDB connection")
		}
		ps, err := pc.PrepareContext(ctx, q)
		if err != nil {
			// COPY … TO and EXPORT DATABASE fail on the file lock-down
			// before the planner names them: say what they are.
			var de *duckdb.Error
			if errors.As(err, &de) && de.Type == duckdb.ErrorTypePermission {
				switch leadingKeyword(q) {
				case "COPY":
					return fmt.Errorf("%w: this is %s; %s", ErrRefused, stmtName(duckdb.STATEMENT_TYPE_COPY), queriesOnly)
				case "EXPORT":
					return fmt.Errorf("%w: this is %s; %s", ErrRefused, stmtName(duckdb.STATEMENT_TYPE_EXPORT), queriesOnly)
				}
			}
			return err
		}
		defer ps.Close()
		st, ok := ps.(*duckdb.Stmt)
		if !ok {
			return errors.New("not a DuckDB statement")
		}
		if typ, err = st.StatementType(); err != nil {
			return err
		}
		if !allowed[typ] {
			return fmt.Errorf("%w: this is %s; %s", ErrRefused, stmtName(typ), queriesOnly)
		}
		return run(ctx, dc, st)
	})
	reuse = err == nil && ctx.Err() == nil && typ == duckdb.STATEMENT_TYPE_SELECT
	if errors.Is(err, ErrRefused) {
		return err
	}
	return s.queryError(ctx, lim, err)
}

// leadingKeyword is the first word of the statement q, upper-cased, past
// blanks and comments.
func leadingKeyword(q string) string {
	for {
		q = strings.TrimLeft(q, " \t\r\n(")
		switch {
		case strings.HasPrefix(q, "--"):
			_, q, _ = strings.Cut(q, "\n")
		case strings.HasPrefix(q, "/*"):
			_, q, _ = strings.Cut(q[2:], "*/")
		default:
			end := strings.IndexFunc(q, func(r rune) bool { return !unicode.IsLetter(r) })
			if end < 0 {
				end = len(q)
			}
			return strings.ToUpper(q[:end])
		}
	}
}

// queryError turns what DuckDB says when a limit or a lock-down stops a
// statement into lpa's sentinels with a message that names the limit.
func (s *DB) queryError(ctx context.Context, lim Limits, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w: the query was stopped after %s", ErrTimeout, lim.Timeout)
	}
	var de *duckdb.Error
	if errors.As(err, &de) {
		switch de.Type {
		case duckdb.ErrorTypeOutOfMemory:
			return fmt.Errorf("%w: the query needs more memory than the limit of %s allows (%s)", ErrMemory, s.memoryLimit, firstLineOf(de.Msg))
		case duckdb.ErrorTypePermission:
			return fmt.Errorf("%w: lpa reads no file but the warehouse, writes none, and installs or loads no extension (DuckDB: %s)", ErrRefused, duckdbMsg(de))
		}
		if strings.Contains(de.Msg, "read-only mode") || strings.Contains(de.Msg, "configuration has been locked") {
			return fmt.Errorf("%w: %s; %s", ErrRefused, duckdbMsg(de), queriesOnly)
		}
	}
	return err
}

// duckdbMsg is the first line of DuckDB's message without its "Xxx Error: "
// prefix.
func duckdbMsg(e *duckdb.Error) string {
	m := firstLineOf(e.Msg)
	if _, rest, ok := strings.Cut(m, " Error: "); ok {
		return rest
	}
	return m
}

func firstLineOf(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// Statements splits a text into its statements as DuckDB's parser reads
// them: a ';' inside a string ('…', "…", $$…$$, $tag$…$tag$), a comment or
// any other construct does not end a statement. The text of each statement
// is returned as written, without the ';' that ends it. Only the parser
// runs: nothing is planned or executed.
func (s *DB) Statements(q string) ([]string, error) {
	if strings.IndexByte(q, 0) >= 0 {
		return nil, fmt.Errorf("%w: the query holds a NUL byte", ErrRefused)
	}
	total, err := s.countStatements(q)
	if err != nil || total == 0 {
		return nil, err
	}
	if total > maxStatements {
		return nil, fmt.Errorf("%w: the text holds %d statements; the limit is %d", ErrRefused, total, maxStatements)
	}
	// A ';' ends a statement where the text before it parses and the text
	// after it holds all the other statements: a ';' in a string leaves one
	// side unterminated, one in a comment leaves a different count. (The
	// parser may count more than one statement for one that it expands, as
	// PIVOT without an IN list: such a statement is kept whole.)
	var out []string
	start, done := 0, 0
	for i := 0; i < len(q) && done < total; i++ {
		if q[i] != ';' {
			continue
		}
		n, err := s.countStatements(q[start:i])
		if err != nil || n == 0 {
			continue
		}
		if rest, err := s.countStatements(q[i+1:]); err != nil || done+n+rest != total {
			continue
		}
		out = append(out, trimStatement(q[start:i]))
		start, done = i+1, done+n
	}
	if done < total {
		out = append(out, trimStatement(q[start:]))
	}
	return out, nil
}

// trimStatement trims blanks and the ';' that stand around a statement.
func trimStatement(s string) string {
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(s), ";"))
}

// Unterminated reports whether q ends inside a string or a block comment,
// as DuckDB's parser sees it: a prompt then reads on past a line that ends
// in ';'.
func (s *DB) Unterminated(q string) bool {
	_, err := s.countStatements(q)
	return err != nil && strings.Contains(strings.ToLower(err.Error()), "unterminated")
}

// parser is a DuckDB instance of its own that only parses: it counts the
// statements of a text without planning or running any of them (the
// driver's Prepare would run every statement but the last).
type parser struct {
	once sync.Once
	mu   sync.Mutex
	db   mapping.Database
	conn mapping.Connection
	err  error
}

func (p *parser) open() error {
	p.once.Do(func() {
		var cfg mapping.Config
		if mapping.CreateConfig(&cfg) == mapping.StateError {
			p.err = errors.New("cannot configure the SQL parser")
			return
		}
		defer mapping.DestroyConfig(&cfg)
		for k, v := range map[string]string{"enable_external_access": "false", "autoinstall_known_extensions": "false",
			"autoload_known_extensions": "false", "threads": "1"} {
			mapping.SetConfig(cfg, k, v)
		}
		var msg string
		if mapping.OpenExt("", &p.db, cfg, &msg) == mapping.StateError {
			p.err = fmt.Errorf("cannot start the SQL parser: %s", msg)
			return
		}
		if mapping.Connect(p.db, &p.conn) == mapping.StateError {
			mapping.Close(&p.db)
			p.err = errors.New("cannot connect to the SQL parser")
		}
	})
	return p.err
}

func (p *parser) close() {
	if p.err == nil && p.conn.Ptr != nil {
		mapping.Disconnect(&p.conn)
		mapping.Close(&p.db)
	}
}

// countStatements counts the statements of q with DuckDB's parser. A text
// with only comments and blanks holds none; a syntax error is DuckDB's.
func (s *DB) countStatements(q string) (int, error) {
	if err := s.parser.open(); err != nil {
		return 0, err
	}
	s.parser.mu.Lock()
	defer s.parser.mu.Unlock()
	var stmts mapping.ExtractedStatements
	n := mapping.ExtractStatements(s.parser.conn, q, &stmts)
	defer mapping.DestroyExtracted(&stmts)
	if n == 0 {
		if msg := mapping.ExtractStatementsError(stmts); msg != "" {
			typ := duckdb.ErrorTypeParser
			if strings.HasPrefix(msg, "Permission Error: ") {
				typ = duckdb.ErrorTypePermission
			}
			return 0, &duckdb.Error{Type: typ, Msg: msg}
		}
	}
	return int(n), nil
}

// Query runs one statement through the guarded read path and streams its
// result into w.
func (s *DB) Query(ctx context.Context, q string, lim Limits, w RowWriter) error {
	return s.read(ctx, q, lim, func(ctx context.Context, _ driver.Conn, st *duckdb.Stmt) error {
		rows, err := st.QueryContext(ctx, nil)
		if err != nil {
			return err
		}
		defer rows.Close()
		if lim.MaxRows > 0 {
			w = &rowCap{RowWriter: w, max: lim.MaxRows}
		}
		return writeDriverRows(rows, w)
	})
}

// rowCap stops a result at its cap.
type rowCap struct {
	RowWriter
	max, n int
}

func (c *rowCap) Row(vals []any) error {
	if c.n++; c.n > c.max {
		return fmt.Errorf("%w: the result has more than %d rows; add a LIMIT or an aggregate", ErrTooManyRows, c.max)
	}
	return c.RowWriter.Row(vals)
}
