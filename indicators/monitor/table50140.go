package monitor

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"lpa/indicators"
)

const (
	source50140 = "50140NED"
	// 50140NED is the 2024 edition of the young adults' monitor and has no
	// Perioden column; a file that has one states its period itself.
	period50140 = 2024
)

var cols50140 = []string{"ID", "Persoonskenmerken", "Marges", "RegioS"}

// About50140 describes the kind of file (sources.KnownKinds).
const About50140 = "RIVM StatLine 50140NED \"Gezondheidsmonitor Jongvolwassenen 2024\" (TypedDataSet: ID;Persoonskenmerken;Marges;RegioS;...)"

// reODataKey is a StatLine OData column key: a name and a number. A name
// that starts with a digit gets "k_" in front ("k_2CBInAfg12Maanden_98").
var reODataKey = regexp.MustCompile(`^(k_)?([A-Za-z0-9]+)_[0-9]+$`)

// ODataIndicatorKey turns a StatLine OData key into an indicator key like
// IndicatorKey does, keeping StatLine's "k_" prefix for names that start
// with a digit ("k_10GlzAlcoholNormaalVoorVrienden_74" ->
// "k_10_glz_alcohol_normaal_voor_vrienden"). ok is false for other names.
func ODataIndicatorKey(col string) (string, bool) {
	m := reODataKey.FindStringSubmatch(col)
	if m == nil {
		return "", false
	}
	return m[1] + indicators.IndicatorKey(m[2]), true
}

// Parse50140 reads RIVM StatLine 50140NED; StatLine publishes each edition
// in the municipal division of its year.
func Parse50140(ctx context.Context, name string, t indicators.Table) (*indicators.Parsed, error) {
	r, err := newReader50140(name, t)
	if err != nil {
		return nil, err
	}
	if err := r.Each(ctx, r.row); err != nil {
		return nil, err
	}
	if len(r.periods) > 1 {
		return nil, &indicators.ParseError{File: name, Line: 2, Err: indicators.ErrInvalidValue, Field: "Perioden",
			Msg: fmt.Sprintf("the file holds %d periods; expected one (load each edition as a file of its own)", len(r.periods))}
	}
	// StatLine publishes each edition in the municipal division of its year.
	div := r.period
	gemeenten := indicators.LoadReference().Gemeenten(div)
	if gemeenten == nil {
		return nil, &indicators.ParseError{File: name, Line: 2, Err: indicators.ErrInvalidValue,
			Msg: fmt.Sprintf("period %d: lpa knows the municipal divisions of %d-%d only; expected an edition of those years", r.period, indicators.BaseDivision, indicators.LastDivision)}
	}
	for _, p := range r.rows {
		if _, ok := gemeenten[p.code]; strings.HasPrefix(p.code, "GM") && !ok {
			r.Bad(p.line, r.iRegio, fmt.Sprintf("gemeente %s does not exist in the municipal division of %d; expected a gemeente of that division (StatLine publishes the %d edition in it)", p.code, div, r.period))
		}
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	b := indicators.NewDatasetBuilder(source50140, div)
	for _, key := range r.keys {
		b.Indicator(key)
	}
	suppressed := 0
	for _, p := range r.rows {
		level := indicators.LevelGemeente
		switch {
		case p.code == "NL01":
			level = indicators.LevelLand
		case p.code == "CG01":
			level = indicators.LevelCaribischNederland
		case strings.HasPrefix(p.code, "GG"):
			level = indicators.LevelGGDRegio
		}
		row := b.Row(p.code, level, r.period, indicators.AgeYoungAdults, indicators.SexTotal, p.line)
		for _, c := range p.cells {
			c.Row = row
			if c.Suppressed {
				suppressed++
			}
			b.Add(c)
		}
	}
	d, err := b.Done(name)
	if err != nil {
		return nil, err
	}
	note := fmt.Sprintf("period %d, age group %s (16 t/m 25 jaar), gemeenten in the division of %d; %d empty cells stored as suppressed (too few respondents)",
		r.period, indicators.AgeYoungAdults, div, suppressed)
	return &indicators.Parsed{Kind: indicators.KindStatLine50140, Dataset: d, Note: note}, nil
}

// reader50140 reads the rows of a 50140NED file; they become a dataset
// once the period, and so the division, is known.
type reader50140 struct {
	*indicators.RowReader
	inds                 []indicators.IndicatorColumn
	keys                 []string // of inds, in order: the dataset's indicators
	iPK, iMarges, iRegio int
	iPeriod              int
	hasPeriod            bool
	ggd                  *indicators.GGDReference
	rows                 []pending50140
	seen                 map[string]int // region code -> line
	period               int
	periods              map[int]int
}

// pending50140 is one region's row.
type pending50140 struct {
	code  string
	line  int
	cells []indicators.Cell // Row is filled in once the division is known
}

// newReader50140 checks the header: the key columns, an optional Perioden
// and at least one indicator column, each once.
func newReader50140(name string, t indicators.Table) (*reader50140, error) {
	idx, err := indicators.RequireColumns(name, t, cols50140, indicators.ExpectColumns(cols50140, "RIVM StatLine 50140NED (Gezondheidsmonitor Jongvolwassenen)"))
	if err != nil {
		return nil, err
	}
	r := &reader50140{RowReader: indicators.NewRowReader(name, t), iPK: idx["Persoonskenmerken"], iMarges: idx["Marges"], iRegio: idx["RegioS"],
		ggd: indicators.LoadGGDReference(), seen: map[string]int{}, period: period50140, periods: map[int]int{}}
	r.iPeriod, r.hasPeriod = idx["Perioden"]
	r.inds = indicators.IndicatorColumns(name, t, r.Problems(),
		func(i int, h string) bool { return slices.Contains(cols50140, h) || (r.hasPeriod && i == r.iPeriod) },
		func(h string) (string, string) {
			if key, ok := ODataIndicatorKey(h); ok {
				return key, ""
			}
			return "", fmt.Sprintf("column %q is not a StatLine indicator key; expected a name like GoedErvarenGezondheid_6", h)
		}, "expected columns such as GoedErvarenGezondheid_6 after RegioS")
	r.keys = indicators.ColumnKeys(r.inds)
	if err := r.Err(); err != nil {
		return nil, err
	}
	return r, nil
}

// row reads one region's line.
func (r *reader50140) row(rec []string, line int) {
	if pk := strings.TrimSpace(rec[r.iPK]); pk != "T009002" {
		r.Bad(line, r.iPK, fmt.Sprintf("Persoonskenmerken %q; expected T009002 (totaal): breakdowns by person characteristics are not supported", pk))
		return
	}
	if m := strings.TrimSpace(rec[r.iMarges]); m != "MW00000" {
		r.Bad(line, r.iMarges, fmt.Sprintf("Marges %q; expected MW00000 (waarde): files with confidence bounds are not supported", m))
		return
	}
	if r.hasPeriod {
		period, ok := indicators.StatLineYear(strings.TrimSpace(rec[r.iPeriod]))
		if !ok {
			r.Bad(line, r.iPeriod, fmt.Sprintf("period %q; expected a StatLine year code like 2024JJ00", strings.TrimSpace(rec[r.iPeriod])))
			return
		}
		r.period = period
		r.periods[r.period]++
	}
	code := strings.TrimSpace(rec[r.iRegio])
	switch {
	case code == "NL01", code == "CG01":
	case indicators.RegionCodeOK(code, indicators.LevelGGDRegio):
		if r.ggd.Region(code) == nil {
			r.Bad(line, r.iRegio, fmt.Sprintf("GGD region %q unknown; expected one of the 25 GGD regions of CBS Gebieden in Nederland 2023 (GG0111 ... GG7306)", code))
			return
		}
	case indicators.RegionCodeOK(code, indicators.LevelGemeente):
	default:
		r.Bad(line, r.iRegio, fmt.Sprintf("region code %q; expected NL01, CG01, a GGD region (GG + 4 digits) or a gemeente (GM + 4 digits)", code))
		return
	}
	if first, dup := r.seen[code]; dup {
		r.Dup(line, r.iRegio, fmt.Sprintf("second row for region %s (first on line %d); expected one row per region", code, first))
		return
	}
	r.seen[code] = line
	p := pending50140{code: code, line: line}
	for i, ic := range r.inds {
		raw := strings.TrimSpace(rec[ic.Col])
		if raw == "" || raw == "." {
			p.cells = append(p.cells, indicators.Cell{Indicator: uint16(i), Suppressed: true})
			continue
		}
		v, problem := indicators.Percentage(raw, false, ", or empty for suppressed")
		if problem != "" {
			r.Bad(line, ic.Col, problem)
			continue
		}
		p.cells = append(p.cells, indicators.Cell{Indicator: uint16(i), Value: v + 0})
	}
	r.rows = append(r.rows, p)
}
