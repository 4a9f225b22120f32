package indicatorstest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"lpa/indicators"
	"lpa/indicators/sources"
)

// MaxFuzzInput caps fuzz inputs, as Prometheus does (util/fuzzing,
// maxInputSize): bigger inputs only slow the fuzzer down.
const MaxFuzzInput = 64 << 10

// FuzzSeeds adds the files matching the patterns (relative to this
// package) to the corpus. Missing folders add nothing.
func FuzzSeeds(f *testing.F, patterns ...string) {
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
			if len(b) <= MaxFuzzInput {
				f.Add(b)
			}
		}
	}
}

// Fuzz parses data, a fuzz input named name, for a fuzzer: an input over
// MaxFuzzInput is skipped; a refusal must come without a result and as
// located *ParseErrors (CheckParseErr). ok reports whether parse accepted
// the input. The fuzzer defers FailOnPanic itself, so that its own checks
// are covered too.
func Fuzz[T comparable](t *testing.T, name string, data []byte, parse func(context.Context, string, []byte) (T, error)) (v T, ok bool) {
	t.Helper()
	if len(data) > MaxFuzzInput {
		t.Skip()
	}
	v, err := parse(t.Context(), name, data)
	if err != nil {
		var zero T
		if v != zero {
			t.Errorf("parsed and refused at once: %v", err)
		}
		CheckParseErr(t, name, err)
		return zero, false
	}
	return v, true
}

// FuzzParsed runs the fuzzer f on sources.Parse of its inputs, named name:
// a refusal must be located (Fuzz), a panic fails the case, and check gets
// every parsed file.
func FuzzParsed(f *testing.F, name string, check func(t *testing.T, p *indicators.Parsed)) {
	f.Fuzz(func(t *testing.T, data []byte) {
		defer FailOnPanic(t)
		if p, ok := Fuzz(t, name, data, sources.Parse); ok {
			check(t, p)
		}
	})
}

// FailOnPanic turns a panic into a test failure, so that a crasher in the
// corpus fails its own case instead of aborting the package's other tests.
func FailOnPanic(t *testing.T) {
	if r := recover(); r != nil {
		t.Fatalf("panic: %v\n%s", r, debug.Stack())
	}
}

// ObsLine is one observation as the tests compare it.
func ObsLine(d *indicators.Dataset, i int) string {
	o := d.Observation(i)
	c := d.Cells[i]
	r := d.Rows[c.Row]
	s := fmt.Sprintf("%s %s %d %s %s %s", o.RegionCode, o.RegionLevel, o.Period, o.AgeGroup, r.Sex, o.Indicator)
	switch {
	case c.Suppressed:
		s += " suppressed"
	default:
		s += fmt.Sprintf(" %g", o.Value)
	}
	if o.HasCI {
		s += fmt.Sprintf(" [%g, %g]", o.CILower, o.CIUpper)
	}
	if c.Note != 0 {
		s += " (" + d.Notes[c.Note] + ")"
	}
	return s
}

// LinesOf returns the observations of the rows of the dataset whose text
// starts with one of the prefixes, sorted.
func LinesOf(d *indicators.Dataset, prefixes ...string) []string {
	var out []string
	for i := range d.Cells {
		s := ObsLine(d, i)
		for _, p := range prefixes {
			if strings.HasPrefix(s, p) {
				out = append(out, s)
				break
			}
		}
	}
	slices.Sort(out)
	return out
}

// Testdata reads a file of indicators/testdata.
func Testdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// SharedData returns the path of a file of the real test data (../shared/data
// next to the repository, or $LPA_SHARED_DATA), or skips.
func SharedData(t *testing.T, rel string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "data")
	if d := os.Getenv("LPA_SHARED_DATA"); d != "" {
		dir = d
	}
	p := filepath.Join(dir, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not present: this test needs the real data of ../shared/data or $LPA_SHARED_DATA (CI has it)", p)
	}
	return p
}

// ParseShared parses a file of the real test data (SharedData), or skips.
func ParseShared(t *testing.T, rel string) *indicators.Parsed {
	t.Helper()
	p := SharedData(t, rel)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := sources.Parse(t.Context(), filepath.Base(p), b)
	if err != nil {
		t.Fatal(err)
	}
	return parsed
}

// Ptr returns a pointer to v.
func Ptr[T any](v T) *T { return &v }
