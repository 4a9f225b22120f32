package monitor

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"lpa/indicators"
)

const (
	sourceOvergewicht = "vzinfo_overgewicht"
	// The year lpa takes when the file name states none (and says so in
	// loads.message): the indeling of the file lpa was built on is 2023 or
	// later (GM1992 Voorne aan Zee) and its values are neither the 2020 nor
	// the 2022 figures of CBS (Amsterdam: 40.3 % overweight; 39.3 in 2020,
	// 41.2 in 2022), so it is most likely the 2024 monitor.
	overgewichtDefaultYear = 2024
)

// AboutOverweight describes the kind of file (sources.KnownKinds).
const AboutOverweight = "VZinfo overgewicht per gemeente (Gemeentecode,Naam,Indicator,Percentage,Betrouwbaarheidsinterval (95%),GGD percentage; year in the file name)"

var colsOvergewicht = []string{"Gemeentecode", "Naam", "Indicator", "Percentage", "Betrouwbaarheidsinterval (95%)", "GGD percentage"}

// indicatorsOvergewicht maps VZinfo's indicator names to catalogue keys;
// "Gezond gewicht" (BMI 18.5-25) is 50090NED's normaal_gewicht.
var indicatorsOvergewicht = map[string]string{
	"Overgewicht":         "overgewicht",
	"Matig overgewicht":   "matig_overgewicht",
	"Ernstig overgewicht": "ernstig_overgewicht",
	"Ondergewicht":        "ondergewicht",
	"Gezond gewicht":      "normaal_gewicht",
}

// reInterval is "lower - upper" with decimal points; the lower bound may be
// negative (VZinfo publishes symmetric intervals around small shares).
var reInterval = regexp.MustCompile(`^(-?[0-9]+(?:\.[0-9]+)?) - (-?[0-9]+(?:\.[0-9]+)?)$`)

// ParseOverweight reads VZinfo's overweight per gemeente, with the values of
// the GGD regions as rows of their own.
func ParseOverweight(ctx context.Context, name string, t indicators.Table) (*indicators.Parsed, error) {
	idx, err := indicators.RequireColumns(name, t, colsOvergewicht, indicators.ExpectColumns(colsOvergewicht, "VZinfo overgewicht per gemeente"))
	if err != nil {
		return nil, err
	}
	year, fromName := indicators.YearFromName(name)
	if !fromName {
		year = overgewichtDefaultYear
	}
	r := &readerOvergewicht{RowReader: indicators.NewRowReader(name, t), b: indicators.NewDatasetBuilder(sourceOvergewicht, 0),
		iCode: idx[colsOvergewicht[0]], iName: idx[colsOvergewicht[1]], iInd: idx[colsOvergewicht[2]],
		iPct: idx[colsOvergewicht[3]], iCI: idx[colsOvergewicht[4]], iGGD: idx[colsOvergewicht[5]],
		seen: map[keyOvergewicht]int{}, codeLine: map[string]int{}}
	if err := r.Each(ctx, r.row); err != nil {
		return nil, err
	}
	div, ok := checkGemeenten(r.RowReader, r.codeLine, year, r.iCode, func(c string) string { return c })
	if !ok {
		return nil, r.Err()
	}
	ggdValues, err := r.dataset(div, year)
	if err != nil {
		return nil, err
	}
	d, err := r.b.Done(name)
	if err != nil {
		return nil, err
	}
	return &indicators.Parsed{Kind: indicators.KindVZinfoOvergewicht, Dataset: d, Note: yearNote(year, fromName, "lpa's estimate for VZinfo's gemeente_overgewicht.csv: most likely the 2024 monitor (see docs/sources-monitor.md)", name) +
		fmt.Sprintf("; gemeenten in the division of %d; %d GGD-region values from the column GGD percentage", div, ggdValues)}, nil
}

// readerOvergewicht reads the rows of a VZinfo overweight file; they go
// into the dataset once the division is known.
type readerOvergewicht struct {
	*indicators.RowReader
	b                                   *indicators.DatasetBuilder
	iCode, iName, iInd, iPct, iCI, iGGD int
	rows                                []rowOvergewicht
	seen                                map[keyOvergewicht]int
	codeLine                            map[string]int // gemeente code -> first line
}

type keyOvergewicht struct{ code, ind string }

// rowOvergewicht is one gemeente and indicator.
type rowOvergewicht struct {
	code, name, indName string
	line                int
	ind                 uint16
	v, lo, hi, ggd      float64
	ggdRaw              string
}

func (r *readerOvergewicht) row(rec []string, line int) {
	code := strings.TrimSpace(rec[r.iCode])
	_, isCluster := indicators.GemeenteClusters[code]
	if !indicators.RegionCodeOK(code, indicators.LevelGemeente) {
		r.Bad(line, r.iCode, fmt.Sprintf("gemeente code %q; expected GM + 4 digits", code))
		return
	}
	indName := strings.TrimSpace(rec[r.iInd])
	key0, ok := indicatorsOvergewicht[indName]
	if !ok {
		r.Bad(line, r.iInd, fmt.Sprintf("indicator %q unknown; expected %s", indName, indicators.OneOf(slices.Sorted(maps.Keys(indicatorsOvergewicht)))))
		return
	}
	v, vRaw, ok1 := r.number(rec, line, r.iPct, "value")
	ggdV, ggdRaw, ok2 := r.number(rec, line, r.iGGD, "GGD value")
	lo, hi, ok3 := r.interval(rec, line, v, vRaw, ok1)
	if !ok1 || !ok2 || !ok3 {
		return
	}
	k := keyOvergewicht{code, key0}
	if first, dup := r.seen[k]; dup {
		r.Dup(line, r.iInd, fmt.Sprintf("second row for %s, %s (first on line %d); expected one row per gemeente and indicator", code, indName, first))
		return
	}
	r.seen[k] = line
	if _, ok := r.codeLine[code]; !ok && !isCluster {
		r.codeLine[code] = line
	}
	r.rows = append(r.rows, rowOvergewicht{code, strings.TrimSpace(rec[r.iName]), indName, line, r.b.Indicator(key0), v, lo, hi, ggdV, ggdRaw})
}

// number reads a percentage.
func (r *readerOvergewicht) number(rec []string, line, col int, what string) (float64, string, bool) {
	raw := strings.TrimSpace(rec[col])
	v, ok := indicators.ParseDecimal(raw)
	if !ok {
		r.Bad(line, col, indicators.NumberProblem(raw, false))
		return 0, raw, false
	}
	if v < 0 || v > 100 {
		r.Bad(line, col, fmt.Sprintf("%s %s is outside 0-100; expected a percentage", what, raw))
		return 0, raw, false
	}
	return v, raw, true
}

// interval reads the 95 % interval, which must hold the value v (when
// vOK).
func (r *readerOvergewicht) interval(rec []string, line int, v float64, vRaw string, vOK bool) (lo, hi float64, ok bool) {
	ciRaw := strings.TrimSpace(rec[r.iCI])
	m := reInterval.FindStringSubmatch(ciRaw)
	switch {
	case m == nil && strings.Contains(ciRaw, ","):
		r.Bad(line, r.iCI, fmt.Sprintf("interval %q has a decimal comma; expected lower and upper bound with decimal points as the rest of this file (45.5 - 49.6)", ciRaw))
		return 0, 0, false
	case m == nil:
		r.Bad(line, r.iCI, fmt.Sprintf("interval %q; expected lower and upper bound of the 95 %% interval as \"45.5 - 49.6\"", ciRaw))
		return 0, 0, false
	}
	lo, _ = indicators.ParseDecimal(m[1])
	hi, _ = indicators.ParseDecimal(m[2])
	switch {
	case lo > hi:
		r.Bad(line, r.iCI, fmt.Sprintf("interval %q: lower bound %s is above upper bound %s; expected lower - upper", ciRaw, m[1], m[2]))
	case hi > 100:
		r.Bad(line, r.iCI, fmt.Sprintf("interval %q: upper bound %s is above 100; expected a percentage", ciRaw, m[2]))
	case vOK && (v < lo || v > hi):
		r.Bad(line, r.iCI, fmt.Sprintf("interval %q does not hold the value %s; expected lower <= value <= upper", ciRaw, vRaw))
	default:
		return lo, hi, true
	}
	return lo, hi, false
}

// dataset adds the rows read, on division div, and after them the value of
// each GGD region (the same on every row of its gemeenten). It returns how
// many GGD values it added.
func (r *readerOvergewicht) dataset(div, year int) (int, error) {
	b := r.b
	b.Dataset().Division = div
	names := indicators.LoadReference().Gemeenten(div)
	ggd := indicators.LoadGGDReference()
	type ggdKey struct {
		code string
		ind  uint16
	}
	type ggdFirst struct {
		line int
		code string
		raw  string
		v    float64
	}
	ggdSeen := map[ggdKey]ggdFirst{}
	var ggdOrder []ggdKey
	for _, x := range r.rows {
		refName := names[x.code]
		level := indicators.LevelGemeente
		if c, isCluster := indicators.GemeenteClusters[x.code]; isCluster {
			refName, level = c.Name, indicators.LevelGemeenteCluster
		}
		if !indicators.GemeenteNameOK(x.name, refName, x.code) {
			r.Bad(x.line, r.iName, fmt.Sprintf("name %q does not match %s, which is %s in the division of %d; expected the name of that gemeente", x.name, x.code, refName, div))
			continue
		}
		g := ggd.GGDOf(x.code, div)
		if g == "" {
			r.Bad(x.line, r.iCode, fmt.Sprintf("lpa does not know the GGD region of %s in the division of %d; expected a gemeente of CBS Gebieden in Nederland 2023", x.code, div))
			continue
		}
		gk := ggdKey{g, x.ind}
		if f, ok := ggdSeen[gk]; !ok {
			ggdSeen[gk] = ggdFirst{x.line, x.code, x.ggdRaw, x.ggd}
			ggdOrder = append(ggdOrder, gk)
		} else if f.v != x.ggd {
			r.Bad(x.line, r.iGGD, fmt.Sprintf("GGD value %s for %s of %s (%s), but line %d (%s) gives %s; expected one value per GGD region and indicator",
				x.ggdRaw, x.indName, ggd.Region(g).Name, g, f.line, f.code, f.raw))
			continue
		}
		row := b.Row(x.code, level, year, indicators.AgeAdults, indicators.SexTotal, x.line)
		b.Add(indicators.Cell{Row: row, Indicator: x.ind, Value: x.v + 0, HasCI: true, Lo: x.lo + 0, Hi: x.hi + 0})
	}
	if err := r.Err(); err != nil {
		return 0, err
	}
	for _, gk := range ggdOrder {
		f := ggdSeen[gk]
		b.Value(b.Row(gk.code, indicators.LevelGGDRegio, year, indicators.AgeAdults, indicators.SexTotal, f.line), gk.ind, f.v)
	}
	return len(ggdOrder), nil
}
