package cbs

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"lpa/indicators"
)

// divisionFromName reads the division year from a CBS export's file name
// ("Gebieden_in_Nederland_2023_25032025_175459.csv" -> 2023): the content of
// these exports does not state it.
func divisionFromName(name string) (int, error) {
	y, ok := indicators.YearFromName(name)
	if !ok {
		return 0, &indicators.ParseError{File: name, Err: indicators.ErrInvalidValue,
			Msg: "cannot tell the year of the municipal division: the file does not state it; expected the year in the file name as CBS names its exports (Gebieden_in_Nederland_2023_....csv)"}
	}
	return y, nil
}

// regionReader holds what the CBS parsers share: the table, the problems
// found and the codes seen.
type regionReader struct {
	name  string
	t     indicators.Table
	hdr   []string
	probs indicators.Problems
	seen  map[string]int // code -> line
}

func newRegionReader(name string, t indicators.Table) *regionReader {
	return &regionReader{name: name, t: t, hdr: t.Header(), seen: map[string]int{}}
}

func (r *regionReader) bad(line, col int, msg string) {
	e := &indicators.ParseError{File: r.name, Field: r.hdr[col], Err: indicators.ErrInvalidValue, Msg: msg}
	r.t.Locate(e, line, col)
	r.probs.Add(e)
}

// code reads and checks a region code of one of the levels.
func (r *regionReader) code(rec []string, line, col int, level string) (string, bool) {
	c := strings.TrimSpace(rec[col])
	if !indicators.RegionCodeOK(c, level) {
		r.bad(line, col, fmt.Sprintf("region code %q is not a CBS %s code; expected %s", c, level, indicators.ExpectedCode(level)))
		return "", false
	}
	return c, true
}

// unique records code as seen on line, reporting a duplicate.
func (r *regionReader) unique(code string, line, col int) bool {
	if first, dup := r.seen[code]; dup {
		e := &indicators.ParseError{File: r.name, Field: r.hdr[col], Err: indicators.ErrDuplicateKey,
			Msg: fmt.Sprintf("second row for %s (first on line %d); expected one row per region", code, first)}
		r.t.Locate(e, line, col)
		r.probs.Add(e)
		return false
	}
	r.seen[code] = line
	return true
}

// population reads an inhabitant count; "." (unknown) gives -1.
func (r *regionReader) population(rec []string, line, col int) (int64, bool) {
	s := strings.TrimSpace(rec[col])
	if s == "." || s == "" {
		return -1, true
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		r.bad(line, col, fmt.Sprintf("population %q; expected a whole number of inhabitants, or \".\"", s))
		return 0, false
	}
	return n, true
}

// each calls fn for every record until the end or too many problems.
func (r *regionReader) each(ctx context.Context, fn func(rec []string, line int)) error {
	if err := indicators.EachRecord(ctx, r.name, r.t, &r.probs, fn); err != nil {
		return err
	}
	if err := r.probs.Err(r.name); err != nil {
		return err
	}
	if len(r.seen) == 0 {
		return &indicators.ParseError{File: r.name, Line: 2, Err: indicators.ErrMalformed, Msg: "no data rows after the header; expected at least one region"}
	}
	return nil
}

// namedRegions collects higher-level regions (GGD regions, provinces) named
// on many rows, keeping the most frequent name per code.
type namedRegions map[string]map[string]int

func (n namedRegions) add(code, name string) {
	if n[code] == nil {
		n[code] = map[string]int{}
	}
	n[code][name]++
}

func (n namedRegions) regions(division int, level string) []indicators.Region {
	codes := make([]string, 0, len(n))
	for c := range n {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	out := make([]indicators.Region, 0, len(codes))
	for _, c := range codes {
		best, bestN := "", -1
		for name, k := range n[c] {
			if k > bestN || (k == bestN && name < best) {
				best, bestN = name, k
			}
		}
		out = append(out, indicators.Region{Division: division, Code: c, Name: best, Level: level, Population: -1})
	}
	return out
}

// What the kinds of file are (sources.KnownKinds).
const (
	AboutGebiedenGGD = "CBS \"Gebieden in Nederland\" with gemeente and GGD-regio codes (StatLine CSV export)"
	AboutGebieden    = "CBS \"Gebieden in Nederland\" with province and population (municipalityCode;...;population)"
	AboutKerncijfers = "CBS \"Kerncijfers wijken en buurten\" (StatLine CSV export with Codering and Aantal inwoners)"
)

var colsGebiedenGGD = []string{
	"Codes en namen van gemeenten/Code (code)", "Codes en namen van gemeenten/Naam (naam)",
	"Lokaliseringen van gemeenten/GGD-regio's/Code (code)", "Lokaliseringen van gemeenten/GGD-regio's/Naam (naam)",
}

// ParseGebiedenGGD reads a CBS "Gebieden in Nederland" export with the
// gemeente -> GGD region columns.
func ParseGebiedenGGD(ctx context.Context, name string, t indicators.Table) (*indicators.Parsed, error) {
	idx, err := indicators.RequireColumns(name, t, colsGebiedenGGD, `expected the columns of CBS "Gebieden in Nederland" (gemeente and GGD-regio code and name)`)
	if err != nil {
		return nil, err
	}
	div, err := divisionFromName(name)
	if err != nil {
		return nil, err
	}
	iCode, iName, iGGD, iGGDName := idx[colsGebiedenGGD[0]], idx[colsGebiedenGGD[1]], idx[colsGebiedenGGD[2]], idx[colsGebiedenGGD[3]]
	rs := &indicators.RegionSet{Kind: indicators.KindCBSGebiedenGGD, Division: div}
	ggd := namedRegions{}
	r := newRegionReader(name, t)
	err = r.each(ctx, func(rec []string, line int) {
		code, ok1 := r.code(rec, line, iCode, indicators.LevelGemeente)
		gg, ok2 := r.code(rec, line, iGGD, indicators.LevelGGDRegio)
		if !ok1 || !ok2 || !r.unique(code, line, iCode) {
			return
		}
		ggd.add(gg, strings.TrimSpace(rec[iGGDName]))
		rs.Regions = append(rs.Regions, indicators.Region{Division: div, Code: code, Name: strings.TrimSpace(rec[iName]),
			Level: indicators.LevelGemeente, GemeenteCode: code, GGDCode: gg, Population: -1})
	})
	if err != nil {
		return nil, err
	}
	rs.Regions = append(rs.Regions, ggd.regions(div, indicators.LevelGGDRegio)...)
	return &indicators.Parsed{Kind: indicators.KindCBSGebiedenGGD, Regions: rs}, nil
}

var colsGebieden = []string{"municipalityName", "municipalityCode", "provinceCode", "provinceName", "population"}

// ParseGebieden reads "Gebieden in Nederland" with province and
// population columns, in the English-headed form of the bundled 2020 file.
func ParseGebieden(ctx context.Context, name string, t indicators.Table) (*indicators.Parsed, error) {
	idx, err := indicators.RequireColumns(name, t, colsGebieden, `expected the columns of CBS "Gebieden in Nederland" (municipalityName;municipalityCode;provinceCode;provinceName;...;population)`)
	if err != nil {
		return nil, err
	}
	div, err := divisionFromName(name)
	if err != nil {
		return nil, err
	}
	iName, iCode, iPV, iPVName, iPop := idx["municipalityName"], idx["municipalityCode"], idx["provinceCode"], idx["provinceName"], idx["population"]
	rs := &indicators.RegionSet{Kind: indicators.KindCBSGebieden, Division: div}
	prov := namedRegions{}
	r := newRegionReader(name, t)
	err = r.each(ctx, func(rec []string, line int) {
		code, ok1 := r.code(rec, line, iCode, indicators.LevelGemeente)
		pv, ok2 := r.code(rec, line, iPV, indicators.LevelProvincie)
		pop, ok3 := r.population(rec, line, iPop)
		if !ok1 || !ok2 || !ok3 || !r.unique(code, line, iCode) {
			return
		}
		if pop <= 0 {
			r.bad(line, iPop, "population missing; expected the number of inhabitants of every gemeente (the weights of accord metrics)")
			return
		}
		prov.add(pv, strings.TrimSpace(rec[iPVName]))
		rs.Regions = append(rs.Regions, indicators.Region{Division: div, Code: code, Name: strings.TrimSpace(rec[iName]),
			Level: indicators.LevelGemeente, GemeenteCode: code, ProvinceCode: pv, Population: pop})
	})
	if err != nil {
		return nil, err
	}
	rs.Regions = append(rs.Regions, prov.regions(div, indicators.LevelProvincie)...)
	return &indicators.Parsed{Kind: indicators.KindCBSGebieden, Regions: rs}, nil
}

var colsKerncijfers = []string{
	"Wijken en buurten", "Regioaanduiding/Soort regio (omschrijving)", "Regioaanduiding/Codering (code)",
	"Bevolking/Aantal inwoners (aantal)",
}

// ParseKerncijfers reads CBS "Kerncijfers wijken en buurten": every land,
// gemeente, wijk and buurt code of the year with its inhabitants.
func ParseKerncijfers(ctx context.Context, name string, t indicators.Table) (*indicators.Parsed, error) {
	idx, err := indicators.RequireColumns(name, t, colsKerncijfers, `expected the columns of CBS "Kerncijfers wijken en buurten"`)
	if err != nil {
		return nil, err
	}
	div, err := divisionFromName(name)
	if err != nil {
		return nil, err
	}
	iLabel, iSoort, iCode, iPop := idx[colsKerncijfers[0]], idx[colsKerncijfers[1]], idx[colsKerncijfers[2]], idx[colsKerncijfers[3]]
	rs := &indicators.RegionSet{Kind: indicators.KindCBSKerncijfers, Division: div}
	r := newRegionReader(name, t)
	err = r.each(ctx, func(rec []string, line int) {
		soort := strings.TrimSpace(rec[iSoort])
		level, ok := indicators.SoortRegio(soort)
		if !ok {
			r.bad(line, iSoort, fmt.Sprintf("region kind %q unknown; expected Land, Gemeente, Wijk or Buurt", soort))
			return
		}
		code, ok1 := r.code(rec, line, iCode, level)
		pop, ok2 := r.population(rec, line, iPop)
		if !ok1 || !ok2 || !r.unique(code, line, iCode) {
			return
		}
		rs.Regions = append(rs.Regions, indicators.Region{Division: div, Code: code, Name: strings.TrimSpace(rec[iLabel]),
			Level: level, GemeenteCode: indicators.GemeenteOf(code, level), Population: pop})
	})
	if err != nil {
		return nil, err
	}
	return &indicators.Parsed{Kind: indicators.KindCBSKerncijfers, Regions: rs}, nil
}
