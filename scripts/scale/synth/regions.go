package synth

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"lpa/examples"
	"lpa/indicators"
)

// universe is what the files are made of: the real gemeenten of each
// division lpa knows with their names, inhabitants and GGD regions, the
// wijken and buurten under them (codes in CBS's form, made up), and the
// real gemeente values of 50090NED 18+ that the bundled examples hold.
type universe struct {
	ref *indicators.Reference
	ggd *indicators.GGDReference
	pop map[string]float64 // gemeente code (any division) -> inhabitants
	// 50090NED as bundled: header, and per year the NL and gemeente rows.
	header50090 []string
	real50090   map[int]map[string][]string // year -> code -> fields
	measured    map[int][]bool              // year -> indicator column measured
	vektisName  map[string]string           // gemeente code -> Vektis' name
}

func loadUniverse() (*universe, error) {
	u := &universe{ref: indicators.LoadReference(), ggd: indicators.LoadGGDReference(), pop: map[string]float64{},
		real50090: map[int]map[string][]string{}, measured: map[int][]bool{}, vektisName: map[string]string{}}
	recs, err := readExample("data/Gebieden_in_Nederland_2020_07122020_202646.csv", ';')
	if err != nil {
		return nil, err
	}
	for _, r := range recs[1:] {
		if len(r) < 7 {
			continue // the "Bron: CBS" footer
		}
		n, err := strconv.ParseFloat(r[6], 64)
		if err != nil {
			return nil, fmt.Errorf("examples: population %q of %s", r[6], r[1])
		}
		u.pop[r[1]] = n
	}
	// A gemeente formed or grown later has the inhabitants that went to it
	// (close enough for weights: a grown one counts them in 2020 too).
	for _, c := range u.ref.Changes {
		u.pop[c.NewCode] += u.pop[c.OldCode] * c.Share
	}
	recs, err = readExample("data/50090NED_gemeenten_2012_2016_2020_18plus.csv", ',')
	if err != nil {
		return nil, err
	}
	u.header50090 = recs[0]
	for _, r := range recs[1:] {
		y, ok := indicators.StatLineYear(strings.TrimSpace(r[4]))
		if !ok {
			return nil, fmt.Errorf("examples: 50090NED period %q", r[4])
		}
		if u.real50090[y] == nil {
			u.real50090[y] = map[string][]string{}
			u.measured[y] = make([]bool, len(r)-first50090)
		}
		u.real50090[y][strings.TrimSpace(r[3])] = r
		for i, v := range r[first50090:] {
			if strings.TrimSpace(v) != "" {
				u.measured[y][i] = true
			}
		}
	}
	for _, v := range indicators.VektisGemeenten() {
		if _, dup := u.vektisName[v.Code]; !dup {
			u.vektisName[v.Code] = v.Name
		}
	}
	return u, nil
}

// first50090 is the first indicator column of 50090NED.
const first50090 = 8

func readExample(name string, sep rune) ([][]string, error) {
	b, err := fs.ReadFile(examples.FS, name)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte(bom))))
	r.Comma = sep
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("examples/%s: %w", name, err)
	}
	return recs, nil
}

// gemeente is one gemeente of a division.
type gemeente struct {
	code, name string
	pop        float64
	wijken     []wijk
}

type wijk struct {
	code, name string
	pop        float64
	buurten    []buurt
}

type buurt struct {
	code, name string
	pop        float64
}

// gemeenten lists the gemeenten of a division sorted by name (as StatLine
// and Vektis order them), each with its wijken and buurten; thin < 1 keeps
// that share of the wijken (and their buurten).
func (u *universe) gemeenten(div int, thin float64) []gemeente {
	names := u.ref.Gemeenten(div)
	out := make([]gemeente, 0, len(names))
	for _, code := range slices.Sorted(maps.Keys(names)) {
		g := gemeente{code: code, name: names[code], pop: u.pop[code]}
		// About 5,500 inhabitants a wijk and 4.4 buurten a wijk, as the
		// real division of 2020 has (3,177 wijken, 13,808 buurten).
		nw := clamp(int(math.Round(g.pop/5250)), 1, 99)
		weights := make([]float64, nw)
		var sum float64
		for i := range weights {
			weights[i] = 0.4 + unit("wijkpop", code, strconv.Itoa(i))
			sum += weights[i]
		}
		for i := range nw {
			wc := fmt.Sprintf("WK%s%02d", code[2:], i)
			if thin < 1 && unit("thin", wc) >= thin {
				continue
			}
			w := wijk{code: wc, name: fmt.Sprintf("Wijk %02d %s", i, indicators.WithoutSuffix(g.name)), pop: g.pop * weights[i] / sum}
			nb := 1 + int(unit("buurten", wc)*7.8)
			bw := make([]float64, nb)
			var bs float64
			for j := range bw {
				bw[j] = 0.3 + unit("buurtpop", wc, strconv.Itoa(j))
				bs += bw[j]
			}
			for j := range nb {
				w.buurten = append(w.buurten, buurt{code: fmt.Sprintf("BU%s%02d%02d", code[2:], i, j),
					name: fmt.Sprintf("%s buurt %d", w.name[8:], j+1), pop: w.pop * bw[j] / bs})
			}
			g.wijken = append(g.wijken, w)
		}
		out = append(out, g)
	}
	slices.SortStableFunc(out, func(a, b gemeente) int {
		return strings.Compare(indicators.NormName(a.name), indicators.NormName(b.name))
	})
	return out
}

// ggdOf is the GGD region of a gemeente of the division.
func (u *universe) ggdOf(code string, div int) string { return u.ggd.GGDOf(code, div) }

// value50090 is the real 18+ value of a gemeente (or NL01) in a real year
// for indicator column i of 50090NED, ok false when not measured.
func (u *universe) value50090(year int, code string, i int) (float64, bool) {
	r, ok := u.real50090[year][code]
	if !ok {
		return 0, false
	}
	v, ok := indicators.ParseDecimal(strings.TrimSpace(r[first50090+i]))
	return v, ok
}

// realYears50090 are the editions the bundled file holds, oldest first.
func (u *universe) realYears50090() []int { return slices.Sorted(maps.Keys(u.real50090)) }

// nearestReal is the real edition nearest to year (the later one of two as
// near).
func (u *universe) nearestReal(year int) int {
	best := 0
	for _, y := range u.realYears50090() {
		if best == 0 || abs(y-year) < abs(best-year) || (abs(y-year) == abs(best-year) && y > best) {
			best = y
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// gemeenteValue is the 18+ value of a gemeente (or NL01) in any year:
// the real one in a real year; between two real years where both have it,
// the straight line between them; otherwise the nearest real year's.
func (u *universe) gemeenteValue(year int, code string, i int) (float64, bool) {
	if v, ok := u.value50090(year, code, i); ok {
		return v, true
	}
	if _, real := u.real50090[year]; real {
		return 0, false
	}
	ys := u.realYears50090()
	var lo, hi int
	for _, y := range ys {
		if y < year {
			lo = y
		}
		if y > year && hi == 0 {
			hi = y
		}
	}
	vl, okl := u.value50090(lo, code, i)
	vh, okh := u.value50090(hi, code, i)
	switch {
	case okl && okh:
		return vl + (vh-vl)*float64(year-lo)/float64(hi-lo), true
	case okl:
		return vl, true
	case okh:
		return vh, true
	}
	// Before the first or after the last real year, or measured in neither
	// neighbour: the nearest year that measured it.
	for d := 1; d < 200; d++ {
		for _, y := range []int{year + d, year - d} {
			if v, ok := u.value50090(y, code, i); ok {
				return v, true
			}
		}
	}
	return 0, false
}
