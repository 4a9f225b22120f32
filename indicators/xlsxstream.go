package indicators

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The streaming sheet reader. A StatLine workbook of one edition of
// 50090NED unpacks to a 24 MB sheet; excelize holds that sheet in memory and
// decodes it with encoding/xml, some 860 MB of garbage and 12 million
// allocations for 650,000 cells. Collecting that garbage pauses the other
// goroutines of lpa serve (its SQL readers) while a load runs. This reader
// streams the sheet out of the zip and allocates one string per cell that is
// not a shared string.
//
// It gives exactly the rows excelize gives (Rows, Columns) for the workbooks
// it understands, and hands over to excelize (errStreamUnsure) at the first
// thing it does not model: a styled cell (its number format would apply), a
// boolean or date cell, an escaped _xHHHH_ string, a carriage return in a
// value, rows out of order, XML it does not read.

// errStreamUnsure makes the table go on with excelize from the row it was
// reading.
var errStreamUnsure = errors.New("the streaming reader hands over to excelize")

// maxSheetRows is the last row a sheet may have (excelize.TotalRows).
const maxSheetRows = excelize.TotalRows

// sheetStream reads the rows of one sheet part.
type sheetStream struct {
	r   *bufio.Reader
	rc  io.Closer
	sst []string

	seek       int      // the row the table asks for (excelize's seekRow)
	pending    []string // the cells of row pendRow, read ahead
	hasPending bool
	pendRow    int
	cur        int // the number of the last row element read
	done       bool
	text       []byte
	cells      []string // the row being read: reused
	ahead      rowStart // the start of the row after the one read
	haveNext   bool
	stack      []string // the elements open, as the scanner met them
	lastRow    int      // the last row of the sheet's dimension (0: not stated)
	size       int64    // of the sheet part, unpacked
}

func openSheetStream(f *zip.File, sst []string) (*sheetStream, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, errStreamUnsure
	}
	return &sheetStream{r: bufio.NewReaderSize(rc, 1<<16), rc: rc, sst: sst, size: int64(f.UncompressedSize64)}, nil
}

func (s *sheetStream) close() { s.rc.Close() }

// next returns the cells of the next row (none for a row the sheet leaves
// out), false at the end of the sheet.
func (s *sheetStream) next() ([]string, bool, error) {
	s.seek++
	if !s.hasPending && !s.done {
		cells, n, err := s.readRow()
		if err != nil {
			return nil, false, err
		}
		if n > 0 {
			if n <= s.cur {
				return nil, false, errStreamUnsure // rows out of order
			}
			s.cur, s.pending, s.pendRow, s.hasPending = n, cells, n, true
		}
	}
	if !s.hasPending {
		return nil, false, nil
	}
	if s.pendRow > s.seek {
		return []string{}, true, nil // a row the sheet does not hold
	}
	s.hasPending = false
	return s.pending, true, nil
}

// rowStart is a row element's start tag as the scanner met it.
type rowStart struct {
	r           int // its r attribute; 0: none
	selfClosing bool
}

// seekRow scans to the next row element's start tag; false at the end
// of the sheet data.
func (s *sheetStream) seekRow() (rowStart, bool, error) {
	past := false // the end of sheetData was met
	for {
		tag, err := s.nextTag()
		if err == io.EOF {
			return rowStart{}, false, nil
		}
		if err != nil {
			return rowStart{}, false, err
		}
		if tag.end && tag.name == "sheetData" {
			// excelize reads on past the sheet data: a row after it is
			// excelize's to read.
			past = true
			continue
		}
		if past && !tag.end && (tag.name == "row" || tag.name == "c") {
			return rowStart{}, false, errStreamUnsure
		}
		if tag.name == "dimension" && !tag.end {
			if ref, ok := tag.attr("ref"); ok {
				_, last, _ := strings.Cut(ref, ":")
				if _, row, err := excelize.CellNameToCoordinates(last); err == nil {
					s.lastRow = row
				}
			}
		}
		if !tag.end && tag.name == "c" {
			return rowStart{}, false, errStreamUnsure // a cell outside a row: excelize gives it to the row before
		}
		if tag.end || tag.name != "row" {
			continue
		}
		rs := rowStart{selfClosing: tag.selfClosing}
		if v, ok := tag.attr("r"); ok {
			r, err := strconv.Atoi(v)
			if err != nil || r < 0 || r > maxSheetRows {
				return rowStart{}, false, errStreamUnsure
			}
			rs.r = r
		}
		return rs, true, nil
	}
}

// readRow reads the next row element and returns its cells and number;
// number 0 at the end of the sheet data. It looks on to the next row's
// start before it returns: what stands between two rows is excelize's
// too.
func (s *sheetStream) readRow() ([]string, int, error) {
	if !s.haveNext {
		rs, ok, err := s.seekRow()
		if err != nil || !ok {
			s.done = err == nil
			return nil, 0, err
		}
		s.ahead, s.haveNext = rs, true
	}
	rs := s.ahead
	s.haveNext = false
	n := s.cur + 1
	if rs.r != 0 {
		n = rs.r
	}
	cells, err := s.readCells(rs.selfClosing)
	if err != nil {
		return nil, 0, err
	}
	next, ok, err := s.seekRow()
	if err != nil {
		return nil, 0, err
	}
	if ok && next.r != 0 && next.r <= n {
		// Rows out of order: excelize reads the next row's cells into
		// this one. Hand over before this row is given.
		return nil, 0, errStreamUnsure
	}
	s.ahead, s.haveNext, s.done = next, ok, !ok
	return cells, n, nil
}

// readCells reads the cells of a row up to its end tag.
func (s *sheetStream) readCells(selfClosing bool) ([]string, error) {
	cells := s.cells[:0]
	defer func() { s.cells = cells[:0] }()
	if selfClosing {
		return cells, nil
	}
	col := 0
	for {
		tag, err := s.nextTag()
		if err != nil {
			return nil, errStreamUnsure
		}
		if tag.end && tag.name == "row" {
			return cells, nil
		}
		if tag.end || tag.name != "c" {
			if tag.name == "row" || tag.name == "sheetData" {
				return nil, errStreamUnsure
			}
			continue
		}
		col++
		if ref, ok := tag.attrBytes("r"); ok {
			c, ok := refColumn(ref)
			if !ok {
				return nil, errStreamUnsure
			}
			col = c
		}
		if st, ok := tag.attrBytes("s"); ok && string(st) != "0" {
			return nil, errStreamUnsure // a number format may apply
		}
		typ, _ := tag.attr("t")
		val, formula, err := s.cellValue(typ, tag.selfClosing)
		if err != nil {
			return nil, err
		}
		if val != "" || formula {
			for len(cells) < col-1 {
				cells = append(cells, "")
			}
			cells = append(cells, val)
		}
	}
}

// cellValue reads a cell's children and gives its value as excelize
// formats a cell without a style.
func (s *sheetStream) cellValue(typ string, empty bool) (string, bool, error) {
	var v, inline []byte
	hasIS, formula := false, false
	if !empty {
		inIS, ts := false, 0 // within is; its t elements
		for {
			tag, err := s.nextTag()
			if err != nil {
				return "", false, errStreamUnsure
			}
			if tag.end && tag.name == "c" {
				break
			}
			switch {
			case inIS:
				// Only the plain form <is><t>text</t></is>: excelize builds
				// other inline strings by rules of its own.
				switch {
				case tag.end && tag.name == "is":
					inIS = false
				case tag.name == "t" && !tag.end && !tag.selfClosing && ts == 0:
					ts++
					t, err := s.readText("t")
					if err != nil {
						return "", false, err
					}
					inline = append(inline, t...)
				default:
					return "", false, errStreamUnsure
				}
			case tag.name == "is" && !tag.end:
				if hasIS || tag.selfClosing {
					return "", false, errStreamUnsure
				}
				hasIS, inIS = true, true
			case tag.name == "f" && !tag.end:
				formula = true
				if !tag.selfClosing {
					if _, err := s.readText("f"); err != nil {
						return "", false, err
					}
				}
			case tag.name == "v" && !tag.end:
				v = v[:0] // <v/> empties the value, as encoding/xml does
				if !tag.selfClosing {
					t, err := s.readText("v")
					if err != nil {
						return "", false, err
					}
					v = append(v, t...)
				}
			case tag.name == "c" || tag.name == "row" || tag.name == "rPh" || tag.name == "t" || tag.name == "r":
				return "", false, errStreamUnsure
			}
		}
	}
	switch typ {
	case "s":
		if len(v) == 0 {
			return "", formula, nil
		}
		i, _ := strconv.Atoi(strings.TrimSpace(string(v))) // as excelize: no number is item 0
		if i < 0 || i >= len(s.sst) {
			return "", false, errStreamUnsure
		}
		if strings.Contains(s.sst[i], "_x") {
			return "", false, errStreamUnsure // an escaped character
		}
		return s.sst[i], formula, nil
	case "str":
		return string(v), formula, nil
	case "inlineStr":
		if !hasIS {
			return string(v), formula, nil
		}
		if bytes.Contains(inline, []byte("_x")) {
			return "", false, errStreamUnsure
		}
		return string(inline), formula, nil
	case "b", "d":
		return "", false, errStreamUnsure
	}
	return generalNumber(string(v)), formula, nil
}

// generalNumber is a number cell's value without a style as excelize gives
// it: the shortest decimal that reads back as the same float, or 15
// significant digits where the stored text holds more than a float keeps.
// Text that is no number stays as it is.
func generalNumber(v string) string {
	if strings.Contains(v, "_") {
		return v
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	plain := strconv.FormatFloat(f, 'f', -1, 64)
	digits := len(plain) - strings.Count(plain, ".")
	if digits > 15 && !withinPrecision(v) {
		return strconv.FormatFloat(f, 'G', 15, 64)
	}
	return plain
}

// withinPrecision: an integer written with at most 15 significant digits.
func withinPrecision(v string) bool {
	if strings.ContainsAny(v, ".Ee") {
		return false
	}
	v = strings.TrimLeft(v, "+-0")
	return len(strings.TrimRight(v, "0")) <= 15
}

// refColumn is the column of a cell reference such as AB12 (A is 1);
// false for anything else (excelize reads the sheet then).
func refColumn(ref []byte) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A'+1)
		if col > excelize.MaxColumns {
			return 0, false
		}
	}
	if i == 0 || i == len(ref) || ref[i] == '0' {
		return 0, false
	}
	if len(ref)-i > 7 {
		return 0, false
	}
	row := 0
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return 0, false
		}
		row = row*10 + int(c-'0')
	}
	return col, row <= maxSheetRows
}
