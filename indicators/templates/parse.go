package templates

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"lpa/indicators"
)

// isWorkbook reports whether a workbook has a sheet named like a table of
// the template workbook (Kwartalen, Budget; Interventies, Bereik).
func isWorkbook(sheets []string, workbook string) bool {
	return slices.ContainsFunc(sheets, func(s string) bool { t := sheetSpec(s); return t != nil && t.Workbook == workbook })
}

// IsProcessWorkbook reports whether a workbook's sheets include a sheet of the process
// template (Kwartalen, Budget).
func IsProcessWorkbook(sheets []string) bool { return isWorkbook(sheets, indicators.WorkbookProcess) }

// IsProjectWorkbook reports whether a workbook's sheets include a sheet of the project
// template (Interventies, Bereik).
func IsProjectWorkbook(sheets []string) bool { return isWorkbook(sheets, indicators.WorkbookProject) }

func sheetSpec(sheet string) *Table {
	for i := range Tables {
		if strings.EqualFold(strings.TrimSpace(sheet), Tables[i].Sheet) {
			return &Tables[i]
		}
	}
	return nil
}

// ParseWorkbook reads a filled-in process or project workbook: every
// sheet of its template must be there (an empty sheet is fine: it replaces
// nothing); other sheets, such as Instructies, are not read.
func ParseWorkbook(ctx context.Context, name string, f *excelize.File) (*indicators.Parsed, error) {
	present := map[*Table]string{}
	workbooks := map[string]bool{}
	for _, sh := range f.GetSheetList() {
		if spec := sheetSpec(sh); spec != nil {
			present[spec] = sh
			workbooks[spec.Workbook] = true
		}
	}
	if len(workbooks) > 1 {
		return nil, &indicators.ParseError{File: name, Err: indicators.ErrMalformed,
			Msg: "workbook has sheets of both the process template (Kwartalen, Budget) and the project template (Interventies, Bereik); expected one template per workbook"}
	}
	wb := indicators.WorkbookProcess
	if workbooks[indicators.WorkbookProject] {
		wb = indicators.WorkbookProject
	}
	var want, missing []string
	for i := range Tables {
		spec := &Tables[i]
		if spec.Workbook != wb {
			continue
		}
		want = append(want, spec.Sheet)
		if _, ok := present[spec]; !ok {
			missing = append(missing, spec.Sheet)
		}
	}
	if len(missing) > 0 {
		return nil, &indicators.ParseError{File: name, Err: indicators.ErrMissingColumn,
			Msg: fmt.Sprintf("sheet %s missing from the %s workbook (it has %s); expected the sheets %s, as `lpa template` writes them",
				strings.Join(missing, ", "), wb, strings.Join(f.GetSheetList(), ", "), strings.Join(want, " and "))}
	}
	td := &indicators.TemplateData{Workbook: wb}
	var probs indicators.Problems
	for i := range Tables {
		spec := &Tables[i]
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
		if err := readTable(ctx, name, st, spec, td, &probs); err != nil {
			return nil, err
		}
	}
	if err := probs.Err(name); err != nil {
		return nil, err
	}
	kind := indicators.KindProcessWorkbook
	if wb == indicators.WorkbookProject {
		kind = indicators.KindProjectWorkbook
	}
	p := &indicators.Parsed{Kind: kind, Template: td}
	if td.Rows() == 0 {
		p.Note = emptyTemplate
	}
	return p, nil
}

// emptyTemplate is the note of a template without rows: a blank template
// replaces nothing, so loading a folder of templates of which some are not
// filled in works.
const emptyTemplate = "the template has no rows: nothing loaded, nothing replaced"

// TableParser returns the parser of one table of a template, as a CSV file
// (or the first sheet of a workbook).
func TableParser(kind indicators.Kind) func(ctx context.Context, name string, t indicators.Table) (*indicators.Parsed, error) {
	return func(ctx context.Context, name string, t indicators.Table) (*indicators.Parsed, error) {
		td := &indicators.TemplateData{}
		var probs indicators.Problems
		if err := readTable(ctx, name, t, tableOf(kind), td, &probs); err != nil {
			return nil, err
		}
		if err := probs.Err(name); err != nil {
			return nil, err
		}
		p := &indicators.Parsed{Kind: kind, Template: td}
		if td.Rows() == 0 {
			p.Note = emptyTemplate
		}
		return p, nil
	}
}

// readTable checks the header of a template table and reads its
// rows into td; problems go to probs. It returns only a cancelled context.
func readTable(ctx context.Context, name string, t indicators.Table, spec *Table, td *indicators.TemplateData, probs *indicators.Problems) error {
	hdr, idx, ok := readHeader(name, t, spec, probs)
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
			if pe, ok := err.(*indicators.ParseError); ok && pe.File == "" {
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

// readHeader checks the header of a template table against spec: every
// column known and once, the required ones there. ok is false when the
// rows cannot be read.
func readHeader(name string, t indicators.Table, spec *Table, probs *indicators.Problems) (hdr []string, idx map[string]int, ok bool) {
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
		e := &indicators.ParseError{File: name, Err: sentinel, Msg: msg}
		t.Locate(e, hdrLine, col)
		if _, isText := t.(*indicators.TextTable); isText && col == 0 {
			e.Column = 0
		}
		probs.Add(e)
	}
	for i, h := range t.Header() {
		hdr[i] = indicators.NormKey(h)
		switch {
		case !slices.Contains(names, hdr[i]):
			headerProblem(i, indicators.ErrMissingColumn, fmt.Sprintf("column %q unknown in the %s table; expected only %s", h, spec.Sheet, strings.Join(names, ", ")))
		case idxHas(idx, hdr[i]):
			headerProblem(i, indicators.ErrDuplicateKey, fmt.Sprintf("column %q occurs twice (also column %d); expected each column once", h, idx[hdr[i]]+1))
		default:
			idx[hdr[i]] = i
		}
	}
	for _, c := range spec.Columns {
		if _, ok := idx[c.Name]; !ok && !c.Optional {
			headerProblem(0, indicators.ErrMissingColumn, fmt.Sprintf("the %s table has no column %q; expected the columns %s (optional: toelichting, voorbeelddata)",
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

func idxHas(idx map[string]int, k string) bool {
	_, ok := idx[k]
	return ok
}

func requiredNames(spec *Table) []string {
	var out []string
	for _, c := range spec.Columns {
		if !c.Optional {
			out = append(out, c.Name)
		}
	}
	return out
}
