package synth_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"lpa/indicators"
	"lpa/pipeline"
	"lpa/scripts/scale/synth"
)

// tiny is a factor that writes every kind of file once, with few wijken and
// buurten: quick to make and to load.
const tiny = 0.02

// TestDeterministic: the same seed and factor give the same bytes; another
// seed other values.
func TestDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, x := range []struct {
		dir  string
		seed uint64
	}{{a, 7}, {b, 7}, {c, 8}} {
		if _, err := synth.Generate(t.Context(), x.dir, synth.Options{Factor: tiny, Seed: x.seed, Workers: 1 + int(x.seed%2)}); err != nil {
			t.Fatal(err)
		}
	}
	fa, fb, fc := files(t, a), files(t, b), files(t, c)
	if !slices.Equal(keys(fa), keys(fb)) || !slices.Equal(keys(fa), keys(fc)) {
		t.Fatalf("different files:\n%v\n%v\n%v", keys(fa), keys(fb), keys(fc))
	}
	differ := 0
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
		if !bytes.Equal(data, fc[name]) {
			differ++
		}
	}
	if differ < 10 {
		t.Errorf("only %d files differ between seeds 7 and 8", differ)
	}
}

// TestLoads: lpa loads every file of a small set as the kind it was made
// as, stores as many rows as the generator counted, and computes a round
// that finds the gemeenten.
func TestLoads(t *testing.T) {
	dir := t.TempDir()
	s, err := synth.Generate(t.Context(), dir, synth.Options{Factor: tiny, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	paths, err := pipeline.ExpandPaths([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	srcs, err := pipeline.ReadSources(paths, 0)
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.Open(t.Context(), pipeline.Warehouse{}, pipeline.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	res, err := p.Load(t.Context(), srcs)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]synth.File{}
	for _, f := range s.Files {
		want[filepath.Join(dir, filepath.FromSlash(f.Path))] = f
	}
	kinds := map[indicators.Kind]bool{}
	for _, o := range res.Outcomes {
		f, ok := want[o.Path]
		if !ok {
			t.Errorf("%s loaded but not written", o.Path)
			continue
		}
		kinds[o.Kind] = true
		if f.Kind != "registry" && f.Kind != "cbs_regions" && string(o.Kind) != f.Kind {
			t.Errorf("%s: loaded as %s, written as %s", f.Path, o.Kind, f.Kind)
		}
		if f.Cells > 0 && int64(o.Rows) != f.Cells {
			t.Errorf("%s: %d rows stored, %d written", f.Path, o.Rows, f.Cells)
		}
	}
	if len(res.Outcomes) != len(s.Files) {
		t.Errorf("%d files loaded, %d written", len(res.Outcomes), len(s.Files))
	}
	for _, k := range []indicators.Kind{indicators.KindStatLine50090, indicators.KindVektisZvw, indicators.KindStatLine50140,
		indicators.KindCBSKerncijfers, indicators.KindCBSGebiedenGGD, indicators.KindCBSGebieden, indicators.KindMonitor2022GGD,
		indicators.KindLevensverwachting, indicators.KindSportLidmaatschap, indicators.KindVZinfoOvergewicht, indicators.KindStatLineExport,
		indicators.KindRegistry, indicators.KindAccordStatus} {
		if !kinds[k] {
			t.Errorf("no file of kind %s", k)
		}
	}
	counts, err := p.Compute(t.Context(), time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range counts {
		if c.Metric == "population_metrics" && c.Rows < 10000 { // 14 accords and every gemeente: about 42,000 at 1x
			t.Errorf("population_metrics: %d rows; the gemeenten were not found", c.Rows)
		}
	}
}

// TestPlan: the volume grows with the factor, each source along its axis.
func TestPlan(t *testing.T) {
	for _, tc := range []struct {
		factor             float64
		n50090, nV, n50140 int
	}{
		{1, 3, 13, 1},
		{3, 9, 39, 3},
		{10, 42, 94, 5},
	} {
		p := synth.NewPlan(tc.factor)
		if len(p.Editions50090) != tc.n50090 || len(p.VektisYears) != tc.nV || len(p.Editions50140) != tc.n50140 {
			t.Errorf("factor %g: %d 50090NED editions, %d Vektis years, %d 50140NED editions; want %d, %d, %d",
				tc.factor, len(p.Editions50090), len(p.VektisYears), len(p.Editions50140), tc.n50090, tc.nV, tc.n50140)
		}
	}
	p := synth.NewPlan(1)
	for _, e := range p.Editions50090 {
		if e.Age != "20300" || !slices.Contains([]int{2012, 2016, 2020}, e.Year) {
			t.Errorf("factor 1: edition %+v; want the real 18+ editions 2012, 2016, 2020", e)
		}
	}
}

func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
