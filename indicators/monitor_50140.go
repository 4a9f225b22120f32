package indicators

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// RIVM StatLine 50140NED "Gezondheidsmonitor Jongvolwassenen 2024"
// (OData TypedDataSet): one row per region (RegioS: NL01, CG01, GG####,
// GM####, padded to 6), 148 percentage columns; ";", BOM, CRLF, decimal
// point. An empty field is a value StatLine suppressed for too few
// respondents.

const (
	source50140 = "50140NED"
	// 50140NED is the 2024 edition of the young adults' monitor and has no
	// Perioden column; a file that has one states its period itself.
	period50140 = 2024
)

var cols50140 = []string{"ID", "Persoonskenmerken", "Marges", "RegioS"}

// sniff50140 identifies the table (kindSpecs).
var sniff50140 = []string{"Persoonskenmerken", "RegioS", "GoedErvarenGezondheid_6"}

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
	return m[1] + IndicatorKey(m[2]), true
}

func parse50140(ctx context.Context, name string, t Table) (*Dataset, string, error) {
	idx, err := requireColumns(name, t, cols50140, "RIVM StatLine 50140NED (Gezondheidsmonitor Jongvolwassenen)")
	if err != nil {
		return nil, "", err
	}
	iPeriod, hasPeriod := idx["Perioden"]
	r := newRecReader(name, t)
	b := NewDatasetBuilder(source50140, 0)
	type indCol struct {
		col int
		ind uint16
	}
	var inds []indCol
	firstCol := map[string]int{}
	for i, h := range r.hdr {
		if slices.Contains(cols50140, h) || (hasPeriod && i == iPeriod) {
			continue
		}
		key, ok := ODataIndicatorKey(h)
		if !ok {
			e := &ParseError{File: name, Field: h, Err: ErrInvalidValue,
				Msg: fmt.Sprintf("column %q is not a StatLine indicator key; expected a name like GoedErvarenGezondheid_6", h)}
			t.Locate(e, 1, i)
			r.probs.Add(e)
			continue
		}
		if j, dup := firstCol[key]; dup {
			e := &ParseError{File: name, Field: h, Err: ErrDuplicateKey,
				Msg: fmt.Sprintf("column %q is indicator %s again (column %d); expected each indicator once", h, key, j+1)}
			t.Locate(e, 1, i)
			r.probs.Add(e)
			continue
		}
		firstCol[key] = i
		inds = append(inds, indCol{i, b.Indicator(key)})
	}
	if len(inds) == 0 {
		r.probs.Add(&ParseError{File: name, Line: 1, Err: ErrMissingColumn,
			Msg: "header has no indicator columns; expected columns such as GoedErvarenGezondheid_6 after RegioS"})
	}
	if err := r.probs.Err(name); err != nil {
		return nil, "", err
	}
	ggd := LoadGGDReference()
	iPK, iMarges, iRegio := idx["Persoonskenmerken"], idx["Marges"], idx["RegioS"]
	type pending struct {
		code  string
		line  int
		cells []Cell // Row is filled in once the division is known
	}
	var rows []pending
	seen := map[string]int{}
	period := period50140
	periods := map[int]int{}
	err = r.each(ctx, func(rec []string, line int) {
		if pk := strings.TrimSpace(rec[iPK]); pk != "T009002" {
			r.bad(line, iPK, fmt.Sprintf("Persoonskenmerken %q; expected T009002 (totaal): breakdowns by person characteristics are not supported", pk))
			return
		}
		if m := strings.TrimSpace(rec[iMarges]); m != "MW00000" {
			r.bad(line, iMarges, fmt.Sprintf("Marges %q; expected MW00000 (waarde): files with confidence bounds are not supported", m))
			return
		}
		if hasPeriod {
			pm := rePeriod.FindStringSubmatch(strings.TrimSpace(rec[iPeriod]))
			if pm == nil {
				r.bad(line, iPeriod, fmt.Sprintf("period %q; expected a StatLine year code like 2024JJ00", strings.TrimSpace(rec[iPeriod])))
				return
			}
			period, _ = strconv.Atoi(pm[1])
			periods[period]++
		}
		code := strings.TrimSpace(rec[iRegio])
		switch {
		case code == "NL01", code == "CG01":
		case RegionCodeOK(code, LevelGGDRegio):
			if ggd.Region(code) == nil {
				r.bad(line, iRegio, fmt.Sprintf("GGD region %q unknown; expected one of the 25 GGD regions of CBS Gebieden in Nederland 2023 (GG0111 ... GG7306)", code))
				return
			}
		case RegionCodeOK(code, LevelGemeente):
		default:
			r.bad(line, iRegio, fmt.Sprintf("region code %q; expected NL01, CG01, a GGD region (GG + 4 digits) or a gemeente (GM + 4 digits)", code))
			return
		}
		if first, dup := seen[code]; dup {
			r.dup(line, iRegio, fmt.Sprintf("second row for region %s (first on line %d); expected one row per region", code, first))
			return
		}
		seen[code] = line
		p := pending{code: code, line: line}
		for _, ic := range inds {
			raw := strings.TrimSpace(rec[ic.col])
			if raw == "" || raw == "." {
				p.cells = append(p.cells, Cell{Indicator: ic.ind, Suppressed: true})
				continue
			}
			v, ok := ParseDecimal(raw)
			if !ok {
				r.bad(line, ic.col, NumberProblem(raw, false)+", or empty for suppressed")
				continue
			}
			if v < 0 || v > 100 {
				r.bad(line, ic.col, fmt.Sprintf("value %s is outside 0-100; expected a percentage", raw))
				continue
			}
			p.cells = append(p.cells, Cell{Indicator: ic.ind, Value: v + 0})
		}
		rows = append(rows, p)
	})
	if err != nil {
		return nil, "", err
	}
	if len(periods) > 1 {
		return nil, "", &ParseError{File: name, Line: 2, Err: ErrInvalidValue, Field: "Perioden",
			Msg: fmt.Sprintf("the file holds %d periods; expected one (load each edition as a file of its own)", len(periods))}
	}
	// StatLine publishes each edition in the municipal division of its year.
	div := period
	gemeenten := LoadReference().Gemeenten(div)
	if gemeenten == nil {
		return nil, "", &ParseError{File: name, Line: 2, Err: ErrInvalidValue,
			Msg: fmt.Sprintf("period %d: lpa knows the municipal divisions of %d-%d only; expected an edition of those years", period, BaseDivision, LastDivision)}
	}
	for _, p := range rows {
		if _, ok := gemeenten[p.code]; strings.HasPrefix(p.code, "GM") && !ok {
			r.bad(p.line, iRegio, fmt.Sprintf("gemeente %s does not exist in the municipal division of %d; expected a gemeente of that division (StatLine publishes the %d edition in it)", p.code, div, period))
		}
	}
	if err := r.probs.Err(name); err != nil {
		return nil, "", err
	}
	b.Dataset().Division = div
	suppressed := 0
	for _, p := range rows {
		level := LevelGemeente
		switch {
		case p.code == "NL01":
			level = LevelLand
		case p.code == "CG01":
			level = LevelCaribischNederland
		case strings.HasPrefix(p.code, "GG"):
			level = LevelGGDRegio
		}
		row := b.Row(p.code, level, period, AgeYoungAdults, SexTotal, p.line)
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
		return nil, "", err
	}
	note := fmt.Sprintf("period %d, age group %s (16 t/m 25 jaar), gemeenten in the division of %d; %d empty cells stored as suppressed (too few respondents)",
		period, AgeYoungAdults, div, suppressed)
	return d, note, nil
}
