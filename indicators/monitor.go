package indicators

// Shared by the parsers of the monitor layouts (monitor_*.go): the GGD
// region reference, Dutch decimal commas, names, divisions and the dataset
// builder.

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Age groups of the monitor sources. 20300 is StatLine's code for "18 jaar
// of ouder" (as in 50090NED) and 10000 its code for all ages ("Totaal").
// 50140NED has no age dimension: the whole table is 16 t/m 25 jaar, which
// lpa stores as "16-25" (not a StatLine code, and so never mistaken for one).
const (
	AgeAdults      = "20300"
	AgeAll         = "10000"
	AgeYoungAdults = "16-25"
)

// Region levels that only the monitor sources have.
const (
	// LevelGemeenteCluster: gemeenten that a source reports together, e.g.
	// GM9004 Friese Waddeneilanden in VZinfo (see GemeenteClusters).
	LevelGemeenteCluster = "gemeentecluster"
	// LevelCaribischNederland: CG01, Bonaire, Sint Eustatius and Saba, which
	// 50140NED reports besides Nederland (NL01, the European part).
	LevelCaribischNederland = "caribisch_nederland"
)

// GGDRegion is one GGD region of indicators/data/ggd_regions.csv.
type GGDRegion struct {
	Code     string   // GG####, as in CBS Gebieden in Nederland 2023
	Name     string   // CBS name
	Aliases  []string // other spellings the sources use
	VZinfoID string   // the numeric id of VZinfo's life expectancy files
}

// GemeenteCluster is a group of gemeenten that a source publishes as one
// region under a code of its own.
type GemeenteCluster struct {
	Code    string
	Name    string
	Members []string
	GGDCode string
}

// GemeenteClusters lists the clusters lpa knows. The GGD'en and VZinfo
// report the four Frisian Wadden islands together: each is too small alone.
var GemeenteClusters = map[string]GemeenteCluster{
	"GM9004": {Code: "GM9004", Name: "Friese Waddeneilanden",
		Members: []string{"GM0060", "GM0088", "GM0093", "GM0096"}, GGDCode: "GG7206"},
}

// ggdDivision is the division of the shipped gemeente -> GGD list
// (indicators/data/gemeente_ggd_2023.csv, from CBS Gebieden in Nederland
// 2023). The shipped changes end in 2023, so it holds for 2023-2025 too.
const ggdDivision = 2023

// SourceRegionOK is RegionCodeOK extended with the levels only the monitor
// sources have.
func SourceRegionOK(code, level string) bool {
	switch level {
	case LevelCaribischNederland:
		return code == "CG01"
	case LevelGemeenteCluster:
		_, ok := GemeenteClusters[code]
		return ok
	}
	return RegionCodeOK(code, level)
}

// maxValue is the largest value a source's indicators may take: 100 for
// percentages, 120 for life expectancy in years.
func maxValue(source string) float64 {
	if source == sourceLV {
		return 120
	}
	return 100
}

// GGDReference is the GGD region reference shipped with lpa.
type GGDReference struct {
	Regions  []GGDRegion
	byCode   map[string]*GGDRegion
	byName   map[string]*GGDRegion // normalised name or alias
	byVZinfo map[string]*GGDRegion
	gemeente map[string]string // gemeente code (division 2023) -> GGD code
}

// LoadGGDReference returns the embedded GGD regions, parsed once. Broken
// embedded data is a programmer error and panics.
var LoadGGDReference = sync.OnceValue(func() *GGDReference {
	r, err := parseGGDReference()
	if err != nil {
		panic(fmt.Sprintf("indicators: embedded GGD reference: %v", err))
	}
	return r
})

func parseGGDReference() (*GGDReference, error) {
	r := &GGDReference{byCode: map[string]*GGDRegion{}, byName: map[string]*GGDRegion{}, byVZinfo: map[string]*GGDRegion{},
		gemeente: map[string]string{}}
	recs := readEmbedded("ggd_regions.csv")
	r.Regions = make([]GGDRegion, 0, len(recs))
	for i, rec := range recs {
		if len(rec) != 4 || !RegionCodeOK(rec[0], LevelGGDRegio) || rec[1] == "" {
			return nil, fmt.Errorf("ggd_regions.csv line %d: expected code, name, aliases, vzinfo_id", i+2)
		}
		g := GGDRegion{Code: rec[0], Name: rec[1], VZinfoID: rec[3]}
		if rec[2] != "" {
			g.Aliases = strings.Split(rec[2], "|")
		}
		r.Regions = append(r.Regions, g)
	}
	for i := range r.Regions {
		g := &r.Regions[i]
		if r.byCode[g.Code] != nil {
			return nil, fmt.Errorf("ggd_regions.csv: %s twice", g.Code)
		}
		r.byCode[g.Code] = g
		for _, n := range append([]string{g.Name}, g.Aliases...) {
			k := NormName(n)
			if o := r.byName[k]; o != nil {
				return nil, fmt.Errorf("ggd_regions.csv: name %q of %s is also a name of %s", n, g.Code, o.Code)
			}
			r.byName[k] = g
		}
		if g.VZinfoID != "" {
			r.byVZinfo[g.VZinfoID] = g
		}
	}
	for i, rec := range readEmbedded("gemeente_ggd_2023.csv") {
		if !RegionCodeOK(rec[0], LevelGemeente) || r.byCode[rec[1]] == nil {
			return nil, fmt.Errorf("gemeente_ggd_2023.csv line %d: %q -> %q", i+2, rec[0], rec[1])
		}
		r.gemeente[rec[0]] = rec[1]
	}
	for code, c := range GemeenteClusters {
		for _, m := range c.Members {
			if r.gemeente[m] != c.GGDCode {
				return nil, fmt.Errorf("cluster %s: member %s is not in %s", code, m, c.GGDCode)
			}
		}
	}
	return r, nil
}

// Region returns the GGD region with the code, or nil.
func (r *GGDReference) Region(code string) *GGDRegion { return r.byCode[code] }

// ByVZinfoID finds a GGD region by the number VZinfo's files give it, or nil.
func (r *GGDReference) ByVZinfoID(id string) *GGDRegion { return r.byVZinfo[id] }

// ByName finds a GGD region by its CBS name or an alias, ignoring case,
// diacritics, punctuation and a trailing " (GG)" as StatLine exports add it.
func (r *GGDReference) ByName(name string) *GGDRegion {
	return r.byName[NormName(strings.TrimSuffix(strings.TrimSpace(name), " (GG)"))]
}

// GGDOf returns the GGD region of a gemeente (or gemeente cluster) of the
// division, "" when unknown. It follows the regions view (sql/schema/008):
// a GGD exception shipped for the division (Weesp before 2022), else the
// 2023 list for a code that still existed in 2023, else the region of the
// gemeente's successor.
func (r *GGDReference) GGDOf(code string, division int) string {
	if c, ok := GemeenteClusters[code]; ok {
		return c.GGDCode
	}
	ref := LoadReference()
	for _, e := range ref.GGDExceptions {
		if e.Division == division && e.GemeenteCode == code {
			return e.GGDCode
		}
	}
	for range 10 { // a chain of changes is short; 10 stops a cycle
		if division >= ggdDivision {
			return r.gemeente[code]
		}
		if _, ok := ref.Gemeenten(ggdDivision)[code]; ok {
			return r.gemeente[code]
		}
		next := ""
		for _, c := range ref.Changes {
			if c.OldCode == code && !c.Effective.Before(divisionStart(division)) {
				if next == "" || c.Share > 0.5 {
					next = c.NewCode
				}
			}
		}
		if next == "" {
			return ""
		}
		code = next
		division = ggdDivision
	}
	return ""
}

// Names lists the CBS Names, for messages.
func (r *GGDReference) Names() string {
	out := make([]string, len(r.Regions))
	for i, g := range r.Regions {
		out[i] = g.Name
	}
	return strings.Join(out, ", ")
}

// NormName folds a region name for matching: lower case, diacritics off,
// every run of other characters than letters and digits one space. (Safe
// for concurrent use: files are parsed in parallel.)
func NormName(s string) string {
	var b strings.Builder
	space := false
	for _, c := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, c): // a diacritic, split off by NFD
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(c)
		default:
			space = true
		}
	}
	return b.String()
}

// GemeenteNameOK reports whether a source's gemeente name fits the code's
// name in the reference: equal after NormName, once CBS's disambiguation
// suffix ("Groningen (gemeente)", "Bergen (L.)") is dropped from both, or
// one of the popular names the sources use.
func GemeenteNameOK(name, refName, code string) bool {
	a, b := NormName(WithoutSuffix(name)), NormName(WithoutSuffix(refName))
	if a == b {
		return true
	}
	return popularNames[a] == code
}

var reNameSuffix = regexp.MustCompile(`\s*\([^)]*\)\s*$`)

// NameSuffix returns CBS's disambiguation suffix of a region name, such as
// " (gemeente)" in "Groningen (gemeente)", or "".
func NameSuffix(name string) string { return reNameSuffix.FindString(name) }

// WithoutSuffix returns a region name without CBS's disambiguation suffix.
func WithoutSuffix(name string) string { return reNameSuffix.ReplaceAllString(name, "") }

// popularNames are names that the sources use instead of the official one.
var popularNames = map[string]string{
	"den haag":  "GM0518", // 's-Gravenhage
	"den bosch": "GM0796", // 's-Hertogenbosch
}

// PopularName returns the code of the gemeente that a source names by its
// popular name (folded by NormName: "den haag" for 's-Gravenhage), or "".
func PopularName(folded string) string { return popularNames[folded] }

// ParseDecimalComma parses a number as Dutch exports write it: optional
// minus, digits, optionally a comma and digits ("21,5", "70").
func ParseDecimalComma(s string) (float64, bool) {
	if strings.Contains(s, ".") {
		return 0, false
	}
	return ParseDecimal(strings.Replace(s, ",", ".", 1))
}

// decimalExpect says what a number of a file should look like.
func decimalExpect(comma bool) string {
	if comma {
		return "a decimal with a comma as the rest of this file (21,5)"
	}
	return "a decimal with a point as the rest of this file (21.5)"
}

// NumberProblem explains why s is not a number of the file's style.
func NumberProblem(s string, comma bool) string {
	switch {
	case comma && strings.Contains(s, "."):
		return fmt.Sprintf("value %q has a decimal point; expected %s", s, decimalExpect(comma))
	case !comma && strings.Contains(s, ","):
		return fmt.Sprintf("value %q has a decimal comma; expected %s", s, decimalExpect(comma))
	}
	return fmt.Sprintf("value %q is not a number; expected %s", s, decimalExpect(comma))
}

// divisionFor picks the municipal division of a file's gemeente codes: the
// data year itself when every code is a gemeente of that division,
// otherwise the nearest division that holds them all (later ones first, as
// sources publish older years on a later division). ok is false when no
// division holds them all; div is then the division that lacks the fewest
// and missing lists those codes. Gemeente clusters are left out.
func divisionFor(codes []string, year int) (div int, ok bool, missing []string) {
	ref := LoadReference()
	divs := ref.Divisions()
	dist := func(d int) int {
		n := abs(d-year) * 2
		if d < year {
			n++
		}
		return n
	}
	sort.SliceStable(divs, func(i, j int) bool { return dist(divs[i]) < dist(divs[j]) })
	best := -1
	for _, d := range divs {
		g := ref.Gemeenten(d)
		var miss []string
		for _, c := range codes {
			if _, isCluster := GemeenteClusters[c]; isCluster {
				continue
			}
			if _, in := g[c]; !in {
				miss = append(miss, c)
			}
		}
		if len(miss) == 0 {
			return d, true, nil
		}
		if best < 0 || len(miss) < len(missing) {
			best, missing = d, miss
		}
	}
	sort.Strings(missing)
	return best, false, missing
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// YearFromName reads a 4-digit year (1900-2099) that stands apart in a
// file's base name: "gemeente_overgewicht_2024.csv" -> 2024.
func YearFromName(name string) (int, bool) {
	m := reYearInName.FindStringSubmatch(filepath.Base(name))
	if m == nil {
		return 0, false
	}
	y, _ := strconv.Atoi(m[1])
	return y, true
}

// DatasetBuilder assembles a Dataset row by row: the parsers of the
// sources that have no row key of their own.
type DatasetBuilder struct {
	ds   *Dataset
	inds map[string]uint16
	rows map[builderKey]int32
}

// builderKey is what one SourceRow stands for.
type builderKey struct {
	code   string
	period int
	age    string
	sex    string
}

// NewDatasetBuilder starts a dataset of the source, on the municipal
// division (0 when it is not known yet: see Dataset).
func NewDatasetBuilder(source string, division int) *DatasetBuilder {
	return &DatasetBuilder{ds: &Dataset{Source: source, Division: division}, inds: map[string]uint16{}, rows: map[builderKey]int32{}}
}

// Dataset is the dataset being built.
func (b *DatasetBuilder) Dataset() *Dataset { return b.ds }

// RowOf returns the row of a region, period, age group and sex, if there is one.
func (b *DatasetBuilder) RowOf(code string, period int, age, sex string) (int32, bool) {
	r, ok := b.rows[builderKey{code, period, age, sex}]
	return r, ok
}

// Indicator returns the index of key, adding it when new.
func (b *DatasetBuilder) Indicator(key string) uint16 {
	if i, ok := b.inds[key]; ok {
		return i
	}
	i := uint16(len(b.ds.Indicators))
	b.inds[key] = i
	b.ds.Indicators = append(b.ds.Indicators, key)
	return i
}

// Row returns the Row of a region, period, age group and sex, adding it
// (on line) when new.
func (b *DatasetBuilder) Row(code, level string, period int, age, sex string, line int) int32 {
	k := builderKey{code, period, age, sex}
	if r, ok := b.rows[k]; ok {
		return r
	}
	r := int32(len(b.ds.Rows))
	b.rows[k] = r
	b.ds.Rows = append(b.ds.Rows, SourceRow{RegionCode: code, RegionLevel: level, Period: period, AgeGroup: age, Sex: sex, Line: line})
	return r
}

// Value adds the value v of indicator ind to row.
func (b *DatasetBuilder) Value(row int32, ind uint16, v float64) {
	b.ds.Cells = append(b.ds.Cells, Cell{Row: row, Indicator: ind, Value: v + 0})
}

// Add adds a cell as it is.
func (b *DatasetBuilder) Add(c Cell) { b.ds.Cells = append(b.ds.Cells, c) }

// Suppressed adds a suppressed cell of indicator ind to row.
func (b *DatasetBuilder) Suppressed(row int32, ind uint16) {
	b.ds.Cells = append(b.ds.Cells, Cell{Row: row, Indicator: ind, Suppressed: true})
}

// Done checks that the dataset holds something: an empty one would empty
// the slices it covers.
func (b *DatasetBuilder) Done(name string) (*Dataset, error) {
	if len(b.ds.Cells) == 0 {
		return nil, &ParseError{File: name, Line: 2, Err: ErrMalformed, Msg: "no data rows after the header; expected at least one region with values"}
	}
	return b.ds, nil
}
