package synth

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"lpa/examples"
)

// Options says what to generate.
type Options struct {
	// Factor is the volume against today's real data (../shared/data): 1,
	// 3, 10. Below 1 the files keep one edition each and fewer wijken,
	// buurten and Vektis gemeenten (a quick set for tests).
	Factor float64
	// Seed makes the values; the same seed and factor give the same bytes.
	Seed uint64
	// NoRegistry leaves out the example registry of examples/ (accords,
	// VNG status, process and project data), which compute and report need.
	NoRegistry bool
	// Workers bounds the files written at once (0: GOMAXPROCS).
	Workers int
}

// File is one written file.
type File struct {
	Path  string `json:"path"`  // relative to the folder, with slashes
	Kind  string `json:"kind"`  // the kind lpa recognises it as
	Cells int64  `json:"cells"` // the rows lpa stores from it (cells of a wide table)
	Bytes int64  `json:"bytes"`
}

// Summary is what Generate wrote; it is also written as DIR/.lpa-synth.json
// (hidden, so lpa load skips it).
type Summary struct {
	Factor float64 `json:"factor"`
	Seed   uint64  `json:"seed"`
	Plan   Plan    `json:"plan"`
	Files  []File  `json:"files"`
	Cells  int64   `json:"cells"` // the sum over Files
}

// ManifestName is the summary's file name in the folder.
const ManifestName = ".lpa-synth.json"

// Generate writes the data set of o into dir, which must be empty or new.
func Generate(ctx context.Context, dir string, o Options) (*Summary, error) {
	if o.Factor <= 0 || math.IsNaN(o.Factor) || o.Factor > 1000 {
		return nil, fmt.Errorf("factor %v; expected a number above 0 (1 is today's volume)", o.Factor)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if ents, err := os.ReadDir(dir); err != nil {
		return nil, err
	} else if len(ents) > 0 {
		return nil, fmt.Errorf("%s is not empty; expected a new or empty folder", dir)
	}
	u, err := loadUniverse()
	if err != nil {
		return nil, err
	}
	plan := NewPlan(o.Factor)
	g := &gen{dir: dir, seed: o.Seed, u: u, plan: plan}
	jobs := g.jobs(!o.NoRegistry)
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	eg, ctx := errgroup.WithContext(ctx)
	eg.SetLimit(workers)
	for _, j := range jobs {
		eg.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := j(); err != nil {
				return err
			}
			return nil
		})
	}
	if err := eg.Wait(); err != nil {
		return nil, err
	}
	s := &Summary{Factor: o.Factor, Seed: o.Seed, Plan: plan, Files: g.files}
	slices.SortFunc(s.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	for _, f := range s.Files {
		s.Cells += f.Cells
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, ManifestName), append(b, '\n'), 0o644); err != nil {
		return nil, err
	}
	return s, nil
}

// Plan is how the sources grow at a factor: the editions of each and the
// share of wijken and buurten kept.
type Plan struct {
	// Editions50090 are the files of 50090NED (year and Leeftijd code),
	// each written as .csv.gz and as .xlsx as the real folder has them.
	Editions50090 []Edition `json:"editions_50090ned"`
	VektisYears   []int     `json:"vektis_years"`
	Editions50140 []int     `json:"editions_50140ned"`
	// Thin is the share of wijken and buurten written (1 from factor 1 up;
	// Vektis keeps 10 times as large a share of its gemeenten).
	Thin float64 `json:"thin"`
}

// Edition is one file of 50090NED: an edition year and an age group.
type Edition struct {
	Year int    `json:"year"`
	Age  string `json:"age"` // StatLine Leeftijd code
}

// What one unit of each growing source adds, in stored rows, on today's
// data (../shared/data loaded): a 50090NED edition as .csv.gz and .xlsx
// plus its gemeenten in the stacked file, a Vektis year, a 50140NED
// edition; and the rest, which does not grow (region lists, the small
// monitor files, the StatLine exports).
const (
	cellsPair50090 = 2*456_646 + 9_375
	cellsVektis    = 294_867
	cells50140     = 54_020
	cellsFixed     = 24_862
	cellsToday     = cellsFixed + 3*cellsPair50090 + 13*cellsVektis + cells50140
)

// The axes the sources can grow along. Vektis states a file's year in its
// name (2006, the first Zvw year, to 2099): at most 94 years, so from about
// 7x on, 50090NED (any year, any Leeftijd code) makes up the rest.
// 50140NED's editions need a municipal division lpa knows (2020-2025) and
// come after 2020.
var (
	years50090 = func() []int {
		ys := []int{2020, 2016, 2012, 2018, 2014, 2010, 2019, 2017, 2015, 2013, 2011}
		for y := 2009; y >= 1950; y-- {
			ys = append(ys, y)
		}
		return ys
	}()
	ages50090 = []string{"20300", "53115", "21700"} // 18+, 18-65, 65+ (StatLine Leeftijd)
	// The real years first (newest first), then back to 2006, then ahead.
	yearsVektis = func() []int {
		var ys []int
		for y := 2023; y >= 2006; y-- {
			ys = append(ys, y)
		}
		for y := 2024; y <= 2099; y++ {
			ys = append(ys, y)
		}
		return ys
	}()
	// 50140NED's extra editions come after the first real one, as real
	// ones do: none of them before a round of 2020 (the example
	// registry's), so that a larger set has more of the same, not a source
	// that a smaller set's reports lack.
	years50140 = []int{2024, 2022, 2023, 2025, 2021}
)

// NewPlan says how each source grows at factor f so that the whole holds
// about f times today's rows: Vektis by years, 50140NED by editions (both
// capped), 50090NED by editions and age groups for the rest.
func NewPlan(f float64) Plan {
	p := Plan{Thin: min(f, 1)}
	nV := clamp(int(math.Round(13*f)), 1, len(yearsVektis))
	n1 := clamp(int(math.Round(f)), 1, len(years50140))
	rest := f*cellsToday - cellsFixed - float64(nV)*cellsVektis - float64(n1)*cells50140
	n5 := clamp(int(math.Round(rest/cellsPair50090)), 1, len(years50090)*len(ages50090))
	if f < 1 {
		n5 = 1
	}
	p.VektisYears = slices.Sorted(slices.Values(yearsVektis[:nV]))
	p.Editions50140 = slices.Sorted(slices.Values(years50140[:n1]))
	// Up to 3 files: the 18+ editions; more: all three age groups of as
	// many years as it takes, age group by age group.
	nYears := n5
	if n5 > 3 {
		nYears = max(3, (n5+len(ages50090)-1)/len(ages50090))
	}
	years := slices.Sorted(slices.Values(years50090[:nYears]))
	for _, age := range ages50090 {
		for _, y := range years {
			if len(p.Editions50090) < n5 {
				p.Editions50090 = append(p.Editions50090, Edition{y, age})
			}
		}
	}
	return p
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

// gen writes the files of one data set.
type gen struct {
	dir  string
	seed uint64
	u    *universe
	plan Plan

	mu    sync.Mutex
	files []File
}

// jobs lists one function per file to write.
func (g *gen) jobs(registry bool) []func() error {
	var js []func() error
	add := func(f func() error) { js = append(js, f) }
	// The big ones first, so that the workers end together.
	for _, e := range g.plan.Editions50090 {
		add(func() error { return g.write50090(e, false) })
		add(func() error { return g.write50090(e, true) })
	}
	for _, y := range g.plan.VektisYears {
		add(func() error { return g.writeVektis(y) })
	}
	for _, age := range ages50090 {
		var eds []Edition
		for _, e := range g.plan.Editions50090 {
			if e.Age == age {
				eds = append(eds, e)
			}
		}
		if len(eds) > 0 {
			add(func() error { return g.writeStacked50090(eds) })
		}
	}
	for _, y := range g.plan.Editions50140 {
		add(func() error { return g.write50140(y, len(g.plan.Editions50140) > 1) })
	}
	add(g.writeKerncijfers)
	add(g.write85563)
	add(g.writeLifeExpectancy)
	add(g.writeOverweight)
	add(g.writeSport)
	for _, y := range []int{2012, 2016, 2020, 2022} {
		add(func() error { return g.writeExportOverweight(y) })
		add(func() error { return g.writeExportIncome(y) })
	}
	// The region lists are real CBS files, bundled in examples/data.
	for _, name := range []string{"Gebieden_in_Nederland_2020_07122020_202646.csv", "Gebieden_in_Nederland_2023_25032025_175459.csv"} {
		add(func() error { return g.copyExample("data/"+name, "cbs_regiocodes/"+name, "cbs_regions") })
	}
	if registry {
		for _, dir := range []string{"accords", "status", "proces", "project"} {
			ents, err := fs.ReadDir(examples.FS, dir)
			if err != nil {
				return []func() error{func() error { return err }}
			}
			for _, e := range ents {
				add(func() error { return g.copyExample(dir+"/"+e.Name(), "registry/"+dir+"/"+e.Name(), "registry") })
			}
		}
	}
	return js
}

func (g *gen) copyExample(from, to, kind string) error {
	b, err := fs.ReadFile(examples.FS, from)
	if err != nil {
		return err
	}
	return g.save(to, kind, 0, b)
}

// rng is the random source of one file: the seed and the file's name, so
// that a file's bytes do not depend on the order the files are written in.
func (g *gen) rng(name string) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed, hash64(name)))
}

// save writes data to the folder as rel (gzipped when rel ends in .gz) and
// notes it.
func (g *gen) save(rel, kind string, cells int64, data []byte) error {
	if strings.HasSuffix(rel, ".gz") {
		var buf bytes.Buffer
		zw, err := gzip.NewWriterLevel(&buf, gzip.DefaultCompression) // no name, no time: the same bytes each time
		if err != nil {
			return err
		}
		if _, err := zw.Write(data); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		data = buf.Bytes()
	}
	path := filepath.Join(g.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	g.mu.Lock()
	g.files = append(g.files, File{Path: rel, Kind: kind, Cells: cells, Bytes: int64(len(data))})
	g.mu.Unlock()
	return nil
}

func hash64(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// unit is a number in [0, 1) that depends only on its parts.
func unit(parts ...string) float64 { return float64(hash64(parts...)>>11) / (1 << 53) }

// dec formats v with at most d decimals and no trailing zeros, with a
// decimal point or comma (Vektis "170530.86", StatLine "21,5", "70").
func dec(v float64, d int, comma bool) string {
	s := strconv.FormatFloat(round(v, d), 'f', d, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	if comma {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// fixed formats v with exactly d decimals ("16.0", "9,0").
func fixed(v float64, d int, comma bool) string {
	s := strconv.FormatFloat(round(v, d), 'f', d, 64)
	if comma {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func round(v float64, d int) float64 {
	p := math.Pow10(d)
	return math.Round(v*p) / p
}

// pct keeps a percentage within its bounds.
func pct(v float64) float64 { return math.Max(0, math.Min(100, v)) }

// pad right-pads s with spaces to n characters (StatLine's fixed widths).
func pad(s string, n int) string {
	if k := n - len([]rune(s)); k > 0 {
		return s + strings.Repeat(" ", k)
	}
	return s
}

// csvLine writes fields separated by sep with a line end, quoting a field
// only when it holds the separator or a quote (not for leading spaces, as
// encoding/csv would).
func csvLine(b *bytes.Buffer, sep byte, end string, fields ...string) {
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(sep)
		}
		if strings.IndexByte(f, sep) >= 0 || strings.IndexByte(f, '"') >= 0 {
			b.WriteByte('"')
			b.WriteString(strings.ReplaceAll(f, `"`, `""`))
			b.WriteByte('"')
			continue
		}
		b.WriteString(f)
	}
	b.WriteString(end)
}

// quotedLine writes every field quoted (StatLine's CSV exports).
func quotedLine(b *bytes.Buffer, end string, fields ...string) {
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(';')
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(f, `"`, `""`))
		b.WriteByte('"')
	}
	b.WriteString(end)
}

const bom = "\ufeff"
