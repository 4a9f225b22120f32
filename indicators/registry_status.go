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

func parseStatus(ctx context.Context, name string, t Table) (*StatusSet, error) {
	hdr := make([]string, len(t.Header()))
	for i, h := range t.Header() {
		hdr[i] = NormKey(h) // Peildatum = peildatum, as the kind was recognised
	}
	idx := map[string]int{}
	var probs Problems
	for i, h := range hdr {
		if j, dup := idx[h]; dup {
			e := &ParseError{File: name, Field: h, Err: ErrDuplicateKey,
				Msg: fmt.Sprintf("column %q occurs twice (also column %d); expected each column once", h, j+1)}
			t.Locate(e, 1, i)
			probs.Add(e)
			continue
		}
		idx[h] = i
	}
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
	bad := func(line, col int, msg string) {
		e := &ParseError{File: name, Field: hdr[col], Err: ErrInvalidValue, Msg: msg}
		t.Locate(e, line, col)
		probs.Add(e)
	}
	ref := LoadReference()
	divs := ref.Divisions()
	gemeenten := map[time.Time]map[string]string{}
	type key struct {
		d    time.Time
		code string
	}
	seen := map[key]int{}
	set := &StatusSet{}
	if err := EachRecord(ctx, name, t, &probs, func(rec []string, line int) {
		r := StatusRow{Line: line}
		ok := true
		ci := idx["peildatum"]
		s := strings.TrimSpace(rec[ci])
		d, err := time.Parse("2006-01-02", s)
		switch {
		case err != nil:
			bad(line, ci, fmt.Sprintf("peildatum %q is not a date; expected YYYY-MM-DD, e.g. 2020-11-01", s))
			ok = false
		case ref.Gemeenten(d.Year()) == nil:
			bad(line, ci, fmt.Sprintf("peildatum %s; expected a date in %d-%d, the years whose gemeenten lpa knows", s, divs[0], divs[len(divs)-1]))
			ok = false
		default:
			r.Peildatum, r.Division = d, d.Year()
			if gemeenten[d] == nil {
				gemeenten[d] = ref.GemeentenOn(d)
			}
		}
		ci = idx["gemeente_code"]
		r.GemeenteCode = strings.TrimSpace(rec[ci])
		switch {
		case !RegionCodeOK(r.GemeenteCode, LevelGemeente):
			bad(line, ci, fmt.Sprintf("gemeente_code %q is not a CBS gemeente code; expected GM + 4 digits", r.GemeenteCode))
			ok = false
		case ok && gemeenten[d][r.GemeenteCode] == "":
			bad(line, ci, fmt.Sprintf("gemeente_code %s is no gemeente on peildatum %s; expected a gemeente of the division of %d", r.GemeenteCode, s, d.Year()))
			ok = false
		}
		ci = idx["status"]
		st, found := Statuses.Lookup(rec[ci])
		if !found {
			bad(line, ci, Statuses.Problem(strings.TrimSpace(rec[ci])))
			ok = false
		}
		r.Status = st
		if ci, has := idx["example_data"]; has {
			switch v := strings.ToLower(strings.TrimSpace(rec[ci])); v {
			case "true", "ja":
				r.ExampleData = true
			case "false", "nee", "":
			default:
				bad(line, ci, fmt.Sprintf("example_data %q; expected true or false (empty: false)", v))
				ok = false
			}
		}
		if !ok {
			return
		}
		k := key{d, r.GemeenteCode}
		if first, dup := seen[k]; dup {
			e := &ParseError{File: name, Field: "gemeente_code", Err: ErrDuplicateKey,
				Msg: fmt.Sprintf("second row for %s on peildatum %s (first on line %d); expected one row per gemeente and peildatum", r.GemeenteCode, s, first)}
			t.Locate(e, line, idx["gemeente_code"])
			probs.Add(e)
			return
		}
		seen[k] = line
		set.Rows = append(set.Rows, r)
	}); err != nil {
		return nil, err
	}
	if err := probs.Err(name); err != nil {
		return nil, err
	}
	if len(set.Rows) == 0 {
		return nil, &ParseError{File: name, Line: 2, Err: ErrMalformed, Msg: "no data rows after the header; expected one row per gemeente and peildatum"}
	}
	return set, nil
}
