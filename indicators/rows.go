package indicators

import (
	"context"
)

// RowReader walks the records of a table and collects the problems found
// in its cells, located as the table locates them (line and column, or
// sheet!cell).
type RowReader struct {
	name  string
	t     Table
	hdr   []string
	probs Problems
}

// NewRowReader reads t, a table of the file name.
func NewRowReader(name string, t Table) *RowReader {
	return &RowReader{name: name, t: t, hdr: t.Header()}
}

// NewNamedRowReader is NewRowReader for a parser that reads the header's
// names its own way (normalised, say): problems name their column as names
// does.
func NewNamedRowReader(name string, t Table, names []string) *RowReader {
	return &RowReader{name: name, t: t, hdr: names}
}

// Name is the file's name, as messages give it.
func (r *RowReader) Name() string { return r.name }

// Header is the table's header (as the parser reads it).
func (r *RowReader) Header() []string { return r.hdr }

// Problems is where the problems of the file go.
func (r *RowReader) Problems() *Problems { return &r.probs }

// Err is every problem found, joined (nil when there are none).
func (r *RowReader) Err() error { return r.probs.Err(r.name) }

// Locate fills the position of column col (0-based) of line into e, as
// the table writes it, for a problem the parser builds itself.
func (r *RowReader) Locate(e *ParseError, line, col int) { r.t.Locate(e, line, col) }

// Bad adds an invalid value in column col (0-based) of line; a col below 0
// blames the whole line.
func (r *RowReader) Bad(line, col int, msg string) {
	r.add(line, col, ErrInvalidValue, msg)
}

// Dup adds a second row for a key that must be unique.
func (r *RowReader) Dup(line, col int, msg string) {
	r.add(line, col, ErrDuplicateKey, msg)
}

func (r *RowReader) add(line, col int, sentinel error, msg string) {
	e := &ParseError{File: r.name, Err: sentinel, Msg: msg}
	if col >= 0 && col < len(r.hdr) {
		e.Field = r.hdr[col]
	}
	r.t.Locate(e, line, max(col, 0))
	if col < 0 {
		e.Column, e.Cell = 0, ""
	}
	r.probs.Add(e)
}

// Each calls fn for every record until the end of the table or too many
// problems (EachRecord), then returns the problems found.
func (r *RowReader) Each(ctx context.Context, fn func(rec []string, line int)) error {
	if err := EachRecord(ctx, r.name, r.t, &r.probs, fn); err != nil {
		return err
	}
	return r.Err()
}
