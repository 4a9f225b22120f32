package indicators

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// StatusSet is a VNG status file: per round (peildatum) and gemeente the
// status of the local prevention accord, as VNG's map shows it.
type StatusSet struct {
	Rows []StatusRow
}

// StatusRow is one gemeente in one round.
type StatusRow struct {
	Peildatum    time.Time
	Division     int // the year of the peildatum: the division its codes belong to
	GemeenteCode string
	Status       string // Statuses key
	ExampleData  bool
	Line         int
}

// Peildata lists the rounds of the file, oldest first.
func (s *StatusSet) Peildata() []time.Time {
	var out []time.Time
	for _, r := range s.Rows {
		if !slices.ContainsFunc(out, r.Peildatum.Equal) {
			out = append(out, r.Peildatum)
		}
	}
	slices.SortFunc(out, time.Time.Compare)
	return out
}

// GemeentenOn returns the gemeenten (code -> name) that existed on day d:
// the division of d's year with the changes of that year up to d applied
// (Weesp joined Amsterdam on 24 March 2022). nil when lpa does not know the
// division.
func (r *Reference) GemeentenOn(d time.Time) map[string]string {
	g := r.Gemeenten(d.Year())
	if g == nil {
		return nil
	}
	for _, c := range r.Changes {
		if c.Effective.After(divisionStart(d.Year())) && !c.Effective.After(d) {
			delete(g, c.OldCode)
			g[c.NewCode] = c.NewName
		}
	}
	return g
}

// statusColumns are the columns of a VNG status file; the first three are
// required.
var statusColumns = []string{"peildatum", "gemeente_code", "status", "gemeente_naam", "example_data"}

func parseStatus(ctx context.Context, name string, t Table) (*Parsed, error) {
	hdr := make([]string, len(t.Header()))
	for i, h := range t.Header() {
		hdr[i] = NormKey(h) // Peildatum = peildatum, as the kind was recognised
	}
	idx, probs := NameIndex(name, t, hdr)
	for _, c := range statusColumns[:3] {
		if _, ok := idx[c]; !ok {
			probs.Add(&ParseError{File: name, Line: 1, Err: ErrMissingColumn,
				Msg: fmt.Sprintf("header has no column %q; expected the columns peildatum, gemeente_code, status (optional: gemeente_naam, example_data)", c)})
		}
	}
	for i, h := range hdr {
		if !slices.Contains(statusColumns, h) {
			e := &ParseError{File: name, Field: h, Err: ErrMissingColumn,
				Msg: fmt.Sprintf("column %q unknown; expected only %s", h, strings.Join(statusColumns, ", "))}
			t.Locate(e, 1, i)
			probs.Add(e)
		}
	}
	if err := probs.Err(name); err != nil {
		return nil, err
	}
	r := &statusReader{RowReader: NewNamedRowReader(name, t, hdr), idx: idx, ref: LoadReference(),
		gemeenten: map[time.Time]map[string]string{}, seen: map[statusKey]int{}, set: &StatusSet{}}
	if err := r.Each(ctx, r.row); err != nil {
		return nil, err
	}
	if len(r.set.Rows) == 0 {
		return nil, &ParseError{File: name, Line: 2, Err: ErrMalformed, Msg: "no data rows after the header; expected one row per gemeente and peildatum"}
	}
	return &Parsed{Kind: KindAccordStatus, Status: r.set}, nil
}

// statusReader reads the rows of a VNG status file.
type statusReader struct {
	*RowReader
	idx       map[string]int
	ref       *Reference
	gemeenten map[time.Time]map[string]string // of each peildatum
	seen      map[statusKey]int               // line of each key
	set       *StatusSet
}

type statusKey struct {
	d    time.Time
	code string
}

// row reads one gemeente on one peildatum.
func (r *statusReader) row(rec []string, line int) {
	row := StatusRow{Line: line}
	s, ok := r.peildatum(rec, line, &row)
	ci := r.idx["gemeente_code"]
	row.GemeenteCode = strings.TrimSpace(rec[ci])
	switch {
	case !RegionCodeOK(row.GemeenteCode, LevelGemeente):
		r.Bad(line, ci, fmt.Sprintf("gemeente_code %q is not a CBS gemeente code; expected GM + 4 digits", row.GemeenteCode))
		ok = false
	case ok && r.gemeenten[row.Peildatum][row.GemeenteCode] == "":
		r.Bad(line, ci, fmt.Sprintf("gemeente_code %s is no gemeente on peildatum %s; expected a gemeente of the division of %d", row.GemeenteCode, s, row.Peildatum.Year()))
		ok = false
	}
	ci = r.idx["status"]
	st, found := Statuses.Lookup(rec[ci])
	if !found {
		r.Bad(line, ci, Statuses.Problem(strings.TrimSpace(rec[ci])))
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
func (r *statusReader) peildatum(rec []string, line int, row *StatusRow) (string, bool) {
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
