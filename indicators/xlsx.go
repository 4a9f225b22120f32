package indicators

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// XLSXTable reads the first sheet of a workbook, streaming its rows: with
// the streaming reader (xlsxstream.go) where it can, with excelize from
// the first row it cannot.
type XLSXTable struct {
	name   string
	data   []byte
	lim    Limits
	sheets []string
	sheet  string
	hdr    []string
	row    int // the sheet row of the last row read
	rec    []string

	stream *sheetStream // nil once excelize reads the rows
	f      *excelize.File
	rows   *excelize.Rows
}

// openXLSX opens a workbook in memory: its parts may unpack to at most
// lim.MaxUnpacked together, and no part is put in a temporary file (the
// XML size limit equals the whole's, so excelize never spills).
func openXLSX(name string, data []byte, lim Limits) (Table, error) {
	t := &XLSXTable{name: name, data: data, lim: lim}
	if err := t.openStream(); err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			return nil, err
		}
		if err := t.openRows(); err != nil {
			return nil, err
		}
	}
	// The header is the first non-empty row.
	for {
		cols, ok, err := t.nextRow()
		if err != nil {
			t.Close()
			return nil, err
		}
		if !ok {
			break
		}
		if len(cols) == 0 {
			continue
		}
		t.hdr = make([]string, len(cols))
		for i, c := range cols {
			t.hdr[i] = strings.TrimSpace(c)
		}
		break
	}
	if t.hdr == nil {
		t.Close()
		return nil, &ParseError{File: name, Err: ErrUnknownKind,
			Msg: fmt.Sprintf("sheet %q is empty; expected a table with a header row", t.sheet)}
	}
	t.rec = make([]string, len(t.hdr))
	return t, nil
}

func (t *XLSXTable) tooLarge() error {
	return &ParseError{File: t.name, Err: ErrTooLarge,
		Msg: fmt.Sprintf("the workbook unpacks to more than %s (the limit: --max-file raises it); expected a source file of a sensible size", Size(t.lim.MaxUnpacked))}
}

// openStream reads the workbook's small parts and starts streaming its
// first sheet; errStreamUnsure when excelize should read it.
func (t *XLSXTable) openStream() error {
	zr, err := zip.NewReader(bytes.NewReader(t.data), int64(len(t.data)))
	if err != nil {
		return errStreamUnsure
	}
	files := make(map[string]*zip.File, len(zr.File))
	var total uint64
	var sst *zip.File
	for _, f := range zr.File {
		if total += f.UncompressedSize64; total > uint64(t.lim.MaxUnpacked) {
			return t.tooLarge()
		}
		name := strings.ReplaceAll(f.Name, "\\", "/")
		files[name] = f
		if strings.EqualFold(name, "xl/sharedStrings.xml") {
			sst = f
		}
	}
	wp, err := readWorkbookParts(files)
	if err != nil {
		return err
	}
	var strs []string
	if sst != nil {
		if strs, err = readSharedStrings(sst); err != nil {
			return err
		}
	}
	if t.stream, err = openSheetStream(files[wp.firstPath], strs); err != nil {
		return err
	}
	t.sheets, t.sheet = wp.sheets, wp.sheets[0]
	return nil
}

// excelize opens the workbook with excelize (once).
func (t *XLSXTable) excelize() (*excelize.File, error) {
	if t.f != nil {
		return t.f, nil
	}
	f, err := excelize.OpenReader(bytes.NewReader(t.data), excelize.Options{
		UnzipSizeLimit: t.lim.MaxUnpacked, UnzipXMLSizeLimit: t.lim.MaxUnpacked})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size exceeds") {
			return nil, t.tooLarge()
		}
		return nil, &ParseError{File: t.name, Err: ErrMalformed,
			Msg: fmt.Sprintf("cannot open as an XLSX workbook (%v)", err)}
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, &ParseError{File: t.name, Err: ErrUnknownKind, Msg: "workbook has no sheets"}
	}
	t.f, t.sheets, t.sheet = f, sheets, sheets[0]
	return f, nil
}

// openRows has excelize read the rows of the first sheet.
func (t *XLSXTable) openRows() error {
	f, err := t.excelize()
	if err != nil {
		return err
	}
	if t.rows, err = f.Rows(t.sheet); err != nil {
		f.Close()
		t.f = nil
		return &ParseError{File: t.name, Err: ErrMalformed, Msg: fmt.Sprintf("sheet %q: %v", t.sheet, err)}
	}
	return nil
}

// nextRow returns the cells of the next row of the sheet (none for a blank
// row), false at its end.
func (t *XLSXTable) nextRow() ([]string, bool, error) {
	if t.stream != nil {
		cells, ok, err := t.stream.next()
		if err == nil {
			if ok {
				t.row++
			}
			return cells, ok, nil
		}
		// Excelize goes on from this row.
		t.stream.close()
		t.stream = nil
		if err := t.openRows(); err != nil {
			return nil, false, err
		}
		// The rows already given are read again as excelize reads them,
		// Columns and all: Columns reads on past a row's end, and Next
		// alone would not meet the same tokens.
		for range t.row {
			if !t.rows.Next() {
				return nil, false, t.rowsErr()
			}
			if _, err := t.rows.Columns(); err != nil {
				return nil, false, &ParseError{File: t.name, Line: t.row, Err: ErrMalformed, Msg: err.Error()}
			}
		}
	}
	if !t.rows.Next() {
		return nil, false, t.rowsErr()
	}
	t.row++
	cols, err := t.rows.Columns()
	if err != nil {
		return nil, false, &ParseError{File: t.name, Line: t.row, Err: ErrMalformed, Msg: err.Error()}
	}
	return cols, true, nil
}

func (t *XLSXTable) rowsErr() error {
	if err := t.rows.Error(); err != nil {
		return &ParseError{File: t.name, Line: t.row, Err: ErrMalformed, Msg: err.Error()}
	}
	return nil
}

// Header is the first non-empty row, its names trimmed.
func (t *XLSXTable) Header() []string { return t.hdr }

// Workbook is the workbook as excelize reads it (the templates read
// several sheets).
func (t *XLSXTable) Workbook() (*excelize.File, error) { return t.excelize() }

// Sheets lists the workbook's sheets in order.
func (t *XLSXTable) Sheets() []string { return t.sheets }

func (t *XLSXTable) rowsHint() int {
	if t.stream != nil {
		// The dimension a sheet states, as far as its size allows: a row
		// takes 11 bytes of XML at least (<row></row>).
		return min(t.stream.lastRow, int(t.stream.size/11))
	}
	return 0
}

// Sheet is the name of the sheet read as the table.
func (t *XLSXTable) Sheet() string { return t.sheet }

func (t *XLSXTable) Next() ([]string, int, error) {
	for {
		cols, ok, err := t.nextRow()
		if err != nil {
			return nil, 0, err
		}
		if !ok {
			return nil, 0, io.EOF
		}
		if len(cols) == 0 {
			continue // blank row
		}
		if len(cols) > len(t.hdr) {
			extra := false
			for _, c := range cols[len(t.hdr):] {
				if strings.TrimSpace(c) != "" {
					extra = true
				}
			}
			if extra {
				cell, _ := excelize.CoordinatesToCellName(len(t.hdr)+1, t.row)
				return nil, 0, &ParseError{File: t.name, Line: t.row, Cell: SheetCell(t.sheet, cell), Err: ErrMalformed,
					Msg: fmt.Sprintf("value beyond the last header column; expected %d columns", len(t.hdr))}
			}
			cols = cols[:len(t.hdr)]
		}
		n := copy(t.rec, cols)
		clear(t.rec[n:])
		return t.rec, t.row, nil
	}
}

func (t *XLSXTable) Locate(e *ParseError, line, col int) {
	e.Line = line
	e.Column = col + 1
	cell, _ := excelize.CoordinatesToCellName(col+1, line)
	e.Cell = SheetCell(t.sheet, cell)
}

func (t *XLSXTable) Close() error {
	if t.stream != nil {
		t.stream.close()
		t.stream = nil
	}
	if t.rows != nil {
		t.rows.Close()
	}
	if t.f != nil {
		return t.f.Close()
	}
	return nil
}
