// Package query is the SQL session of lpa: it splits a text into
// statements, runs each through the warehouse's guarded read path
// (pipeline/store's guard) and writes the results as a table, CSV, JSON or
// an Arrow IPC stream. The command line uses it today; the HTTP and Flight
// SQL endpoints use the same session and writers.
package query

import (
	"context"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"

	"lpa/pipeline/store"
)

// What the guarded read path says, for callers that do not import store.
type (
	// Limits bound one statement: its time and the length of its text.
	Limits = store.Limits
	// Column describes one result column.
	Column = store.Column
	// RowWriter receives a result row by row.
	RowWriter = store.RowWriter
)

// Errors of the guarded read path that callers branch on.
var (
	ErrRefused      = store.ErrRefused
	ErrEmptyQuery   = store.ErrEmptyQuery
	ErrQueryTooLong = store.ErrQueryTooLong
	ErrTimeout      = store.ErrTimeout
	ErrMemory       = store.ErrMemory
	ErrTooManyRows  = store.ErrTooManyRows
)

// MaxQueryBytes is the longest text the read path accepts.
const MaxQueryBytes = store.DefaultMaxQueryBytes

// Format is how results are written.
type Format string

// The formats.
const (
	Table   Format = "table"
	CSV     Format = "csv"
	JSON    Format = "json"
	Arrow   Format = "arrow"   // an Arrow IPC stream
	Parquet Format = "parquet" // one Parquet file
)

// ParseFormat reads a format name.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case Table, CSV, JSON, Arrow, Parquet:
		return f, nil
	}
	return "", fmt.Errorf("format %q; expected table, csv, json, arrow or parquet", s)
}

// Warehouse is what a session needs of the warehouse: the guarded read
// path. *store.DB has it.
type Warehouse interface {
	Statements(q string) ([]string, error)
	Unterminated(q string) bool
	Query(ctx context.Context, q string, lim store.Limits, w store.RowWriter) error
	QueryArrow(ctx context.Context, q string, lim store.Limits, w io.Writer) error
	QueryBatches(ctx context.Context, q string, lim store.Limits, schema func(*arrow.Schema) error, batch func(arrow.RecordBatch) error) error
}

var _ Warehouse = (*store.DB)(nil)

// Session runs users' SQL against one warehouse in one format.
type Session struct {
	wh       Warehouse
	lim      Limits
	format   Format
	maxWidth int // of the table format's lines; 0: no limit
}

// New returns a session.
func New(wh Warehouse, lim Limits, f Format) *Session {
	return &Session{wh: wh, lim: lim, format: f}
}

// WithFormat returns a copy of s that writes results in format f.
func (s *Session) WithFormat(f Format) *Session {
	c := *s
	c.format = f
	return &c
}

// WithMaxWidth returns a copy of s whose table results fit lines of cols
// columns (a terminal's width), as DuckDB's CLI fits them: long values cut
// and middle columns left out, with a note of how many are shown.
func (s *Session) WithMaxWidth(cols int) *Session {
	c := *s
	c.maxWidth = cols
	return &c
}

// Format is the format s writes.
func (s *Session) Format() Format { return s.format }

// ErrUsage marks a request the session cannot serve as asked (an empty
// text, several results for one Arrow stream).
type ErrUsage struct{ Msg string }

func (e ErrUsage) Error() string { return e.Msg }

// Run runs every statement of text in turn and writes each result to w.
// DuckDB's parser says where the statements end.
func (s *Session) Run(ctx context.Context, text string, w io.Writer) error {
	stmts, err := s.wh.Statements(text)
	if err != nil {
		return err
	}
	if len(stmts) == 0 {
		return ErrUsage{"the query is empty"}
	}
	if (s.format == Arrow || s.format == Parquet) && len(stmts) > 1 {
		return ErrUsage{fmt.Sprintf("format %s writes one result; the query holds %d statements", s.format, len(stmts))}
	}
	for _, st := range stmts {
		if err := s.one(ctx, st, w); err != nil {
			return err
		}
	}
	return nil
}

func (s *Session) one(ctx context.Context, q string, w io.Writer) error {
	switch s.format {
	case Arrow:
		return s.wh.QueryArrow(ctx, q, s.lim, w)
	case Parquet:
		return s.parquet(ctx, q, w)
	}
	rw := newWriter(s.format, w, s.maxWidth)
	if err := s.wh.Query(ctx, q, s.lim, rw); err != nil {
		return err
	}
	return rw.Flush()
}

// Batches runs one statement and hands its result over as Arrow: its
// schema, then each record batch (valid during the call only; Retain to
// keep). For the Flight SQL endpoint.
func (s *Session) Batches(ctx context.Context, q string, schema func(*arrow.Schema) error, batch func(arrow.RecordBatch) error) error {
	return s.wh.QueryBatches(ctx, q, s.lim, schema, batch)
}

// Statements splits text into its statements (DuckDB's parser).
func (s *Session) Statements(text string) ([]string, error) { return s.wh.Statements(text) }

// Tables is the query that lists the warehouse's public views and tables
// (the prompt's .tables).
func Tables() string { return store.TablesSQL() }

// Catalog is the query behind Flight SQL's catalog calls: catalog,
// schema, name and type of every public view and table.
func Catalog() string { return store.CatalogSQL() }

// ResultSchema wraps the query q so that it gives its columns and no rows.
func ResultSchema(q string) string { return store.ResultSchemaSQL(q) }

// ViewRows is the query of every row of the public view name.
func ViewRows(name string) string { return store.ViewRowsSQL(name) }

// Relation is a public view or table of the warehouse with its columns.
type Relation struct {
	Name    string
	View    bool // a view, not a table
	Columns []Column
	// Create is its CREATE statement as DuckDB's .schema shows it: the
	// columns with their types (a view's query left out).
	Create string
}

// Schema lists the warehouse's public views and tables with their columns
// (the prompt's .schema), through the guarded read path.
func (s *Session) Schema(ctx context.Context) ([]Relation, error) {
	var c schemaRows
	if err := s.wh.Query(ctx, store.SchemaSQL(), s.lim, &c); err != nil {
		return nil, err
	}
	return c.rels, nil
}

// schemaRows collects the rows of store.SchemaSQL.
type schemaRows struct{ rels []Relation }

func (c *schemaRows) Header([]Column) error { return nil }

func (c *schemaRows) Row(vals []any) error {
	name, _ := vals[0].(string)
	typ, _ := vals[1].(string)
	col, _ := vals[2].(string)
	dt, _ := vals[3].(string)
	ddl, _ := vals[4].(string)
	if n := len(c.rels); n == 0 || c.rels[n-1].Name != name {
		c.rels = append(c.rels, Relation{Name: name, View: typ == "VIEW", Create: ddl})
	}
	r := &c.rels[len(c.rels)-1]
	r.Columns = append(r.Columns, Column{Name: col, Type: dt})
	return nil
}

// Unterminated reports whether text ends inside a string or a block
// comment: a prompt reads on past a line that ends in ';'.
func (s *Session) Unterminated(text string) bool { return s.wh.Unterminated(text) }
