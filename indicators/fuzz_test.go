package indicators

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

// maxFuzzInput caps fuzz inputs, as Prometheus does (util/fuzzing,
// maxInputSize): bigger inputs only slow the fuzzer down.
const maxFuzzInput = 64 << 10

// fuzzSeeds adds the files matching the patterns (relative to this
// package) to the corpus. Missing folders add nothing.
func fuzzSeeds(f *testing.F, patterns ...string) {
	f.Helper()
	for _, pat := range patterns {
		paths, err := filepath.Glob(pat)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range paths {
			if strings.HasSuffix(p, ".md") {
				continue
			}
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			if len(b) <= maxFuzzInput {
				f.Add(b)
			}
		}
	}
}

// failOnPanic turns a panic into a test failure, so that a crasher in the
// corpus fails its own case instead of aborting the package's other tests.
func failOnPanic(t *testing.T) {
	if r := recover(); r != nil {
		t.Fatalf("panic: %v\n%s", r, debug.Stack())
	}
}

// checkParseErr checks what every parser promises about its errors: each
// problem is a *ParseError naming the file and wrapping a sentinel. The one
// exception is the "N more problems not shown" line Problems.Err adds past
// maxProblems.
func checkParseErr(t *testing.T, name string, err error) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error is no *ParseError: %v (%T)", err, err)
	}
	sentinels := []error{ErrInvalidValue, ErrMissingColumn, ErrDuplicateKey, ErrUnknownKind, ErrMalformed}
	for _, e := range flattenErrors(err) {
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

// FuzzParse feeds arbitrary bytes to Parse as a CSV file. The name carries a
// year so that the CBS parsers, which read the division from the name, can
// succeed too.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f, "testdata/*.csv", "../cmd/lpa/testdata/bad/*", "../cmd/lpa/testdata/good/*")
	f.Add([]byte("municipalityName;municipalityCode;provinceCode;provinceName;population\n\"Ameland\";\"GM0060\";\"PV21\";\"Friesland\";\"3716\"\n"))
	const name = "f_2020.csv"
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			t.Skip()
		}
		defer failOnPanic(t)
		p, err := Parse(t.Context(), name, data)
		if err != nil {
			if p != nil {
				t.Errorf("Parse returned a result and an error: %v", err)
			}
			checkParseErr(t, name, err)
			return
		}
		set := 0
		if d := p.Dataset; d != nil {
			set++
			checkDataset(t, d)
		}
		if rs := p.Regions; rs != nil {
			set++
			seen := map[string]bool{}
			for _, r := range rs.Regions {
				if !RegionCodeOK(r.Code, r.Level) {
					t.Errorf("region %q is no CBS %s code", r.Code, r.Level)
				}
				if seen[r.Code] {
					t.Errorf("region %s twice", r.Code)
				}
				seen[r.Code] = true
				if r.Population < -1 {
					t.Errorf("region %s population %d", r.Code, r.Population)
				}
			}
		}
		if p.Accord != nil {
			set++
		}
		if c := p.CareCosts; c != nil {
			set++
			checkCareCosts(t, c)
		}
		if p.Status != nil {
			set++
			checkStatus(t, p.Status)
		}
		if p.Template != nil {
			set++
			checkTemplate(t, p.Template)
		}
		if set != 1 {
			t.Errorf("Parse set %d of Dataset, Regions, Accord; want 1", set)
		}
	})
}

// checkDataset checks the invariants of a parsed StatLine dataset.
func checkDataset(t *testing.T, d *Dataset) {
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
		if !SourceRegionOK(r.RegionCode, r.RegionLevel) {
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
		if ind, ok := catalogueUnits()[d.Indicators[c.Indicator]]; ok && (ind == "%" || ind == "jaar") {
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

// FuzzParseDecimal: what ParseDecimal accepts is a plain decimal that
// formats and parses back to the same number.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"76.1", "0", "-2.5", "100", "12,3", "1e5", ".5", "5.", " 5", "+5", "0x10", "Inf", "NaN", "1_000", "-0", "007"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := ParseDecimal(s)
		if !ok {
			return
		}
		if strings.Trim(s, "-0123456789.") != "" {
			t.Errorf("ParseDecimal(%q) accepted characters other than -, digits and a point", s)
		}
		formatted := strconv.FormatFloat(v, 'f', -1, 64)
		back, ok := ParseDecimal(formatted)
		if !ok || back != v {
			t.Errorf("ParseDecimal(%q) = %v; formatted %q parses back to %v, %v", s, v, formatted, back, ok)
		}
	})
}

// FuzzParseAccord: a registry file that parses is a valid accord; one that
// does not is refused with located ParseErrors.
func FuzzParseAccord(f *testing.F) {
	fuzzSeeds(f, "../examples/accords/*.yaml", "../cmd/lpa/testdata/bad/*.yaml")
	const name = "achterhoek.yaml"
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			t.Skip()
		}
		defer failOnPanic(t)
		a, err := ParseAccord(name, data)
		if err != nil {
			if a != nil {
				t.Errorf("ParseAccord returned an accord and an error: %v", err)
			}
			checkParseErr(t, name, err)
			return
		}
		if a.ID != "achterhoek" || a.Name == "" || a.File != name {
			t.Errorf("accord id %q, name %q, file %q", a.ID, a.Name, a.File)
		}
		seen := map[string]bool{}
		for _, m := range a.Members {
			if !RegionCodeOK(m, LevelGemeente) || seen[m] {
				t.Errorf("member %q invalid or repeated", m)
			}
			seen[m] = true
		}
		switch {
		case a.Kind == "lokaal" && len(a.Members) == 1:
		case a.Kind == "regionaal" && len(a.Members) >= 2:
		default:
			t.Errorf("kind %q with %d members", a.Kind, len(a.Members))
		}
		if a.SignedYear < 2018 || (!a.SignedOn.IsZero() && a.SignedOn.Year() != a.SignedYear) {
			t.Errorf("signed %v, year %d", a.SignedOn, a.SignedYear)
		}
		if a.Division < 2010 || a.Division > 2100 {
			t.Errorf("division %d", a.Division)
		}
	})
}

// catalogueUnits maps the shipped catalogue's keys to their units.
func catalogueUnits() map[string]string {
	out := map[string]string{}
	for _, ind := range LoadReference().Catalogue {
		out[ind.Key] = ind.Unit
	}
	return out
}
