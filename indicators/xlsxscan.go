package indicators

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
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

// attrBytes is attr without a copy: valid until the next read. The
// attribute text was checked by validAttrs.
func (t tag) attrBytes(key string) ([]byte, bool) {
	a := t.attrs
	for {
		a = trimBlank(a)
		eq := bytes.IndexByte(a, '=')
		if eq < 0 {
			return nil, false
		}
		name := bytes.TrimRight(a[:eq], " \t\r\n")
		if i := bytes.IndexByte(name, ':'); i >= 0 {
			name = name[i+1:]
		}
		a = trimBlank(a[eq+1:])
		q := a[0]
		end := bytes.IndexByte(a[1:], q)
		val := a[1 : 1+end]
		a = a[end+2:]
		if string(name) == key {
			return val, true
		}
	}
}

// validAttrs reports whether a is a list of name="value" pairs (or
// 'value') that need no decoding: no entity, no carriage return, no '<',
// white space between the pairs, each name once, sixteen at most. Anything
// else is left to excelize.
func validAttrs(a []byte) bool {
	var seen [16][]byte // the local names so far: a name twice is left to excelize
	n := 0
	for {
		a = trimBlank(a)
		if len(a) == 0 {
			return true
		}
		eq := bytes.IndexByte(a, '=')
		if eq <= 0 {
			return false
		}
		name := bytes.TrimRight(a[:eq], " \t\r\n")
		if !validName(name) || n == len(seen) {
			return false
		}
		local := name[bytes.IndexByte(name, ':')+1:]
		for _, prev := range seen[:n] {
			if bytes.Equal(prev, local) {
				return false
			}
		}
		seen[n] = local
		n++
		a = trimBlank(a[eq+1:])
		if len(a) == 0 || (a[0] != '"' && a[0] != '\'') {
			return false
		}
		end := bytes.IndexByte(a[1:], a[0])
		if end < 0 {
			return false
		}
		if bytes.ContainsAny(a[1:1+end], "<&\r") {
			return false
		}
		a = a[end+2:]
		if len(a) > 0 && a[0] != ' ' && a[0] != '\t' && a[0] != '\r' && a[0] != '\n' {
			return false
		}
	}
}

// validText reports whether b holds only characters XML allows, in UTF-8
// (encoding/xml, which excelize reads with, refuses the rest).
func validText(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF {
			return false
		}
		i += size
	}
	return true
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
		text, err := s.r.ReadSlice('<')
		if !validText(text) || bytes.IndexByte(text, '&') >= 0 || bytes.Contains(text, []byte("]]>")) {
			return tag{}, errStreamUnsure
		}
		if err != nil {
			if errors.Is(err, bufio.ErrBufferFull) {
				// 64 KiB of text between two tags: not a sheet lpa
				// streams ("]]>" could straddle the chunks).
				return tag{}, errStreamUnsure
			}
			if err == io.EOF && len(s.stack) > 0 {
				return tag{}, errStreamUnsure // elements left open
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
		// A processing instruction; one that declares an encoding other
		// than UTF-8 makes excelize convert the text.
		var pi []byte
		for !bytes.HasSuffix(pi, []byte("?>")) {
			chunk, err := s.r.ReadSlice('>')
			if err != nil || len(pi) > 1<<12 {
				return tag{}, false, errStreamUnsure
			}
			pi = append(pi, chunk...)
		}
		if len(pi) < 4 {
			return tag{}, false, errStreamUnsure
		}
		target := pi[1 : len(pi)-2]
		if i := bytes.IndexAny(target, " \t\r\n"); i >= 0 {
			target = target[:i]
		}
		if !validName(target) || !validText(pi) {
			return tag{}, false, errStreamUnsure // encoding/xml wants a target name
		}
		if strings.EqualFold(string(target), "xml") {
			// The declaration: version 1.0 and, if stated, UTF-8.
			decl := tag{attrs: pi[1+len(target) : len(pi)-2]}
			if string(target) != "xml" || !validAttrs(decl.attrs) {
				return tag{}, false, errStreamUnsure
			}
			version, _ := decl.attrBytes("version")
			enc, hasEnc := decl.attrBytes("encoding")
			if string(version) != "1.0" || hasEnc && !strings.EqualFold(string(enc), "utf-8") {
				return tag{}, false, errStreamUnsure
			}
		}
		return tag{}, true, nil
	case '!':
		if p, err := s.r.Peek(3); err == nil && string(p) == "!--" {
			return tag{}, true, s.skipComment()
		}
		return tag{}, false, errStreamUnsure
	}
	body, err := s.r.ReadSlice('>')
	if err != nil || len(body) < 2 || !validText(body) {
		return tag{}, false, errStreamUnsure // a tag longer than the buffer, or no tag
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
	// A '>' in an attribute value ends ReadSlice early: the attributes do
	// not parse then.
	if !validName(name) || !validAttrs(t.attrs) || t.end && (t.selfClosing || len(trimBlank(t.attrs)) > 0) {
		return tag{}, false, errStreamUnsure
	}
	raw := internName(name)
	switch {
	case t.end:
		// Elements close in the order they opened, as encoding/xml
		// insists.
		if n := len(s.stack); n == 0 || s.stack[n-1] != raw {
			return tag{}, false, errStreamUnsure
		}
		s.stack = s.stack[:len(s.stack)-1]
	case !t.selfClosing:
		s.stack = append(s.stack, raw)
	}
	t.name = raw
	if i := strings.IndexByte(raw, ':'); i >= 0 {
		t.name = raw[i+1:]
	}
	return t, false, nil
}

// validName reports whether b is an element name encoding/xml reads the
// same way: letters, digits, '_', '-', '.', one ':' at most, not starting
// with a digit, '-' or '.'.
func validName(b []byte) bool {
	if len(b) == 0 || b[0] >= '0' && b[0] <= '9' || b[0] == '-' || b[0] == '.' || bytes.Count(b, []byte{':'}) > 1 {
		return false
	}
	for _, c := range b {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == ':'
		if !ok {
			return false
		}
	}
	return b[0] != ':' && b[len(b)-1] != ':'
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
	if bytes.IndexByte(s.text, '\r') >= 0 || !validText(s.text) || bytes.Contains(s.text, []byte("]]>")) {
		return nil, errStreamUnsure // XML turns CR LF into LF; encoding/xml refuses the others
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

// skipComment skips a comment from its "!--" on, as strictly as
// encoding/xml reads it: the first "--" in it must end it ("-->"), and it
// may not be "<!-->" or end in "--->".
func (s *sheetStream) skipComment() error {
	if _, err := s.r.Discard(3); err != nil {
		return errStreamUnsure
	}
	var prev [2]byte
	for n := 0; ; n++ {
		c, err := s.r.ReadByte()
		if err != nil {
			return errStreamUnsure
		}
		if prev[0] == '-' && prev[1] == '-' {
			if c != '>' || n == 2 {
				return errStreamUnsure // "--" inside, or "<!--->"
			}
			return nil
		}
		if n == 0 && c == '>' {
			return errStreamUnsure // "<!-->"
		}
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return errStreamUnsure
		}
		prev[0], prev[1] = prev[1], c
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
			if err != nil || n == '\r' || !validText([]byte(string(rune(n)))) || n > utf8.MaxRune || n >= 0xD800 && n < 0xE000 {
				return nil, errStreamUnsure
			}
			out = append(out, string(rune(n))...)
		}
	}
	return out, nil
}
