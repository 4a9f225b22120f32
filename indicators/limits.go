package indicators

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Limits bound what one source file may cost to read: a few megabytes that
// unpack to gigabytes, or a line without end, are refused before they cost
// more than the limit.
type Limits struct {
	// MaxUnpacked is the most bytes a file may hold once gzip is undone,
	// and the most a workbook's parts may hold together.
	MaxUnpacked int64
	// MaxLine is the longest line of text, in bytes.
	MaxLine int
}

// DefaultLimits are far above the largest real source (a 50090NED edition:
// 26 MB unpacked, lines under 1 KB).
func DefaultLimits() Limits {
	return Limits{MaxUnpacked: 1 << 30, MaxLine: 1 << 20}
}

// OrDefault is l with every zero field set to its default.
func (l Limits) OrDefault() Limits {
	d := DefaultLimits()
	if l.MaxUnpacked <= 0 {
		l.MaxUnpacked = d.MaxUnpacked
	}
	if l.MaxLine <= 0 {
		l.MaxLine = d.MaxLine
	}
	return l
}

var gzipMagic = []byte{0x1f, 0x8b}

// Size writes a byte count for messages (1.0 GiB, 512.0 KiB, 17 bytes).
func Size(n int64) string {
	switch {
	case n >= 1<<30:
		return strconv.FormatFloat(float64(n)/(1<<30), 'f', 1, 64) + " GiB"
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	case n >= 1<<10:
		return strconv.FormatFloat(float64(n)/(1<<10), 'f', 1, 64) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// PrepareText undoes gzip and checks a text file against the limits: its
// size, the length of its lines and its encoding. A workbook (a zip) is
// returned as it is; openXLSX bounds it.
func PrepareText(name string, data []byte, lim Limits) ([]byte, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return data, nil
	}
	if bytes.HasPrefix(data, gzipMagic) {
		return gunzip(name, data, lim)
	}
	if err := checkEncoding(name, data); err != nil {
		return nil, err
	}
	lc := lineCheck{name: name, lim: lim}
	_, err := lc.Write(data)
	return data, err
}

// gunzip unpacks every member of a gzip file into memory and refuses data
// that follows the compressed stream. A first pass only counts (bytes and
// line lengths, stopping at the limits), so that a bomb costs no memory and
// the second pass fills a buffer of the exact size.
func gunzip(name string, data []byte, lim Limits) ([]byte, error) {
	lc := lineCheck{name: name, lim: lim}
	if err := gunzipTo(name, data, &lc); err != nil {
		return nil, err
	}
	out := &exactBuffer{b: make([]byte, 0, lc.total)}
	if err := gunzipTo(name, data, out); err != nil {
		return nil, err
	}
	return out.b, checkEncoding(name, out.b)
}

// exactBuffer is a writer into a slice of the size the data will have. It
// never grows, unlike a bytes.Buffer, which doubles a full buffer before it
// sees the end of its input: one copy of the whole that the Go runtime
// cannot interrupt, and so a pause of every goroutine waiting for the
// collector (the readers of lpa serve while a load runs).
type exactBuffer struct{ b []byte }

func (w *exactBuffer) Write(p []byte) (int, error) {
	if len(w.b)+len(p) > cap(w.b) {
		return 0, errors.New("the data grew between two readings")
	}
	w.b = append(w.b, p...)
	return len(p), nil
}

// gunzipTo writes the unpacked members of data to w.
func gunzipTo(name string, data []byte, w io.Writer) error {
	br := bytes.NewReader(data)
	zr, err := gzip.NewReader(br)
	if err != nil {
		return &ParseError{File: name, Err: ErrMalformed,
			Msg: fmt.Sprintf("not a readable gzip file (%v); expected a complete .gz file", err)}
	}
	for {
		zr.Multistream(false)
		if _, err := io.Copy(w, zr); err != nil {
			var pe *ParseError
			if errors.As(err, &pe) {
				return err
			}
			line := 1
			if lc, ok := w.(*lineCheck); ok {
				line = lc.lines + 1
			}
			return &ParseError{File: name, Line: line, Err: ErrMalformed,
				Msg: fmt.Sprintf("compressed data ends early or is damaged at line %d (%v); expected a complete gzip file", line, err)}
		}
		rest := data[len(data)-br.Len():]
		if len(rest) == 0 || len(bytes.Trim(rest, "\x00")) == 0 {
			return nil
		}
		if !bytes.HasPrefix(rest, gzipMagic) {
			return &ParseError{File: name, Err: ErrMalformed,
				Msg: fmt.Sprintf("%s of other data follow the compressed data; expected a gzip file that ends where its data ends (a damaged download?)", Size(int64(len(rest))))}
		}
		if err := zr.Reset(br); err != nil {
			return &ParseError{File: name, Err: ErrMalformed,
				Msg: fmt.Sprintf("a second gzip member cannot be read (%v); expected a complete .gz file", err)}
		}
	}
}

// lineCheck counts lines and bytes written through it and fails once a
// line or the whole exceeds the limits.
type lineCheck struct {
	name  string
	lim   Limits
	total int64
	lines int  // complete lines seen
	cur   int  // bytes of the line being read
	cr    bool // the line being read holds a carriage return
}

func (c *lineCheck) Write(p []byte) (int, error) {
	if c.total+int64(len(p)) > c.lim.MaxUnpacked {
		return 0, &ParseError{File: c.name, Line: c.lines + 1, Err: ErrTooLarge,
			Msg: fmt.Sprintf("the data is larger than %s (the limit: --max-file raises it); expected a source file of a sensible size", Size(c.lim.MaxUnpacked))}
	}
	rest := p
	for len(rest) > 0 {
		i := bytes.IndexByte(rest, '\n')
		n := i
		if i < 0 {
			n = len(rest)
		}
		c.cr = c.cr || bytes.IndexByte(rest[:n], '\r') >= 0
		if c.cur+n > c.lim.MaxLine && c.cr {
			return 0, &ParseError{File: c.name, Line: c.lines + 1, Err: ErrMalformed,
				Msg: "the lines end in a carriage return only (CR, as on old Macs); expected line ends LF or CRLF: save it again as CSV"}
		}
		if c.cur+n > c.lim.MaxLine {
			return 0, &ParseError{File: c.name, Line: c.lines + 1, Err: ErrTooLarge,
				Msg: fmt.Sprintf("line %d is longer than %s (the limit: --max-line raises it); expected lines of text, a CSV row each", c.lines+1, Size(int64(c.lim.MaxLine)))}
		}
		if i < 0 {
			c.cur += n
			break
		}
		c.lines++
		c.cur, c.cr = 0, false
		rest = rest[i+1:]
	}
	c.total += int64(len(p))
	return len(p), nil
}

// checkEncoding refuses text lpa would misread: UTF-16 (Excel's "Unicode
// text"), NUL bytes, and lines ending in a carriage return only.
func checkEncoding(name string, text []byte) error {
	switch {
	case bytes.HasPrefix(text, []byte{0xFF, 0xFE}), bytes.HasPrefix(text, []byte{0xFE, 0xFF}):
		return &ParseError{File: name, Line: 1, Err: ErrMalformed,
			Msg: "the file is UTF-16 encoded (Excel's \"Unicode text\"); expected UTF-8: save it as \"CSV UTF-8\""}
	}
	head := text[:min(len(text), 64<<10)]
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return &ParseError{File: name, Line: bytes.Count(head[:i], []byte("\n")) + 1, Err: ErrMalformed,
			Msg: "the file holds NUL bytes (UTF-16 text or a binary file); expected UTF-8 text: save it as \"CSV UTF-8\""}
	}
	if bytes.IndexByte(head, '\r') >= 0 && bytes.IndexByte(head, '\n') < 0 {
		return &ParseError{File: name, Line: 1, Err: ErrMalformed,
			Msg: "the lines end in a carriage return only (CR, as on old Macs); expected line ends LF or CRLF: save it again as CSV"}
	}
	return nil
}
