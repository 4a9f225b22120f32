package indicators

import (
	"context"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// isTemplateWorkbook reports whether a workbook has a sheet named like a
// table of the templates (Kwartalen, Budget, Interventies, Bereik).
func isTemplateWorkbook(f *excelize.File) bool {
	return slices.ContainsFunc(f.GetSheetList(), func(s string) bool { return sheetSpec(s) != nil })
}

func sheetSpec(sheet string) *TemplateTable {
	for i := range TemplateTables {
		if strings.EqualFold(strings.TrimSpace(sheet), TemplateTables[i].Sheet) {
			return &TemplateTables[i]
		}
	}
	return nil
}

// parseTemplateWorkbook reads a filled-in process or project workbook: every
// sheet of its template must be there (an empty sheet is fine: it replaces
// nothing); other sheets, such as Instructies, are not read.
func parseTemplateWorkbook(ctx context.Context, name string, f *excelize.File) (*Parsed, error) {
	present := map[*TemplateTable]string{}
	workbooks := map[string]bool{}
	for _, sh := range f.GetSheetList() {
		if spec := sheetSpec(sh); spec != nil {
			present[spec] = sh
			workbooks[spec.Workbook] = true
		}
	}
	if len(workbooks) > 1 {
		return nil, &ParseError{File: name, Err: ErrMalformed,
			Msg: "workbook has sheets of both the process template (Kwartalen, Budget) and the project template (Interventies, Bereik); expected one template per workbook"}
	}
	wb := WorkbookProcess
	if workbooks[WorkbookProject] {
		wb = WorkbookProject
	}
	var want, missing []string
	for i := range TemplateTables {
		spec := &TemplateTables[i]
		if spec.Workbook != wb {
			continue
		}
		want = append(want, spec.Sheet)
		if _, ok := present[spec]; !ok {
			missing = append(missing, spec.Sheet)
		}
	}
	if len(missing) > 0 {
		return nil, &ParseError{File: name, Err: ErrMissingColumn,
			Msg: fmt.Sprintf("sheet %s missing from the %s workbook (it has %s); expected the sheets %s, as `lpa template` writes them",
				strings.Join(missing, ", "), wb, strings.Join(f.GetSheetList(), ", "), strings.Join(want, " and "))}
	}
	td := &TemplateData{Workbook: wb}
	var probs Problems
	for i := range TemplateTables {
		spec := &TemplateTables[i]
		if spec.Workbook != wb {
			continue
		}
		st, err := openSheet(name, f, present[spec])
		if err != nil {
			probs.AddErr(name, err)
			continue
		}
		if st == nil {
			continue // an empty sheet: nothing to load
		}
		if err := readTemplateTable(ctx, name, st, spec, td, &probs); err != nil {
			return nil, err
		}
	}
	if err := probs.Err(name); err != nil {
		return nil, err
	}
	kind := KindProcessWorkbook
	if wb == WorkbookProject {
		kind = KindProjectWorkbook
	}
	p := &Parsed{Kind: kind, Template: td}
	if td.Rows() == 0 {
		p.Note = emptyTemplate
	}
	return p, nil
}

// emptyTemplate is the note of a template without rows: a blank template
// replaces nothing, so loading a folder of templates of which some are not
// filled in works.
const emptyTemplate = "the template has no rows: nothing loaded, nothing replaced"

// tableParser returns the parser of one table of a template, as a CSV file
// (or the first sheet of a workbook).
func tableParser(kind Kind) func(ctx context.Context, name string, t Table) (*Parsed, error) {
	return func(ctx context.Context, name string, t Table) (*Parsed, error) {
		td := &TemplateData{}
		var probs Problems
		if err := readTemplateTable(ctx, name, t, templateTable(kind), td, &probs); err != nil {
			return nil, err
		}
		if err := probs.Err(name); err != nil {
			return nil, err
		}
		p := &Parsed{Kind: kind, Template: td}
		if td.Rows() == 0 {
			p.Note = emptyTemplate
		}
		return p, nil
	}
}

// sheetTable is one sheet of a workbook as a table, with raw cell values
// (numbers unformatted).
type sheetTable struct {
	f      *excelize.File
	sheet  string
	rows   [][]string
	hdr    []string
	hdrRow int // 1-based
	i      int // index of the next row
	rec    []string
}

// openSheet returns the sheet as a table, or nil when it is empty.
func openSheet(name string, f *excelize.File, sheet string) (*sheetTable, error) {
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, &ParseError{File: name, Err: ErrMalformed, Msg: fmt.Sprintf("sheet %q cannot be read (%v)", sheet, err)}
	}
	t := &sheetTable{f: f, sheet: sheet, rows: rows}
	for t.i < len(rows) {
		r := rows[t.i]
		t.i++
		if blank(r) {
			continue
		}
		t.hdrRow = t.i
		t.hdr = make([]string, len(r))
		for j, h := range r {
			t.hdr[j] = strings.TrimSpace(h)
		}
		t.rec = make([]string, len(t.hdr))
		return t, nil
	}
	return nil, nil
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func (t *sheetTable) Header() []string { return t.hdr }

func (t *sheetTable) Next() ([]string, int, error) {
	for t.i < len(t.rows) {
		r := t.rows[t.i]
		t.i++
		if blank(r) {
			continue
		}
		if len(r) > len(t.hdr) && !blank(r[len(t.hdr):]) {
			cell, _ := excelize.CoordinatesToCellName(len(t.hdr)+1, t.i)
			return nil, 0, &ParseError{Line: t.i, Cell: SheetCell(t.sheet, cell), Err: ErrMalformed,
				Msg: fmt.Sprintf("value beyond the last header column; expected %d columns", len(t.hdr))}
		}
		n := copy(t.rec, r)
		clear(t.rec[n:])
		return t.rec, t.i, nil
	}
	return nil, 0, io.EOF
}

func (t *sheetTable) Locate(e *ParseError, line, col int) {
	e.Line = line
	e.Column = col + 1
	cell, _ := excelize.CoordinatesToCellName(col+1, line)
	e.Cell = SheetCell(t.sheet, cell)
}

func (t *sheetTable) Close() error { return nil }

// numeric reports whether a cell holds a number (not text).
func (t *sheetTable) numeric(line, col int) bool {
	cell, err := excelize.CoordinatesToCellName(col+1, line)
	if err != nil {
		return false
	}
	ct, err := t.f.GetCellType(t.sheet, cell)
	return err == nil && (ct == excelize.CellTypeUnset || ct == excelize.CellTypeNumber)
}

var reInterventionID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$`)

// templateRow reads the cells of one row of a template table.
type templateRow struct {
	name  string
	t     Table
	hdr   []string
	idx   map[string]int
	probs *Problems
	rec   []string
	line  int
	ok    bool
}

func (r *templateRow) bad(col int, sentinel error, msg string) {
	e := &ParseError{File: r.name, Field: r.hdr[col], Err: sentinel, Msg: msg}
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

func (r *templateRow) loc(c string) Loc {
	e := &ParseError{File: r.name, Field: c}
	r.t.Locate(e, r.line, r.idx[c])
	return Loc{File: e.File, Line: e.Line, Column: e.Column, Cell: e.Cell, Field: c}
}

func (r *templateRow) required(c string) (string, int, bool) {
	v, i := r.cell(c)
	if v == "" {
		r.bad(i, ErrInvalidValue, fmt.Sprintf("%s is empty; expected a value (see the instructions of the template)", c))
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
	if !IsAccordID(id) {
		r.bad(i, ErrInvalidValue, fmt.Sprintf("akkoord_id %q; expected the id of a registry accord: lower-case letters, digits, - and _ (e.g. foodvalley)", v))
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
		r.bad(i, ErrInvalidValue, fmt.Sprintf("interventie_id %q; expected a short code of letters, digits, '.', '-' and '_' (at most 40), e.g. I01", v))
		return ""
	}
	return v
}

func (r *templateRow) quarter(c string) Quarter {
	v, i, ok := r.required(c)
	if !ok {
		return Quarter{}
	}
	q, err := ParseQuarter(v)
	if err != nil {
		r.bad(i, ErrInvalidValue, err.Error())
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
		r.bad(i, ErrInvalidValue, fmt.Sprintf("%s %q is not a whole number; expected a count, 0 or more (empty: unknown)", c, v))
		return nil
	case n < 0:
		r.bad(i, ErrInvalidValue, fmt.Sprintf("%s %d is negative; expected a count, 0 or more (empty: unknown)", c, n))
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
	f, ok := ParseDecimal(s)
	numeric := false
	if !ok && r.numericCell(i) {
		if g, err := strconv.ParseFloat(v, 64); err == nil && !math.IsInf(g, 0) && !math.IsNaN(g) {
			f, ok, numeric = g, true, true
		}
	}
	switch {
	case !ok:
		r.bad(i, ErrInvalidValue, fmt.Sprintf("%s %q is not an amount; expected euros as 1234.50 or 1234,50 without thousands separators", c, v))
		return nil
	case f < 0:
		r.bad(i, ErrInvalidValue, fmt.Sprintf("%s %s is negative; expected an amount of 0 or more euros (empty: unknown)", c, v))
		return nil
	}
	if d := strings.IndexByte(s, '.'); d >= 0 && len(s)-d-1 > 2 {
		if !numeric && !r.numericCell(i) {
			r.bad(i, ErrInvalidValue, fmt.Sprintf("%s %q has more than 2 decimals; expected euros and cents (a thousands separator? write 12345, not 12.345)", c, v))
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
		r.bad(i, ErrInvalidValue, fmt.Sprintf("%s %q; expected ja or nee", c, v))
		return nil
	}
	return &b
}

func (r *templateRow) vocab(c string, voc *Vocabulary, required bool) string {
	v, i := r.cell(c)
	if v == "" {
		if required {
			r.required(c)
		}
		return ""
	}
	k, ok := voc.Lookup(v)
	if !ok {
		r.bad(i, ErrInvalidValue, voc.Problem(v))
	}
	return k
}

// readTemplateTable checks the header of a template table and reads its
// rows into td; problems go to probs. It returns only a cancelled context.
func readTemplateTable(ctx context.Context, name string, t Table, spec *TemplateTable, td *TemplateData, probs *Problems) error {
	hdr, idx, ok := templateHeader(name, t, spec, probs)
	if !ok {
		return nil
	}
	seen := map[string]int{}
	r := &templateRow{name: name, t: t, hdr: hdr, idx: idx, probs: probs}
	for n := 0; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		rec, line, err := t.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if pe, ok := err.(*ParseError); ok && pe.File == "" {
				pe.File = name
			}
			probs.AddErr(name, err)
			break
		}
		if probs.Full() {
			probs.Skip()
			continue
		}
		if blank(rec) {
			continue
		}
		r.rec, r.line, r.ok = rec, line, true
		r.read(spec.Kind, td, seen)
	}
	return nil
}

// templateHeader checks the header of a template table against spec: every
// column known and once, the required ones there. ok is false when the
// rows cannot be read.
func templateHeader(name string, t Table, spec *TemplateTable, probs *Problems) (hdr []string, idx map[string]int, ok bool) {
	hdr = make([]string, len(t.Header()))
	idx = map[string]int{}
	var names []string
	for _, c := range spec.Columns {
		names = append(names, c.Name)
	}
	hdrLine := 1
	if st, ok := t.(*sheetTable); ok {
		hdrLine = st.hdrRow
	}
	headerProblem := func(col int, sentinel error, msg string) {
		e := &ParseError{File: name, Err: sentinel, Msg: msg}
		t.Locate(e, hdrLine, col)
		if _, isText := t.(*TextTable); isText && col == 0 {
			e.Column = 0
		}
		probs.Add(e)
	}
	for i, h := range t.Header() {
		hdr[i] = NormKey(h)
		switch {
		case !slices.Contains(names, hdr[i]):
			headerProblem(i, ErrMissingColumn, fmt.Sprintf("column %q unknown in the %s table; expected only %s", h, spec.Sheet, strings.Join(names, ", ")))
		case idxHas(idx, hdr[i]):
			headerProblem(i, ErrDuplicateKey, fmt.Sprintf("column %q occurs twice (also column %d); expected each column once", h, idx[hdr[i]]+1))
		default:
			idx[hdr[i]] = i
		}
	}
	for _, c := range spec.Columns {
		if _, ok := idx[c.Name]; !ok && !c.Optional {
			headerProblem(0, ErrMissingColumn, fmt.Sprintf("the %s table has no column %q; expected the columns %s (optional: toelichting, voorbeelddata)",
				spec.Sheet, c.Name, strings.Join(requiredNames(spec), ", ")))
		}
	}
	if probs.Full() || len(idx) < len(requiredNames(spec)) {
		return nil, nil, false
	}
	for _, c := range requiredNames(spec) {
		if _, ok := idx[c]; !ok {
			return nil, nil, false
		}
	}
	return hdr, idx, true
}

// read reads the row of a table of the kind into td, unless it repeats the
// key of an earlier row.
func (r *templateRow) read(kind Kind, td *TemplateData, seen map[string]int) {
	note, _ := r.cell("toelichting")
	example := r.yesNo("voorbeelddata")
	ex := example != nil && *example
	switch kind {
	case KindProcessQuarters:
		row := ProcessQuarter{AccordID: r.accordID("akkoord_id"), Quarter: r.quarter("kwartaal"),
			PartiesActive: r.count("partijen_actief"), SteeringMeetings: r.count("overleggen_stuurgroep"),
			WorkingGroupMeetings: r.count("overleggen_werkgroepen"), ResidentsInvolved: r.count("inwoners_betrokken"),
			Note: note, ExampleData: ex, At: r.loc("akkoord_id")}
		if r.ok && !dupRow(r, seen, row.AccordID+" "+row.Quarter.String(), "kwartaal",
			fmt.Sprintf("accord %s, %s", row.AccordID, row.Quarter), "accord and quarter") {
			td.Quarters = append(td.Quarters, row)
		}
	case KindProcessBudget:
		row := BudgetRow{AccordID: r.accordID("akkoord_id"), Quarter: r.quarter("kwartaal"),
			Line: r.vocab("budgetregel", &BudgetLines, true), PlannedEUR: r.money("gepland_eur"), SpentEUR: r.money("besteed_eur"),
			Note: note, ExampleData: ex, At: r.loc("akkoord_id")}
		if r.ok && !dupRow(r, seen, row.AccordID+" "+row.Quarter.String()+" "+row.Line, "budgetregel",
			fmt.Sprintf("accord %s, %s, %s", row.AccordID, row.Quarter, row.Line), "accord, quarter and budget line") {
			td.Budget = append(td.Budget, row)
		}
	case KindProjectInterventions:
		naam, _, _ := r.required("naam")
		row := Intervention{AccordID: r.accordID("akkoord_id"), ID: r.interventionID("interventie_id"), Name: naam,
			Theme: r.vocab("thema", &InterventionThemes, false), Loketgezondleven: r.yesNo("erkend_loketgezondleven"),
			TargetGroup: r.vocab("doelgroep", &TargetGroups, false), Status: r.vocab("status", &InterventionStatuses, true),
			Note: note, ExampleData: ex, At: r.loc("akkoord_id"), IDAt: r.loc("interventie_id")}
		if r.ok && !dupRow(r, seen, row.AccordID+" "+row.ID, "interventie_id",
			fmt.Sprintf("accord %s, intervention %s", row.AccordID, row.ID), "accord and intervention") {
			td.Interventions = append(td.Interventions, row)
		}
	case KindProjectReach:
		row := ReachRow{AccordID: r.accordID("akkoord_id"), InterventionID: r.interventionID("interventie_id"),
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
		r.bad(r.idx[keyCol], ErrDuplicateKey, fmt.Sprintf("second row for %s (first on line %d); expected one row per %s", what, first, per))
		return true
	}
	seen[key] = r.line
	return false
}

func idxHas(idx map[string]int, k string) bool {
	_, ok := idx[k]
	return ok
}

func requiredNames(spec *TemplateTable) []string {
	var out []string
	for _, c := range spec.Columns {
		if !c.Optional {
			out = append(out, c.Name)
		}
	}
	return out
}
