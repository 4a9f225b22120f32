package synth

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"lpa/indicators"
)

const dir50090 = "rivm_gezondheid_wijk_buurt_50090NED/"

// ageNames name the age groups in file names as the real folder does.
var ageNames = map[string]string{"20300": "18plus", "53115": "18-65", "21700": "65plus"}

// rows50090 are the data rows of one 50090NED file (UntypedDataSet, the
// 43 columns of the bundled file): NL01, then each gemeente of the division
// of 2020 with its wijken and buurten. The gemeente values of the real 18+
// editions are the real ones; other years lie on the line between them,
// other age groups are a fixed factor per indicator off; wijken and
// buurten scatter around their gemeente and wijk. Text as StatLine writes
// it: values right-aligned in 8 characters, "       ." for suppressed,
// codes and names padded.
func (g *gen) rows50090(e Edition) (rows [][]string, cells int64) {
	u := g.u
	rng := g.rng(fmt.Sprintf("50090NED/%d/%s", e.Year, e.Age))
	measured := u.measured[u.nearestReal(e.Year)]
	_, realYear := u.real50090[e.Year]
	exact := realYear && e.Age == "20300"
	nInd := len(u.header50090) - first50090
	period := fmt.Sprintf("%dJJ00", e.Year)
	id := 0
	row := func(code, name, soort string, vals []float64, suppressed bool) {
		r := make([]string, 0, len(u.header50090))
		r = append(r, strconv.Itoa(id), e.Age, "MW00000", pad(code, 10), period, pad(name, 40), pad(soort, 10), pad(code, 20))
		id += 3
		for i := range nInd {
			switch {
			case !measured[i]:
				r = append(r, "")
			case suppressed || math.IsNaN(vals[i]):
				r = append(r, "       .")
				cells++
			default:
				r = append(r, fmt.Sprintf("%8.1f", vals[i]))
				cells++
			}
		}
		rows = append(rows, r)
	}
	top := func(code string) []float64 {
		vals := make([]float64, nInd)
		for i := range nInd {
			if !measured[i] {
				continue
			}
			v, ok := u.gemeenteValue(e.Year, code, i)
			if !ok {
				v, ok = u.gemeenteValue(e.Year, "NL01", i)
			}
			if !ok {
				v = 10 + 80*unit("ind", strconv.Itoa(i))
			}
			if e.Age != "20300" {
				v *= 0.7 + 0.6*unit("age", e.Age, strconv.Itoa(i))
			}
			if !exact {
				v += rng.NormFloat64() * 0.3
			}
			vals[i] = round(pct(v), 1)
		}
		return vals
	}
	around := func(parent []float64, spread float64) []float64 {
		vals := make([]float64, nInd)
		for i, v := range parent {
			if measured[i] {
				vals[i] = round(pct(v+rng.NormFloat64()*(spread*math.Min(v, 100-v)+0.3)), 1)
			}
		}
		return vals
	}
	row("NL01", "Nederland", "Land", top("NL01"), false)
	for _, gm := range u.gemeenten(2020, g.plan.Thin) {
		gv := top(gm.code)
		row(gm.code, gm.name, "Gemeente", gv, false)
		for _, w := range gm.wijken {
			wv := around(gv, 0.06)
			row(w.code, gm.name, "Wijk", wv, rng.Float64() < 0.009)
			for _, b := range w.buurten {
				row(b.code, gm.name, "Buurt", around(wv, 0.08), rng.Float64() < 0.054)
			}
		}
	}
	return rows, cells
}

// write50090 writes one edition as .csv.gz (comma, RFC 4180, LF, no BOM)
// or as .xlsx.
func (g *gen) write50090(e Edition, xlsx bool) error {
	rows, cells := g.rows50090(e)
	name := fmt.Sprintf("%s50090NED_%d_%s", dir50090, e.Year, ageNames[e.Age])
	if xlsx {
		b, err := sheet50090(g.u.header50090, rows)
		if err != nil {
			return err
		}
		return g.save(name+".xlsx", string(indicators.KindStatLine50090), cells, b)
	}
	var b bytes.Buffer
	csvLine(&b, ',', "\n", g.u.header50090...)
	for _, r := range rows {
		csvLine(&b, ',', "\n", r...)
	}
	return g.save(name+".csv.gz", string(indicators.KindStatLine50090), cells, b.Bytes())
}

// writeStacked50090 writes the Land and Gemeente rows of the editions of
// one age group in one file, year after year, as the real folder's
// 50090NED_gemeenten_2012_2016_2020_18plus.csv.
func (g *gen) writeStacked50090(eds []Edition) error {
	var b bytes.Buffer
	csvLine(&b, ',', "\n", g.u.header50090...)
	var cells int64
	var years []string
	for _, e := range eds {
		years = append(years, strconv.Itoa(e.Year))
		rows, _ := g.rows50090(e)
		for _, r := range rows {
			if s := strings.TrimSpace(r[6]); s != "Land" && s != "Gemeente" {
				continue
			}
			for _, v := range r[first50090:] {
				if v != "" {
					cells++
				}
			}
			csvLine(&b, ',', "\n", r...)
		}
	}
	span := strings.Join(years, "_")
	if len(years) > 4 {
		span = years[0] + "-" + years[len(years)-1]
	}
	name := fmt.Sprintf("%s50090NED_gemeenten_%s_%s.csv", dir50090, span, ageNames[eds[0].Age])
	return g.save(name, string(indicators.KindStatLine50090), cells, b.Bytes())
}

// sheet50090 is the .xlsx of a 50090NED file as RIVM's download has it:
// one sheet, the header in row 1, ID and Leeftijd as numbers, every other
// field as text (shared strings), empty fields left out.
func sheet50090(header []string, rows [][]string) ([]byte, error) {
	w := newXLSX("50090NED_UntypedDataSet_1305202")
	w.row(header, nil)
	numeric := []bool{true, true}
	for _, r := range rows {
		w.row(r, numeric)
	}
	return w.bytes()
}
