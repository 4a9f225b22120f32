package statline

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"lpa/indicators"
)

// exportKey is what the filters and a row's dimension columns say about
// its values.
type exportKey struct {
	period int
	prelim string // "*" or "**": provisional at the source
	age    string // "" = the table population (Totaal)
	sex    string
}

// dimValue checks the value of dimension dim and fills it into k; it
// returns what is wrong, or "".
func dimValue(dim, v string, k *exportKey) string {
	n := indicators.NormName(v)
	switch dim {
	case dimPerioden:
		m := reExportPeriod.FindStringSubmatch(v)
		if m == nil {
			return fmt.Sprintf("period %q; expected a year such as 2020 (CBS marks provisional figures 2020*)", v)
		}
		k.period, _ = strconv.Atoi(m[1])
		k.prelim = m[2]
	case dimLeeftijd:
		if n == "totaal" {
			return ""
		}
		if m := reExportAge.FindStringSubmatch(v); m != nil && strings.EqualFold(strings.TrimSpace(m[0]), v) {
			k.age = exportAge(m[1])
			return ""
		}
		return fmt.Sprintf("Leeftijd %q; expected Totaal or \"N jaar of ouder\" (other age groups are not supported yet)", v)
	case dimGeslacht:
		switch n {
		case "totaal", "totaal mannen en vrouwen":
			k.sex = indicators.SexTotal
		case "mannen":
			k.sex = indicators.SexMale
		case "vrouwen":
			k.sex = indicators.SexFemale
		default:
			return fmt.Sprintf("Geslacht %q; expected Totaal, Mannen or Vrouwen", v)
		}
	case dimMarges, dimCijfersoort:
		if n != "waarde" {
			return fmt.Sprintf("%s %q: only values are supported for now (no interval bounds or other figure types); expected Waarde", dim, v)
		}
	}
	return ""
}

// exportPlan is what the filters and the title fix for the whole file.
type exportPlan struct {
	fixed        exportKey
	titleAge     string // age group of "N jaar of ouder" in the title
	titleYear    int    // the year the title ends with, 0 for none
	periodFrom   string // where the period comes from, for the note
	division     int    // 0 until stated or derived
	divisionFrom string
	slug         string // the source id
}

// plan reads what the filters and the title say about every row.
func (r *exportReader) plan(h *exportHeader) *exportPlan {
	p := &exportPlan{}
	for _, dim := range exportDimList {
		fl, ok := h.filters[dim]
		if !ok || dim == dimRegio {
			continue
		}
		if msg := dimValue(dim, fl.value, &p.fixed); msg != "" {
			r.bad(fl.line, 0, dim, indicators.ErrInvalidValue, msg)
		}
	}
	if m := reExportAge.FindStringSubmatch(h.title); m != nil {
		p.titleAge = exportAge(m[1])
	}
	if m := reExportTitleYr.FindStringSubmatch(h.title); m != nil {
		p.titleYear, _ = strconv.Atoi(m[1])
	}
	switch {
	case p.fixed.period != 0:
		p.periodFrom = fmt.Sprintf("from %q", h.filters[dimPerioden].key+": "+h.filters[dimPerioden].value)
	case slices.Contains(h.dims, dimPerioden):
		p.periodFrom = "from the Perioden column"
	case p.titleYear != 0:
		p.fixed.period = p.titleYear
		p.periodFrom = "from the year at the end of the title"
	case h.filters[dimPerioden].line == 0: // a bad Perioden filter is reported already
		r.bad(h.titleLine, 0, "", indicators.ErrMissingColumn,
			fmt.Sprintf("no period: no filter line \"Perioden: YYYY\", no Perioden column and no year at the end of the title %q; expected one of them", h.title))
	}
	if m := reExportIndeling.FindStringSubmatch(h.title); m != nil {
		p.division, _ = strconv.Atoi(m[1])
		p.divisionFrom = "as the title states: " + m[0]
		if indicators.LoadReference().Gemeenten(p.division) == nil {
			r.bad(h.titleLine, 0, "", indicators.ErrInvalidValue, fmt.Sprintf("title states %s; expected a municipal division lpa knows, %d-%d", m[0], indicators.BaseDivision, indicators.LastDivision))
		}
	}
	p.slug = exportSourceID(h.title, h.extra)
	if p.slug == sourcePrefixExport {
		r.bad(h.titleLine, 0, "", indicators.ErrMalformed, fmt.Sprintf("title %q names no table; expected the table title (the source id is made from it)", h.title))
	}
	return p
}

// divide picks the division when the title states none: the latest
// period's year, within the divisions lpa knows.
func (p *exportPlan) divide(rows []exportRow) {
	if p.division != 0 {
		return
	}
	latest := 0
	for _, rw := range rows {
		latest = max(latest, rw.key.period)
	}
	p.division = min(max(latest, indicators.BaseDivision), indicators.LastDivision)
	if p.division == latest {
		p.divisionFrom = "the period's year (the title states no indeling)"
	} else {
		p.divisionFrom = fmt.Sprintf("the period %d brought within the divisions lpa knows, %d-%d (the title states no indeling): names and codes as of %d", latest, indicators.BaseDivision, indicators.LastDivision, p.division)
	}
}

// indicators makes each topic an indicator of b: once each, and in the
// catalogue's unit where the catalogue has it.
func (r *exportReader) indicators(h *exportHeader, b *indicators.DatasetBuilder) {
	seenKey := map[string]int{}
	for j := range h.topics {
		tp := &h.topics[j]
		if first, dup := seenKey[tp.key]; dup {
			r.bad(h.topicLine, tp.col+1, tp.text, indicators.ErrDuplicateKey, fmt.Sprintf("topic %q is indicator %s again (column %d); expected each indicator once", tp.text, tp.key, first+1))
			continue
		}
		seenKey[tp.key] = tp.col
		if want := catalogueUnit(tp.key); want != "" && want != tp.unit {
			r.bad(h.unitsLine, tp.col+1, tp.text, indicators.ErrInvalidValue, fmt.Sprintf("topic %q has unit %q, but it is indicator %s, which lpa's catalogue has in %q; expected %q", tp.text, tp.unit, tp.key, want, want))
			continue
		}
		tp.ind = b.Indicator(tp.key)
	}
}

// exportRow is a data row whose dimension values are read.
type exportRow struct {
	rec  []string
	line int
	key  exportKey
}

// rows reads the data rows up to the footer ("Bron: CBS"), which must end
// the file.
func (r *exportReader) rows(ctx context.Context, h *exportHeader, p *exportPlan) ([]exportRow, error) {
	var rows []exportRow
	footer := 0
	for {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		rec, line, err := r.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			r.probs.AddErr(r.name, err)
			break
		}
		if r.probs.Full() {
			r.probs.Skip()
			continue
		}
		if len(rec) == 1 && strings.HasPrefix(indicators.NormName(rec[0]), "bron") {
			if footer == 0 {
				footer = line
			}
			continue
		}
		if footer != 0 {
			r.bad(line, 0, "", indicators.ErrMalformed, fmt.Sprintf("line after the footer %q (line %d); expected the footer to end the file", "Bron: ...", footer))
			continue
		}
		if k, ok := r.rowKey(h, p, rec, line); ok {
			rows = append(rows, exportRow{slices.Clone(rec), line, k})
		}
	}
	if footer == 0 && r.probs.Len() == 0 {
		r.bad(r.last+1, 0, "", indicators.ErrMalformed, fmt.Sprintf("file ends after line %d without the footer (\"Bron: CBS\") that ends every StatLine export; expected the complete file (was it cut off?)", r.last))
	}
	if len(rows) == 0 && r.probs.Len() == 0 {
		r.bad(r.last, 0, "", indicators.ErrMalformed, "no data rows after the header block; expected at least one region")
	}
	if p.titleYear != 0 && p.fixed.period != 0 && p.fixed.period != p.titleYear {
		fl := h.filters[dimPerioden]
		r.bad(fl.line, 0, dimPerioden, indicators.ErrInvalidValue, fmt.Sprintf("Perioden %d differs from the year the title ends with (%d); expected the title's year", p.fixed.period, p.titleYear))
	}
	return rows, nil
}

// rowKey reads the dimension columns of a data row (but Regio's, which
// needs the division).
func (r *exportReader) rowKey(h *exportHeader, p *exportPlan, rec []string, line int) (exportKey, bool) {
	if len(rec) != h.width {
		r.bad(line, 0, "", indicators.ErrMalformed, fmt.Sprintf("row has %d fields, the header %d; expected the %d row dimension(s) and %d values", len(rec), h.width, len(h.dims), len(h.topics)))
		return exportKey{}, false
	}
	k := p.fixed
	ok := true
	for i, dim := range h.dims {
		if dim == dimRegio {
			continue
		}
		if msg := dimValue(dim, rec[i], &k); msg != "" {
			r.bad(line, i+1, dim, indicators.ErrInvalidValue, msg)
			ok = false
		}
	}
	if ok && p.titleYear != 0 && k.period != p.titleYear {
		col := slices.Index(h.dims, dimPerioden) + 1
		r.bad(line, col, dimPerioden, indicators.ErrInvalidValue, fmt.Sprintf("period %d differs from the year the title ends with (%d); expected the title's year", k.period, p.titleYear))
		ok = false
	}
	return k, ok
}

// values resolves each row's region and adds its values to b. It returns
// the age groups and the provisional periods it met, for the note.
func (r *exportReader) values(h *exportHeader, p *exportPlan, rows []exportRow, b *indicators.DatasetBuilder) (ages map[string]bool, prelim map[int]bool) {
	regions := newExportRegions(p.division)
	iRegio := slices.Index(h.dims, dimRegio)
	ages, prelim = map[string]bool{}, map[int]bool{}
	for _, rw := range rows {
		regio, col, line := "", iRegio+1, rw.line
		if iRegio >= 0 {
			regio = rw.rec[iRegio]
		} else {
			fl := h.filters[dimRegio]
			regio, col, line = fl.value, 0, fl.line
		}
		code, level, problem := regions.resolve(regio)
		if problem != "" {
			r.bad(line, col, dimRegio, indicators.ErrInvalidValue, problem)
			continue
		}
		age := cmp.Or(rw.key.age, p.titleAge, indicators.AgeAll)
		ages[age] = true
		sex := cmp.Or(rw.key.sex, indicators.SexTotal)
		if rw.key.prelim != "" {
			prelim[rw.key.period] = true
		}
		if ri, dup := b.RowOf(code, rw.key.period, age, sex); dup {
			first := b.Dataset().Rows[ri].Line
			r.bad(rw.line, col, dimRegio, indicators.ErrDuplicateKey, fmt.Sprintf("second row for %s (%s), period %d, age group %s, sex %s (first on line %d); expected one row per region, period, age group and sex", regio, code, rw.key.period, age, sex, first))
			continue
		}
		r.cells(h, rw, b, b.Row(code, level, rw.key.period, age, sex, rw.line))
	}
	return ages, prelim
}

// cells adds the values of a data row to row ri.
func (r *exportReader) cells(h *exportHeader, rw exportRow, b *indicators.DatasetBuilder, ri int32) {
	for _, tp := range h.topics {
		raw := rw.rec[tp.col]
		switch raw {
		case "":
			continue // not published: not a row
		case ".":
			b.Suppressed(ri, tp.ind)
			continue
		}
		v, ok := indicators.ParseDecimalComma(raw)
		if !ok {
			r.bad(rw.line, tp.col+1, tp.text, indicators.ErrInvalidValue, indicators.NumberProblem(raw, true)+", \".\" for suppressed, or empty")
			continue
		}
		if tp.unit == "%" && (v < 0 || v > 100) {
			r.bad(rw.line, tp.col+1, tp.text, indicators.ErrInvalidValue, fmt.Sprintf("value %s is outside 0-100; expected a percentage (unit %%)", raw))
			continue
		}
		b.Value(ri, tp.ind, v)
	}
}
