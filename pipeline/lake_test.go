package pipeline_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"lpa/pipeline"
	"lpa/pipeline/store"
)

// fileStamp is what says that a file was not written again.
type fileStamp struct {
	Ino   uint64
	MTime time.Time
	Size  int64
}

// lakeFiles stamps every file of a lake by its path in the lake.
func lakeFiles(t *testing.T, dir string) map[string]fileStamp {
	t.Helper()
	out := map[string]fileStamp{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		st := fileStamp{MTime: fi.ModTime(), Size: fi.Size()}
		if s, ok := fi.Sys().(*syscall.Stat_t); ok {
			st.Ino = s.Ino
		}
		out[filepath.ToSlash(rel)] = st
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readManifest(t *testing.T, dir string) pipeline.Lake {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, pipeline.LakeManifest))
	if err != nil {
		t.Fatal(err)
	}
	var l pipeline.Lake
	if err := json.Unmarshal(b, &l); err != nil {
		t.Fatal(err)
	}
	return l
}

// rowsSum is a view's row count and the sum of the hashes of its rows,
// each row a struct of the view's columns in the view's order and types.
type rowsSum struct{ Rows, Sum string }

func rowStruct(cols []pipeline.LakeColumn, cast bool) string {
	var f []string
	for _, c := range cols {
		q := `"` + c.Name + `"`
		if cast {
			f = append(f, fmt.Sprintf("%s := CAST(%s AS %s)", q, q, c.Type))
		} else {
			f = append(f, fmt.Sprintf("%s := %s", q, q))
		}
	}
	return "struct_pack(" + strings.Join(f, ", ") + ")"
}

// checkLake reads every view of the lake back with a plain DuckDB
// (read_parquet, hive_partitioning) and compares its rows and checksum
// with the warehouse's view, and the manifest's counts with both; skip:
// views that changed since the export.
func checkLake(t *testing.T, db *store.DB, dir string, skip ...string) pipeline.Lake {
	t.Helper()
	m := readManifest(t, dir)
	views, err := db.PublicTables(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, v := range m.Views {
		names = append(names, v.Name)
	}
	if diff := cmp.Diff(views, names); diff != "" {
		t.Errorf("views of the manifest (-warehouse +manifest):\n%s", diff)
	}
	plain, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	for _, v := range m.Views {
		if slices.Contains(skip, v.Name) {
			continue
		}
		rows := queryRows(t, db, fmt.Sprintf(`SELECT count(*), coalesce(sum(hash(%s)), 0)::VARCHAR FROM "%s"`,
			rowStruct(v.Columns, false), v.Name))
		want := rowsSum{rows[0][0], rows[0][1]}
		var inParts int64
		for _, p := range v.Partitions {
			inParts += p.Rows
		}
		if fmt.Sprint(v.Rows) != want.Rows || inParts != v.Rows {
			t.Errorf("%s: the manifest says %d rows (%d in its partitions), the warehouse has %s", v.Name, v.Rows, inParts, want.Rows)
		}
		if v.Rows == 0 && len(v.PartitionBy) > 0 {
			if len(v.Partitions) != 0 {
				t.Errorf("%s: an empty view with partitions %v", v.Name, v.Partitions)
			}
			continue // no partition, no file
		}
		glob := filepath.Join(dir, v.Name, "*.parquet")
		if len(v.PartitionBy) > 0 {
			glob = filepath.Join(dir, v.Name, "**", "*.parquet")
		}
		var got rowsSum
		err := plain.QueryRow(fmt.Sprintf(`SELECT count(*)::VARCHAR, coalesce(sum(hash(%s)), 0)::VARCHAR FROM read_parquet('%s', hive_partitioning = true)`,
			rowStruct(v.Columns, true), glob)).Scan(&got.Rows, &got.Sum)
		if err != nil {
			t.Errorf("%s: read the lake: %v", v.Name, err)
			continue
		}
		if got != want {
			t.Errorf("%s: the lake has %+v, the warehouse %+v", v.Name, got, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".lpa-tmp")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the staging folder is left: %v", err)
	}
	return m
}

// partitionFiles maps each partition's file to its checksum.
func partitionFiles(m pipeline.Lake) map[string]string {
	out := map[string]string{}
	for _, v := range m.Views {
		for _, p := range v.Partitions {
			out[p.File] = p.Checksum
		}
	}
	return out
}

// cancelAt cancels an export when the view named has been staged.
type cancelAt struct {
	pipeline.NoEvents
	after  int
	cancel context.CancelFunc
}

func (c cancelAt) Step(stage string, done, _ int) {
	if stage == pipeline.StageExport && done == c.after {
		c.cancel()
	}
}

// TestLake: the bundled example job exported as a Parquet lake reads back
// in DuckDB with the warehouse's rows, view by view; a second export
// writes nothing; after a new round only the partitions that changed are
// written and a deleted round's partitions go; a stopped export leaves
// the lake before it as it was.
func TestLake(t *testing.T) {
	p, db := examplePipeline(t)
	round := time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC)
	if _, err := p.Run(t.Context(), pipeline.Job{Compute: true, Report: true, Round: round, OutDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "lake")
	res, err := p.ExportLake(t.Context(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := checkLake(t, db, dir)
	files := partitionFiles(m)
	t.Logf("first export: %d views, %d partitions written", len(m.Views), res.Written)
	if res.Written != len(files) || res.Kept != 0 || !res.Changed {
		t.Errorf("first export: wrote %d, kept %d of %d partitions", res.Written, res.Kept, len(files))
	}
	if m.Version != "" || m.Fingerprint == "" || m.Schema != pipeline.SchemaVersion() || m.WrittenAt.IsZero() {
		t.Errorf("manifest: version %q, fingerprint %q, schema %d, written %v", m.Version, m.Fingerprint, m.Schema, m.WrittenAt)
	}
	for _, want := range []string{"observations/source=50090NED/period=2020/", "population_metrics/round=2020-11-01/", "accords/part-"} {
		if !slices.ContainsFunc(slices.Collect(maps.Keys(files)), func(f string) bool { return strings.HasPrefix(f, want) }) {
			t.Errorf("no partition %s… in %v", want, files)
		}
	}
	obs := m.Views[slices.IndexFunc(m.Views, func(v pipeline.LakeView) bool { return v.Name == "observations" })]
	if diff := cmp.Diff([]string{"source", "period"}, obs.PartitionBy); diff != "" || len(obs.Partitions) != 3 {
		t.Errorf("observations: partitioned by %v into %d", obs.PartitionBy, len(obs.Partitions))
	}

	// The same data again: not one file is touched.
	before := lakeFiles(t, dir)
	res, err = p.ExportLake(t.Context(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 0 || res.Removed != 0 || res.Changed || res.Kept != len(files) {
		t.Errorf("second export: wrote %d, removed %d, kept %d, changed %v", res.Written, res.Removed, res.Kept, res.Changed)
	}
	if diff := cmp.Diff(before, lakeFiles(t, dir)); diff != "" {
		t.Errorf("an export of unchanged data touched files (-before +after):\n%s", diff)
	}

	// Another round: its partitions are new, the views without a round
	// change only where they say something of rounds, and every other
	// file stays.
	round2 := time.Date(2021, 11, 1, 0, 0, 0, 0, time.UTC)
	if _, err := p.Run(t.Context(), pipeline.Job{Compute: true, Round: round2}); err != nil {
		t.Fatal(err)
	}
	res, err = p.ExportLake(t.Context(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	m2 := checkLake(t, db, dir)
	files2 := partitionFiles(m2)
	after := lakeFiles(t, dir)
	var written []string
	for f := range files2 {
		if _, ok := files[f]; !ok {
			written = append(written, f)
		}
	}
	slices.Sort(written)
	t.Logf("after a new round: wrote %d, kept %d: %v", res.Written, res.Kept, written)
	if res.Written != len(written) || !res.Changed {
		t.Errorf("after a new round: wrote %d, the manifest has %d new files: %v", res.Written, len(written), written)
	}
	for _, f := range written {
		view, _, _ := strings.Cut(f, "/")
		if !strings.Contains(f, "/round=2021-11-01/") && view != "rounds" {
			t.Errorf("a new round rewrote %s", f)
		}
	}
	if !slices.ContainsFunc(written, func(f string) bool { return strings.HasPrefix(f, "population_metrics/round=2021-11-01/") }) {
		t.Errorf("no new partition of population_metrics: %v", written)
	}
	for f := range files {
		if _, still := files2[f]; still && after[f] != before[f] {
			t.Errorf("%s is unchanged in the manifest but was written again", f)
		}
	}
	if !m2.WrittenAt.After(m.WrittenAt) && !m2.WrittenAt.Equal(m.WrittenAt) {
		t.Errorf("written_at went back: %v then %v", m.WrittenAt, m2.WrittenAt)
	}

	// A stopped export: the round is deleted, the export stops once the
	// round's partitions of population_metrics are staged, and the lake is
	// the one before.
	if err := p.DeleteRound(t.Context(), round2); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Run(t.Context(), pipeline.Job{Compute: true, Round: time.Date(2022, 11, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	views, err := db.PublicTables(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	stopped := pipeline.New(pipeline.Config{DB: db, Events: cancelAt{after: slices.Index(views, "population_metrics") + 1, cancel: cancel}})
	manifest, _ := os.ReadFile(filepath.Join(dir, pipeline.LakeManifest))
	if _, err := stopped.ExportLake(ctx, dir, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("a stopped export: %v", err)
	}
	if diff := cmp.Diff(after, lakeFiles(t, dir)); diff != "" {
		t.Errorf("a stopped export changed the lake (-before +after):\n%s", diff)
	}
	if now, _ := os.ReadFile(filepath.Join(dir, pipeline.LakeManifest)); string(now) != string(manifest) {
		t.Error("a stopped export changed the manifest")
	}
	plain, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	var n int64
	if err := plain.QueryRow(fmt.Sprintf(`SELECT count(*) FROM read_parquet('%s', hive_partitioning = true) WHERE round = DATE '2021-11-01'`,
		filepath.Join(dir, "population_metrics", "**", "*.parquet"))).Scan(&n); err != nil || n == 0 {
		t.Errorf("the lake before the stopped export is not readable: %d rows of round 2021-11-01, %v", n, err)
	}

	// The export again: round 2021 goes, round 2022 comes.
	res, err = p.ExportLake(t.Context(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	m3 := checkLake(t, db, dir)
	if res.Removed == 0 || res.Written == 0 {
		t.Errorf("after a deleted and a new round: wrote %d, removed %d", res.Written, res.Removed)
	}
	for f := range lakeFiles(t, dir) {
		if strings.Contains(f, "round=2021-11-01") {
			t.Errorf("a deleted round's partition is left: %s", f)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "population_metrics", "round=2021-11-01")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the deleted round's folder is left: %v", err)
	}
	if len(partitionFiles(m3)) != len(files2) {
		t.Errorf("partitions after a deleted and a new round: %d, before %d", len(partitionFiles(m3)), len(files2))
	}
}

// TestLakeViews: --view exports only the views named and keeps the others
// as they were; an unknown view and a folder that is no lake are refused.
func TestLakeViews(t *testing.T) {
	p, db := examplePipeline(t)
	dir := filepath.Join(t.TempDir(), "lake")
	if _, err := p.ExportLake(t.Context(), dir, []string{"loads", "observations"}); err != nil {
		t.Fatal(err)
	}
	m := readManifest(t, dir)
	if len(m.Views) != 2 || m.Views[0].Name != "loads" || m.Views[1].Name != "observations" {
		t.Fatalf("views: %+v", m.Views)
	}
	if _, err := p.ExportLake(t.Context(), dir, []string{"accords"}); err != nil {
		t.Fatal(err)
	}
	if m := readManifest(t, dir); len(m.Views) != 3 {
		t.Errorf("views after a second --view: %d", len(m.Views))
	}
	if _, err := p.ExportLake(t.Context(), dir, nil); err != nil {
		t.Fatal(err)
	}
	checkLake(t, db, dir)
	if _, err := p.ExportLake(t.Context(), dir, []string{"observation"}); !errors.Is(err, pipeline.ErrNoView) {
		t.Errorf("an unknown view: %v", err)
	}
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	if _, err := p.ExportLake(t.Context(), other, nil); err == nil || !strings.Contains(err.Error(), "no lake") {
		t.Errorf("a folder with other files: %v", err)
	}
}

// TestLakeJob: lpa serve's export job writes the lake; a schedule with the
// job but no lake folder is refused.
func TestLakeJob(t *testing.T) {
	p, db := examplePipeline(t)
	dir := filepath.Join(t.TempDir(), "lake")
	job := pipeline.JobSpec{Name: pipeline.JobExport, Cron: "30 6 * * *"}
	if _, err := pipeline.NewService(p, pipeline.Schedule{Jobs: []pipeline.JobSpec{job}}, nil, nil); err == nil {
		t.Error("an export job without a lake folder was accepted")
	}
	svc, err := pipeline.NewService(p, pipeline.Schedule{Jobs: []pipeline.JobSpec{job}, Lake: dir}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	defer svc.Stop()
	if err := svc.RunNow(pipeline.JobExport); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		runs, err := p.Runs(t.Context(), 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(runs) == 1 && runs[0].Status != "running" {
			if runs[0].Status != "ok" || runs[0].Job != pipeline.JobExport {
				t.Fatalf("the export run: %+v", runs[0])
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the export run did not finish")
		}
	}
	// The export saw its own run as running.
	checkLake(t, db, dir, "runs")
}
