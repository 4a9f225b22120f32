package local

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"lpa/indicators"
)

// About describes the kind of file (sources.KnownKinds).
const About = "lpa's long format for local indicators (bron,indeling,regiocode,periode,indicator,waarde[,leeftijdsgroep,geslacht,ondergrens,bovengrens,label,eenheid,thema,richting,triple_aim])"

// lpa's own long format for indicators lpa has no loader for: a local
// survey, a municipality's own monitor. One row per region, period, age
// group, sex and indicator. Column names are Dutch and lower case
// (municipalities fill it in).
var (
	colsLocal         = []string{"bron", "indeling", "regiocode", "periode", "indicator", "waarde"}
	colsLocalOptional = []string{"leeftijdsgroep", "geslacht", "ondergrens", "bovengrens", "label", "eenheid", "thema", "richting", "triple_aim"}
	reLocalKey        = regexp.MustCompile(`^[a-z][a-z0-9_]{1,62}$`)
	reLocalSource     = regexp.MustCompile(`^[\p{L}0-9][\p{L}0-9 ._()/-]{0,79}$`)
	localDirections   = []string{"hoger_beter", "lager_beter", "neutraal"}
	localTripleAim    = []string{"", "populatiegezondheid", "ervaren_kwaliteit_van_zorg"}
	localSexes        = map[string]string{"": indicators.SexTotal, "totaal": indicators.SexTotal, "man": indicators.SexMale, "mannen": indicators.SexMale, "vrouw": indicators.SexFemale, "vrouwen": indicators.SexFemale}
)

// levelOfCode tells the region level from a code's prefix.
func levelOfCode(code string) string {
	if len(code) < 2 {
		return ""
	}
	switch code[:2] {
	case "NL":
		return indicators.LevelLand
	case "PV":
		return indicators.LevelProvincie
	case "GG":
		return indicators.LevelGGDRegio
	case "GM":
		return indicators.LevelGemeente
	case "WK":
		return indicators.LevelWijk
	case "BU":
		return indicators.LevelBuurt
	}
	return ""
}

// Parse reads the long format into a dataset, plus catalogue entries
// for indicators the shipped catalogue does not know.
func Parse(ctx context.Context, name string, t indicators.Table) (*indicators.Parsed, error) {
	idx, err := indicators.RequireColumns(name, t, colsLocal, indicators.ExpectColumns(colsLocal, "lpa's long format (bron, indeling, regiocode, periode, indicator, waarde; docs/reference.md: Local indicators)"))
	if err != nil {
		return nil, err
	}
	r := &localReader{RowReader: indicators.NewRowReader(name, t), idx: idx, catalogue: map[string]indicators.Indicator{}, ggd: indicators.LoadGGDReference(),
		local: map[string]indicators.Indicator{}, defLine: map[string]int{}, seen: map[string]int{}}
	for _, ind := range indicators.LoadReference().Catalogue {
		r.catalogue[ind.Key] = ind
	}
	if err := r.Each(ctx, r.row); err != nil {
		return nil, err
	}
	if r.b == nil {
		return nil, &indicators.ParseError{File: name, Line: 2, Err: indicators.ErrMalformed, Msg: "no data rows after the header; expected at least one value"}
	}
	d, err := r.b.Done(name)
	if err != nil {
		return nil, err
	}
	keys := slices.Sorted(maps.Keys(r.local))
	out := make([]indicators.Indicator, 0, len(keys))
	for i, k := range keys {
		ind := r.local[k]
		ind.Order = 1000 + i
		ind.Note = "lokale indicator uit " + r.source
		out = append(out, ind)
	}
	return &indicators.Parsed{Kind: indicators.KindLocal, Dataset: d, LocalIndicators: out}, nil
}

// localReader reads the rows of a file in the long format.
type localReader struct {
	*indicators.RowReader
	idx       map[string]int
	catalogue map[string]indicators.Indicator
	ggd       *indicators.GGDReference
	b         *indicators.DatasetBuilder // from the first row on
	division  int
	source    string
	local     map[string]indicators.Indicator // indicators the catalogue does not know
	defLine   map[string]int                  // where each of local is described first
	seen      map[string]int                  // line of each key
}

// col is the index of column c, -1 when the file has no such column.
func (r *localReader) col(c string) int {
	if i, ok := r.idx[c]; ok {
		return i
	}
	return -1
}

// get is the trimmed value of column c, "" when the file has no such column.
func (r *localReader) get(rec []string, c string) string {
	if i := r.col(c); i >= 0 {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

// row reads one value: its source and division, region, period, age
// group, sex and indicator, then the value.
func (r *localReader) row(rec []string, line int) {
	if !r.sourceOf(rec, line) {
		return
	}
	code, level, ok := r.region(rec, line)
	if !ok {
		return
	}
	period, err := strconv.Atoi(r.get(rec, "periode"))
	if err != nil || period < 1990 || period > 2100 {
		r.Bad(line, r.col("periode"), fmt.Sprintf("periode %q; expected a year such as 2023", r.get(rec, "periode")))
		return
	}
	age := r.get(rec, "leeftijdsgroep")
	if age == "" {
		age = "totaal"
	}
	sex, ok := localSexes[strings.ToLower(r.get(rec, "geslacht"))]
	if !ok {
		r.Bad(line, r.col("geslacht"), fmt.Sprintf("geslacht %q; expected totaal, man or vrouw", r.get(rec, "geslacht")))
		return
	}
	key := r.get(rec, "indicator")
	if !reLocalKey.MatchString(key) {
		r.Bad(line, r.col("indicator"), fmt.Sprintf("indicator %q; expected a key of lower-case letters, digits and _ (e.g. tevreden_over_zorg)", key))
		return
	}
	ind, ok := r.indicator(rec, line, key)
	if !ok {
		return
	}
	k := fmt.Sprintf("%s|%d|%s|%s|%s", code, period, age, sex, key)
	if first, dup := r.seen[k]; dup {
		r.Dup(line, r.col("regiocode"), fmt.Sprintf("second row for %s, %d, %s, %s, %s (first on line %d); expected one row per region, periode, leeftijdsgroep, geslacht and indicator", code, period, age, sex, key, first))
		return
	}
	r.seen[k] = line
	r.value(rec, line, r.b.Row(code, level, period, age, sex, line), key, ind.Unit)
}

// sourceOf reads bron and indeling, which must be the same on every row.
func (r *localReader) sourceOf(rec []string, line int) bool {
	src := r.get(rec, "bron")
	if !reLocalSource.MatchString(src) {
		r.Bad(line, r.col("bron"), fmt.Sprintf("bron %q; expected the name of the source (letters, digits, spaces, . _ ( ) / -; at most 80)", src))
		return false
	}
	div, err := strconv.Atoi(r.get(rec, "indeling"))
	if err != nil || indicators.LoadReference().Gemeenten(div) == nil {
		r.Bad(line, r.col("indeling"), fmt.Sprintf("indeling %q; expected the year of the municipal division of the codes, %d-%d", r.get(rec, "indeling"), indicators.BaseDivision, indicators.LastDivision))
		return false
	}
	if r.b == nil {
		r.b, r.division, r.source = indicators.NewDatasetBuilder(src, div), div, src
	}
	if src != r.source || div != r.division {
		r.Bad(line, r.col("bron"), fmt.Sprintf("bron %q, indeling %d, where line 2 has %q, %d; expected one source and division per file", src, div, r.source, r.division))
		return false
	}
	return true
}

// region reads the region code and tells its level.
func (r *localReader) region(rec []string, line int) (code, level string, ok bool) {
	code = strings.ToUpper(r.get(rec, "regiocode"))
	level = levelOfCode(code)
	switch {
	case level == "" || !indicators.RegionCodeOK(code, level):
		r.Bad(line, r.col("regiocode"), fmt.Sprintf("regiocode %q is not a CBS region code; expected NL01, GG####, GM####, WK######, BU########", code))
		return "", "", false
	case level == indicators.LevelGGDRegio && r.ggd.Region(code) == nil:
		r.Bad(line, r.col("regiocode"), fmt.Sprintf("regiocode %q is not one of the 25 GGD regions", code))
		return "", "", false
	case indicators.GemeenteOf(code, level) != "" && indicators.LoadReference().Gemeenten(r.division)[indicators.GemeenteOf(code, level)] == "":
		r.Bad(line, r.col("regiocode"), fmt.Sprintf("regiocode %q: gemeente %s does not exist in the municipal division of %d", code, indicators.GemeenteOf(code, level), r.division))
		return "", "", false
	}
	return code, level, true
}

// indicator returns the catalogue entry of key: lpa's, or the one the rows
// describe (label, eenheid, thema, richting, triple_aim), the same on every
// row.
func (r *localReader) indicator(rec []string, line int, key string) (indicators.Indicator, bool) {
	ind, known := r.catalogue[key]
	def := indicators.Indicator{Key: key, Label: r.get(rec, "label"), Unit: r.get(rec, "eenheid"), Theme: r.get(rec, "thema"),
		Direction: r.get(rec, "richting"), TripleAim: r.get(rec, "triple_aim")}
	switch {
	case known && (def.Label != "" || def.Unit != "" || def.Direction != "" || def.TripleAim != ""):
		if def.Label != ind.Label || def.Unit != ind.Unit {
			r.Bad(line, r.col("label"), fmt.Sprintf("indicator %s is in lpa's catalogue (%q, %s); expected label and eenheid empty or as there", key, ind.Label, ind.Unit))
			return indicators.Indicator{}, false
		}
	case known:
	case def.Label == "" || def.Unit == "" || def.Direction == "":
		r.Bad(line, r.col("indicator"), fmt.Sprintf("indicator %s is not in lpa's catalogue; expected label, eenheid and richting on its rows", key))
		return indicators.Indicator{}, false
	case !slices.Contains(localDirections, def.Direction):
		r.Bad(line, r.col("richting"), fmt.Sprintf("richting %q; expected %s", def.Direction, indicators.OneOf(localDirections)))
		return indicators.Indicator{}, false
	case !slices.Contains(localTripleAim, def.TripleAim):
		r.Bad(line, r.col("triple_aim"), fmt.Sprintf("triple_aim %q; expected empty, populatiegezondheid or ervaren_kwaliteit_van_zorg", def.TripleAim))
		return indicators.Indicator{}, false
	default:
		if def.Theme == "" {
			def.Theme = "lokaal"
		}
		if prev, ok := r.local[key]; ok && prev != def {
			r.Bad(line, r.col("label"), fmt.Sprintf("indicator %s is described differently than on line %d; expected the same label, eenheid, thema, richting and triple_aim on every row", key, r.defLine[key]))
			return indicators.Indicator{}, false
		} else if !ok {
			r.local[key], r.defLine[key] = def, line
		}
		ind = def
	}
	return ind, true
}

// value reads waarde (and its interval, if given) into row.
func (r *localReader) value(rec []string, line int, row int32, key, unit string) {
	b := r.b
	raw := r.get(rec, "waarde")
	if raw == "." {
		b.Suppressed(row, b.Indicator(key))
		return
	}
	v, ok := parseLocalNumber(raw)
	if !ok {
		r.Bad(line, r.col("waarde"), fmt.Sprintf("waarde %q is not a number; expected a decimal with a point or a comma (12.5 or 12,5), or \".\" when suppressed", raw))
		return
	}
	if unit == "%" && (v < 0 || v > 100) {
		r.Bad(line, r.col("waarde"), fmt.Sprintf("waarde %s is outside 0-100; expected a percentage", raw))
		return
	}
	lo, hi := r.get(rec, "ondergrens"), r.get(rec, "bovengrens")
	if lo == "" && hi == "" {
		b.Value(row, b.Indicator(key), v)
		return
	}
	l, ok1 := parseLocalNumber(lo)
	h, ok2 := parseLocalNumber(hi)
	if !ok1 || !ok2 || l > v || v > h {
		r.Bad(line, r.col("ondergrens"), fmt.Sprintf("interval %q - %q around %s; expected both bounds as numbers with ondergrens <= waarde <= bovengrens", lo, hi, raw))
		return
	}
	b.Add(indicators.Cell{Row: row, Indicator: b.Indicator(key), Value: v + 0, HasCI: true, Lo: l, Hi: h})
}

// parseLocalNumber reads a decimal with a point or a comma.
func parseLocalNumber(s string) (float64, bool) {
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	return indicators.ParseDecimal(s)
}
