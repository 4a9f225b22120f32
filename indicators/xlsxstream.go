package indicators

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
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

// workbookParts are what a workbook's small parts say: its sheets in order
// and, for the first, where its XML is.
type workbookParts struct {
	sheets    []string
	firstPath string
}

// readWorkbookParts reads the sheet list and the first sheet's part name.
func readWorkbookParts(files map[string]*zip.File) (workbookParts, error) {
	var wp workbookParts
	wb, ok := files["xl/workbook.xml"]
	if !ok {
		return wp, errStreamUnsure
	}
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := decodePart(wb, &book); err != nil {
		return wp, errStreamUnsure
	}
	if len(book.Sheets) == 0 {
		return wp, errStreamUnsure
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if rf, ok := files["xl/_rels/workbook.xml.rels"]; !ok || decodePart(rf, &rels) != nil {
		return wp, errStreamUnsure
	}
	for _, s := range book.Sheets {
		wp.sheets = append(wp.sheets, s.Name)
	}
	for _, r := range rels.Rels {
		if r.ID != book.Sheets[0].ID {
			continue
		}
		if strings.HasPrefix(r.Target, "/") {
			wp.firstPath = strings.TrimPrefix(r.Target, "/")
		} else {
			wp.firstPath = path.Join("xl", r.Target)
		}
	}
	if _, ok := files[wp.firstPath]; !ok {
		return wp, errStreamUnsure
	}
	return wp, nil
}

func decodePart(f *zip.File, v any) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

// readSharedStrings reads the shared string table as excelize reads it: an
// item's text is its t element and the t elements of its runs (phonetic
// runs left out).
func readSharedStrings(f *zip.File) ([]string, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	dec := xml.NewDecoder(bufio.NewReaderSize(rc, 1<<16))
	var (
		out   []string
		stack []string
		text  strings.Builder
		inT   bool
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, errStreamUnsure
		}
		switch t := tok.(type) {
		case xml.StartElement:
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			stack = append(stack, t.Name.Local)
			switch {
			case t.Name.Local == "si":
				text.Reset()
			case t.Name.Local == "t" && (parent == "si" || parent == "r" && len(stack) >= 3 && stack[len(stack)-3] == "si"):
				inT = true
			}
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			switch t.Name.Local {
			case "t":
				inT = false
			case "si":
				out = append(out, text.String())
			}
		case xml.CharData:
			if inT {
				text.Write(t)
			}
		}
	}
}

// sheetStream reads the rows of one sheet part.
type sheetStream struct {
	r   *bufio.Reader
	rc  io.Closer
	sst []string

	seek    int      // the row the table asks for (excelize's seekRow)
	pending []string // the cells of row pendRow, read ahead
	pendRow int
	cur     int // the number of the last row element read
	done    bool
	text    []byte
	cells   []string // the row being read: reused
	lastRow int      // the last row of the sheet's dimension (0: not stated)
}

func openSheetStream(f *zip.File, sst []string) (*sheetStream, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, errStreamUnsure
	}
	return &sheetStream{r: bufio.NewReaderSize(rc, 1<<16), rc: rc, sst: sst}, nil
}

func (s *sheetStream) close() { s.rc.Close() }

// next returns the cells of the next row (none for a row the sheet leaves
// out), false at the end of the sheet.
func (s *sheetStream) next() ([]string, bool, error) {
	s.seek++
	if s.pending == nil && !s.done {
		cells, n, err := s.readRow()
		if err != nil {
			return nil, false, err
		}
		if n > 0 {
			if n <= s.cur {
				return nil, false, errStreamUnsure // rows out of order
			}
			s.cur, s.pending, s.pendRow = n, cells, n
		}
	}
	if s.pending == nil {
		return nil, false, nil
	}
	if s.pendRow > s.seek {
		return []string{}, true, nil // a row the sheet does not hold
	}
	cells := s.pending
	s.pending = nil
	return cells, true, nil
}

// readRow reads up to the end of the next row element and returns its
// cells and number; number 0 at the end of the sheet data.
func (s *sheetStream) readRow() ([]string, int, error) {
	for {
		tag, err := s.nextTag()
		if err == io.EOF {
			s.done = true
			return nil, 0, nil
		}
		if err != nil {
			return nil, 0, err
		}
		if tag.end && tag.name == "sheetData" {
			s.done = true
			return nil, 0, nil
		}
		if tag.name == "dimension" && !tag.end {
			if ref, ok := tag.attr("ref"); ok {
				_, last, _ := strings.Cut(ref, ":")
				if _, row, err := excelize.CellNameToCoordinates(last); err == nil {
					s.lastRow = row
				}
			}
		}
		if tag.end || tag.name != "row" {
			continue
		}
		n := s.cur + 1
		if v, ok := tag.attr("r"); ok {
			if r, err := strconv.Atoi(v); err == nil && r != 0 {
				n = r
			} else if err != nil {
				return nil, 0, errStreamUnsure
			}
		}
		if n > maxSheetRows || n < 0 {
			return nil, 0, errStreamUnsure
		}
		cells := s.cells[:0]
		defer func() { s.cells = cells[:0] }()
		if tag.selfClosing {
			return cells, n, nil
		}
		col := 0
		for {
			tag, err := s.nextTag()
			if err != nil {
				return nil, 0, errStreamUnsure
			}
			if tag.end && tag.name == "row" {
				return cells, n, nil
			}
			if tag.end || tag.name != "c" {
				if tag.name == "row" || tag.name == "sheetData" {
					return nil, 0, errStreamUnsure
				}
				continue
			}
			col++
			if ref, ok := tag.attrBytes("r"); ok {
				c, ok := refColumn(ref)
				if !ok {
					return nil, 0, errStreamUnsure
				}
				col = c
			}
			if st, ok := tag.attrBytes("s"); ok && string(st) != "0" {
				return nil, 0, errStreamUnsure // a number format may apply
			}
			typ, _ := tag.attr("t")
			val, formula, err := s.cellValue(typ, tag.selfClosing)
			if err != nil {
				return nil, 0, err
			}
			if val != "" || formula {
				for len(cells) < col-1 {
					cells = append(cells, "")
				}
				cells = append(cells, val)
			}
		}
	}
}

// cellValue reads a cell's children and gives its value as excelize
// formats a cell without a style.
func (s *sheetStream) cellValue(typ string, empty bool) (string, bool, error) {
	var v, inline []byte
	hasIS, formula := false, false
	if !empty {
		depth := 0 // within is
		for {
			tag, err := s.nextTag()
			if err != nil {
				return "", false, errStreamUnsure
			}
			if tag.end && tag.name == "c" {
				break
			}
			switch {
			case tag.name == "f" && !tag.end:
				formula = true
				if !tag.selfClosing {
					if _, err := s.readText("f"); err != nil {
						return "", false, err
					}
				}
			case tag.name == "v" && !tag.end:
				if !tag.selfClosing {
					t, err := s.readText("v")
					if err != nil {
						return "", false, err
					}
					v = append(v[:0], t...)
				}
			case tag.name == "is":
				hasIS = true
				if tag.end {
					depth = 0
				} else if !tag.selfClosing {
					depth = 1
				}
			case tag.name == "rPh" && !tag.end && !tag.selfClosing:
				if err := s.skipTo("rPh"); err != nil {
					return "", false, err
				}
			case tag.name == "t" && !tag.end && depth > 0:
				if !tag.selfClosing {
					t, err := s.readText("t")
					if err != nil {
						return "", false, err
					}
					inline = append(inline, t...)
				}
			case tag.name == "c" || tag.name == "row":
				return "", false, errStreamUnsure
			}
		}
	}
	switch typ {
	case "s":
		raw := strings.TrimSpace(string(v))
		if raw == "" {
			return "", formula, nil
		}
		i, err := strconv.Atoi(raw)
		if err != nil || i < 0 || i >= len(s.sst) {
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

// tag is one XML tag of the sheet.
type tag struct {
	name        string // local name
	end         bool
	selfClosing bool
	attrs       []byte // the raw attribute text; valid until the next read
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
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	return col, true
}

// attr returns the value of the attribute with local name key.
func (t tag) attr(key string) (string, bool) {
	v, ok := t.attrBytes(key)
	return string(v), ok
}

// attrBytes is attr without a copy: valid until the next read.
func (t tag) attrBytes(key string) ([]byte, bool) {
	a := t.attrs
	for len(a) > 0 {
		a = trimBlank(a)
		eq := bytes.IndexByte(a, '=')
		if eq < 0 {
			return nil, false
		}
		name := bytes.TrimSpace(a[:eq])
		if i := bytes.IndexByte(name, ':'); i >= 0 {
			name = name[i+1:]
		}
		a = trimBlank(a[eq+1:])
		if len(a) == 0 || (a[0] != '"' && a[0] != '\'') {
			return nil, false
		}
		q := a[0]
		end := bytes.IndexByte(a[1:], q)
		if end < 0 {
			return nil, false
		}
		val := a[1 : 1+end]
		a = a[end+2:]
		if string(name) == key {
			if bytes.IndexByte(val, '&') >= 0 || bytes.IndexByte(val, '\r') >= 0 {
				return nil, false // kept simple: the attributes read here never need it
			}
			return val, true
		}
	}
	return nil, false
}

// trimBlank trims XML white space off the front of b.
func trimBlank(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n') {
		b = b[1:]
	}
	return b
}

// nextTag skips text and returns the next element tag. Comments and
// processing instructions are skipped; CDATA and a DOCTYPE hand over.
func (s *sheetStream) nextTag() (tag, error) {
	for {
		if _, err := s.r.ReadSlice('<'); err != nil {
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			return tag{}, err
		}
		t, skip, err := s.readTag()
		if err != nil || !skip {
			return t, err
		}
	}
}

// readTag reads a tag after its '<'; skip is set for comments and
// processing instructions.
func (s *sheetStream) readTag() (tag, bool, error) {
	b, err := s.r.Peek(1)
	if err != nil {
		return tag{}, false, errStreamUnsure
	}
	switch b[0] {
	case '?':
		return tag{}, true, s.skipPast("?>")
	case '!':
		if p, err := s.r.Peek(3); err == nil && string(p) == "!--" {
			return tag{}, true, s.skipPast("-->")
		}
		return tag{}, false, errStreamUnsure
	}
	body, err := s.r.ReadSlice('>')
	if err != nil {
		return tag{}, false, errStreamUnsure // a tag longer than the buffer
	}
	body = body[:len(body)-1]
	var t tag
	if body[0] == '/' {
		t.end = true
		body = body[1:]
	}
	if n := len(body); n > 0 && body[n-1] == '/' {
		t.selfClosing = true
		body = body[:n-1]
	}
	name := body
	if i := bytes.IndexAny(body, " \t\r\n"); i >= 0 {
		name, t.attrs = body[:i], body[i:]
	}
	// A '>' in an attribute value ends ReadSlice early: the quotes do not
	// pair up then.
	if bytes.Count(t.attrs, []byte{'"'})%2 != 0 || bytes.Count(t.attrs, []byte{'\''})%2 != 0 {
		return tag{}, false, errStreamUnsure
	}
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	t.name = internName(name)
	return t, false, nil
}

// internName avoids a string per tag for the names the reader meets.
func internName(b []byte) string {
	switch string(b) {
	case "c":
		return "c"
	case "v":
		return "v"
	case "row":
		return "row"
	case "f":
		return "f"
	case "t":
		return "t"
	case "is":
		return "is"
	case "r":
		return "r"
	case "rPh":
		return "rPh"
	case "sheetData":
		return "sheetData"
	case "dimension":
		return "dimension"
	}
	return string(b)
}

// readText reads the text up to the end tag of name (no nested elements),
// entities decoded.
func (s *sheetStream) readText(name string) ([]byte, error) {
	s.text = s.text[:0]
	for {
		chunk, err := s.r.ReadSlice('<')
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return nil, errStreamUnsure
		}
		if err == nil {
			chunk = chunk[:len(chunk)-1]
		}
		s.text = append(s.text, chunk...)
		if err != nil {
			continue
		}
		t, skip, err := s.readTag()
		if err != nil {
			return nil, err
		}
		if skip {
			continue
		}
		if !t.end || t.name != name {
			return nil, errStreamUnsure
		}
		break
	}
	if bytes.IndexByte(s.text, '\r') >= 0 {
		return nil, errStreamUnsure // XML turns CR LF into LF
	}
	if bytes.IndexByte(s.text, '&') < 0 {
		return s.text, nil
	}
	return unescape(s.text)
}

// skipTo skips past the end tag of name (no nesting of name itself).
func (s *sheetStream) skipTo(name string) error {
	for {
		t, err := s.nextTag()
		if err != nil {
			return errStreamUnsure
		}
		if t.end && t.name == name {
			return nil
		}
	}
}

// skipPast skips past the text end.
func (s *sheetStream) skipPast(end string) error {
	last := end[len(end)-1]
	var tail []byte
	for {
		chunk, err := s.r.ReadSlice(last)
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return errStreamUnsure
		}
		tail = append(tail, chunk...)
		if len(tail) > len(end) {
			tail = tail[len(tail)-len(end):]
		}
		if err == nil && bytes.HasSuffix(tail, []byte(end)) {
			return nil
		}
	}
}

// unescape decodes XML's five entities and character references.
func unescape(b []byte) ([]byte, error) {
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			out = append(out, b...)
			break
		}
		out = append(out, b[:i]...)
		b = b[i+1:]
		semi := bytes.IndexByte(b, ';')
		if semi < 0 {
			return nil, errStreamUnsure
		}
		ent := string(b[:semi])
		b = b[semi+1:]
		switch ent {
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "amp":
			out = append(out, '&')
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			if !strings.HasPrefix(ent, "#") {
				return nil, errStreamUnsure
			}
			var n uint64
			var err error
			if strings.HasPrefix(ent, "#x") {
				n, err = strconv.ParseUint(ent[2:], 16, 32)
			} else {
				n, err = strconv.ParseUint(ent[1:], 10, 32)
			}
			if err != nil || n == 0 || n == '\r' {
				return nil, errStreamUnsure
			}
			out = append(out, string(rune(n))...)
		}
	}
	return out, nil
}
