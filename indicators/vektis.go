package indicators

import (
	"fmt"
	"slices"
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
