package pipeline_test

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"lpa/examples"
	"lpa/pipeline"
	"lpa/pipeline/query"
)

// TestSnapshotAfterRun: lpa serve's service publishes a snapshot after a
// successful run, which a plain DuckDB (what R, Python or the DuckDB CLI
// are) opens while the service still holds the warehouse; a failed run
// leaves the snapshot as it was.
func TestSnapshotAfterRun(t *testing.T) {
	dir := t.TempDir()
	inbox := filepath.Join(dir, "inbox")
	if err := os.CopyFS(inbox, examples.FS); err != nil {
		t.Fatal(err)
	}
	snapDir := filepath.Join(dir, "snapshot")
	p, _ := newPipeline(t, filepath.Join(dir, "w.duckdb"))
	svc, err := pipeline.NewService(p, pipeline.Schedule{
		Jobs:  []pipeline.JobSpec{{Name: pipeline.JobCycle, Cron: "0 6 1 1 *", Peildata: []time.Time{time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC)}}},
		Inbox: []string{inbox}, OutDir: filepath.Join(dir, "rapporten"), Snapshot: snapDir, National: true,
	}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	defer svc.Stop()

	run := func() pipeline.Run {
		t.Helper()
		before, err := p.Runs(t.Context(), 1)
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.RunNow(pipeline.JobCycle); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(3 * time.Minute)
		for time.Now().Before(deadline) {
			runs, err := p.Runs(t.Context(), 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(runs) == 1 && (len(before) == 0 || runs[0].ID > before[0].ID) && runs[0].Status != "running" {
				return runs[0]
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatal("the run did not finish")
		return pipeline.Run{}
	}

	if r := run(); r.Status != "ok" {
		t.Fatalf("first run: %s %s", r.Status, r.Error)
	}
	// The cycle issues the national factsheet of its round too.
	if _, err := os.Stat(filepath.Join(dir, "rapporten", "landelijk-2020-11-01.pdf")); err != nil {
		t.Errorf("the cycle wrote no national factsheet: %v", err)
	}
	for _, f := range []string{pipeline.SnapshotFile, "accord_metrics.parquet", "runs.parquet", "loads.parquet", "snapshot.json"} {
		if _, err := os.Stat(filepath.Join(snapDir, f)); err != nil {
			t.Errorf("snapshot: %v", err)
		}
	}
	var buf bytes.Buffer
	if err := p.Session(query.Limits{}, query.CSV).Run(t.Context(), "SELECT count(*) AS n FROM accord_metrics", &buf); err != nil {
		t.Fatal(err)
	}
	want, _ := strconv.Atoi(strings.TrimPrefix(strings.TrimSpace(buf.String()), "n\n"))
	plain, err := sql.Open("duckdb", filepath.Join(snapDir, pipeline.SnapshotFile)+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	var inFile, inParquet int
	if err := plain.QueryRow("SELECT count(*) FROM accord_metrics").Scan(&inFile); err != nil {
		t.Fatalf("open the snapshot's warehouse: %v", err)
	}
	if err := plain.QueryRow("SELECT count(*) FROM read_parquet(?)", filepath.Join(snapDir, "accord_metrics.parquet")).Scan(&inParquet); err != nil {
		t.Fatal(err)
	}
	if want == 0 || inFile != want || inParquet != want {
		t.Errorf("accord_metrics: warehouse %d rows, snapshot file %d, Parquet %d", want, inFile, inParquet)
	}
	plain.Close()

	// A bad file in the inbox: the run fails, the snapshot stays.
	manifest, _ := os.ReadFile(filepath.Join(snapDir, "snapshot.json"))
	bad, err := os.ReadFile("../cmd/lpa/testdata/bad/50090NED_2020_short_row.csv")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(inbox, "data", "50090NED_2020_short_row.csv"), bad, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := run(); r.Status != "failed" {
		t.Fatalf("run over a bad file: %s", r.Status)
	}
	if now, _ := os.ReadFile(filepath.Join(snapDir, "snapshot.json")); !bytes.Equal(now, manifest) || len(manifest) == 0 {
		t.Errorf("a failed run changed the snapshot:\n%s\n%s", manifest, now)
	}
}
