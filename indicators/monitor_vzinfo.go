package indicators

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// VZinfo (RIVM) "overgewicht - regionaal", adults, from the GGD
// Gezondheidsmonitor Volwassenen en Ouderen: per gemeente 5 indicators with
// the 95 % interval as one text field ("45.5 - 49.6") and the value of the
// gemeente's GGD region. ",", decimal point. The year is not in the file.

const (
	sourceOvergewicht = "vzinfo_overgewicht"
	// The year lpa takes when the file name states none (and says so in
	// loads.message): the indeling of the file lpa was built on is 2023 or
	// later (GM1992 Voorne aan Zee) and its values are neither the 2020 nor
	// the 2022 figures of CBS (Amsterdam: 40.3 % overweight; 39.3 in 2020,
	// 41.2 in 2022), so it is most likely the 2024 monitor.
	overgewichtDefaultYear = 2024
)

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

func parseOvergewicht(ctx context.Context, name string, t Table) (*Dataset, string, error) {
	idx, err := requireColumns(name, t, colsOvergewicht, "VZinfo overgewicht per gemeente")
	if err != nil {
		return nil, "", err
	}
	year, fromName := YearFromName(name)
	if !fromName {
		year = overgewichtDefaultYear
	}
	r := newRecReader(name, t)
	b := NewDatasetBuilder(sourceOvergewicht, 0)
	iCode, iName, iInd, iPct, iCI, iGGD := idx[colsOvergewicht[0]], idx[colsOvergewicht[1]], idx[colsOvergewicht[2]],
		idx[colsOvergewicht[3]], idx[colsOvergewicht[4]], idx[colsOvergewicht[5]]
	type rowIn struct {
		code, name, indName string
		line                int
		ind                 uint16
		v, lo, hi, ggd      float64
		ggdRaw              string
	}
	var rows []rowIn
	type key struct{ code, ind string }
	seen := map[key]int{}
	codeLine := map[string]int{}
	number := func(line, col int, what string) (float64, string, bool) {
		raw := strings.TrimSpace(r.rec[col])
		v, ok := ParseDecimal(raw)
		if !ok {
			r.bad(line, col, NumberProblem(raw, false))
			return 0, raw, false
		}
		if v < 0 || v > 100 {
			r.bad(line, col, fmt.Sprintf("%s %s is outside 0-100; expected a percentage", what, raw))
			return 0, raw, false
		}
		return v, raw, true
	}
	err = r.each(ctx, func(rec []string, line int) {
		r.rec = rec
		code := strings.TrimSpace(rec[iCode])
		_, isCluster := GemeenteClusters[code]
		if !RegionCodeOK(code, LevelGemeente) {
			r.bad(line, iCode, fmt.Sprintf("gemeente code %q; expected GM + 4 digits", code))
			return
		}
		indName := strings.TrimSpace(rec[iInd])
		key0, ok := indicatorsOvergewicht[indName]
		if !ok {
			r.bad(line, iInd, fmt.Sprintf("indicator %q unknown; expected %s", indName, OneOf(slices.Sorted(maps.Keys(indicatorsOvergewicht)))))
			return
		}
		v, vRaw, ok1 := number(line, iPct, "value")
		ggdV, ggdRaw, ok2 := number(line, iGGD, "GGD value")
		ciRaw := strings.TrimSpace(rec[iCI])
		m := reInterval.FindStringSubmatch(ciRaw)
		var lo, hi float64
		ok3 := false
		switch {
		case m == nil && strings.Contains(ciRaw, ","):
			r.bad(line, iCI, fmt.Sprintf("interval %q has a decimal comma; expected lower and upper bound with decimal points as the rest of this file (45.5 - 49.6)", ciRaw))
		case m == nil:
			r.bad(line, iCI, fmt.Sprintf("interval %q; expected lower and upper bound of the 95 %% interval as \"45.5 - 49.6\"", ciRaw))
		default:
			lo, _ = ParseDecimal(m[1])
			hi, _ = ParseDecimal(m[2])
			switch {
			case lo > hi:
				r.bad(line, iCI, fmt.Sprintf("interval %q: lower bound %s is above upper bound %s; expected lower - upper", ciRaw, m[1], m[2]))
			case hi > 100:
				r.bad(line, iCI, fmt.Sprintf("interval %q: upper bound %s is above 100; expected a percentage", ciRaw, m[2]))
			case ok1 && (v < lo || v > hi):
				r.bad(line, iCI, fmt.Sprintf("interval %q does not hold the value %s; expected lower <= value <= upper", ciRaw, vRaw))
			default:
				ok3 = true
			}
		}
		if !ok1 || !ok2 || !ok3 {
			return
		}
		k := key{code, key0}
		if first, dup := seen[k]; dup {
			r.dup(line, iInd, fmt.Sprintf("second row for %s, %s (first on line %d); expected one row per gemeente and indicator", code, indName, first))
			return
		}
		seen[k] = line
		if _, ok := codeLine[code]; !ok && !isCluster {
			codeLine[code] = line
		}
		rows = append(rows, rowIn{code, strings.TrimSpace(rec[iName]), indName, line, b.Indicator(key0), v, lo, hi, ggdV, ggdRaw})
	})
	if err != nil {
		return nil, "", err
	}
	div, ok := checkGemeenten(r, codeLine, year, iCode, func(c string) string { return c })
	if !ok {
		return nil, "", r.probs.Err(name)
	}
	b.Dataset().Division = div
	names := LoadReference().Gemeenten(div)
	ggd := LoadGGDReference()
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
	for _, x := range rows {
		refName := names[x.code]
		level := LevelGemeente
		if c, isCluster := GemeenteClusters[x.code]; isCluster {
			refName, level = c.Name, LevelGemeenteCluster
		}
		if !GemeenteNameOK(x.name, refName, x.code) {
			r.bad(x.line, iName, fmt.Sprintf("name %q does not match %s, which is %s in the division of %d; expected the name of that gemeente", x.name, x.code, refName, div))
			continue
		}
		g := ggd.GGDOf(x.code, div)
		if g == "" {
			r.bad(x.line, iCode, fmt.Sprintf("lpa does not know the GGD region of %s in the division of %d; expected a gemeente of CBS Gebieden in Nederland 2023", x.code, div))
			continue
		}
		gk := ggdKey{g, x.ind}
		if f, ok := ggdSeen[gk]; !ok {
			ggdSeen[gk] = ggdFirst{x.line, x.code, x.ggdRaw, x.ggd}
			ggdOrder = append(ggdOrder, gk)
		} else if f.v != x.ggd {
			r.bad(x.line, iGGD, fmt.Sprintf("GGD value %s for %s of %s (%s), but line %d (%s) gives %s; expected one value per GGD region and indicator",
				x.ggdRaw, x.indName, ggd.Region(g).Name, g, f.line, f.code, f.raw))
			continue
		}
		row := b.Row(x.code, level, year, AgeAdults, SexTotal, x.line)
		b.Add(Cell{Row: row, Indicator: x.ind, Value: x.v + 0, HasCI: true, Lo: x.lo + 0, Hi: x.hi + 0})
	}
	if err := r.probs.Err(name); err != nil {
		return nil, "", err
	}
	for _, gk := range ggdOrder {
		f := ggdSeen[gk]
		b.Value(b.Row(gk.code, LevelGGDRegio, year, AgeAdults, SexTotal, f.line), gk.ind, f.v)
	}
	d, err := b.Done(name)
	if err != nil {
		return nil, "", err
	}
	return d, yearNote(year, fromName, "lpa's estimate for VZinfo's gemeente_overgewicht.csv: most likely the 2024 monitor (see docs/sources-monitor.md)", name) +
		fmt.Sprintf("; gemeenten in the division of %d; %d GGD-region values from the column GGD percentage", div, len(ggdOrder)), nil
}
