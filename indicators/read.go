package indicators

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// TrimBOM returns data without the UTF-8 byte order mark it may start with.
func TrimBOM(data []byte) []byte { return bytes.TrimPrefix(data, utf8BOM) }

// Table is a source file seen as a header and records, whatever its layout
// (OpenTable; the templates read a workbook's sheets as tables too).
type Table interface {
	// Header is the header row, its names trimmed.
	Header() []string
	// Next returns the next record and its 1-based line (row) number, or
	// io.EOF. The record may be reused by the following call.
	Next() ([]string, int, error)
	// Locate fills the position of a field (0-based column) in e.
	Locate(e *ParseError, line, col int)
	// Close releases the table.
	Close() error
}

// OpenTable opens data (gzip already undone by PrepareText) as a table: a
// zip container is read as an XLSX workbook (first sheet), anything else as
// delimited text (separator sniffed from the header line, BOM and CR
// handled).
func OpenTable(name string, data []byte, lim Limits) (Table, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return openXLSX(name, data, lim)
	}
	t, err := openText(name, bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	t.(*TextTable).lines = bytes.Count(data, []byte{'\n'})
	return t, nil
}

// RowsHint is about how many records t holds (0: not known): a parser
// sizes what it collects by it instead of growing it as it reads.
func RowsHint(t Table) int {
	if h, ok := t.(interface{ rowsHint() int }); ok {
		return h.rowsHint()
	}
	return 0
}

// TextTable reads delimited text with encoding/csv.
type TextTable struct {
	name   string
	r      *csv.Reader
	hdr    []string
	last   int  // line of the last record read
	footer bool // a "Bron: ..." footer line was seen
	lines  int  // line ends in the data (RowsHint)
}

func (t *TextTable) rowsHint() int { return t.lines }

func openText(name string, r io.Reader) (Table, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	first, err := br.Peek(3)
	if err == nil && bytes.Equal(first, utf8BOM) {
		_, _ = br.Discard(3)
	}
	head, _ := br.Peek(8192)
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	sep := ','
	if bytes.Count(head, []byte(";")) > bytes.Count(head, []byte(",")) {
		sep = ';'
	}
	cr := csv.NewReader(br)
	cr.Comma = sep
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1 // counted in next, which knows about footers
	t := &TextTable{name: name, r: cr}
	hdr, err := cr.Read()
	if err == io.EOF {
		return nil, &ParseError{File: name, Line: 1, Err: ErrMalformed, Msg: "file is empty; expected a header line"}
	}
	if err != nil {
		return nil, t.wrap(err)
	}
	t.hdr = make([]string, len(hdr))
	for i, h := range hdr {
		t.hdr[i] = strings.TrimSpace(h)
	}
	return t, nil
}

func (t *TextTable) Header() []string { return t.hdr }

// Comma is the field separator, as sniffed from the header line.
func (t *TextTable) Comma() rune { return t.r.Comma }

func (t *TextTable) Next() ([]string, int, error) {
	for {
		rec, err := t.r.Read()
		if err != nil {
			if err == io.EOF {
				return nil, 0, io.EOF
			}
			return nil, 0, t.wrap(err)
		}
		line, _ := t.r.FieldPos(0)
		t.last = line
		if len(rec) == 1 && (rec[0] == "" || strings.HasPrefix(strings.TrimSpace(rec[0]), "Bron")) {
			t.footer = true // StatLine exports end with a "Bron: CBS" footer line
			continue
		}
		if t.footer {
			return nil, 0, &ParseError{File: t.name, Line: line, Err: ErrMalformed,
				Msg: "data after the \"Bron\" footer line; expected the footer to end the file"}
		}
		if len(rec) == len(t.hdr) {
			return rec, line, nil
		}
		return nil, 0, &ParseError{File: t.name, Line: line, Err: ErrMalformed,
			Msg: fmt.Sprintf("row has %d fields, the header %d; expected one field per header column", len(rec), len(t.hdr))}
	}
}

func (t *TextTable) Locate(e *ParseError, line, col int) {
	e.Line = line
	e.Column = col + 1
}

func (t *TextTable) Close() error { return nil }

// wrap turns reader errors (CSV syntax, field counts, a truncated gzip) into
// a ParseError that says where reading stopped.
func (t *TextTable) wrap(err error) error {
	var pe *csv.ParseError
	// The next line after the last good record is where reading broke.
	// (csv.Reader.FieldPos must not be called after an error.)
	line := t.last + 1
	if errors.As(err, &pe) {
		e := &ParseError{File: t.name, Line: pe.StartLine, Column: pe.Column, Err: ErrMalformed}
		if pe.StartLine == 0 {
			e.Line = pe.Line
		}
		e.Msg = fmt.Sprintf("%v; expected RFC 4180 CSV", pe.Err)
		if pe.StartLine != pe.Line && pe.StartLine > 0 {
			e.Column = 0
			e.Msg = fmt.Sprintf("%v (the row starting here runs to line %d: an unclosed quote?); expected RFC 4180 CSV", pe.Err, pe.Line)
		}
		return e
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) {
		return &ParseError{File: t.name, Line: line, Err: ErrMalformed,
			Msg: fmt.Sprintf("compressed data ends early or is damaged at line %d (%v); expected a complete gzip file", line, err)}
	}
	return &ParseError{File: t.name, Line: line, Err: ErrMalformed, Msg: err.Error()}
}

// SheetCell writes a cell reference with its sheet: Budget!D2.
func SheetCell(sheet, cell string) string { return fmt.Sprintf("%s!%s", sheet, cell) }

// EachRecord calls fn for every record of t until the end of the table. A
// reading error (broken quoting, a truncated file) is added to probs and
// ends the walk; once probs is full the remaining records are only counted
// as skipped. The context is checked every 4096 records.
func EachRecord(ctx context.Context, name string, t Table, probs *Problems, fn func(rec []string, line int)) error {
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		rec, line, err := t.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			probs.AddErr(name, err)
			return nil
		}
		if probs.Full() {
			probs.Skip()
			continue
		}
		fn(rec, line)
	}
}
