package query

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
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
	switch f {
	case CSV:
		return &csvWriter{w: csv.NewWriter(w)}
	case JSON:
		return &jsonWriter{w: bufio.NewWriter(w)}
	}
	return &tableWriter{w: w}
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
	w     io.Writer
	cols  []Column
	rows  [][]string
	extra int
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

func (t *tableWriter) Flush() error {
	width := make([]int, len(t.cols))
	numeric := make([]bool, len(t.cols))
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
	bw := bufio.NewWriter(t.w)
	line := func(cells []string, right bool) {
		for i, s := range cells {
			if i > 0 {
				bw.WriteString(" │ ")
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(s))
			if right && numeric[i] {
				bw.WriteString(pad + s)
			} else if i < len(cells)-1 {
				bw.WriteString(s + pad)
			} else {
				bw.WriteString(s)
			}
		}
		bw.WriteByte('\n')
	}
	names := make([]string, len(t.cols))
	seps := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.Name
		seps[i] = strings.Repeat("─", width[i])
	}
	line(names, false)
	bw.WriteString(strings.Join(seps, "─┼─") + "\n")
	for _, r := range t.rows {
		line(r, true)
	}
	n := len(t.rows) + t.extra
	if t.extra > 0 {
		fmt.Fprintf(bw, "(%d rows, first %d shown; use --format csv for all)\n", n, len(t.rows))
	} else {
		fmt.Fprintf(bw, "(%d rows)\n", n)
	}
	return bw.Flush()
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
