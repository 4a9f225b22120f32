package statline

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"lpa/indicators"
)

// About50090 describes the kind of file (sources.KnownKinds).
const About50090 = "RIVM StatLine 50090NED \"Gezondheid per wijk en buurt\" (UntypedDataSet as .xlsx, .csv or .csv.gz)"

// The key columns of StatLine table 50090NED (UntypedDataSet).
var cols50090 = []string{"ID", "Leeftijd", "Marges", "WijkenEnBuurten", "Perioden", "Gemeentenaam_1", "SoortRegio_2", "Codering_3"}

// 50090NED is published in the municipal division of 2020 ("indeling 2020")
// for all its editions.
const division50090 = 2020

// reAgeGroup is a StatLine Leeftijd code.
var reAgeGroup = regexp.MustCompile(`^[0-9]{5}$`)

type rowKey struct {
	code   string
	period int
	age    string
}

// Parse50090 reads RIVM StatLine 50090NED (UntypedDataSet): the key columns
// cols50090, then one column per indicator (Roker_11); one row per region,
// period and age group.
func Parse50090(ctx context.Context, name string, t indicators.Table) (*indicators.Parsed, error) {
	r, err := newReader50090(name, t)
	if err != nil {
		return nil, err
	}
	if err := r.Each(ctx, r.row); err != nil {
		return nil, err
	}
	d := r.d
	if len(d.Rows) == 0 {
		return nil, &indicators.ParseError{File: name, Line: 2, Err: indicators.ErrMalformed, Msg: "no data rows after the header; expected at least one region"}
	}
	if len(d.Cells) == 0 {
		// Loading it would empty every slice it covers.
		return nil, &indicators.ParseError{File: name, Line: 2, Err: indicators.ErrMalformed,
			Msg: "no values: every indicator cell is empty; expected at least one value or \".\""}
	}
	return &indicators.Parsed{Kind: indicators.KindStatLine50090, Dataset: d}, nil
}

// reader50090 reads the rows of a 50090NED file into d.
type reader50090 struct {
	*indicators.RowReader
	d    *indicators.Dataset
	inds []indicators.IndicatorColumn // Key indexes d.Indicators in order
	// The key columns.
	iAge, iMarges, iCode, iPeriod, iSoort, iCodering int
	gemeenten                                        map[string]string // of the division
	seen                                             map[rowKey]int    // line of each key
	ages                                             map[string]string // interned age groups: there are only a handful
}

// newReader50090 checks the header: the key columns and at least one
// indicator column, each once.
func newReader50090(name string, t indicators.Table) (*reader50090, error) {
	idx, err := indicators.RequireColumns(name, t, cols50090,
		"expected the StatLine 50090NED columns "+strings.Join(cols50090, ", ")+" followed by indicator columns such as Roker_11")
	if err != nil {
		return nil, err
	}
	r := &reader50090{RowReader: indicators.NewRowReader(name, t), d: &indicators.Dataset{Source: "50090NED", Division: division50090},
		seen: map[rowKey]int{}, ages: map[string]string{}}
	r.inds = indicators.IndicatorColumns(name, t, r.Problems(),
		func(_ int, h string) bool { return slices.Contains(cols50090, h) },
		func(h string) (string, string) {
			if !indicators.IsStatLineKey(h) {
				return "", fmt.Sprintf("column %q is not a StatLine indicator key; expected a name like Roker_11", h)
			}
			return indicators.IndicatorKey(h), ""
		}, "expected columns such as Roker_11 after the key columns")
	r.d.Indicators = indicators.ColumnKeys(r.inds)
	if err := r.Err(); err != nil {
		return nil, err
	}
	r.iAge, r.iMarges, r.iCode, r.iPeriod, r.iSoort, r.iCodering =
		idx["Leeftijd"], idx["Marges"], idx["WijkenEnBuurten"], idx["Perioden"], idx["SoortRegio_2"], idx["Codering_3"]
	r.gemeenten = indicators.LoadReference().Gemeenten(r.d.Division)
	// Sized for every indicator of every line: growing the cells as they
	// come would copy them over and over.
	r.d.Cells = make([]indicators.Cell, 0, max(1<<10, min(indicators.RowsHint(t)*len(r.inds), 1<<24)))
	return r, nil
}

// row reads one data line: its key, then its values.
func (r *reader50090) row(rec []string, line int) {
	key, level, ok := r.key(rec, line)
	if !ok {
		return
	}
	if first, dup := r.seen[key]; dup {
		e := &indicators.ParseError{File: r.Name(), Err: indicators.ErrDuplicateKey,
			Msg: fmt.Sprintf("second row for region %s, period %d, age group %s (first on line %d); expected one row per region, period and age group", key.code, key.period, key.age, first)}
		r.Locate(e, line, r.iCode)
		r.Problems().Add(e)
		return
	}
	key.code = strings.Clone(key.code) // rec may be reused
	r.seen[key] = line
	row := int32(len(r.d.Rows))
	r.d.Rows = append(r.d.Rows, indicators.SourceRow{RegionCode: key.code, RegionLevel: level, Period: key.period, AgeGroup: key.age, Line: line})
	for i, ic := range r.inds {
		raw := strings.TrimSpace(rec[ic.Col])
		switch raw {
		case "":
			continue // not measured in this edition
		case ".":
			r.d.Cells = append(r.d.Cells, indicators.Cell{Row: row, Indicator: uint16(i), Suppressed: true})
			continue
		}
		v, ok := indicators.ParseDecimal(raw)
		if !ok {
			r.Bad(line, ic.Col, fmt.Sprintf("value %q is not a number; expected a decimal with a point (76.1), \".\" for suppressed, or empty", raw))
			continue
		}
		if v < 0 || v > 100 {
			r.Bad(line, ic.Col, fmt.Sprintf("value %s is outside 0-100; expected a percentage", raw))
			continue
		}
		r.d.Cells = append(r.d.Cells, indicators.Cell{Row: row, Indicator: uint16(i), Value: v + 0}) // + 0: no negative zero
	}
}

// key reads and checks the key columns of a data line.
func (r *reader50090) key(rec []string, line int) (rowKey, string, bool) {
	code := strings.TrimSpace(rec[r.iCode])
	soort := strings.TrimSpace(rec[r.iSoort])
	level, ok := indicators.SoortRegio(soort)
	if !ok {
		r.Bad(line, r.iSoort, fmt.Sprintf("region kind %q unknown; expected Land, Gemeente, Wijk or Buurt", soort))
		return rowKey{}, "", false
	}
	if !indicators.RegionCodeOK(code, level) {
		r.Bad(line, r.iCode, fmt.Sprintf("region code %q is not a CBS %s code; expected %s", code, level, indicators.ExpectedCode(level)))
		return rowKey{}, "", false
	}
	if g := indicators.GemeenteOf(code, level); g != "" && r.gemeenten[g] == "" {
		r.Bad(line, r.iCode, fmt.Sprintf("region code %q: gemeente %s does not exist in the municipal division of %d; expected a code of that division (50090NED is published in it)", code, g, r.d.Division))
		return rowKey{}, "", false
	}
	if c3 := strings.TrimSpace(rec[r.iCodering]); c3 != code {
		r.Bad(line, r.iCodering, fmt.Sprintf("Codering_3 %q differs from WijkenEnBuurten %q; expected the same code", c3, code))
		return rowKey{}, "", false
	}
	period, ok := indicators.StatLineYear(strings.TrimSpace(rec[r.iPeriod]))
	if !ok {
		r.Bad(line, r.iPeriod, fmt.Sprintf("period %q; expected a StatLine year code like 2020JJ00", strings.TrimSpace(rec[r.iPeriod])))
		return rowKey{}, "", false
	}
	if period < 1900 || period > 2100 {
		r.Bad(line, r.iPeriod, fmt.Sprintf("period %d; expected an edition year from 1900 to 2100", period))
		return rowKey{}, "", false
	}
	ageRaw := strings.TrimSpace(rec[r.iAge])
	if !reAgeGroup.MatchString(ageRaw) {
		r.Bad(line, r.iAge, fmt.Sprintf("age group %q; expected a 5-digit StatLine Leeftijd code like 20300", ageRaw))
		return rowKey{}, "", false
	}
	age, ok := r.ages[ageRaw]
	if !ok {
		age = strings.Clone(ageRaw)
		r.ages[age] = age
	}
	if m := strings.TrimSpace(rec[r.iMarges]); m != "MW00000" {
		r.Bad(line, r.iMarges, fmt.Sprintf("Marges %q; expected MW00000 (waarde): files with confidence bounds are not supported yet", m))
		return rowKey{}, "", false
	}
	return rowKey{code, period, age}, level, true
}
