package indicators

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

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
	localSexes        = map[string]string{"": SexTotal, "totaal": SexTotal, "man": SexMale, "mannen": SexMale, "vrouw": SexFemale, "vrouwen": SexFemale}
)

// levelOfCode tells the region level from a code's prefix.
func levelOfCode(code string) string {
	if len(code) < 2 {
		return ""
	}
	switch code[:2] {
	case "NL":
		return LevelLand
	case "PV":
		return LevelProvincie
	case "GG":
		return LevelGGDRegio
	case "GM":
		return LevelGemeente
	case "WK":
		return LevelWijk
	case "BU":
		return LevelBuurt
	}
	return ""
}

// parseLocal reads the long format into a dataset, plus catalogue entries
// for indicators the shipped catalogue does not know.
func parseLocal(ctx context.Context, name string, t Table) (*Dataset, []Indicator, error) {
	idx, err := requireColumns(name, t, colsLocal, "lpa's long format (bron, indeling, regiocode, periode, indicator, waarde; README: Local indicators)")
	if err != nil {
		return nil, nil, err
	}
	col := func(c string) int {
		if i, ok := idx[c]; ok {
			return i
		}
		return -1
	}
	get := func(rec []string, c string) string {
		if i := col(c); i >= 0 {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	catalogue := map[string]Indicator{}
	for _, ind := range LoadReference().Catalogue {
		catalogue[ind.Key] = ind
	}
	ggd := LoadGGDReference()
	r := newRecReader(name, t)
	var (
		b        *DatasetBuilder
		local    = map[string]Indicator{}
		defLine  = map[string]int{}
		seen     = map[string]int{}
		division int
		source   string
	)
	err = r.each(ctx, func(rec []string, line int) {
		src := get(rec, "bron")
		if !reLocalSource.MatchString(src) {
			r.bad(line, col("bron"), fmt.Sprintf("bron %q; expected the name of the source (letters, digits, spaces, . _ ( ) / -; at most 80)", src))
			return
		}
		div, err := strconv.Atoi(get(rec, "indeling"))
		if err != nil || LoadReference().Gemeenten(div) == nil {
			r.bad(line, col("indeling"), fmt.Sprintf("indeling %q; expected the year of the municipal division of the codes, %d-%d", get(rec, "indeling"), BaseDivision, LastDivision))
			return
		}
		if b == nil {
			b, division, source = NewDatasetBuilder(src, div), div, src
		}
		if src != source || div != division {
			r.bad(line, col("bron"), fmt.Sprintf("bron %q, indeling %d, where line 2 has %q, %d; expected one source and division per file", src, div, source, division))
			return
		}
		code := strings.ToUpper(get(rec, "regiocode"))
		level := levelOfCode(code)
		switch {
		case level == "" || !RegionCodeOK(code, level):
			r.bad(line, col("regiocode"), fmt.Sprintf("regiocode %q is not a CBS region code; expected NL01, GG####, GM####, WK######, BU########", code))
			return
		case level == LevelGGDRegio && ggd.Region(code) == nil:
			r.bad(line, col("regiocode"), fmt.Sprintf("regiocode %q is not one of the 25 GGD regions", code))
			return
		case GemeenteOf(code, level) != "" && LoadReference().Gemeenten(div)[GemeenteOf(code, level)] == "":
			r.bad(line, col("regiocode"), fmt.Sprintf("regiocode %q: gemeente %s does not exist in the municipal division of %d", code, GemeenteOf(code, level), div))
			return
		}
		period, err := strconv.Atoi(get(rec, "periode"))
		if err != nil || period < 1990 || period > 2100 {
			r.bad(line, col("periode"), fmt.Sprintf("periode %q; expected a year such as 2023", get(rec, "periode")))
			return
		}
		age := get(rec, "leeftijdsgroep")
		if age == "" {
			age = "totaal"
		}
		sex, ok := localSexes[strings.ToLower(get(rec, "geslacht"))]
		if !ok {
			r.bad(line, col("geslacht"), fmt.Sprintf("geslacht %q; expected totaal, man or vrouw", get(rec, "geslacht")))
			return
		}
		key := get(rec, "indicator")
		if !reLocalKey.MatchString(key) {
			r.bad(line, col("indicator"), fmt.Sprintf("indicator %q; expected a key of lower-case letters, digits and _ (e.g. tevreden_over_zorg)", key))
			return
		}
		ind, known := catalogue[key]
		def := Indicator{Key: key, Label: get(rec, "label"), Unit: get(rec, "eenheid"), Theme: get(rec, "thema"),
			Direction: get(rec, "richting"), TripleAim: get(rec, "triple_aim")}
		switch {
		case known && (def.Label != "" || def.Unit != "" || def.Direction != "" || def.TripleAim != ""):
			if def.Label != ind.Label || def.Unit != ind.Unit {
				r.bad(line, col("label"), fmt.Sprintf("indicator %s is in lpa's catalogue (%q, %s); expected label and eenheid empty or as there", key, ind.Label, ind.Unit))
				return
			}
		case known:
		case def.Label == "" || def.Unit == "" || def.Direction == "":
			r.bad(line, col("indicator"), fmt.Sprintf("indicator %s is not in lpa's catalogue; expected label, eenheid and richting on its rows", key))
			return
		case !slices.Contains(localDirections, def.Direction):
			r.bad(line, col("richting"), fmt.Sprintf("richting %q; expected %s", def.Direction, OneOf(localDirections)))
			return
		case !slices.Contains(localTripleAim, def.TripleAim):
			r.bad(line, col("triple_aim"), fmt.Sprintf("triple_aim %q; expected empty, populatiegezondheid or ervaren_kwaliteit_van_zorg", def.TripleAim))
			return
		default:
			if def.Theme == "" {
				def.Theme = "lokaal"
			}
			if prev, ok := local[key]; ok && prev != def {
				r.bad(line, col("label"), fmt.Sprintf("indicator %s is described differently than on line %d; expected the same label, eenheid, thema, richting and triple_aim on every row", key, defLine[key]))
				return
			} else if !ok {
				local[key], defLine[key] = def, line
			}
			ind = def
		}
		k := fmt.Sprintf("%s|%d|%s|%s|%s", code, period, age, sex, key)
		if first, dup := seen[k]; dup {
			r.dup(line, col("regiocode"), fmt.Sprintf("second row for %s, %d, %s, %s, %s (first on line %d); expected one row per region, periode, leeftijdsgroep, geslacht and indicator", code, period, age, sex, key, first))
			return
		}
		seen[k] = line
		raw := get(rec, "waarde")
		row := b.Row(code, level, period, age, sex, line)
		if raw == "." {
			b.Suppressed(row, b.Indicator(key))
			return
		}
		v, ok := parseLocalNumber(raw)
		if !ok {
			r.bad(line, col("waarde"), fmt.Sprintf("waarde %q is not a number; expected a decimal with a point or a comma (12.5 or 12,5), or \".\" when suppressed", raw))
			return
		}
		if ind.Unit == "%" && (v < 0 || v > 100) {
			r.bad(line, col("waarde"), fmt.Sprintf("waarde %s is outside 0-100; expected a percentage", raw))
			return
		}
		lo, hi := get(rec, "ondergrens"), get(rec, "bovengrens")
		if lo == "" && hi == "" {
			b.Value(row, b.Indicator(key), v)
			return
		}
		l, ok1 := parseLocalNumber(lo)
		h, ok2 := parseLocalNumber(hi)
		if !ok1 || !ok2 || l > v || v > h {
			r.bad(line, col("ondergrens"), fmt.Sprintf("interval %q - %q around %s; expected both bounds as numbers with ondergrens <= waarde <= bovengrens", lo, hi, raw))
			return
		}
		b.Add(Cell{Row: row, Indicator: b.Indicator(key), Value: v + 0, HasCI: true, Lo: l, Hi: h})
	})
	if err != nil {
		return nil, nil, err
	}
	if b == nil {
		return nil, nil, &ParseError{File: name, Line: 2, Err: ErrMalformed, Msg: "no data rows after the header; expected at least one value"}
	}
	d, err := b.Done(name)
	if err != nil {
		return nil, nil, err
	}
	keys := make([]string, 0, len(local))
	for k := range local {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]Indicator, 0, len(keys))
	for i, k := range keys {
		ind := local[k]
		ind.Order = 1000 + i
		ind.Note = "lokale indicator uit " + source
		out = append(out, ind)
	}
	return d, out, nil
}

// parseLocalNumber reads a decimal with a point or a comma.
func parseLocalNumber(s string) (float64, bool) {
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	return ParseDecimal(s)
}
