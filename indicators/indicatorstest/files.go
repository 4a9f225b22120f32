package indicatorstest

import (
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

func Ptr[T any](v T) *T { return &v }
