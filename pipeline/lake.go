package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"lpa/pipeline/store"
)

// The Parquet lake (lpa export --parquet DIR, and lpa serve's export job):
// every public view of the warehouse as Parquet that DuckDB, Spark, Trino
// or pandas read unchanged, partitioned Hive-style where the data grows:
//
//	DIR/manifest.json
//	DIR/observations/source=50090NED/period=2020/part-<checksum>.parquet
//	DIR/population_metrics/round=2020-11-01/part-<checksum>.parquet
//	DIR/accords/part-<checksum>.parquet
//
// Every row is read through the guarded read path, as Arrow record batches
// that arrow-go writes as Parquet (zstd): the warehouse runs with DuckDB's
// file access off and its configuration locked, so DuckDB itself writes no
// file (no COPY), and the lake holds exactly what any reader may see.
//
// Each partition is read by a query of its own (the guarded read path
// holds a whole result in memory: a partition's size bounds the export's
// memory, not the view's), and only the partitions that changed are read.
//
// A partition is replaced whole: its folder is written into the staging
// folder DIR/.lpa-tmp and swapped in by one rename. A partition whose
// content did not change stays as it is (same file, same inode): the
// manifest and the file's name carry a checksum of its content (row count
// and the sum of the rows' hashes, computed by DuckDB), and an export
// writes only what differs. Every partition is staged before the first
// swap, so an export that is stopped while it writes (a cancelled context,
// an error) leaves the lake before it untouched; the swaps and the
// manifest follow in quick succession, and a stop between them (kill -9)
// leaves whole partitions that the next export puts right.

// Lake file names.
const (
	LakeManifest = "manifest.json" // the lake's manifest, beside the views
	lakeStaging  = ".lpa-tmp"      // staging folder; readers skip names that start with "."
	hiveNull     = "__HIVE_DEFAULT_PARTITION__"
	// lakeRowGroup is the rows of a Parquet row group: DuckDB's own
	// default, so that engines read a large partition in parallel.
	lakeRowGroup = 122880
)

// StageExport is the stage of an export's Step events: views done of all.
const StageExport = "export"

// ErrNoView: a view the warehouse does not have.
var ErrNoView = errors.New("no such view")

// lakeKeys are the partition columns of a view in the lake (nil: one file).
// Observations come in editions of a source (the 50090NED editions hold
// 350,000 to 550,000 rows each, a regional table a few dozen) and grow by
// editions; care costs (3.8 million rows) by year; metrics and the figures
// of the reports by round. The other views are small and are one file.
func lakeKeys(view string) []string {
	switch view {
	case "observations", "observation_sources":
		return []string{"source", "period"}
	case "care_costs":
		return []string{"period"}
	case "accord_metrics", "population_metrics", "goal_progress", "accord_effects", "triple_aim",
		"national_evaluation", "process_summary", "process_details", "project_summary",
		"report_figures", "report_figure_sources", "report_figure_metric_sources":
		return []string{"round"}
	}
	return nil
}

// Lake is a lake's manifest (DIR/manifest.json).
type Lake struct {
	Version string `json:"lpa_version"`
	Schema  int    `json:"schema_version"`
	// Fingerprint names the data behind the warehouse: the loads' content
	// and lpa's version (see dataFingerprint). The checksums name what the
	// lake holds.
	Fingerprint string `json:"data_fingerprint"`
	// WrittenAt is when the lake last changed: an export that finds
	// nothing to change leaves the manifest as it is.
	WrittenAt time.Time  `json:"written_at"`
	Views     []LakeView `json:"views"`
}

// LakeView is one view of the lake.
type LakeView struct {
	Name        string          `json:"name"`
	Columns     []LakeColumn    `json:"columns"`
	PartitionBy []string        `json:"partitioned_by,omitempty"`
	Rows        int64           `json:"rows"`
	Partitions  []LakePartition `json:"partitions"`
}

// LakeColumn is a column of a view and its DuckDB type. Partition columns
// are not in the files; Hive-style readers take them from the folders.
type LakeColumn struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// LakePartition is one Parquet file of a view.
type LakePartition struct {
	File     string             `json:"file"` // relative to the lake, with "/"
	Values   map[string]*string `json:"values,omitempty"`
	Rows     int64              `json:"rows"`
	Checksum string             `json:"checksum"`
}

// LakeResult says what an export did.
type LakeResult struct {
	Dir      string
	Manifest Lake
	// Partitions written, left as they were, and removed (of views the
	// warehouse no longer has too).
	Written, Kept, Removed int
	// Changed: the manifest was written (else the lake was up to date).
	Changed bool
}

// lakePlan is one view's part of an export: what it stages and what goes.
type lakePlan struct {
	view     LakeView
	relayout bool     // no earlier export of the view, or other partition columns: the view's folder is replaced whole
	write    []string // the partitions' folders (relative to the lake) staged for the swap
	stale    []string // the partitions' folders to remove
}

// ExportLake writes the public views of the warehouse into the Parquet
// lake dir (created if need be); views: only these (nil: all, and views
// the warehouse no longer has leave the lake). Nothing may write the
// warehouse meanwhile: lpa serve exports under its writer lock.
func (p *Pipeline) ExportLake(ctx context.Context, dir string, views []string) (*LakeResult, error) {
	dir = filepath.Clean(dir)
	res := &LakeResult{Dir: dir}
	old, err := readLake(dir)
	if err != nil {
		return nil, err
	}
	public, err := p.db.PublicTables(ctx)
	if err != nil {
		return nil, err
	}
	names, err := selectViews(public, views)
	if err != nil {
		return nil, err
	}
	fp, err := p.dataFingerprint(ctx)
	if err != nil {
		return nil, err
	}
	stage := filepath.Join(dir, lakeStaging)
	if err := os.RemoveAll(stage); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(stage, "new"), 0o755); err != nil {
		return nil, err
	}
	defer os.RemoveAll(stage)
	before := map[string]LakeView{}
	for _, v := range old.Views {
		before[v.Name] = v
	}

	// Stage every partition that changed; the lake stays as it was.
	var plans []lakePlan
	for i, name := range names {
		prev, had := before[name]
		pl, err := p.stageView(ctx, dir, stage, name, prev, had)
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", name, err)
		}
		plans = append(plans, pl)
		res.Written += len(pl.write)
		res.Removed += len(pl.stale)
		res.Kept += len(pl.view.Partitions) - len(pl.write)
		p.events.Step(StageExport, i+1, len(names))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	next := Lake{Version: p.version, Schema: store.SchemaVersion(), Fingerprint: fp, WrittenAt: old.WrittenAt}
	exported := map[string]bool{}
	for _, pl := range plans {
		exported[pl.view.Name] = true
		next.Views = append(next.Views, pl.view)
	}
	var gone []string
	for _, v := range old.Views {
		switch {
		case exported[v.Name]:
		case views != nil && slices.Contains(public, v.Name):
			next.Views = append(next.Views, v) // not asked for: as the last export left it
		default:
			gone = append(gone, v.Name)
			res.Removed += len(v.Partitions)
		}
	}
	slices.SortFunc(next.Views, func(a, b LakeView) int { return strings.Compare(a.Name, b.Name) })
	if res.Written == 0 && res.Removed == 0 && len(gone) == 0 && sameLake(old, next) {
		res.Manifest = old
		return res, nil
	}

	// Swap the staged partitions in, remove what went, then the manifest.
	// From here on the context no longer stops the export: each step is a
	// rename or a removal.
	for _, pl := range plans {
		if err := commitView(dir, stage, pl); err != nil {
			return nil, fmt.Errorf("export %s: %w", pl.view.Name, err)
		}
	}
	for _, name := range gone {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return nil, err
		}
	}
	next.WrittenAt = p.now().UTC()
	b, err := json.MarshalIndent(next, "", "  ")
	if err != nil {
		return nil, err
	}
	tmp := filepath.Join(stage, LakeManifest)
	if err := writeFileSynced(tmp, func(w io.Writer) error { _, err := w.Write(append(b, '\n')); return err }); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, filepath.Join(dir, LakeManifest)); err != nil {
		return nil, err
	}
	syncDir(dir)
	res.Manifest, res.Changed = next, true
	return res, nil
}

// readLake reads dir's manifest: an empty one when dir is new or empty;
// an error when dir holds other files (it is no lake, and an export
// removes what it does not know).
func readLake(dir string) (Lake, error) {
	var l Lake
	b, err := os.ReadFile(filepath.Join(dir, LakeManifest))
	if errors.Is(err, fs.ErrNotExist) {
		entries, err := os.ReadDir(dir)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return l, err
		}
		for _, e := range entries {
			if e.Name() != lakeStaging {
				return l, fmt.Errorf("%s holds files but no %s, so it is no lake lpa wrote: give a new or an empty folder", dir, LakeManifest)
			}
		}
		return l, nil
	}
	if err != nil {
		return l, err
	}
	if err := json.Unmarshal(b, &l); err != nil {
		return l, fmt.Errorf("%s: %w", filepath.Join(dir, LakeManifest), err)
	}
	for _, v := range l.Views {
		// The names become paths that an export removes: plain names only.
		if !validViewName(v.Name) {
			return l, fmt.Errorf("%s: view %q is not a plain name", filepath.Join(dir, LakeManifest), v.Name)
		}
	}
	return l, nil
}

func validViewName(name string) bool {
	return name != "" && name != LakeManifest && !strings.HasPrefix(name, ".") && filepath.IsLocal(name) &&
		!strings.ContainsAny(name, `/\`)
}

// selectViews checks the views asked for against the public ones.
func selectViews(public, views []string) ([]string, error) {
	if views == nil {
		return public, nil
	}
	var out []string
	for _, v := range views {
		if !slices.Contains(public, v) {
			return nil, fmt.Errorf("%w %q; lpa sql \"SHOW TABLES\" lists the views", ErrNoView, v)
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out, nil
}

// sameLake reports whether two manifests say the same (written_at aside).
func sameLake(a, b Lake) bool {
	a.WrittenAt, b.WrittenAt = time.Time{}, time.Time{}
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(ja) == string(jb)
}

// commitView swaps the staged partitions of a view into the lake and
// removes those that went.
func commitView(dir, stage string, pl lakePlan) error {
	if pl.relayout {
		if err := os.RemoveAll(filepath.Join(dir, pl.view.Name)); err != nil {
			return err
		}
	}
	for _, d := range pl.write {
		if err := swapIn(filepath.Join(stage, "new", filepath.FromSlash(d)), filepath.Join(dir, filepath.FromSlash(d))); err != nil {
			return err
		}
	}
	for _, d := range pl.stale {
		target := filepath.Join(dir, filepath.FromSlash(d))
		if err := os.RemoveAll(target); err != nil {
			return err
		}
		// Folders of a key that has no partition left (source=X when
		// its last period went) go too.
		for up := filepath.Dir(target); up != filepath.Join(dir, pl.view.Name); up = filepath.Dir(up) {
			if os.Remove(up) != nil {
				break
			}
		}
		syncDir(filepath.Dir(target))
	}
	return nil
}

// swapIn puts the staged folder in place of target in one rename: an
// atomic exchange where the system has one (the old folder then waits in
// the staging folder, which goes at the end of the export), else target
// moves aside first.
func swapIn(staged, target string) error {
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(staged, target); err != nil {
			return err
		}
		syncDir(filepath.Dir(target))
		return nil
	}
	if err := exchange(staged, target); err != nil {
		old := staged + ".old"
		if err := os.Rename(target, old); err != nil {
			return err
		}
		if err := os.Rename(staged, target); err != nil {
			return errors.Join(err, os.Rename(old, target))
		}
	}
	syncDir(filepath.Dir(target))
	return nil
}

// dataFingerprint names the data behind the warehouse: the content
// (sha256) of every load whose rows are in it, whatever their order, and
// lpa's version, which fixes the reference data and the metric SQL.
func (p *Pipeline) dataFingerprint(ctx context.Context) (string, error) {
	loads, err := p.db.ActiveLoads(ctx)
	if err != nil {
		return "", err
	}
	sums := make([]string, len(loads))
	for i, l := range loads {
		sums[i] = l.SHA256
	}
	slices.Sort(sums)
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", p.version)
	for _, s := range sums {
		fmt.Fprintf(h, "%s\n", s)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}
