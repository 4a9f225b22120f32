package templates

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"lpa/indicators"
)

var reInterventionID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$`)

// templateRow reads the cells of one row of a template table.
type templateRow struct {
	name  string
	t     indicators.Table
	hdr   []string
	idx   map[string]int
	probs *indicators.Problems
	rec   []string
	line  int
	ok    bool
}

func (r *templateRow) bad(col int, sentinel error, msg string) {
	e := &indicators.ParseError{File: r.name, Field: r.hdr[col], Err: sentinel, Msg: msg}
	r.t.Locate(e, r.line, col)
	r.probs.Add(e)
	r.ok = false
}

// cell returns the trimmed value of column c and its index (-1: no such column).
func (r *templateRow) cell(c string) (string, int) {
	i, ok := r.idx[c]
	if !ok {
		return "", -1
	}
	return strings.TrimSpace(r.rec[i]), i
}

func (r *templateRow) loc(c string) indicators.Loc {
	e := &indicators.ParseError{File: r.name, Field: c}
	r.t.Locate(e, r.line, r.idx[c])
	return indicators.Loc{File: e.File, Line: e.Line, Column: e.Column, Cell: e.Cell, Field: c}
}

func (r *templateRow) required(c string) (string, int, bool) {
	v, i := r.cell(c)
	if v == "" {
		r.bad(i, indicators.ErrInvalidValue, fmt.Sprintf("%s is empty; expected a value (see the instructions of the template)", c))
		return "", i, false
	}
	return v, i, true
}

func (r *templateRow) accordID(c string) string {
	v, i, ok := r.required(c)
	if !ok {
		return ""
	}
	id := strings.ToLower(v)
	if !indicators.IsAccordID(id) {
		r.bad(i, indicators.ErrInvalidValue, fmt.Sprintf("akkoord_id %q; expected the id of a registry accord: lower-case letters, digits, - and _ (e.g. foodvalley)", v))
		return ""
	}
	return id
}

func (r *templateRow) interventionID(c string) string {
	v, i, ok := r.required(c)
	if !ok {
		return ""
	}
	if !reInterventionID.MatchString(v) {
		r.bad(i, indicators.ErrInvalidValue, fmt.Sprintf("interventie_id %q; expected a short code of letters, digits, '.', '-' and '_' (at most 40), e.g. I01", v))
		return ""
	}
	return v
}

func (r *templateRow) quarter(c string) indicators.Quarter {
	v, i, ok := r.required(c)
	if !ok {
		return indicators.Quarter{}
	}
	q, err := indicators.ParseQuarter(v)
	if err != nil {
		r.bad(i, indicators.ErrInvalidValue, err.Error())
	}
	return q
}

func (r *templateRow) numericCell(i int) bool {
	st, ok := r.t.(*sheetTable)
	return ok && st.numeric(r.line, i)
}

func (r *templateRow) count(c string) *int64 {
	v, i := r.cell(c)
	if v == "" {
		return nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil && r.numericCell(i) {
		// A number cell of a workbook: 12 may be stored as 12.0.
		if f, ferr := strconv.ParseFloat(v, 64); ferr == nil && f == math.Trunc(f) && math.Abs(f) < 1e15 {
			n, err = int64(f), nil
		}
	}
	switch {
	case err != nil:
		r.bad(i, indicators.ErrInvalidValue, fmt.Sprintf("%s %q is not a whole number; expected a count, 0 or more (empty: unknown)", c, v))
		return nil
	case n < 0:
		r.bad(i, indicators.ErrInvalidValue, fmt.Sprintf("%s %d is negative; expected a count, 0 or more (empty: unknown)", c, n))
		return nil
	}
	return &n
}

// money reads euros: digits with a decimal point or comma and at most two
// decimals, no thousands separators, 0 or more. A number cell of a workbook
// may have more decimals (a formula result); it is rounded to cents.
func (r *templateRow) money(c string) *float64 {
	v, i := r.cell(c)
	if v == "" {
		return nil
	}
	s := v
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	f, ok := indicators.ParseDecimal(s)
	numeric := false
	if !ok && r.numericCell(i) {
		if g, err := strconv.ParseFloat(v, 64); err == nil && !math.IsInf(g, 0) && !math.IsNaN(g) {
			f, ok, numeric = g, true, true
		}
	}
	switch {
	case !ok:
		r.bad(i, indicators.ErrInvalidValue, fmt.Sprintf("%s %q is not an amount; expected euros as 1234.50 or 1234,50 without thousands separators", c, v))
		return nil
	case f < 0:
		r.bad(i, indicators.ErrInvalidValue, fmt.Sprintf("%s %s is negative; expected an amount of 0 or more euros (empty: unknown)", c, v))
		return nil
	}
	if d := strings.IndexByte(s, '.'); d >= 0 && len(s)-d-1 > 2 {
		if !numeric && !r.numericCell(i) {
			r.bad(i, indicators.ErrInvalidValue, fmt.Sprintf("%s %q has more than 2 decimals; expected euros and cents (a thousands separator? write 12345, not 12.345)", c, v))
			return nil
		}
		f = math.Round(f*100) / 100
	}
	return &f
}

func (r *templateRow) yesNo(c string) *bool {
	v, i := r.cell(c)
	var b bool
	switch strings.ToLower(v) {
	case "":
		return nil
	case "ja", "true":
		b = true
	case "nee", "false":
	default:
		r.bad(i, indicators.ErrInvalidValue, fmt.Sprintf("%s %q; expected ja or nee", c, v))
		return nil
	}
	return &b
}

func (r *templateRow) vocab(c string, voc *indicators.Vocabulary, required bool) string {
	v, i := r.cell(c)
	if v == "" {
		if required {
			r.required(c)
		}
		return ""
	}
	k, ok := voc.Lookup(v)
	if !ok {
		r.bad(i, indicators.ErrInvalidValue, voc.Problem(v))
	}
	return k
}

// read reads the row of a table of the kind into td, unless it repeats the
// key of an earlier row.
func (r *templateRow) read(kind indicators.Kind, td *indicators.TemplateData, seen map[string]int) {
	note, _ := r.cell("toelichting")
	example := r.yesNo("voorbeelddata")
	ex := example != nil && *example
	switch kind {
	case indicators.KindProcessQuarters:
		row := indicators.ProcessQuarter{AccordID: r.accordID("akkoord_id"), Quarter: r.quarter("kwartaal"),
			PartiesActive: r.count("partijen_actief"), SteeringMeetings: r.count("overleggen_stuurgroep"),
			WorkingGroupMeetings: r.count("overleggen_werkgroepen"), ResidentsInvolved: r.count("inwoners_betrokken"),
			Note: note, ExampleData: ex, At: r.loc("akkoord_id")}
		if r.ok && !dupRow(r, seen, row.AccordID+" "+row.Quarter.String(), "kwartaal",
			fmt.Sprintf("accord %s, %s", row.AccordID, row.Quarter), "accord and quarter") {
			td.Quarters = append(td.Quarters, row)
		}
	case indicators.KindProcessBudget:
		row := indicators.BudgetRow{AccordID: r.accordID("akkoord_id"), Quarter: r.quarter("kwartaal"),
			Line: r.vocab("budgetregel", &indicators.BudgetLines, true), PlannedEUR: r.money("gepland_eur"), SpentEUR: r.money("besteed_eur"),
			Note: note, ExampleData: ex, At: r.loc("akkoord_id")}
		if r.ok && !dupRow(r, seen, row.AccordID+" "+row.Quarter.String()+" "+row.Line, "budgetregel",
			fmt.Sprintf("accord %s, %s, %s", row.AccordID, row.Quarter, row.Line), "accord, quarter and budget line") {
			td.Budget = append(td.Budget, row)
		}
	case indicators.KindProjectInterventions:
		naam, _, _ := r.required("naam")
		row := indicators.Intervention{AccordID: r.accordID("akkoord_id"), ID: r.interventionID("interventie_id"), Name: naam,
			Theme: r.vocab("thema", &indicators.InterventionThemes, false), Loketgezondleven: r.yesNo("erkend_loketgezondleven"),
			TargetGroup: r.vocab("doelgroep", &indicators.TargetGroups, false), Status: r.vocab("status", &indicators.InterventionStatuses, true),
			Note: note, ExampleData: ex, At: r.loc("akkoord_id"), IDAt: r.loc("interventie_id")}
		if r.ok && !dupRow(r, seen, row.AccordID+" "+row.ID, "interventie_id",
			fmt.Sprintf("accord %s, intervention %s", row.AccordID, row.ID), "accord and intervention") {
			td.Interventions = append(td.Interventions, row)
		}
	case indicators.KindProjectReach:
		row := indicators.ReachRow{AccordID: r.accordID("akkoord_id"), InterventionID: r.interventionID("interventie_id"),
			Quarter: r.quarter("kwartaal"), Planned: r.count("deelnemers_gepland"), Reached: r.count("deelnemers_bereikt"),
			Note: note, ExampleData: ex, At: r.loc("akkoord_id"), IDAt: r.loc("interventie_id")}
		if r.ok && !dupRow(r, seen, row.AccordID+" "+row.InterventionID+" "+row.Quarter.String(), "kwartaal",
			fmt.Sprintf("accord %s, intervention %s, %s", row.AccordID, row.InterventionID, row.Quarter), "accord, intervention and quarter") {
			td.Reach = append(td.Reach, row)
		}
	}
}

// dupRow reports (and records as a problem) a second row for key.
func dupRow(r *templateRow, seen map[string]int, key, keyCol, what, per string) bool {
	if first, dup := seen[key]; dup {
		r.bad(r.idx[keyCol], indicators.ErrDuplicateKey, fmt.Sprintf("second row for %s (first on line %d); expected one row per %s", what, first, per))
		return true
	}
	seen[key] = r.line
	return false
}
