package vektis

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"lpa/indicators"
)

// row reads one data line: the rest category or a gemeente, sex and age
// class; the counts; the costs.
func (r *reader) row(rec []string, line int) {
	before := r.Problems().Len()
	row := indicators.CareCostRow{Line: line, AgeFrom: -1}
	sexRaw, ageRaw, nameRaw := strings.TrimSpace(rec[r.iSex]), strings.TrimSpace(rec[r.iAge]), strings.TrimSpace(rec[r.iName])
	switch {
	case sexRaw == "" && ageRaw == "" && nameRaw == "":
		row.Rest = true
		if r.restLine > 0 {
			e := &indicators.ParseError{File: r.Name(), Err: indicators.ErrDuplicateKey,
				Msg: fmt.Sprintf("second row without sex, age class and gemeente (first on line %d); expected one rest-category row", r.restLine)}
			r.Locate(e, line, r.iSex)
			r.Problems().Add(e)
			return
		}
	case sexRaw == "" || ageRaw == "" || nameRaw == "":
		e := &indicators.ParseError{File: r.Name(), Err: indicators.ErrInvalidValue,
			Msg: fmt.Sprintf("row has geslacht %q, leeftijdsklasse %q and gemeentenaam %q; expected all three filled, or all three empty for the rest category",
				sexRaw, ageRaw, nameRaw)}
		r.Locate(e, line, r.iSex)
		e.Column = 0
		r.Problems().Add(e)
		return
	default:
		r.group(line, sexRaw, ageRaw, nameRaw, &row)
	}
	r.numbers(rec, line, &row)
	if r.Problems().Len() > before {
		return
	}
	if row.Rest {
		r.restLine = line
	} else {
		k := rowKey{row.GemeenteCode, row.Sex, row.AgeClass}
		if first, dup := r.seen[k]; dup {
			e := &indicators.ParseError{File: r.Name(), Err: indicators.ErrDuplicateKey,
				Msg: fmt.Sprintf("second row for %s (%s), sex %s, age class %s (first on line %d); expected one row per gemeente, sex and age class",
					nameRaw, row.GemeenteCode, sexRaw, row.AgeClass, first)}
			r.Locate(e, line, r.iName)
			r.Problems().Add(e)
			return
		}
		r.seen[k] = line
	}
	r.c.Rows = append(r.c.Rows, row)
	r.c.Costs = append(r.c.Costs, r.costs...)
}

// group reads the sex, age class and gemeente of a row that is not the rest
// category.
func (r *reader) group(line int, sexRaw, ageRaw, nameRaw string, row *indicators.CareCostRow) {
	switch sexRaw {
	case "M":
		row.Sex = indicators.SexMale
	case "V":
		row.Sex = indicators.SexFemale
	default:
		r.Bad(line, r.iSex, fmt.Sprintf("sex %q; expected M or V", sexRaw))
	}
	a, ok := r.ages[ageRaw]
	if !ok {
		a = strings.Join(strings.Fields(ageRaw), " ")
		if !slices.Contains(vektisAgeClasses, a) {
			r.Bad(line, r.iAge, fmt.Sprintf("age class %q; expected one of the %d Vektis classes %q, %q, ..., %q, %q",
				ageRaw, len(vektisAgeClasses), vektisAgeClasses[0], vektisAgeClasses[1], vektisAgeClasses[17], vektisAgeClasses[18]))
		} else {
			r.ages[strings.Clone(ageRaw)] = a
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
	if !utf8.ValidString(nameRaw) {
		r.Bad(line, r.iName, fmt.Sprintf("gemeente name %q is not valid UTF-8; expected UTF-8 text as Vektis publishes it", nameRaw))
		return
	}
	code, ok := indicators.VektisCode(nameRaw)
	if !ok {
		r.Bad(line, r.iName, fmt.Sprintf("gemeente name %q is not in lpa's list of Vektis gemeente names; expected a name as Vektis spells it, such as \"S GRAVENHAGE\" "+
			"(a new name needs a row in indicators/data/vektis_gemeenten.csv with its CBS code)", nameRaw))
		return
	}
	row.GemeenteCode = code
	if _, ok := r.codeLine[code]; !ok {
		r.codeLine[code] = line
		r.codeName[code] = strings.Clone(nameRaw)
	}
}

// numbers reads the counts of a row and its costs (into r.costs).
func (r *reader) numbers(rec []string, line int, row *indicators.CareCostRow) {
	bsnRaw := strings.TrimSpace(rec[r.iBSN])
	bsn, err := strconv.ParseInt(bsnRaw, 10, 64)
	switch {
	case err != nil || strings.HasPrefix(bsnRaw, "+"):
		r.Bad(line, r.iBSN, fmt.Sprintf("count %q is not a whole number; expected the number of insured people (BSNs), 0 or more", bsnRaw))
	case bsn < 0:
		r.Bad(line, r.iBSN, fmt.Sprintf("count %s is negative; expected the number of insured people (BSNs), 0 or more", bsnRaw))
	}
	row.BSNCount = bsn
	iyRaw := strings.TrimSpace(rec[r.iIY])
	iy, ok := indicators.ParseDecimal(iyRaw)
	switch {
	case !ok:
		r.Bad(line, r.iIY, fmt.Sprintf("insured years %q is not a number; expected a decimal with a point (170530.86), 0 or more", iyRaw))
	case iy < 0:
		r.Bad(line, r.iIY, fmt.Sprintf("insured years %s is negative; expected 0 or more", iyRaw))
	}
	row.InsuredYears = iy + 0
	for j, col := range r.costCols {
		raw := strings.TrimSpace(rec[col])
		v, ok := indicators.ParseDecimal(raw)
		if !ok {
			r.Bad(line, col, fmt.Sprintf("cost %q is not a number; expected euros as a decimal with a point (45049552.97); Vektis writes 0 for no costs", raw))
		}
		r.costs[j] = v + 0 // no negative zero
	}
}

// division finds the municipal division a file is published in: the
// earliest division lpa knows in which every gemeente of the file exists.
// (Vektis publishes older years on a later division: the 2011-2018 files
// hold the 355 gemeenten of 2019 and 2020.)
func division(name string, period int, codeLine map[string]int, codeName map[string]string) (int, []string, error) {
	ref := indicators.LoadReference()
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
		return 0, nil, &indicators.ParseError{File: name, Line: 2, Err: indicators.ErrMalformed,
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
	return 0, nil, &indicators.ParseError{File: name, Line: line, Err: indicators.ErrInvalidValue,
		Msg: fmt.Sprintf("the gemeenten of this file fit no single municipal division %d-%d; the closest, %d, lacks %s; expected the gemeenten of one division",
			indicators.BaseDivision, indicators.LastDivision, bestDiv, strings.Join(list, ", "))}
}
