package vektis

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"lpa/indicators"
)

// About describes the kind of file (sources.KnownKinds).
const About = "Vektis \"Open Databestand Zorgverzekeringswet {YEAR} - gemeente\" (care costs per gemeente, sex and age class; the year from the file name)"

// The key columns of a Vektis gemeente file, lower-cased (2011-2018 write
// them in upper case, 2019 onwards in lower case).
var colsVektis = []string{"geslacht", "leeftijdsklasse", "gemeentenaam", "aantal_bsn", "aantal_verzekerdejaren"}

// vektisAgeClasses are Vektis' 19 age classes, with their spacing
// normalised (the files write " 0 t/m  4 jaar").
var vektisAgeClasses = func() []string {
	var out []string
	for a := 0; a < 90; a += 5 {
		out = append(out, fmt.Sprintf("%d t/m %d jaar", a, a+4))
	}
	return append(out, "90+")
}()

// AgeClasses returns the 19 age classes as lpa stores them.
func AgeClasses() []string { return slices.Clone(vektisAgeClasses) }

// firstZvwYear is the first year of the Zorgverzekeringswet.
const firstZvwYear = 2006

var reYearToken = regexp.MustCompile(`(?:^|[^0-9])(20[0-9]{2})(?:[^0-9]|$)`)

// yearFromName reads the data year of a Vektis file from its name
// ("vektis_2011_gemeente.csv.gz", "Open Databestand Zorgverzekeringswet
// 2011 - gemeente.csv"): the content does not state it.
func yearFromName(name string) (int, error) {
	base := filepath.Base(name)
	years := map[int]bool{}
	// Resume each search at the end of the year, not of the match, so that
	// "2011_2012" yields both years.
	for i := 0; i < len(base); {
		loc := reYearToken.FindStringSubmatchIndex(base[i:])
		if loc == nil {
			break
		}
		y, _ := strconv.Atoi(base[i+loc[2] : i+loc[3]])
		years[y] = true
		i += loc[3]
	}
	const expect = "expected the data year in the file name as Vektis names its files (Open Databestand Zorgverzekeringswet 2011 - gemeente.csv) or as vektis_2011_gemeente.csv.gz"
	switch {
	case len(years) == 0:
		return 0, &indicators.ParseError{File: name, Err: indicators.ErrInvalidValue,
			Msg: "cannot tell the data year of this Vektis file: its content does not state it and its name holds no year; " + expect}
	case len(years) > 1:
		var ys []string
		for y := range years {
			ys = append(ys, strconv.Itoa(y))
		}
		slices.Sort(ys)
		return 0, &indicators.ParseError{File: name, Err: indicators.ErrInvalidValue,
			Msg: fmt.Sprintf("cannot tell the data year of this Vektis file: its name holds the years %s; %s", strings.Join(ys, " and "), expect)}
	}
	var y int
	for y = range years {
	}
	if y < firstZvwYear {
		return 0, &indicators.ParseError{File: name, Err: indicators.ErrInvalidValue,
			Msg: fmt.Sprintf("data year %d from the file name is before the Zorgverzekeringswet (%d); %s", y, firstZvwYear, expect)}
	}
	return y, nil
}

// Parse reads a Vektis "Open Databestand Zorgverzekeringswet -
// gemeente" file.
func Parse(ctx context.Context, name string, t indicators.Table) (*indicators.Parsed, error) {
	r, err := newReader(name, t)
	if err != nil {
		return nil, err
	}
	if err := r.Each(ctx, r.row); err != nil {
		return nil, err
	}
	c := r.c
	if len(c.Rows) == 0 {
		return nil, &indicators.ParseError{File: name, Line: 2, Err: indicators.ErrMalformed, Msg: "no data rows after the header; expected one row per gemeente, sex and age class"}
	}
	div, absent, err := division(name, c.Period, r.codeLine, r.codeName)
	if err != nil {
		return nil, err
	}
	c.Division, c.Absent = div, absent
	return &indicators.Parsed{Kind: indicators.KindVektisZvw, CareCosts: c}, nil
}

// reader reads the rows of a Vektis file into c.
type reader struct {
	*indicators.RowReader
	c *indicators.CareCosts
	// The key columns and the cost columns, in the order of c.Columns.
	iSex, iAge, iName, iBSN, iIY int
	costCols                     []int
	costs                        []float64 // of the row being read
	seen                         map[rowKey]int
	restLine                     int               // line of the rest-category row
	codeLine                     map[string]int    // gemeente code -> first line
	codeName                     map[string]string // gemeente code -> name in the file
	ages                         map[string]string // raw -> normalised
}

type rowKey struct{ code, sex, age string }

// newReader checks the separator and the header (key columns in any
// case, cost columns of known categories, each once) and reads the data
// year from the file name.
func newReader(name string, t indicators.Table) (*reader, error) {
	r := &reader{RowReader: indicators.NewRowReader(name, t), c: &indicators.CareCosts{},
		seen: map[rowKey]int{}, codeLine: map[string]int{}, codeName: map[string]string{}, ages: map[string]string{}}
	if tt, ok := t.(*indicators.TextTable); ok && tt.Comma() != ';' {
		r.Problems().Add(&indicators.ParseError{File: name, Line: 1, Err: indicators.ErrMalformed,
			Msg: fmt.Sprintf("fields are separated by %q; expected \";\" as in Vektis' Open Databestand files", tt.Comma())})
	}
	idx := r.header()
	for _, k := range colsVektis {
		if _, ok := idx[k]; !ok {
			r.Problems().Add(&indicators.ParseError{File: name, Line: 1, Err: indicators.ErrMissingColumn,
				Msg: fmt.Sprintf("header has no column %q; expected the Vektis columns %s (in any case) followed by cost columns such as KOSTEN_FARMACIE",
					strings.ToUpper(k), strings.ToUpper(strings.Join(colsVektis, ", ")))})
		}
	}
	if len(r.costCols) == 0 && r.Problems().Len() == 0 {
		r.Problems().Add(&indicators.ParseError{File: name, Line: 1, Err: indicators.ErrMissingColumn,
			Msg: "header has no cost columns; expected columns such as KOSTEN_FARMACIE after AANTAL_VERZEKERDEJAREN"})
	}
	year, err := yearFromName(name)
	if err != nil {
		r.Problems().Add(err.(*indicators.ParseError))
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	r.c.Period = year
	r.iSex, r.iAge, r.iName, r.iBSN, r.iIY = idx["geslacht"], idx["leeftijdsklasse"], idx["gemeentenaam"], idx["aantal_bsn"], idx["aantal_verzekerdejaren"]
	for _, a := range vektisAgeClasses {
		r.ages[a] = a
	}
	r.c.Rows = make([]indicators.CareCostRow, 0, 1<<14)
	r.c.Costs = make([]float64, 0, (1<<14)*len(r.costCols))
	r.costs = make([]float64, len(r.costCols))
	return r, nil
}

// header maps the lower-cased column names to their index and finds the
// cost columns.
func (r *reader) header() map[string]int {
	idx := map[string]int{}
	catCol := map[string]int{} // category -> column index
	for i, h := range r.Header() {
		low := strings.ToLower(h)
		if j, dup := idx[low]; dup {
			r.Dup(1, i, fmt.Sprintf("column %q occurs twice (also column %d); expected each column once", h, j+1))
			continue
		}
		idx[low] = i
		if slices.Contains(colsVektis, low) {
			continue
		}
		if !strings.HasPrefix(low, "kosten_") {
			r.Bad(1, i, fmt.Sprintf("column %q is not a Vektis column; expected %s and cost columns named KOSTEN_...",
				h, strings.Join(colsVektis, ", ")))
			continue
		}
		cat, ok := indicators.VektisCategory(low)
		if !ok {
			r.Bad(1, i, fmt.Sprintf("cost column %q is not in lpa's list of Vektis cost columns; expected a known column such as kosten_farmacie "+
				"(a new column needs a row in indicators/data/vektis_categories.csv mapping it to a cost category)", h))
			continue
		}
		if j, dup := catCol[cat.Category]; dup {
			r.Dup(1, i, fmt.Sprintf("column %q is cost category %s again (column %d, %q); expected each category once",
				h, cat.Category, j+1, r.Header()[j]))
			continue
		}
		catCol[cat.Category] = i
		r.costCols = append(r.costCols, i)
		r.c.Columns = append(r.c.Columns, indicators.CostColumn{Source: h, Category: cat.Category, Family: cat.Family})
	}
	return idx
}
