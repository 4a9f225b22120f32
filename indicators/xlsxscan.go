package indicators

import (
	"bufio"
	"bytes"
	"errors"
	"strconv"
	"strings"
)

// The XML scanner of the streaming sheet reader: just enough XML for the
// sheet part of a workbook (tags, attributes, text with entities, comments
// and processing instructions skipped). Whatever it does not read, such
// as CDATA or a DOCTYPE, is errStreamUnsure: excelize reads the sheet then.

// tag is one XML tag of the sheet.
type tag struct {
	name        string // local name
	end         bool
	selfClosing bool
	attrs       []byte // the raw attribute text; valid until the next read
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
