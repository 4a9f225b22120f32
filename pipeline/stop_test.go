package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"lpa/examples"
	"lpa/indicators"
	"lpa/pipeline/store"
)

// stopHook stops the service at one point of a run: the pipeline's events
// are the only places a run can be watched from inside.
type stopHook struct {
	NoEvents
	mu   sync.Mutex // files are parsed in parallel
	stop func()     // cancels the service's runs, as Stop does first
	// at decides whether to stop on this event: "parsed", or a stage with
	// its step.
	at func(event string, done int) bool
}

func (h *stopHook) FileParsed(string, int64, error) { h.event("parsed", 0) }
func (h *stopHook) Step(stage string, done, _ int)  { h.event(stage, done) }

func (h *stopHook) event(ev string, done int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.at != nil && h.at(ev, done) {
		h.stop()
	}
}

// TestStopMidRun stops lpa serve in the middle of a cycle (load → compute →
// report) in each stage: the run is recorded as cancelled and not retried,
// the stage's transaction rolls back (the warehouse is as the stages before
// left it) and no report of a stopped run is published.
func TestStopMidRun(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	inbox, out := filepath.Join(dir, "inbox"), filepath.Join(dir, "out")
	if err := os.CopyFS(inbox, examples.FS); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, filepath.Join(dir, "w.duckdb"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	hook := &stopHook{}
	p := New(Config{DB: db, Events: hook, Now: func() time.Time { return time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC) }})
	cfg := Schedule{
		Jobs:    []JobSpec{{Name: JobCycle, Cron: "0 6 * * 1", Peildata: []time.Time{time.Date(2020, 11, 1, 0, 0, 0, 0, indicators.Amsterdam)}}},
		Inbox:   []string{inbox},
		OutDir:  out,
		Retries: 2,
	}

	// cycle runs the cycle once by hand on a new service (lpa serve
	// started again) and returns the run's record.
	cycle := func(at func(string, int) bool) store.Run {
		t.Helper()
		svc, err := NewService(p, cfg, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		hook.mu.Lock()
		hook.stop, hook.at = func() { svc.cancel() }, at
		hook.mu.Unlock()
		defer func() {
			hook.mu.Lock()
			hook.at = nil
			hook.mu.Unlock()
		}()
		if err := svc.Start(ctx); err != nil {
			t.Fatal(err)
		}
		if err := svc.RunNow(JobCycle); err != nil {
			t.Fatal(err)
		}
		svc.wg.Wait()
		if err := svc.Stop(); err != nil {
			t.Fatal(err)
		}
		runs, err := db.Runs(ctx, 1)
		if err != nil || len(runs) != 1 {
			t.Fatalf("runs: %v %v", runs, err)
		}
		return runs[0]
	}

	if r := cycle(nil); r.Status != store.RunOK || r.Reports == 0 {
		t.Fatalf("the first cycle: %+v", r)
	}
	wantDB, wantOut := warehousePrint(t, db), folderPrint(t, out)
	if len(wantOut) < 10 {
		t.Fatalf("the first cycle wrote %d files: %v", len(wantOut), wantOut)
	}

	// A new file in the inbox makes the next cycle load, compute and report.
	good, err := os.ReadFile(filepath.Join("testdata", "lokale_monitor_velsen.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(inbox, "lokale_monitor_velsen.csv"), good, 0o644); err != nil {
		t.Fatal(err)
	}
	// stop runs the cycle and stops it at the first event at says so.
	stop := func(name string, at func(string, int) bool) {
		t.Helper()
		stopped := false
		r := cycle(func(ev string, done int) bool {
			if !stopped && at(ev, done) {
				stopped = true
				return true
			}
			return false
		})
		if !stopped {
			t.Fatalf("%s: the run never got there (%+v)", name, r)
		}
		if r.Status != store.RunCancelled || r.Attempt != 1 {
			t.Errorf("%s: run %+v; want cancelled on the first attempt, not retried", name, r)
		}
		if got := folderPrint(t, out); !slices.Equal(got, wantOut) {
			t.Errorf("%s: the report folder changed:\n%s", name, diffLines(wantOut, got))
		}
	}
	same := func(name string, want, got []string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s: the warehouse changed:\n%s", name, diffLines(want, got))
		}
	}

	// Each stage of the cycle is one transaction: a stop undoes the stage
	// it is in, and keeps the stages done before it (the next cycle goes on
	// from there).
	stop("while loading", func(ev string, _ int) bool { return ev == "parsed" })
	same("while loading", wantDB, warehousePrint(t, db))

	stop("after the fifth metric", func(ev string, done int) bool { return ev == StageCompute && done == 5 })
	loaded := warehousePrint(t, db)
	// The load is in; of the tables the load stage writes (the local
	// monitor file's) the rest must be as before.
	loadTables := []string{"store.indicator_local", "store.load_log", "store.observation"}
	for i := range loaded {
		if table := strings.Fields(loaded[i])[0]; !slices.Contains(loadTables, table) {
			same("after the fifth metric", wantDB[i:i+1], loaded[i:i+1])
		} else if loaded[i] == wantDB[i] {
			t.Errorf("after the fifth metric: the load stage left %s as it was", table)
		}
	}

	stop("after the third report", func(ev string, done int) bool { return ev == StageReport && done == 3 })
	computed := warehousePrint(t, db)
	if slices.Equal(computed, loaded) {
		t.Error("after the third report: the compute stage left the warehouse as it was")
	}

	// Not stopped, the same cycle goes through: nothing new to load, the
	// same metrics (the clock stands still), new reports.
	if r := cycle(nil); r.Status != store.RunOK || r.Loads != 0 || r.Reports != len(wantOut) {
		t.Fatalf("the cycle after the stops: %+v; want ok, 0 loads, %d reports", r, len(wantOut))
	}
	// (Its reports are new versions: the report stage records them.)
	noIssues := func(lines []string) []string {
		return slices.DeleteFunc(slices.Clone(lines), func(l string) bool { return strings.HasPrefix(l, "store.report_") })
	}
	same("the cycle after the stops", noIssues(computed), noIssues(warehousePrint(t, db)))
	if got := folderPrint(t, out); slices.Equal(got, wantOut) {
		t.Error("the cycle after the stops wrote no new report")
	}
}

// warehousePrint is a line per base table of the warehouse but the run
// history: its row count and a sum of its rows' hashes.
func warehousePrint(t *testing.T, db *store.DB) []string {
	t.Helper()
	tables := collect(t, db, "SELECT schema_name || '.' || table_name FROM duckdb_tables() WHERE NOT internal AND NOT temporary ORDER BY ALL")
	var out []string
	for _, tb := range tables {
		if tb[0] == "store.run" {
			continue
		}
		q := fmt.Sprintf("SELECT count(*), coalesce(sum(hash(t)), 0) FROM %s t", tb[0])
		r := collect(t, db, q)
		out = append(out, tb[0]+" "+strings.Join(r[0], " "))
	}
	if len(out) < 20 {
		t.Fatalf("only %d tables: %v", len(out), out)
	}
	return out
}

// folderPrint is a line per file under dir: its path and sha256.
func folderPrint(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		rel, _ := filepath.Rel(dir, path)
		out = append(out, rel+" "+hex.EncodeToString(sum[:8]))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func collect(t *testing.T, db *store.DB, q string) [][]string {
	t.Helper()
	var rw stringRows
	if err := db.Query(t.Context(), q, store.Limits{}, &rw); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return rw.rows
}

type stringRows struct{ rows [][]string }

func (r *stringRows) Header([]store.Column) error { return nil }
func (r *stringRows) Row(vals []any) error {
	rec := make([]string, len(vals))
	for i, v := range vals {
		rec[i] = fmt.Sprint(v)
	}
	r.rows = append(r.rows, rec)
	return nil
}

// diffLines lists the lines only in want (-) or only in got (+).
func diffLines(want, got []string) string {
	var b strings.Builder
	for _, w := range want {
		if !slices.Contains(got, w) {
			b.WriteString("- " + w + "\n")
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			b.WriteString("+ " + g + "\n")
		}
	}
	return b.String()
}
