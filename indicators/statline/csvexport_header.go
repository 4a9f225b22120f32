package statline

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"lpa/indicators"
)

type exportFilter struct {
	key, value string
	line       int
}

type exportTopic struct {
	text string // as in the file, levels joined by "|"
	unit string
	key  string
	ind  uint16
	col  int // 0-based field
}

// exportReader reads the records of an export with their line numbers.
type exportReader struct {
	name  string
	cr    *csv.Reader
	last  int
	probs indicators.Problems
}

// next returns the next record and its line, io.EOF at the end; a CSV
// syntax error is returned as a located *ParseError.
func (r *exportReader) next() ([]string, int, error) {
	rec, err := r.cr.Read()
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			e := &indicators.ParseError{File: r.name, Line: pe.StartLine, Column: pe.Column, Err: indicators.ErrMalformed,
				Msg: fmt.Sprintf("%v; expected RFC 4180 CSV with every field quoted", pe.Err)}
			if errors.Is(pe.Err, csv.ErrQuote) {
				e.Msg = fmt.Sprintf("%v (a file cut off, or a stray quote?); expected RFC 4180 CSV with every field quoted", pe.Err)
			}
			if pe.StartLine != pe.Line && pe.StartLine > 0 {
				e.Column = 0
				e.Msg = fmt.Sprintf("%v (the row starting here runs to line %d: an unclosed quote, or a file cut off?); expected RFC 4180 CSV", pe.Err, pe.Line)
			}
			if e.Line == 0 {
				e.Line = pe.Line
			}
			return nil, 0, e
		}
		return nil, 0, &indicators.ParseError{File: r.name, Line: r.last + 1, Err: indicators.ErrMalformed, Msg: err.Error()}
	}
	line, _ := r.cr.FieldPos(0)
	r.last = line
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	return rec, line, nil
}

func (r *exportReader) bad(line, col int, field string, sentinel error, msg string) {
	r.probs.Add(&indicators.ParseError{File: r.name, Line: line, Column: col, Field: field, Err: sentinel, Msg: msg})
}

// exportHeader is what the lines before the data say.
type exportHeader struct {
	title     string
	titleLine int
	filters   map[string]exportFilter // by canonical dimension name
	extra     []exportFilter          // filters lpa does not read
	dims      []string                // row dimensions, canonical, in column order
	topics    []exportTopic
	width     int // fields of a data row
	topicLine int
	unitsLine int
}

func isOnderwerp(rec []string) bool {
	if len(rec) < 2 || rec[len(rec)-1] != "Onderwerp" {
		return false
	}
	for _, f := range rec[:len(rec)-1] {
		if f != "" {
			return false
		}
	}
	return true
}

// readExportHeader reads the title, the filters and the header block.
// ok is false when the data rows cannot be read (problems say why).
func readExportHeader(r *exportReader) (*exportHeader, bool) {
	h := &exportHeader{filters: map[string]exportFilter{}}
	rec, line, err := r.next()
	if err != nil {
		r.probs.AddErr(r.name, err)
		return nil, false
	}
	h.title, h.titleLine = rec[0], line
	if len(rec) != 1 || rec[0] == "" {
		r.bad(line, 0, "", indicators.ErrMalformed, fmt.Sprintf("first line has %d fields; expected the table title as one field", len(rec)))
	}
	k, onderwerp, ok := r.filters(h)
	if !ok || !r.topics(h, k, onderwerp) || !r.units(h, k) {
		return nil, false
	}
	return h, r.probs.Len() == 0
}

// nextOr is next for a line the file must have: at the end of the file it
// adds a problem on line eofLine saying msg.
func (r *exportReader) nextOr(eofLine int, msg string) ([]string, int, bool) {
	rec, line, err := r.next()
	if err != nil {
		if err == io.EOF {
			err = &indicators.ParseError{File: r.name, Line: eofLine, Err: indicators.ErrMalformed, Msg: msg}
		}
		r.probs.AddErr(r.name, err)
		return nil, 0, false
	}
	return rec, line, true
}

// filters reads the filter lines up to the "Onderwerp" line, which has an
// empty field for each of the k row dimensions.
func (r *exportReader) filters(h *exportHeader) (k, onderwerp int, ok bool) {
	for {
		rec, line, ok := r.nextOr(r.last+1, "file ends before the header block; expected a line \"\";\"Onderwerp\"")
		if !ok {
			return 0, 0, false
		}
		if isOnderwerp(rec) {
			return len(rec) - 1, line, true
		}
		m := reExportFilter.FindStringSubmatch(rec[0])
		if len(rec) != 1 || m == nil || strings.TrimSpace(m[2]) == "" {
			r.bad(line, 0, "", indicators.ErrMalformed, fmt.Sprintf("line of %d fields starting %q before the header block (a data row out of place?); expected a filter line such as \"Perioden: 2020\" or the \"Onderwerp\" line", len(rec), rec[0]))
			continue
		}
		f := exportFilter{key: strings.TrimSpace(m[1]), value: strings.TrimSpace(m[2]), line: line}
		dim, known := exportDims[indicators.NormName(f.key)]
		if !known {
			for _, o := range h.extra {
				if indicators.NormName(o.key) == indicators.NormName(f.key) {
					r.bad(line, 0, "", indicators.ErrDuplicateKey, fmt.Sprintf("second filter %q (first on line %d); expected each filter once", f.key, o.line))
				}
			}
			h.extra = append(h.extra, f)
			continue
		}
		if o, dup := h.filters[dim]; dup {
			r.bad(line, 0, "", indicators.ErrDuplicateKey, fmt.Sprintf("second filter %q (first on line %d); expected each filter once", f.key, o.line))
			continue
		}
		h.filters[dim] = f
	}
}

// topics reads the line after "Onderwerp": k empty fields, then one topic
// per column.
func (r *exportReader) topics(h *exportHeader, k, onderwerp int) bool {
	rec, line, ok := r.nextOr(onderwerp+1, "file ends after the \"Onderwerp\" line; expected the line of topics")
	if !ok {
		return false
	}
	if len(rec) <= k || slices.ContainsFunc(rec[:k], func(s string) bool { return s != "" }) {
		r.bad(line, 0, "", indicators.ErrMalformed, fmt.Sprintf("line after \"Onderwerp\" is not a line of topics; expected %d empty field(s), one per row dimension, then the topics (\"Overgewicht|Ernstig overgewicht\")", k))
		return false
	}
	h.topicLine = line
	h.width = len(rec)
	for i := k; i < len(rec); i++ {
		levels := strings.Split(rec[i], "|")
		leaf := strings.TrimSpace(levels[len(levels)-1])
		if leaf == "" {
			r.bad(line, i+1, "", indicators.ErrMalformed, fmt.Sprintf("topic %q has an empty last level; expected a topic name (levels joined by \"|\")", rec[i]))
			continue
		}
		key := exportTopicKey(leaf)
		if key == "" {
			r.bad(line, i+1, "", indicators.ErrMalformed, fmt.Sprintf("topic %q has no letters or digits in its last level; expected a topic name", rec[i]))
			continue
		}
		h.topics = append(h.topics, exportTopic{text: rec[i], key: key, col: i})
	}
	return true
}

// units reads the units row: the names of the k row dimensions, then a
// unit per topic.
func (r *exportReader) units(h *exportHeader, k int) bool {
	rec, line, ok := r.nextOr(h.topicLine+1, "file ends after the topics; expected the units row (\"Regio's\";\"%\";...)")
	if !ok {
		return false
	}
	h.unitsLine = line
	if len(rec) > k && !slices.ContainsFunc(rec[:k], func(s string) bool { return s != "" }) {
		r.bad(line, 0, "", indicators.ErrMalformed, "a second line of column headers; expected the units row: lpa reads exports with only the topics (Onderwerp) as columns")
		return false
	}
	if len(rec) != h.width {
		r.bad(line, 0, "", indicators.ErrMalformed, fmt.Sprintf("units row has %d fields, the line of topics %d; expected the %d row dimension name(s) and a unit for each of the %d topics", len(rec), h.width, k, h.width-k))
		return false
	}
	for i := 0; i < k; i++ {
		dim, ok := exportDims[indicators.NormName(rec[i])]
		switch {
		case !ok:
			r.bad(line, i+1, "", indicators.ErrInvalidValue, fmt.Sprintf("row dimension %q is not one lpa reads; expected %s", rec[i], indicators.OneOf(exportDimList)))
		case slices.Contains(h.dims, dim):
			r.bad(line, i+1, "", indicators.ErrDuplicateKey, fmt.Sprintf("row dimension %q twice; expected each dimension once", rec[i]))
		default:
			if f, isFilter := h.filters[dim]; isFilter {
				r.bad(line, i+1, "", indicators.ErrDuplicateKey, fmt.Sprintf("%s is a row dimension and a filter (line %d); expected one of the two", dim, f.line))
			}
		}
		h.dims = append(h.dims, dim)
	}
	for j := range h.topics {
		u := rec[h.topics[j].col]
		if u == "" {
			r.bad(line, h.topics[j].col+1, h.topics[j].text, indicators.ErrMalformed, "empty unit; expected the topic's unit (\"%\", \"x 1 000\", \"1 000 euro\")")
		}
		h.topics[j].unit = u
	}
	if !slices.Contains(h.dims, dimRegio) {
		if _, ok := h.filters[dimRegio]; !ok {
			r.bad(line, 0, "", indicators.ErrMissingColumn, fmt.Sprintf("no Regio's: the units row names the row dimension(s) %s and no filter line names a region; expected a column or a filter \"Regio's\"", indicators.OneOf(rec[:k])))
		}
	}
	return true
}
