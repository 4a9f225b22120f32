package registry

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"lpa/indicators"
)

// AboutStatus describes the kind of file (sources.KnownKinds).
const AboutStatus = "VNG status of the local accord per gemeente and peildatum (peildatum,gemeente_code,status)"

// statusColumns are the columns of a VNG status file; the first three are
// required.
var statusColumns = []string{"peildatum", "gemeente_code", "status", "gemeente_naam", "example_data"}

// ParseStatus reads a VNG status file.
func ParseStatus(ctx context.Context, name string, t indicators.Table) (*indicators.Parsed, error) {
	hdr := make([]string, len(t.Header()))
	for i, h := range t.Header() {
		hdr[i] = indicators.NormKey(h) // Peildatum = peildatum, as the kind was recognised
	}
	idx, probs := indicators.NameIndex(name, t, hdr)
	for _, c := range statusColumns[:3] {
		if _, ok := idx[c]; !ok {
			probs.Add(&indicators.ParseError{File: name, Line: 1, Err: indicators.ErrMissingColumn,
				Msg: fmt.Sprintf("header has no column %q; expected the columns peildatum, gemeente_code, status (optional: gemeente_naam, example_data)", c)})
		}
	}
	for i, h := range hdr {
		if !slices.Contains(statusColumns, h) {
			e := &indicators.ParseError{File: name, Field: h, Err: indicators.ErrMissingColumn,
				Msg: fmt.Sprintf("column %q unknown; expected only %s", h, strings.Join(statusColumns, ", "))}
			t.Locate(e, 1, i)
			probs.Add(e)
		}
	}
	if err := probs.Err(name); err != nil {
		return nil, err
	}
	r := &statusReader{RowReader: indicators.NewNamedRowReader(name, t, hdr), idx: idx, ref: indicators.LoadReference(),
		gemeenten: map[time.Time]map[string]string{}, seen: map[statusKey]int{}, set: &indicators.StatusSet{}}
	if err := r.Each(ctx, r.row); err != nil {
		return nil, err
	}
	if len(r.set.Rows) == 0 {
		return nil, &indicators.ParseError{File: name, Line: 2, Err: indicators.ErrMalformed, Msg: "no data rows after the header; expected one row per gemeente and peildatum"}
	}
	return &indicators.Parsed{Kind: indicators.KindAccordStatus, Status: r.set}, nil
}

// statusReader reads the rows of a VNG status file.
type statusReader struct {
	*indicators.RowReader
	idx       map[string]int
	ref       *indicators.Reference
	gemeenten map[time.Time]map[string]string // of each peildatum
	seen      map[statusKey]int               // line of each key
	set       *indicators.StatusSet
}

type statusKey struct {
	d    time.Time
	code string
}

// row reads one gemeente on one peildatum.
func (r *statusReader) row(rec []string, line int) {
	row := indicators.StatusRow{Line: line}
	s, ok := r.peildatum(rec, line, &row)
	ci := r.idx["gemeente_code"]
	row.GemeenteCode = strings.TrimSpace(rec[ci])
	switch {
	case !indicators.RegionCodeOK(row.GemeenteCode, indicators.LevelGemeente):
		r.Bad(line, ci, fmt.Sprintf("gemeente_code %q is not a CBS gemeente code; expected GM + 4 digits", row.GemeenteCode))
		ok = false
	case ok && r.gemeenten[row.Peildatum][row.GemeenteCode] == "":
		r.Bad(line, ci, fmt.Sprintf("gemeente_code %s is no gemeente on peildatum %s; expected a gemeente of the division of %d", row.GemeenteCode, s, row.Peildatum.Year()))
		ok = false
	}
	ci = r.idx["status"]
	st, found := indicators.Statuses.Lookup(rec[ci])
	if !found {
		r.Bad(line, ci, indicators.Statuses.Problem(strings.TrimSpace(rec[ci])))
		ok = false
	}
	row.Status = st
	if ci, has := r.idx["example_data"]; has {
		switch v := strings.ToLower(strings.TrimSpace(rec[ci])); v {
		case "true", "ja":
			row.ExampleData = true
		case "false", "nee", "":
		default:
			r.Bad(line, ci, fmt.Sprintf("example_data %q; expected true or false (empty: false)", v))
			ok = false
		}
	}
	if !ok {
		return
	}
	k := statusKey{row.Peildatum, row.GemeenteCode}
	if first, dup := r.seen[k]; dup {
		r.Dup(line, r.idx["gemeente_code"], fmt.Sprintf("second row for %s on peildatum %s (first on line %d); expected one row per gemeente and peildatum", row.GemeenteCode, s, first))
		return
	}
	r.seen[k] = line
	r.set.Rows = append(r.set.Rows, row)
}

// peildatum reads the date of the round into row; it returns the date as
// the file writes it.
func (r *statusReader) peildatum(rec []string, line int, row *indicators.StatusRow) (string, bool) {
	ci := r.idx["peildatum"]
	s := strings.TrimSpace(rec[ci])
	d, err := time.Parse("2006-01-02", s)
	switch {
	case err != nil:
		r.Bad(line, ci, fmt.Sprintf("peildatum %q is not a date; expected YYYY-MM-DD, e.g. 2020-11-01", s))
		return s, false
	case r.ref.Gemeenten(d.Year()) == nil:
		divs := r.ref.Divisions()
		r.Bad(line, ci, fmt.Sprintf("peildatum %s; expected a date in %d-%d, the years whose gemeenten lpa knows", s, divs[0], divs[len(divs)-1]))
		return s, false
	}
	row.Peildatum, row.Division = d, d.Year()
	if r.gemeenten[d] == nil {
		r.gemeenten[d] = r.ref.GemeentenOn(d)
	}
	return s, true
}
