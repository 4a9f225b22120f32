package query

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"lpa/indicators"
)

// TableRowCap bounds how many rows the table format buffers to size its
// columns; csv, json and arrow stream without a cap.
const TableRowCap = 10000

// Writer receives a result (the columns once, then every row) and writes
// it in its format once Flush is called.
type Writer interface {
	RowWriter
	Flush() error
}

// NewWriter returns the writer of format f (not Arrow: Arrow results
// stream through Session.Run as record batches).
func NewWriter(f Format, w io.Writer) Writer {
	return newWriter(f, w, 0)
}

// newWriter is NewWriter with the table format fitted to maxWidth columns
// (0: no limit).
func newWriter(f Format, w io.Writer, maxWidth int) Writer {
	switch f {
	case CSV:
		return &csvWriter{w: csv.NewWriter(w)}
	case JSON:
		return &jsonWriter{w: bufio.NewWriter(w)}
	}
	return &tableWriter{w: w, maxWidth: maxWidth}
}

// formatValue renders a value for table and csv output: numbers with a
// decimal point (machine-readable), times in Europe/Amsterdam, NULL empty.
func formatValue(v any, typ string) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	case float64:
		return formatFloat(x)
	case float32:
		return formatFloat(float64(x))
	case time.Time:
		switch typ {
		case "DATE":
			return x.Format("2006-01-02")
		case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE":
			return x.In(indicators.Amsterdam).Format("2006-01-02 15:04:05-07:00")
		}
		return x.Format("2006-01-02 15:04:05")
	case *big.Int:
		return x.String()
	case fmt.Stringer:
		return x.String()
	case map[string]any, []any:
		// STRUCT, MAP and LIST values: as JSON, readable and unambiguous
		if b, err := json.Marshal(jsonValue(x, "")); err == nil {
			return string(b)
		}
	}
	return fmt.Sprint(v)
}

func formatFloat(f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

type tableWriter struct {
	w        io.Writer
	maxWidth int // of a line in columns; 0: no limit
	cols     []Column
	rows     [][]string
	extra    int
}

func (t *tableWriter) Header(cols []Column) error {
	t.cols = cols
	return nil
}

func (t *tableWriter) Row(vals []any) error {
	if len(t.rows) >= TableRowCap {
		t.extra++
		return nil
	}
	r := make([]string, len(vals))
	for i, v := range vals {
		if v == nil {
			r[i] = "NULL"
			continue
		}
		r[i] = formatValue(v, t.cols[i].Type)
	}
	t.rows = append(t.rows, r)
	return nil
}

// The table's separators: between columns and under the header.
const (
	colSep    = " │ "
	headSep   = "─┼─"
	sepWidth  = 3
	elision   = "…"
	minColCap = 12
)

// Flush writes the table. A table wider than maxWidth is shown as DuckDB's
// CLI shows one: long values are cut (ending in …), and when that is not
// enough the middle columns give way to a … column; the last line counts
// the rows, and the columns when some are not shown.
func (t *tableWriter) Flush() error {
	n := len(t.cols)
	width := make([]int, n)
	numeric := make([]bool, n)
	for i, c := range t.cols {
		width[i] = utf8.RuneCountInString(c.Name)
		switch c.Type {
		case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "FLOAT", "DOUBLE":
			numeric[i] = true
		default:
			numeric[i] = strings.HasPrefix(c.Type, "DECIMAL")
		}
	}
	for _, r := range t.rows {
		for i, s := range r {
			width[i] = max(width[i], utf8.RuneCountInString(s))
		}
	}
	shown := t.layout(width)
	bw := bufio.NewWriter(t.w)
	line := func(cells []string, right bool, fill string) {
		for k, i := range shown {
			if k > 0 {
				bw.WriteString(colSep)
			}
			if i < 0 {
				bw.WriteString(fill)
				continue
			}
			s := cut(cells[i], width[i])
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(s))
			switch {
			case right && numeric[i]:
				bw.WriteString(pad + s)
			case k < len(shown)-1:
				bw.WriteString(s + pad)
			default:
				bw.WriteString(s)
			}
		}
		bw.WriteByte('\n')
	}
	names := make([]string, n)
	for i, c := range t.cols {
		names[i] = c.Name
	}
	line(names, false, elision)
	seps := make([]string, len(shown))
	for k, i := range shown {
		if i < 0 {
			seps[k] = "─"
		} else {
			seps[k] = strings.Repeat("─", width[i])
		}
	}
	bw.WriteString(strings.Join(seps, headSep) + "\n")
	for _, r := range t.rows {
		line(r, true, elision)
	}
	total := len(t.rows) + t.extra
	footer := plural(total, "row")
	if t.extra > 0 {
		footer += fmt.Sprintf(" (%d shown; csv and json show all)", len(t.rows))
	}
	if slices.Contains(shown, -1) {
		footer += fmt.Sprintf(", %s (%d shown)", plural(n, "column"), len(shown)-1)
	}
	bw.WriteString(footer + "\n")
	return bw.Flush()
}

// layout fits the columns into maxWidth: it narrows the widest columns
// (not below minColCap) and, when that is not enough, keeps columns from
// both ends, the left first, with -1 for the … column between. It returns
// the indexes of the columns to show, in order, and narrows width to the
// widths to show them in.
func (t *tableWriter) layout(width []int) []int {
	n := len(width)
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	total := func(idx []int) int {
		w := 0
		for k, i := range idx {
			if k > 0 {
				w += sepWidth
			}
			if i < 0 {
				w += utf8.RuneCountInString(elision)
			} else {
				w += width[i]
			}
		}
		return w
	}
	if t.maxWidth <= 0 || n == 0 || total(all) <= t.maxWidth {
		return all
	}
	// Cut the longest values, as little as lets every column fit.
	capped := func(limit int) []int {
		w := make([]int, n)
		for i := range width {
			w[i] = min(width[i], limit)
		}
		return w
	}
	for limit := slices.Max(width) - 1; limit >= minColCap; limit-- {
		if w := capped(limit); sum(w)+sepWidth*(n-1) <= t.maxWidth {
			copy(width, w)
			return all
		}
	}
	// Else leave out middle columns, values cut at a third of the line.
	copy(width, capped(max(minColCap, t.maxWidth/3)))
	left, right := []int{0}, []int{}
	lo, hi := 1, n-1
	for turn := 0; lo <= hi; turn++ {
		var try []int
		if turn%2 == 0 {
			try = append(append(append(slices.Clone(left), -1), right...), hi)
			if total(try) > t.maxWidth {
				break
			}
			right = append([]int{hi}, right...)
			hi--
		} else {
			try = append(append(append(slices.Clone(left), lo), -1), right...)
			if total(try) > t.maxWidth {
				break
			}
			left = append(left, lo)
			lo++
		}
	}
	shown := append(append(left, -1), right...)
	if over := total(shown) - t.maxWidth; over > 0 {
		// Not even the first column and the … fit: narrow the first.
		width[0] = max(1, width[0]-over)
	}
	return shown
}

// cut shortens s to w runes, ending in … when it was longer.
func cut(s string, w int) string {
	if utf8.RuneCountInString(s) <= w {
		return s
	}
	r := []rune(s)
	return string(r[:max(0, w-1)]) + elision
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

type csvWriter struct {
	w    *csv.Writer
	cols []Column
	rec  []string
}

func (c *csvWriter) Header(cols []Column) error {
	c.cols = cols
	c.rec = make([]string, len(cols))
	for i, col := range cols {
		c.rec[i] = col.Name
	}
	return c.w.Write(c.rec)
}

func (c *csvWriter) Row(vals []any) error {
	for i, v := range vals {
		c.rec[i] = formatValue(v, c.cols[i].Type)
	}
	return c.w.Write(c.rec)
}

func (c *csvWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}

type jsonWriter struct {
	w    *bufio.Writer
	cols []Column
	keys [][]byte
	n    int
}

func (j *jsonWriter) Header(cols []Column) error {
	j.cols = cols
	j.keys = make([][]byte, len(cols))
	for i, c := range cols {
		k, err := json.Marshal(c.Name)
		if err != nil {
			return err
		}
		j.keys[i] = k
	}
	_, err := j.w.WriteString("[")
	return err
}

func (j *jsonWriter) Row(vals []any) error {
	if j.n > 0 {
		j.w.WriteString(",")
	}
	j.n++
	j.w.WriteString("\n  {")
	for i, v := range vals {
		if i > 0 {
			j.w.WriteString(", ")
		}
		j.w.Write(j.keys[i])
		j.w.WriteString(": ")
		b, err := json.Marshal(jsonValue(v, j.cols[i].Type))
		if err != nil {
			return err
		}
		j.w.Write(b)
	}
	_, err := j.w.WriteString("}")
	return err
}

func jsonValue(v any, typ string) any {
	switch x := v.(type) {
	case nil, bool, string, int8, int16, int32, int64, uint8, uint16, uint32, uint64, int, uint:
		return x
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return nil // JSON has no NaN or infinity
		}
		return x
	case float32:
		return jsonValue(float64(x), typ)
	case *big.Int:
		return json.Number(x.String())
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e, "")
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e, "")
		}
		return out
	case fmt.Stringer:
		// DECIMAL and HUGEINT come as their own types: keep them numbers
		if s := x.String(); json.Valid([]byte(s)) {
			return json.Number(s)
		}
	}
	return formatValue(v, typ)
}

func (j *jsonWriter) Flush() error {
	if j.n > 0 {
		j.w.WriteString("\n")
	}
	j.w.WriteString("]\n")
	return j.w.Flush()
}
