package monitor

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"lpa/indicators"
)

// divisionFor picks the municipal division of a file's gemeente codes: the
// data year itself when every code is a gemeente of that division,
// otherwise the nearest division that holds them all (later ones first, as
// sources publish older years on a later division). ok is false when no
// division holds them all; div is then the division that lacks the fewest
// and missing lists those codes. Gemeente clusters are left out.
func divisionFor(codes []string, year int) (div int, ok bool, missing []string) {
	ref := indicators.LoadReference()
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
			if _, isCluster := indicators.GemeenteClusters[c]; isCluster {
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

// yearNote says where a period came from, for loads.message. why says
// where the default comes from.
func yearNote(year int, fromName bool, why, name string) string {
	if fromName {
		return fmt.Sprintf("period %d from the file name (the file itself does not state its year)", year)
	}
	base := filepath.Base(name)
	example := base + "_" + fmt.Sprint(year)
	if i := strings.Index(base, "."); i > 0 {
		example = base[:i] + "_" + fmt.Sprint(year) + base[i:]
	}
	return fmt.Sprintf("period %d ASSUMED: neither the file nor its name states the year; %d is %s; to state the year, put it in the file name (%s)",
		year, year, why, example)
}

// checkGemeenten finds the division of the codes (first seen on the lines
// given) for the data year, reporting every code that fits none.
func checkGemeenten(r *indicators.RowReader, codeLine map[string]int, year, col int, show func(string) string) (int, bool) {
	div, ok, missing := divisionFor(slices.Sorted(maps.Keys(codeLine)), year)
	if !ok {
		for _, c := range missing {
			r.Bad(codeLine[c], col, fmt.Sprintf("%s is not a gemeente of the municipal division of %d (the division that holds most of this file's gemeenten); expected the gemeenten of one division", show(c), div))
		}
	}
	return div, ok
}

func containsFold(ss []string, s string) bool {
	for _, x := range ss {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
