package templates

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"lpa/indicators"
)

// sheetTable is one sheet of a workbook as a table, with raw cell values
// (numbers unformatted).
type sheetTable struct {
	f      *excelize.File
	sheet  string
	rows   [][]string
	hdr    []string
	hdrRow int // 1-based
	i      int // index of the next row
	rec    []string
}

// openSheet returns the sheet as a table, or nil when it is empty.
func openSheet(name string, f *excelize.File, sheet string) (*sheetTable, error) {
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, &indicators.ParseError{File: name, Err: indicators.ErrMalformed, Msg: fmt.Sprintf("sheet %q cannot be read (%v)", sheet, err)}
	}
	t := &sheetTable{f: f, sheet: sheet, rows: rows}
	for t.i < len(rows) {
		r := rows[t.i]
		t.i++
		if blank(r) {
			continue
		}
		t.hdrRow = t.i
		t.hdr = make([]string, len(r))
		for j, h := range r {
			t.hdr[j] = strings.TrimSpace(h)
		}
		t.rec = make([]string, len(t.hdr))
		return t, nil
	}
	return nil, nil
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func (t *sheetTable) Header() []string { return t.hdr }

func (t *sheetTable) Next() ([]string, int, error) {
	for t.i < len(t.rows) {
		r := t.rows[t.i]
		t.i++
		if blank(r) {
			continue
		}
		if len(r) > len(t.hdr) && !blank(r[len(t.hdr):]) {
			cell, _ := excelize.CoordinatesToCellName(len(t.hdr)+1, t.i)
			return nil, 0, &indicators.ParseError{Line: t.i, Cell: indicators.SheetCell(t.sheet, cell), Err: indicators.ErrMalformed,
				Msg: fmt.Sprintf("value beyond the last header column; expected %d columns", len(t.hdr))}
		}
		n := copy(t.rec, r)
		clear(t.rec[n:])
		return t.rec, t.i, nil
	}
	return nil, 0, io.EOF
}

func (t *sheetTable) Locate(e *indicators.ParseError, line, col int) {
	e.Line = line
	e.Column = col + 1
	cell, _ := excelize.CoordinatesToCellName(col+1, line)
	e.Cell = indicators.SheetCell(t.sheet, cell)
}

func (t *sheetTable) Close() error { return nil }

// numeric reports whether a cell holds a number (not text).
func (t *sheetTable) numeric(line, col int) bool {
	cell, err := excelize.CoordinatesToCellName(col+1, line)
	if err != nil {
		return false
	}
	ct, err := t.f.GetCellType(t.sheet, cell)
	return err == nil && (ct == excelize.CellTypeUnset || ct == excelize.CellTypeNumber)
}
