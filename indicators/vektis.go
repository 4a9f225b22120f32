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
func parseVektis(ctx context.Context, name string, t Table) (*CareCosts, error) {
	ref := loadVektisRef()
	hdr := t.Header()
	var probs Problems
	headerErr := func(col int, field string, sentinel error, msg string) {
		e := &ParseError{File: name, Field: field, Err: sentinel, Msg: msg}
		t.Locate(e, 1, col)
		probs.Add(e)
	}
	if tt, ok := t.(*TextTable); ok && tt.Comma() != ';' {
		probs.Add(&ParseError{File: name, Line: 1, Err: ErrMalformed,
			Msg: fmt.Sprintf("fields are separated by %q; expected \";\" as in Vektis' Open Databestand files", tt.Comma())})
	}
	idx := map[string]int{}
	c := &CareCosts{}
	var costCols []int
	catCol := map[string]int{} // category -> column index
	for i, h := range hdr {
		low := strings.ToLower(h)
		if j, dup := idx[low]; dup {
			headerErr(i, h, ErrDuplicateKey, fmt.Sprintf("column %q occurs twice (also column %d); expected each column once", h, j+1))
			continue
		}
		idx[low] = i
		if slices.Contains(colsVektis, low) {
			continue
		}
		if !strings.HasPrefix(low, "kosten_") {
			headerErr(i, h, ErrInvalidValue, fmt.Sprintf("column %q is not a Vektis column; expected %s and cost columns named KOSTEN_...",
				h, strings.Join(colsVektis, ", ")))
			continue
		}
		cat, ok := ref.byColumn[low]
		if !ok {
			headerErr(i, h, ErrInvalidValue, fmt.Sprintf("cost column %q is not in lpa's list of Vektis cost columns; expected a known column such as kosten_farmacie "+
				"(a new column needs a row in indicators/data/vektis_categories.csv mapping it to a cost category)", h))
			continue
		}
		if j, dup := catCol[cat.Category]; dup {
			headerErr(i, h, ErrDuplicateKey, fmt.Sprintf("column %q is cost category %s again (column %d, %q); expected each category once",
				h, cat.Category, j+1, hdr[j]))
			continue
		}
		catCol[cat.Category] = i
		costCols = append(costCols, i)
		c.Columns = append(c.Columns, CostColumn{Source: h, Category: cat.Category, Family: cat.Family})
	}
	for _, k := range colsVektis {
		if _, ok := idx[k]; !ok {
			probs.Add(&ParseError{File: name, Line: 1, Err: ErrMissingColumn,
				Msg: fmt.Sprintf("header has no column %q; expected the Vektis columns %s (in any case) followed by cost columns such as KOSTEN_FARMACIE",
					strings.ToUpper(k), strings.ToUpper(strings.Join(colsVektis, ", ")))})
		}
	}
	if len(costCols) == 0 && probs.Len() == 0 {
		probs.Add(&ParseError{File: name, Line: 1, Err: ErrMissingColumn,
			Msg: "header has no cost columns; expected columns such as KOSTEN_FARMACIE after AANTAL_VERZEKERDEJAREN"})
	}
	year, err := vektisYearFromName(name)
	if err != nil {
		probs.Add(err.(*ParseError))
	}
	if err := probs.Err(name); err != nil {
		return nil, err
	}
	c.Period = year
	iSex, iAge, iName, iBSN, iIY := idx["geslacht"], idx["leeftijdsklasse"], idx["gemeentenaam"], idx["aantal_bsn"], idx["aantal_verzekerdejaren"]

	bad := func(line, col int, sentinel error, msg string) {
		e := &ParseError{File: name, Field: hdr[col], Err: sentinel, Msg: msg}
		t.Locate(e, line, col)
		probs.Add(e)
	}
	type key struct{ code, sex, age string }
	seen := map[key]int{}
	restLine := 0
	codeLine := map[string]int{}    // gemeente code -> first line
	codeName := map[string]string{} // gemeente code -> name in the file
	ages := map[string]string{}     // raw -> normalised
	for _, a := range vektisAgeClasses {
		ages[a] = a
	}
	c.Rows = make([]CareCostRow, 0, 1<<14)
	c.Costs = make([]float64, 0, (1<<14)*len(costCols))
	costs := make([]float64, len(costCols))
	if err := EachRecord(ctx, name, t, &probs, func(rec []string, line int) {
		before := probs.Len()
		row := CareCostRow{Line: line, AgeFrom: -1}
		sexRaw, ageRaw, nameRaw := strings.TrimSpace(rec[iSex]), strings.TrimSpace(rec[iAge]), strings.TrimSpace(rec[iName])
		switch {
		case sexRaw == "" && ageRaw == "" && nameRaw == "":
			row.Rest = true
			if restLine > 0 {
				e := &ParseError{File: name, Err: ErrDuplicateKey,
					Msg: fmt.Sprintf("second row without sex, age class and gemeente (first on line %d); expected one rest-category row", restLine)}
				t.Locate(e, line, iSex)
				probs.Add(e)
				return
			}
		case sexRaw == "" || ageRaw == "" || nameRaw == "":
			e := &ParseError{File: name, Err: ErrInvalidValue,
				Msg: fmt.Sprintf("row has geslacht %q, leeftijdsklasse %q and gemeentenaam %q; expected all three filled, or all three empty for the rest category",
					sexRaw, ageRaw, nameRaw)}
			t.Locate(e, line, iSex)
			e.Column = 0
			probs.Add(e)
			return
		default:
			switch sexRaw {
			case "M":
				row.Sex = SexMale
			case "V":
				row.Sex = SexFemale
			default:
				bad(line, iSex, ErrInvalidValue, fmt.Sprintf("sex %q; expected M or V", sexRaw))
			}
			a, ok := ages[ageRaw]
			if !ok {
				a = strings.Join(strings.Fields(ageRaw), " ")
				if !slices.Contains(vektisAgeClasses, a) {
					bad(line, iAge, ErrInvalidValue, fmt.Sprintf("age class %q; expected one of the %d Vektis classes %q, %q, ..., %q, %q",
						ageRaw, len(vektisAgeClasses), vektisAgeClasses[0], vektisAgeClasses[1], vektisAgeClasses[17], vektisAgeClasses[18]))
				} else {
					ages[strings.Clone(ageRaw)] = a
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
			switch {
			case !utf8.ValidString(nameRaw):
				bad(line, iName, ErrInvalidValue, fmt.Sprintf("gemeente name %q is not valid UTF-8; expected UTF-8 text as Vektis publishes it", nameRaw))
			default:
				code, ok := ref.byName[NormaliseVektisName(nameRaw)]
				if !ok {
					bad(line, iName, ErrInvalidValue, fmt.Sprintf("gemeente name %q is not in lpa's list of Vektis gemeente names; expected a name as Vektis spells it, such as \"S GRAVENHAGE\" "+
						"(a new name needs a row in indicators/data/vektis_gemeenten.csv with its CBS code)", nameRaw))
					break
				}
				row.GemeenteCode = code
				if _, ok := codeLine[code]; !ok {
					codeLine[code] = line
					codeName[code] = strings.Clone(nameRaw)
				}
			}
		}
		bsnRaw := strings.TrimSpace(rec[iBSN])
		bsn, err := strconv.ParseInt(bsnRaw, 10, 64)
		switch {
		case err != nil || strings.HasPrefix(bsnRaw, "+"):
			bad(line, iBSN, ErrInvalidValue, fmt.Sprintf("count %q is not a whole number; expected the number of insured people (BSNs), 0 or more", bsnRaw))
		case bsn < 0:
			bad(line, iBSN, ErrInvalidValue, fmt.Sprintf("count %s is negative; expected the number of insured people (BSNs), 0 or more", bsnRaw))
		}
		row.BSNCount = bsn
		iyRaw := strings.TrimSpace(rec[iIY])
		iy, ok := ParseDecimal(iyRaw)
		switch {
		case !ok:
			bad(line, iIY, ErrInvalidValue, fmt.Sprintf("insured years %q is not a number; expected a decimal with a point (170530.86), 0 or more", iyRaw))
		case iy < 0:
			bad(line, iIY, ErrInvalidValue, fmt.Sprintf("insured years %s is negative; expected 0 or more", iyRaw))
		}
		row.InsuredYears = iy + 0
		for j, col := range costCols {
			raw := strings.TrimSpace(rec[col])
			v, ok := ParseDecimal(raw)
			if !ok {
				bad(line, col, ErrInvalidValue, fmt.Sprintf("cost %q is not a number; expected euros as a decimal with a point (45049552.97); Vektis writes 0 for no costs", raw))
			}
			costs[j] = v + 0 // no negative zero
		}
		if probs.Len() > before {
			return
		}
		if row.Rest {
			restLine = line
		} else {
			k := key{row.GemeenteCode, row.Sex, row.AgeClass}
			if first, dup := seen[k]; dup {
				e := &ParseError{File: name, Err: ErrDuplicateKey,
					Msg: fmt.Sprintf("second row for %s (%s), sex %s, age class %s (first on line %d); expected one row per gemeente, sex and age class",
						nameRaw, row.GemeenteCode, sexRaw, row.AgeClass, first)}
				t.Locate(e, line, iName)
				probs.Add(e)
				return
			}
			seen[k] = line
		}
		c.Rows = append(c.Rows, row)
		c.Costs = append(c.Costs, costs...)
	}); err != nil {
		return nil, err
	}
	if err := probs.Err(name); err != nil {
		return nil, err
	}
	if len(c.Rows) == 0 {
		return nil, &ParseError{File: name, Line: 2, Err: ErrMalformed, Msg: "no data rows after the header; expected one row per gemeente, sex and age class"}
	}
	div, absent, err := vektisDivision(name, c.Period, codeLine, codeName)
	if err != nil {
		return nil, err
	}
	c.Division, c.Absent = div, absent
	return c, nil
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
