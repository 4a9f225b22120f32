package fetch

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"lpa/indicators"
)

// layout writes a fetched table in a CSV layout a parser of lpa
// recognises.
type layout func(w io.Writer, t *table) error

// The layouts, named for the files they imitate.
var (
	// layoutUntyped is the UntypedDataSet as CSV: the key and every column
	// as the API gives them (padded text, "." for suppressed), comma,
	// RFC 4180, UTF-8, LF; the layout of 50090NED_2020_18plus.csv.
	layoutUntyped layout = func(w io.Writer, t *table) error { return writeDataSet(w, t, ',', false) }
	// layoutTyped is the TypedDataSet as the CBS open data portal saves it
	// (50140NED_TypedDataSet_....csv): ";", UTF-8 with BOM, CRLF, empty for
	// a missing value.
	layoutTyped layout = func(w io.Writer, t *table) error { return writeDataSet(w, t, ';', true) }
)

// writeDataSet writes the data set's columns as the API names them. A
// field is quoted only when it must be (RFC 4180: the separator, a quote
// or a line break in it): the padded values stay as the real files have
// them ("    76.1").
func writeDataSet(w io.Writer, t *table, sep byte, portal bool) error {
	bw := bufio.NewWriter(w)
	eol := "\n"
	if portal {
		bw.WriteString("\uFEFF")
		eol = "\r\n"
	}
	cols := append([]string{"ID"}, keys(t.columns())...)
	rec := make([]string, len(cols))
	write := func(fields []string) {
		for i, f := range fields {
			if i > 0 {
				bw.WriteByte(sep)
			}
			if strings.ContainsAny(f, string(sep)+"\"\r\n") {
				f = quote(f)
			}
			bw.WriteString(f)
		}
		bw.WriteString(eol)
	}
	write(cols)
	for _, row := range t.rows {
		for i, c := range cols {
			rec[i] = text(row[c])
		}
		write(rec)
	}
	return bw.Flush()
}

func keys(ps []property) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Key
	}
	return out
}

// text is a value of the data set as text: a string as it is, a number as
// the API wrote it, null as "".
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// quote is one quoted CSV field.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// layoutTableCSV is the CSV that StatLine writes for a table download
// (Gebieden_in_Nederland_2023_....csv, Kerncijfers_wijken_en_buurten_....csv):
// a column per dimension with its categories' titles, then a column per
// topic headed "Group/Subgroup/Title (unit)"; ";", text quoted, numbers
// not, "." for a missing value, UTF-8 with BOM, CRLF. It is read from the
// TypedDataSet.
func layoutTableCSV(w io.Writer, t *table) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("\uFEFF")
	var dims, topics []property
	for _, p := range t.columns() {
		if p.isDimension() {
			dims = append(dims, p)
		} else {
			topics = append(topics, p)
		}
	}
	var head []string
	for _, d := range dims {
		head = append(head, quote(strings.TrimSpace(d.Title)))
	}
	for _, p := range topics {
		h := strings.Join(t.path(p), "/")
		if u := strings.TrimSpace(p.Unit); u != "" {
			h += " (" + u + ")"
		}
		head = append(head, quote(h))
	}
	bw.WriteString(strings.Join(head, ";") + "\r\n")
	rec := make([]string, len(head))
	for _, row := range t.rows {
		for i, d := range dims {
			rec[i] = quote(t.categoryTitle(d.Key, text(row[d.Key])))
		}
		for j, p := range topics {
			switch v := row[p.Key].(type) {
			case nil:
				rec[len(dims)+j] = quote(".")
			case json.Number:
				rec[len(dims)+j] = v.String()
			default:
				rec[len(dims)+j] = quote(text(v))
			}
		}
		bw.WriteString(strings.Join(rec, ";") + "\r\n")
	}
	return bw.Flush()
}

// categoryTitle is the title of a category of dimension dim, its key
// (trimmed) when the dimension endpoint does not list it.
func (t *table) categoryTitle(dim, key string) string {
	if c, ok := t.cats[dim][key]; ok {
		return strings.TrimSpace(c.Title)
	}
	return strings.TrimSpace(key)
}

// layoutExport is the StatLine "CSV export" of a table per region
// (indicators/statline reads any table in it): the title, a filter line
// for each dimension with one category ("Leeftijd: 18 jaar of ouder"), the
// "";"Onderwerp" block with the topics' groups joined by "|", the units
// row, a row per region (Nederland, GGD regions, gemeenten; the parser
// takes no other levels) and the "Bron: CBS" footer; ";", every field
// quoted, decimal comma, UTF-8 with BOM, CRLF. It is read from the
// UntypedDataSet, which keeps "." (suppressed) apart from empty.
func layoutExport(w io.Writer, t *table) error {
	var geo *property
	var rowDims, filters []property
	for _, p := range t.columns() {
		switch {
		case p.Type == "GeoDimension" && geo == nil:
			geo = &p
		case p.isDimension():
			if len(distinct(t.rows, p.Key)) == 1 {
				filters = append(filters, p)
			} else {
				rowDims = append(rowDims, p)
			}
		}
	}
	if geo == nil {
		return fmt.Errorf("table %s has no region dimension; lpa reads StatLine tables per region", t.q.table)
	}
	rowDims = append([]property{*geo}, rowDims...)
	var topics []property
	seen := map[string]bool{}
	for _, p := range t.columns() {
		if p.Type != "Topic" || strings.EqualFold(p.Datatype, "String") {
			continue
		}
		leaf := indicators.NormName(strings.TrimSpace(p.Title))
		if seen[leaf] { // the parser keys topics by their last level
			continue
		}
		seen[leaf] = true
		topics = append(topics, p)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("\uFEFF")
	line := func(fields ...string) {
		for i, f := range fields {
			fields[i] = quote(f)
		}
		bw.WriteString(strings.Join(fields, ";") + "\r\n")
	}
	line(strings.TrimSpace(t.info.Title))
	for _, d := range filters {
		line(strings.TrimSpace(d.Title) + ": " + t.categoryTitle(d.Key, distinct(t.rows, d.Key)[0]))
	}
	empty := make([]string, len(rowDims))
	line(append(empty, "Onderwerp")...)
	var names, units []string
	for _, d := range rowDims {
		units = append(units, strings.TrimSpace(d.Title))
	}
	for _, p := range topics {
		names = append(names, strings.Join(t.path(p), "|"))
		units = append(units, strings.TrimSpace(p.Unit))
	}
	line(append(make([]string, len(rowDims)), names...)...)
	line(units...)
	for _, row := range t.rows {
		code := strings.TrimSpace(text(row[geo.Key]))
		if !strings.HasPrefix(code, "NL") && !strings.HasPrefix(code, "GM") && !strings.HasPrefix(code, "GG") {
			continue
		}
		var rec []string
		for _, d := range rowDims {
			rec = append(rec, t.categoryTitle(d.Key, text(row[d.Key])))
		}
		for _, p := range topics {
			v := strings.TrimSpace(text(row[p.Key]))
			if v != "." {
				v = strings.Replace(v, ".", ",", 1)
			}
			rec = append(rec, v)
		}
		line(rec...)
	}
	line("Bron: CBS")
	return bw.Flush()
}

// distinct lists the values of a column in the order they first appear.
func distinct(rows []map[string]any, col string) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range rows {
		v := text(r[col])
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
