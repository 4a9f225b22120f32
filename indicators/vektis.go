package indicators

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// CareCosts is one Vektis "Open Databestand Zorgverzekeringswet - gemeente"
// file: Zvw care costs per gemeente, sex and age class for one data year.
type CareCosts struct {
	Period   int // data year, from the file name
	Division int // municipal division the gemeenten are published in
	Columns  []CostColumn
	Rows     []CareCostRow
	// Costs holds the euro amounts row by row: the cost of Rows[i] in
	// Columns[j] is Costs[i*len(Columns)+j].
	Costs []float64
	// Absent lists the gemeenten of Division that have no row in the file
	// (the 2020 and 2021 files lack Weesp, counted in Amsterdam).
	Absent []string
}

// CostColumn is one KOSTEN_* column of a Vektis file and the harmonised
// category it is loaded as (indicators/data/vektis_categories.csv).
type CostColumn struct {
	Source   string // as named in the file
	Category string
	Family   string
}

// CareCostRow is the key part of one data line of a Vektis file.
type CareCostRow struct {
	GemeenteCode string // "" for the rest category
	Sex          string // SexMale or SexFemale; "" for the rest category
	AgeClass     string // normalised, e.g. "0 t/m 4 jaar", "90+"; "" for the rest category
	AgeFrom      int    // lower bound of the age class in years; -1 for the rest category
	Rest         bool   // the rest category: groups under 10 people or unknown demographics
	BSNCount     int64
	InsuredYears float64
	Line         int
}

// Cost returns the euro amount of row i in column j.
func (c *CareCosts) Cost(i, j int) float64 { return c.Costs[i*len(c.Columns)+j] }

// CostCategory is one row of indicators/data/vektis_categories.csv: how a
// Vektis cost column (lower-cased) is loaded.
type CostCategory struct {
	SourceColumn  string
	Category      string
	Label         string // Dutch label of the category
	Family        string
	FamilyLabel   string
	Note          string
	categoryOrder int
}

// VektisGemeente is one row of indicators/data/vektis_gemeenten.csv: a
// gemeente name as Vektis spells it and its CBS code.
type VektisGemeente struct {
	Name    string // as in the files, e.g. "S GRAVENHAGE"
	Code    string // CBS gemeente code
	CBSName string
	Match   string // automatic | hand
	Note    string
}

// vektisRef is the embedded Vektis reference data, parsed once.
type vektisRef struct {
	gemeenten  []VektisGemeente
	byName     map[string]string // normalised name -> code
	categories []CostCategory
	byColumn   map[string]CostCategory // lower-cased source column -> category
}

// VektisCategories returns the cost categories shipped with lpa, in file order.
func VektisCategories() []CostCategory { return slices.Clone(loadVektisRef().categories) }

// VektisCode returns the CBS code of a gemeente name as Vektis spells it
// (matched after NormaliseVektisName).
func VektisCode(name string) (string, bool) {
	code, ok := loadVektisRef().byName[NormaliseVektisName(name)]
	return code, ok
}

// VektisCategory returns how a Vektis cost column (lower-cased) is loaded.
func VektisCategory(column string) (CostCategory, bool) {
	c, ok := loadVektisRef().byColumn[column]
	return c, ok
}

// VektisGemeenten returns the Vektis name list shipped with lpa.
func VektisGemeenten() []VektisGemeente { return slices.Clone(loadVektisRef().gemeenten) }

var loadVektisRef = sync.OnceValue(func() *vektisRef {
	r, err := parseVektisRef()
	if err != nil {
		panic(fmt.Sprintf("indicators: embedded Vektis reference data: %v", err))
	}
	return r
})

func parseVektisRef() (*vektisRef, error) {
	r := &vektisRef{byName: map[string]string{}, byColumn: map[string]CostCategory{}}
	ref := LoadReference()
	known := map[string]bool{}
	for _, d := range ref.Divisions() {
		for c := range ref.Gemeenten(d) {
			known[c] = true
		}
	}
	for i, rec := range readEmbedded("vektis_gemeenten.csv") {
		g := VektisGemeente{Name: rec[0], Code: rec[1], CBSName: rec[2], Match: rec[3], Note: rec[4]}
		key := NormaliseVektisName(g.Name)
		switch {
		case key == "":
			return nil, fmt.Errorf("vektis_gemeenten.csv line %d: empty name", i+2)
		case !known[g.Code]:
			return nil, fmt.Errorf("vektis_gemeenten.csv line %d: %s is no gemeente of the divisions %d-%d", i+2, g.Code, BaseDivision, LastDivision)
		case g.Match != "automatic" && g.Match != "hand":
			return nil, fmt.Errorf("vektis_gemeenten.csv line %d: match %q, want automatic or hand", i+2, g.Match)
		case g.Match == "hand" && g.Note == "":
			return nil, fmt.Errorf("vektis_gemeenten.csv line %d: a hand match needs a note saying why", i+2)
		case r.byName[key] != "":
			return nil, fmt.Errorf("vektis_gemeenten.csv line %d: %q is listed twice (after normalisation %q)", i+2, g.Name, key)
		}
		r.byName[key] = g.Code
		r.gemeenten = append(r.gemeenten, g)
	}
	order := map[string]int{}
	for i, rec := range readEmbedded("vektis_categories.csv") {
		c := CostCategory{SourceColumn: rec[0], Category: rec[1], Label: rec[2], Family: rec[3], FamilyLabel: rec[4], Note: rec[5]}
		switch {
		case c.SourceColumn != strings.ToLower(c.SourceColumn) || !strings.HasPrefix(c.SourceColumn, "kosten_"):
			return nil, fmt.Errorf("vektis_categories.csv line %d: source column %q must be lower case and start with kosten_", i+2, c.SourceColumn)
		case c.Category == "" || c.Label == "" || c.Family == "" || c.FamilyLabel == "":
			return nil, fmt.Errorf("vektis_categories.csv line %d: empty category, label or family", i+2)
		}
		if _, dup := r.byColumn[c.SourceColumn]; dup {
			return nil, fmt.Errorf("vektis_categories.csv line %d: %s listed twice", i+2, c.SourceColumn)
		}
		if _, ok := order[c.Category]; !ok {
			order[c.Category] = len(order)
		}
		c.categoryOrder = order[c.Category]
		for _, o := range r.categories {
			if o.Category == c.Category && (o.Label != c.Label || o.Family != c.Family) {
				return nil, fmt.Errorf("vektis_categories.csv line %d: category %s has another label or family on an earlier line", i+2, c.Category)
			}
		}
		r.byColumn[c.SourceColumn] = c
		r.categories = append(r.categories, c)
	}
	return r, nil
}

// NormaliseVektisName is the key gemeente names are matched on: upper
// case, diacritics removed, every run of characters other than letters and
// digits one space ("'s-Gravenhage" and "S GRAVENHAGE" both become
// "S GRAVENHAGE"; "Súdwest-Fryslân" becomes "SUDWEST FRYSLAN").
func NormaliseVektisName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToUpper(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(strings.ToUpper(string(r)))
		default:
			space = true
		}
	}
	return b.String()
}

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

// VektisAgeClasses returns the 19 age classes as lpa stores them.
func VektisAgeClasses() []string { return slices.Clone(vektisAgeClasses) }

// firstZvwYear is the first year of the Zorgverzekeringswet.
const firstZvwYear = 2006

var reYearToken = regexp.MustCompile(`(?:^|[^0-9])(20[0-9]{2})(?:[^0-9]|$)`)

// vektisYearFromName reads the data year of a Vektis file from its name
// ("vektis_2011_gemeente.csv.gz", "Open Databestand Zorgverzekeringswet
// 2011 - gemeente.csv"): the content does not state it.
func vektisYearFromName(name string) (int, error) {
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
		return 0, &ParseError{File: name, Err: ErrInvalidValue,
			Msg: "cannot tell the data year of this Vektis file: its content does not state it and its name holds no year; " + expect}
	case len(years) > 1:
		var ys []string
		for y := range years {
			ys = append(ys, strconv.Itoa(y))
		}
		slices.Sort(ys)
		return 0, &ParseError{File: name, Err: ErrInvalidValue,
			Msg: fmt.Sprintf("cannot tell the data year of this Vektis file: its name holds the years %s; %s", strings.Join(ys, " and "), expect)}
	}
	var y int
	for y = range years {
	}
	if y < firstZvwYear {
		return 0, &ParseError{File: name, Err: ErrInvalidValue,
			Msg: fmt.Sprintf("data year %d from the file name is before the Zorgverzekeringswet (%d); %s", y, firstZvwYear, expect)}
	}
	return y, nil
}

// parseVektis reads a Vektis "Open Databestand Zorgverzekeringswet -
// gemeente" file.
func parseVektis(ctx context.Context, name string, t Table) (*Parsed, error) {
	r, err := newVektisReader(name, t)
	if err != nil {
		return nil, err
	}
	if err := EachRecord(ctx, name, t, &r.probs, r.row); err != nil {
		return nil, err
	}
	if err := r.probs.Err(name); err != nil {
		return nil, err
	}
	c := r.c
	if len(c.Rows) == 0 {
		return nil, &ParseError{File: name, Line: 2, Err: ErrMalformed, Msg: "no data rows after the header; expected one row per gemeente, sex and age class"}
	}
	div, absent, err := vektisDivision(name, c.Period, r.codeLine, r.codeName)
	if err != nil {
		return nil, err
	}
	c.Division, c.Absent = div, absent
	return &Parsed{Kind: KindVektisZvw, CareCosts: c}, nil
}

// vektisReader reads the rows of a Vektis file into c.
type vektisReader struct {
	name  string
	t     Table
	hdr   []string
	probs Problems
	c     *CareCosts
	// The key columns and the cost columns, in the order of c.Columns.
	iSex, iAge, iName, iBSN, iIY int
	costCols                     []int
	costs                        []float64 // of the row being read
	seen                         map[vektisKey]int
	restLine                     int               // line of the rest-category row
	codeLine                     map[string]int    // gemeente code -> first line
	codeName                     map[string]string // gemeente code -> name in the file
	ages                         map[string]string // raw -> normalised
}

type vektisKey struct{ code, sex, age string }

// newVektisReader checks the separator and the header (key columns in any
// case, cost columns of known categories, each once) and reads the data
// year from the file name.
func newVektisReader(name string, t Table) (*vektisReader, error) {
	r := &vektisReader{name: name, t: t, hdr: t.Header(), c: &CareCosts{},
		seen: map[vektisKey]int{}, codeLine: map[string]int{}, codeName: map[string]string{}, ages: map[string]string{}}
	if tt, ok := t.(*TextTable); ok && tt.Comma() != ';' {
		r.probs.Add(&ParseError{File: name, Line: 1, Err: ErrMalformed,
			Msg: fmt.Sprintf("fields are separated by %q; expected \";\" as in Vektis' Open Databestand files", tt.Comma())})
	}
	idx := r.header()
	for _, k := range colsVektis {
		if _, ok := idx[k]; !ok {
			r.probs.Add(&ParseError{File: name, Line: 1, Err: ErrMissingColumn,
				Msg: fmt.Sprintf("header has no column %q; expected the Vektis columns %s (in any case) followed by cost columns such as KOSTEN_FARMACIE",
					strings.ToUpper(k), strings.ToUpper(strings.Join(colsVektis, ", ")))})
		}
	}
	if len(r.costCols) == 0 && r.probs.Len() == 0 {
		r.probs.Add(&ParseError{File: name, Line: 1, Err: ErrMissingColumn,
			Msg: "header has no cost columns; expected columns such as KOSTEN_FARMACIE after AANTAL_VERZEKERDEJAREN"})
	}
	year, err := vektisYearFromName(name)
	if err != nil {
		r.probs.Add(err.(*ParseError))
	}
	if err := r.probs.Err(name); err != nil {
		return nil, err
	}
	r.c.Period = year
	r.iSex, r.iAge, r.iName, r.iBSN, r.iIY = idx["geslacht"], idx["leeftijdsklasse"], idx["gemeentenaam"], idx["aantal_bsn"], idx["aantal_verzekerdejaren"]
	for _, a := range vektisAgeClasses {
		r.ages[a] = a
	}
	r.c.Rows = make([]CareCostRow, 0, 1<<14)
	r.c.Costs = make([]float64, 0, (1<<14)*len(r.costCols))
	r.costs = make([]float64, len(r.costCols))
	return r, nil
}

// header maps the lower-cased column names to their index and finds the
// cost columns.
func (r *vektisReader) header() map[string]int {
	idx := map[string]int{}
	catCol := map[string]int{} // category -> column index
	for i, h := range r.hdr {
		low := strings.ToLower(h)
		if j, dup := idx[low]; dup {
			r.headerProblem(i, ErrDuplicateKey, fmt.Sprintf("column %q occurs twice (also column %d); expected each column once", h, j+1))
			continue
		}
		idx[low] = i
		if slices.Contains(colsVektis, low) {
			continue
		}
		if !strings.HasPrefix(low, "kosten_") {
			r.headerProblem(i, ErrInvalidValue, fmt.Sprintf("column %q is not a Vektis column; expected %s and cost columns named KOSTEN_...",
				h, strings.Join(colsVektis, ", ")))
			continue
		}
		cat, ok := VektisCategory(low)
		if !ok {
			r.headerProblem(i, ErrInvalidValue, fmt.Sprintf("cost column %q is not in lpa's list of Vektis cost columns; expected a known column such as kosten_farmacie "+
				"(a new column needs a row in indicators/data/vektis_categories.csv mapping it to a cost category)", h))
			continue
		}
		if j, dup := catCol[cat.Category]; dup {
			r.headerProblem(i, ErrDuplicateKey, fmt.Sprintf("column %q is cost category %s again (column %d, %q); expected each category once",
				h, cat.Category, j+1, r.hdr[j]))
			continue
		}
		catCol[cat.Category] = i
		r.costCols = append(r.costCols, i)
		r.c.Columns = append(r.c.Columns, CostColumn{Source: h, Category: cat.Category, Family: cat.Family})
	}
	return idx
}

func (r *vektisReader) headerProblem(col int, sentinel error, msg string) {
	r.bad(1, col, sentinel, msg)
}

func (r *vektisReader) bad(line, col int, sentinel error, msg string) {
	e := &ParseError{File: r.name, Field: r.hdr[col], Err: sentinel, Msg: msg}
	r.t.Locate(e, line, col)
	r.probs.Add(e)
}

// row reads one data line: the rest category or a gemeente, sex and age
// class; the counts; the costs.
func (r *vektisReader) row(rec []string, line int) {
	before := r.probs.Len()
	row := CareCostRow{Line: line, AgeFrom: -1}
	sexRaw, ageRaw, nameRaw := strings.TrimSpace(rec[r.iSex]), strings.TrimSpace(rec[r.iAge]), strings.TrimSpace(rec[r.iName])
	switch {
	case sexRaw == "" && ageRaw == "" && nameRaw == "":
		row.Rest = true
		if r.restLine > 0 {
			e := &ParseError{File: r.name, Err: ErrDuplicateKey,
				Msg: fmt.Sprintf("second row without sex, age class and gemeente (first on line %d); expected one rest-category row", r.restLine)}
			r.t.Locate(e, line, r.iSex)
			r.probs.Add(e)
			return
		}
	case sexRaw == "" || ageRaw == "" || nameRaw == "":
		e := &ParseError{File: r.name, Err: ErrInvalidValue,
			Msg: fmt.Sprintf("row has geslacht %q, leeftijdsklasse %q and gemeentenaam %q; expected all three filled, or all three empty for the rest category",
				sexRaw, ageRaw, nameRaw)}
		r.t.Locate(e, line, r.iSex)
		e.Column = 0
		r.probs.Add(e)
		return
	default:
		r.group(line, sexRaw, ageRaw, nameRaw, &row)
	}
	r.numbers(rec, line, &row)
	if r.probs.Len() > before {
		return
	}
	if row.Rest {
		r.restLine = line
	} else {
		k := vektisKey{row.GemeenteCode, row.Sex, row.AgeClass}
		if first, dup := r.seen[k]; dup {
			e := &ParseError{File: r.name, Err: ErrDuplicateKey,
				Msg: fmt.Sprintf("second row for %s (%s), sex %s, age class %s (first on line %d); expected one row per gemeente, sex and age class",
					nameRaw, row.GemeenteCode, sexRaw, row.AgeClass, first)}
			r.t.Locate(e, line, r.iName)
			r.probs.Add(e)
			return
		}
		r.seen[k] = line
	}
	r.c.Rows = append(r.c.Rows, row)
	r.c.Costs = append(r.c.Costs, r.costs...)
}

// group reads the sex, age class and gemeente of a row that is not the rest
// category.
func (r *vektisReader) group(line int, sexRaw, ageRaw, nameRaw string, row *CareCostRow) {
	switch sexRaw {
	case "M":
		row.Sex = SexMale
	case "V":
		row.Sex = SexFemale
	default:
		r.bad(line, r.iSex, ErrInvalidValue, fmt.Sprintf("sex %q; expected M or V", sexRaw))
	}
	a, ok := r.ages[ageRaw]
	if !ok {
		a = strings.Join(strings.Fields(ageRaw), " ")
		if !slices.Contains(vektisAgeClasses, a) {
			r.bad(line, r.iAge, ErrInvalidValue, fmt.Sprintf("age class %q; expected one of the %d Vektis classes %q, %q, ..., %q, %q",
				ageRaw, len(vektisAgeClasses), vektisAgeClasses[0], vektisAgeClasses[1], vektisAgeClasses[17], vektisAgeClasses[18]))
		} else {
			r.ages[strings.Clone(ageRaw)] = a
			ok = true
		}
	}
	if ok {
		row.AgeClass = a
		row.AgeFrom = 90
		if a != "90+" {
			row.AgeFrom, _ = strconv.Atoi(a[:strings.IndexByte(a, ' ')])
		}
	}
	if !utf8.ValidString(nameRaw) {
		r.bad(line, r.iName, ErrInvalidValue, fmt.Sprintf("gemeente name %q is not valid UTF-8; expected UTF-8 text as Vektis publishes it", nameRaw))
		return
	}
	code, ok := VektisCode(nameRaw)
	if !ok {
		r.bad(line, r.iName, ErrInvalidValue, fmt.Sprintf("gemeente name %q is not in lpa's list of Vektis gemeente names; expected a name as Vektis spells it, such as \"S GRAVENHAGE\" "+
			"(a new name needs a row in indicators/data/vektis_gemeenten.csv with its CBS code)", nameRaw))
		return
	}
	row.GemeenteCode = code
	if _, ok := r.codeLine[code]; !ok {
		r.codeLine[code] = line
		r.codeName[code] = strings.Clone(nameRaw)
	}
}

// numbers reads the counts of a row and its costs (into r.costs).
func (r *vektisReader) numbers(rec []string, line int, row *CareCostRow) {
	bsnRaw := strings.TrimSpace(rec[r.iBSN])
	bsn, err := strconv.ParseInt(bsnRaw, 10, 64)
	switch {
	case err != nil || strings.HasPrefix(bsnRaw, "+"):
		r.bad(line, r.iBSN, ErrInvalidValue, fmt.Sprintf("count %q is not a whole number; expected the number of insured people (BSNs), 0 or more", bsnRaw))
	case bsn < 0:
		r.bad(line, r.iBSN, ErrInvalidValue, fmt.Sprintf("count %s is negative; expected the number of insured people (BSNs), 0 or more", bsnRaw))
	}
	row.BSNCount = bsn
	iyRaw := strings.TrimSpace(rec[r.iIY])
	iy, ok := ParseDecimal(iyRaw)
	switch {
	case !ok:
		r.bad(line, r.iIY, ErrInvalidValue, fmt.Sprintf("insured years %q is not a number; expected a decimal with a point (170530.86), 0 or more", iyRaw))
	case iy < 0:
		r.bad(line, r.iIY, ErrInvalidValue, fmt.Sprintf("insured years %s is negative; expected 0 or more", iyRaw))
	}
	row.InsuredYears = iy + 0
	for j, col := range r.costCols {
		raw := strings.TrimSpace(rec[col])
		v, ok := ParseDecimal(raw)
		if !ok {
			r.bad(line, col, ErrInvalidValue, fmt.Sprintf("cost %q is not a number; expected euros as a decimal with a point (45049552.97); Vektis writes 0 for no costs", raw))
		}
		r.costs[j] = v + 0 // no negative zero
	}
}

// vektisDivision finds the municipal division a file is published in: the
// earliest division lpa knows in which every gemeente of the file exists.
// (Vektis publishes older years on a later division: the 2011-2018 files
// hold the 355 gemeenten of 2019 and 2020.)
func vektisDivision(name string, period int, codeLine map[string]int, codeName map[string]string) (int, []string, error) {
	ref := LoadReference()
	var bestDiv int
	var bestUnfit []string
	for _, d := range ref.Divisions() {
		g := ref.Gemeenten(d)
		var unfit []string
		for code := range codeLine {
			if _, ok := g[code]; !ok {
				unfit = append(unfit, code)
			}
		}
		if len(unfit) == 0 {
			var absent []string
			for code := range g {
				if _, ok := codeLine[code]; !ok {
					absent = append(absent, code)
				}
			}
			slices.Sort(absent)
			return d, absent, nil
		}
		// The closest division for the message: fewest codes that do not
		// fit, then nearest to the data year.
		dist := func(d int) int { return max(d-period, period-d) }
		if bestDiv == 0 || len(unfit) < len(bestUnfit) || (len(unfit) == len(bestUnfit) && dist(d) < dist(bestDiv)) {
			bestDiv, bestUnfit = d, unfit
		}
	}
	if bestDiv == 0 { // no gemeente rows at all: only the rest category
		return 0, nil, &ParseError{File: name, Line: 2, Err: ErrMalformed,
			Msg: "the file holds only the rest-category row; expected rows per gemeente, sex and age class"}
	}
	slices.SortFunc(bestUnfit, func(a, b string) int { return codeLine[a] - codeLine[b] })
	var list []string
	for i, code := range bestUnfit {
		if i == 10 {
			list = append(list, fmt.Sprintf("and %d more", len(bestUnfit)-10))
			break
		}
		list = append(list, fmt.Sprintf("%s %s (line %d)", code, codeName[code], codeLine[code]))
	}
	line := codeLine[bestUnfit[0]]
	return 0, nil, &ParseError{File: name, Line: line, Err: ErrInvalidValue,
		Msg: fmt.Sprintf("the gemeenten of this file fit no single municipal division %d-%d; the closest, %d, lacks %s; expected the gemeenten of one division",
			BaseDivision, LastDivision, bestDiv, strings.Join(list, ", "))}
}
