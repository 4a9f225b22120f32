package indicators

import (
	"fmt"
	"strings"
)

// The header checks every table parser makes: which column holds what, each
// column once, the columns a kind needs, and the indicator columns of a
// wide table (one column per indicator).

// HeaderIndex maps the names of t's header to their index. A name that
// occurs twice is a problem (which of the two holds the data?); empty names
// may repeat (CBS exports end their header with empty fields).
func HeaderIndex(name string, t Table) (map[string]int, Problems) {
	return indexNames(name, t, t.Header(), true)
}

// NameIndex is HeaderIndex for the header's names as the parser reads them
// (trimmed and lower-cased, say); every name must be unique, an empty one
// too.
func NameIndex(name string, t Table, names []string) (map[string]int, Problems) {
	return indexNames(name, t, names, false)
}

func indexNames(name string, t Table, names []string, blanksRepeat bool) (map[string]int, Problems) {
	idx := map[string]int{}
	var probs Problems
	for i, h := range names {
		if j, dup := idx[h]; dup && (h != "" || !blanksRepeat) {
			e := &ParseError{File: name, Field: h, Err: ErrDuplicateKey,
				Msg: fmt.Sprintf("column %q occurs twice (also column %d); expected each column once", h, j+1)}
			t.Locate(e, 1, i)
			probs.Add(e)
			continue
		}
		idx[h] = i
	}
	return idx, probs
}

// RequireColumns maps the header names to their index (HeaderIndex) and
// names every column of want the header lacks: "header has no column
// "X"; " and expected, which says what the kind's header holds.
func RequireColumns(name string, t Table, want []string, expected string) (map[string]int, error) {
	idx, probs := HeaderIndex(name, t)
	for _, c := range want {
		if _, ok := idx[c]; !ok {
			probs.Add(&ParseError{File: name, Line: 1, Err: ErrMissingColumn,
				Msg: fmt.Sprintf("header has no column %q; %s", c, expected)})
		}
	}
	return idx, probs.Err(name)
}

// ExpectColumns is the expected part of RequireColumns' message that lists
// the columns: `expected the columns "a", "b" of what`.
func ExpectColumns(want []string, what string) string {
	return fmt.Sprintf("expected the columns %s of %s", strings.Join(QuoteAll(want), ", "), what)
}

// IndicatorColumn is a column of a wide table that holds one indicator.
type IndicatorColumn struct {
	Col int    // 0-based
	Key string // catalogue key
}

// IndicatorColumns reads the indicator columns of a wide table's header:
// every column that isKey does not claim holds one indicator, whose key
// toKey gives (or "" and what is wrong with the column's name). Each
// indicator may come once. A header without indicator columns is a problem
// when none says what it should have ("expected columns such as ..."), "" when
// the kind allows it. Problems go to probs.
func IndicatorColumns(name string, t Table, probs *Problems, isKey func(col int, h string) bool, toKey func(h string) (key, problem string), none string) []IndicatorColumn {
	var out []IndicatorColumn
	first := map[string]int{}
	for i, h := range t.Header() {
		if isKey(i, h) {
			continue
		}
		key, problem := toKey(h)
		if problem != "" {
			e := &ParseError{File: name, Field: h, Err: ErrInvalidValue, Msg: problem}
			t.Locate(e, 1, i)
			probs.Add(e)
			continue
		}
		if j, dup := first[key]; dup {
			e := &ParseError{File: name, Field: h, Err: ErrDuplicateKey,
				Msg: fmt.Sprintf("column %q is indicator %s again (column %d); expected each indicator once", h, key, j+1)}
			t.Locate(e, 1, i)
			probs.Add(e)
			continue
		}
		first[key] = i
		out = append(out, IndicatorColumn{i, key})
	}
	if len(out) == 0 && none != "" {
		probs.Add(&ParseError{File: name, Line: 1, Err: ErrMissingColumn, Msg: "header has no indicator columns; " + none})
	}
	return out
}

// ColumnKeys lists the keys of the columns, in their order.
func ColumnKeys(cols []IndicatorColumn) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Key
	}
	return out
}

// QuoteAll quotes every value (%q), for messages.
func QuoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// OneOf formats a fixed list of values for a message: "a", "b" or "c".
func OneOf(vals []string) string {
	q := QuoteAll(vals)
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
