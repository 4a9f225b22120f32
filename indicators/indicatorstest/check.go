package indicatorstest

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"lpa/indicators"
	"lpa/indicators/monitor"
)

// maxValue is the largest value a source's indicators may take: 100 for
// percentages, 120 for life expectancy in years.
func maxValue(source string) float64 {
	if source == monitor.SourceLifeExpectancy {
		return 120
	}
	return 100
}

// CheckParseErr checks what every parser promises about its errors: each
// problem is a *ParseError naming the file and wrapping a sentinel. The one
// exception is the "N more problems not shown" line Problems.Err adds past
// maxProblems.
func CheckParseErr(t *testing.T, name string, err error) {
	t.Helper()
	var pe *indicators.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error is no *ParseError: %v (%T)", err, err)
	}
	sentinels := []error{indicators.ErrInvalidValue, indicators.ErrMissingColumn, indicators.ErrDuplicateKey, indicators.ErrUnknownKind, indicators.ErrMalformed}
	for _, e := range FlattenErrors(err) {
		if !errors.As(e, &pe) {
			if strings.HasSuffix(e.Error(), "more problems not shown") {
				continue
			}
			t.Fatalf("joined error is no *ParseError: %v (%T)", e, e)
		}
		if pe.File != name {
			t.Errorf("ParseError.File = %q, want %q: %v", pe.File, name, pe)
		}
		known := false
		for _, s := range sentinels {
			known = known || errors.Is(pe, s)
		}
		if !known {
			t.Errorf("ParseError wraps no sentinel: %v (Err %v)", pe, pe.Err)
		}
		if pe.Msg == "" {
			t.Errorf("ParseError without a message: %#v", pe)
		}
	}
}

// CheckDataset checks the invariants of a parsed StatLine dataset.
func CheckDataset(t *testing.T, d *indicators.Dataset) {
	t.Helper()
	if len(d.Rows) == 0 {
		t.Error("dataset without rows")
	}
	if len(d.Cells) == 0 {
		// Loading it would empty every slice it covers.
		t.Error("dataset without cells")
	}
	type rowKey struct {
		code   string
		period int
		age    string
		sex    string
	}
	keys := map[rowKey]bool{}
	for _, r := range d.Rows {
		if !indicators.SourceRegionOK(r.RegionCode, r.RegionLevel) {
			t.Errorf("line %d: region %q is no CBS %s code", r.Line, r.RegionCode, r.RegionLevel)
		}
		k := rowKey{r.RegionCode, r.Period, r.AgeGroup, r.Sex}
		if keys[k] {
			t.Errorf("line %d: key %v twice", r.Line, k)
		}
		keys[k] = true
	}
	type cellKey struct {
		row int32
		ind string
	}
	cells := map[cellKey]bool{}
	for i, c := range d.Cells {
		if c.Row < 0 || int(c.Row) >= len(d.Rows) || int(c.Indicator) >= len(d.Indicators) {
			t.Fatalf("cell %d points outside the dataset: %+v", i, c)
		}
		if c.Suppressed && c.Value != 0 {
			t.Errorf("cell %d: suppressed with value %v", i, c.Value)
		}
		// Percentages of the catalogue lie in 0-100 (life expectancy in
		// 0-120); other units (counts, euros of a StatLine export) only need
		// to be finite numbers.
		if ind, ok := CatalogueUnits()[d.Indicators[c.Indicator]]; ok && (ind == "%" || ind == "jaar") {
			if !(c.Value >= 0 && c.Value <= maxValue(d.Source)) {
				t.Errorf("cell %d: value %v outside 0-%v", i, c.Value, maxValue(d.Source))
			}
		} else if math.IsNaN(c.Value) || math.IsInf(c.Value, 0) {
			t.Errorf("cell %d: value %v", i, c.Value)
		}
		if c.HasCI && !(c.Lo <= c.Value && c.Value <= c.Hi) {
			t.Errorf("cell %d: value %v outside its interval [%v, %v]", i, c.Value, c.Lo, c.Hi)
		}
		k := cellKey{c.Row, d.Indicators[c.Indicator]}
		if cells[k] {
			t.Errorf("line %d: two values for indicator %s", d.Rows[c.Row].Line, k.ind)
		}
		cells[k] = true
	}
}

// CatalogueUnits maps the shipped catalogue's keys to their units.
func CatalogueUnits() map[string]string {
	out := map[string]string{}
	for _, ind := range indicators.LoadReference().Catalogue {
		out[ind.Key] = ind.Unit
	}
	return out
}

// FlattenErrors undoes errors.Join.
func FlattenErrors(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, FlattenErrors(e)...)
		}
		return out
	}
	return []error{err}
}

// CheckStatus checks the invariants of a parsed status file (FuzzParse).
func CheckStatus(t *testing.T, s *indicators.StatusSet) {
	t.Helper()
	type key struct {
		d    time.Time
		code string
	}
	seen := map[key]bool{}
	for _, r := range s.Rows {
		if _, ok := indicators.Statuses.Lookup(r.Status); !ok || indicators.LoadReference().GemeentenOn(r.Peildatum)[r.GemeenteCode] == "" {
			t.Errorf("row %+v: status or gemeente invalid", r)
		}
		k := key{r.Peildatum, r.GemeenteCode}
		if seen[k] {
			t.Errorf("row %+v twice", r)
		}
		seen[k] = true
	}
}

// CheckTemplate checks the invariants of a parsed template (FuzzParse).
func CheckTemplate(t *testing.T, td *indicators.TemplateData) {
	t.Helper()
	seen := map[string]bool{}
	once := func(k string) {
		if seen[k] {
			t.Errorf("key %s twice", k)
		}
		seen[k] = true
	}
	nonneg := func(ps ...*int64) {
		for _, p := range ps {
			if p != nil && *p < 0 {
				t.Errorf("negative count %d", *p)
			}
		}
	}
	for _, r := range td.Quarters {
		once("q " + r.AccordID + " " + r.Quarter.String())
		nonneg(r.PartiesActive, r.SteeringMeetings, r.WorkingGroupMeetings, r.ResidentsInvolved)
	}
	for _, r := range td.Budget {
		once("b " + r.AccordID + " " + r.Quarter.String() + " " + r.Line)
		for _, m := range []*float64{r.PlannedEUR, r.SpentEUR} {
			if m != nil && *m < 0 {
				t.Errorf("negative amount %v", *m)
			}
		}
	}
	for _, r := range td.Interventions {
		once("i " + r.AccordID + " " + r.ID)
		if _, ok := indicators.InterventionStatuses.Lookup(r.Status); !ok || r.Name == "" {
			t.Errorf("intervention %+v", r)
		}
	}
	for _, r := range td.Reach {
		once("r " + r.AccordID + " " + r.InterventionID + " " + r.Quarter.String())
		nonneg(r.Planned, r.Reached)
	}
	for _, q := range quarterList(td) {
		if q.Q < 1 || q.Q > 4 || q.Year < 2018 {
			t.Errorf("quarter %v", q)
		}
	}
}

func quarterList(td *indicators.TemplateData) []indicators.Quarter {
	var out []indicators.Quarter
	for _, r := range td.Quarters {
		out = append(out, r.Quarter)
	}
	for _, r := range td.Budget {
		out = append(out, r.Quarter)
	}
	for _, r := range td.Reach {
		out = append(out, r.Quarter)
	}
	return out
}

// CheckCareCosts checks the invariants of parsed care costs (FuzzParse).
func CheckCareCosts(t *testing.T, c *indicators.CareCosts) {
	t.Helper()
	if len(c.Rows) == 0 || len(c.Columns) == 0 || len(c.Costs) != len(c.Rows)*len(c.Columns) {
		t.Fatalf("%d rows, %d columns, %d costs", len(c.Rows), len(c.Columns), len(c.Costs))
	}
	if indicators.LoadReference().Gemeenten(c.Division) == nil {
		t.Errorf("division %d unknown", c.Division)
	}
	type key struct{ code, sex, age string }
	seen := map[key]bool{}
	rest := 0
	for _, r := range c.Rows {
		if r.Rest {
			rest++
			if r.GemeenteCode != "" || r.Sex != "" || r.AgeClass != "" {
				t.Errorf("line %d: rest row with a gemeente, sex or age", r.Line)
			}
			continue
		}
		if _, ok := indicators.LoadReference().Gemeenten(c.Division)[r.GemeenteCode]; !ok {
			t.Errorf("line %d: %s is no gemeente of division %d", r.Line, r.GemeenteCode, c.Division)
		}
		if r.Sex != indicators.SexMale && r.Sex != indicators.SexFemale {
			t.Errorf("line %d: sex %q", r.Line, r.Sex)
		}
		k := key{r.GemeenteCode, r.Sex, r.AgeClass}
		if seen[k] {
			t.Errorf("line %d: key %v twice", r.Line, k)
		}
		seen[k] = true
		if r.BSNCount < 0 || !(r.InsuredYears >= 0) {
			t.Errorf("line %d: count %d, insured years %v", r.Line, r.BSNCount, r.InsuredYears)
		}
	}
	if rest > 1 {
		t.Errorf("%d rest rows", rest)
	}
	for _, v := range c.Costs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Errorf("cost %v", v)
		}
	}
}
