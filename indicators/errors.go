package indicators

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Sentinels that callers branch on. A *ParseError unwraps to one of them.
var (
	// ErrInvalidValue marks a cell whose content is not what the column holds.
	ErrInvalidValue = errors.New("indicators: invalid value")
	// ErrMissingColumn marks a header without a column the kind needs.
	ErrMissingColumn = errors.New("indicators: missing column")
	// ErrDuplicateKey marks a second row for a key that must be unique.
	ErrDuplicateKey = errors.New("indicators: duplicate key")
	// ErrUnknownKind marks a file whose header matches no kind lpa knows.
	ErrUnknownKind = errors.New("indicators: unknown kind of file")
	// ErrMalformed marks a file that cannot be read at all (bad gzip,
	// broken CSV quoting, a YAML syntax error, a spreadsheet that won't open).
	ErrMalformed = errors.New("indicators: malformed file")
	// ErrTooLarge marks a file over a size limit (Limits): too large once
	// unpacked, or a line too long.
	ErrTooLarge = errors.New("indicators: over a size limit")
)

// maxProblems caps how many problems one file reports; past it the parser
// stops and says how many more it skipped.
const maxProblems = 50

// ParseError locates one problem in one source file.
//
// Line is 1-based and counts physical lines of a text file, header included;
// for spreadsheets Cell holds the cell reference (e.g. "C5") and Line the row.
// Column is the 1-based field number, 0 when the problem concerns a whole row.
type ParseError struct {
	File   string
	Line   int
	Column int
	Cell   string
	Field  string // column name in the header, when known
	Err    error  // one of the sentinels above
	Msg    string // what was found and what was expected
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	switch {
	case e.Cell != "":
		fmt.Fprintf(&b, ": cell %s", e.Cell)
	case e.Line > 0 && e.Column > 0:
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Column)
	case e.Line > 0:
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, " (%s)", e.Field)
	}
	b.WriteString(": ")
	b.WriteString(excerpt(e.Msg))
	return b.String()
}

// Messages quote what they found, but never at length: a quoted value is
// cut to its first quoteMax bytes and a whole message to msgMax, so that a
// 50 MB line is never echoed to a terminal or stored in loads.message.
const (
	quoteMax = 80
	msgMax   = 4096
)

// excerpt shortens the long quoted values ("…" as %q writes them) of a
// message, then the message itself.
func excerpt(msg string) string {
	if len(msg) <= quoteMax {
		return msg
	}
	var b strings.Builder
	for i := 0; i < len(msg); {
		if msg[i] != '"' {
			b.WriteByte(msg[i])
			i++
			continue
		}
		// Find the closing quote, skipping escaped characters.
		j := i + 1
		for j < len(msg) && msg[j] != '"' {
			if msg[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(msg) {
			b.WriteString(msg[i:])
			break
		}
		if inner := msg[i+1 : j]; len(inner) > quoteMax {
			cut := quoteMax
			for cut > 0 && !utf8.RuneStart(inner[cut]) {
				cut--
			}
			fmt.Fprintf(&b, "\"%s…\" (%d bytes)", inner[:cut], len(inner))
		} else {
			b.WriteString(msg[i : j+1])
		}
		i = j + 1
	}
	out := b.String()
	if len(out) > msgMax {
		cut := msgMax
		for cut > 0 && !utf8.RuneStart(out[cut]) {
			cut--
		}
		out = out[:cut] + fmt.Sprintf("… (message cut at %d of %d bytes)", cut, len(out))
	}
	return out
}

func (e *ParseError) Unwrap() error { return e.Err }

// Problems collects the ParseErrors of one file: at most maxProblems are
// kept, the rest counted.
type Problems struct {
	list    []error
	skipped int
}

// Add adds a problem; past maxProblems it is only counted.
func (p *Problems) Add(e *ParseError) {
	if len(p.list) >= maxProblems {
		p.skipped++
		return
	}
	p.list = append(p.list, e)
}

// AddErr adds an error from a table reader (a *ParseError in practice).
func (p *Problems) AddErr(file string, err error) {
	var pe *ParseError
	if !errors.As(err, &pe) {
		pe = &ParseError{File: file, Err: ErrMalformed, Msg: err.Error()}
	}
	p.Add(pe)
}

// Full reports whether the collector holds as many problems as it shows;
// the parser then only counts the rest (Skip).
func (p *Problems) Full() bool { return len(p.list) >= maxProblems }

// Skip counts a problem (or a record) that is not looked at because the
// collector is full.
func (p *Problems) Skip() { p.skipped++ }

// Len is the number of problems collected.
func (p *Problems) Len() int { return len(p.list) }

// Err joins the problems of file (errors.Join), with a line saying how
// many more were not shown; nil when there are none.
func (p *Problems) Err(file string) error {
	if len(p.list) == 0 {
		return nil
	}
	if p.skipped > 0 {
		p.list = append(p.list, fmt.Errorf("%s: %d more problems not shown", file, p.skipped))
	}
	return errors.Join(p.list...)
}
