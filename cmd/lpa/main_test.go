package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/google/go-cmp/cmp"
)

// lpa runs the CLI in-process and returns exit code, stdout and stderr.
func lpa(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(t.Context(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// demo is one warehouse made by `lpa run` on the bundled examples, shared by
// the read-only tests of this file.
var demo = struct {
	once sync.Once
	dir  string
	err  string
}{}

func demoDB(t *testing.T) (db, reportDir string) {
	t.Helper()
	demo.once.Do(func() {
		dir, err := os.MkdirTemp("", "lpa-demo-")
		if err != nil {
			demo.err = err.Error()
			return
		}
		demo.dir = dir
		var out, errOut bytes.Buffer
		code := run(context.Background(), []string{"--db", filepath.Join(dir, "lpa.duckdb"), "run", "--out", filepath.Join(dir, "rapporten")},
			strings.NewReader(""), &out, &errOut)
		if code != 0 {
			demo.err = errOut.String()
		}
	})
	if demo.err != "" {
		t.Fatalf("lpa run: %s", demo.err)
	}
	return filepath.Join(demo.dir, "lpa.duckdb"), filepath.Join(demo.dir, "rapporten")
}

func TestMain(m *testing.M) {
	if os.Getenv("LPA_TEST_AS_LPA") == "1" {
		// The test binary as the lpa command, for tests that need a
		// second process (the warehouse's lock is per process).
		main()
	}
	code := m.Run()
	if demo.dir != "" {
		os.RemoveAll(demo.dir)
	}
	os.Exit(code)
}

func TestRunDemo(t *testing.T) {
	db, reports := demoDB(t)
	// The Arrow views of the loads are gone from the catalog: a view of a
	// released Go stream must never be read again.
	if code, out, _ := lpa(t, "", "--db", db, "sql", "--format", "csv",
		"SELECT count(*) AS n FROM information_schema.tables WHERE table_name LIKE 'lpa%'"); code != 0 || out != "n\n0\n" {
		t.Errorf("temporary views left in the warehouse: exit %d, %q", code, out)
	}
	entries, err := os.ReadDir(reports)
	if err != nil {
		t.Fatal(err)
	}
	var pdfs []string
	for _, e := range entries {
		pdfs = append(pdfs, e.Name())
	}
	if len(pdfs) != 14 || pdfs[0] != "achterhoek.pdf" {
		t.Errorf("reports: %v", pdfs)
	}
}

func TestSQLFormats(t *testing.T) {
	db, _ := demoDB(t)
	const q = `SELECT accord_id, indicator, period, value, nl_value FROM accord_metrics
		WHERE accord_id IN ('rotterdam', 'velsen') AND indicator = 'roker' AND period = 2020 ORDER BY accord_id`

	code, out, errOut := lpa(t, "", "--db", db, "sql", "--format", "csv", q)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"accord_id", "indicator", "period", "value", "nl_value"},
		{"rotterdam", "roker", "2020", "21.7", "17.9"},
		{"velsen", "roker", "2020", "17.7", "17.9"},
	}
	if diff := cmp.Diff(want, recs); diff != "" {
		t.Errorf("csv (-want +got):\n%s", diff)
	}

	code, out, errOut = lpa(t, "", "--db", db, "sql", "--format", "json", q)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(rows) != 2 || rows[0]["value"] != 21.7 || rows[1]["accord_id"] != "velsen" || rows[0]["period"] != float64(2020) {
		t.Errorf("json rows: %v", rows)
	}

	code, out, _ = lpa(t, "", "--db", db, "sql", q)
	if code != 0 || !strings.Contains(out, "rotterdam") || !strings.Contains(out, "\n2 rows\n") {
		t.Errorf("table (exit %d):\n%s", code, out)
	}
}

func TestSQLArrow(t *testing.T) {
	db, _ := demoDB(t)
	code, out, errOut := lpa(t, "", "--db", db, "sql", "--format", "arrow",
		"SELECT region_code, period, indicator, value, status FROM observations WHERE region_level = 'gemeente' ORDER BY ALL")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	r, err := ipc.NewReader(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	wantFields := []string{"region_code", "period", "indicator", "value", "status"}
	for i, f := range r.Schema().Fields() {
		if f.Name != wantFields[i] {
			t.Errorf("field %d: %s", i, f.Name)
		}
	}
	if r.Schema().Field(3).Type.ID() != arrow.FLOAT64 {
		t.Errorf("value type: %s", r.Schema().Field(3).Type)
	}
	var n int64
	var first string
	for r.Next() {
		rec := r.RecordBatch()
		if first == "" && rec.NumRows() > 0 {
			first = rec.Column(0).(*array.String).Value(0)
		}
		n += rec.NumRows()
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	// The example file holds 28,124 cells, 79 of them for Nederland.
	if n != 28045 || first != "GM0003" {
		t.Errorf("arrow stream: %d rows, first %q", n, first)
	}
}

// TestSQLGuard: the escape from the issue that destroyed a warehouse, and
// the limits, as a user meets them on the command line.
func TestSQLGuard(t *testing.T) {
	db, _ := demoDB(t)
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"copy onto the warehouse", []string{"sql", "COPY (SELECT 1 AS x) TO '" + db + "' (FORMAT csv)"}, exitUsage, "refused: this is a COPY"},
		{"copy after a comment", []string{"sql", "-- save it\n/* here */ copy loads TO '/tmp/lpa-x.csv'"}, exitUsage, "refused: this is a COPY"},
		{"export", []string{"sql", "EXPORT DATABASE '/tmp/lpa-export'"}, exitUsage, "refused: this is an EXPORT"},
		{"delete", []string{"sql", "DELETE FROM store.observation"}, exitUsage, "refused: this is a DELETE"},
		{"a delete after a query", []string{"sql", "SELECT 1; DELETE FROM store.observation"}, exitUsage, "refused: this is a DELETE"},
		{"read a file", []string{"sql", "SELECT * FROM read_csv('/etc/passwd')"}, exitUsage, "lpa reads no file but the warehouse"},
		{"timeout", []string{"sql", "--timeout", "1s", "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r"}, exitLimit, "stopped after 1s; give more time with --timeout"},
		{"memory", []string{"sql", "--memory-limit", "200MB", "SELECT len(list(i)) FROM range(3000000000) r(i)"}, exitLimit, "more memory than the limit of 190.7 MiB"},
		{"bad timeout", []string{"sql", "--timeout", "soon", "SELECT 1"}, exitUsage, `timeout "soon": expected a duration`},
		{"bad memory", []string{"sql", "--memory-limit", "lots", "SELECT 1"}, exitUsage, `size "lots"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := lpa(t, "", append([]string{"--db", db}, tc.args...)...)
			if code != tc.code || !strings.Contains(errOut, tc.msg) {
				t.Errorf("exit %d (want %d), stderr:\n%s", code, tc.code, errOut)
			}
		})
	}
	t.Setenv("LPA_SQL_TIMEOUT", "1s")
	if code, _, errOut := lpa(t, "", "--db", db, "sql", "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r"); code != exitLimit {
		t.Errorf("LPA_SQL_TIMEOUT=1s: exit %d, %s", code, errOut)
	}
	after, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the warehouse's bytes changed")
	}
}

func TestSQLPrompt(t *testing.T) {
	db, _ := demoDB(t)
	in := "SELECT count(*) AS n\n  FROM accords;\n\nSELECT 1 AS one;\nSELECT $$a;\nb;$$ AS s;\n.quit\nSELECT 'not run';\n"
	code, out, errOut := lpa(t, in, "--db", db, "sql", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out != "n\n14\none\n1\ns\n\"a;\nb;\"\n" {
		t.Errorf("prompt output:\n%s", out)
	}
}

func TestDBFromEnvironment(t *testing.T) {
	db, _ := demoDB(t)
	t.Setenv("LPA_DB", db)
	code, out, errOut := lpa(t, "", "sql", "--format", "csv", "SELECT count(*) FROM accords")
	if code != 0 || out != "count_star()\n14\n" {
		t.Errorf("LPA_DB: exit %d, %q %s", code, out, errOut)
	}
}

func TestUsageAndMissingWarehouse(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no command", nil, exitUsage, "Usage:"},
		{"unknown command", []string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"load without paths", []string{"--db", ":memory:", "load"}, exitUsage, "give one or more files"},
		{"bad format", []string{"sql", "--format", "xml", "SELECT 1"}, exitUsage, `format "xml"`},
		{"missing file", []string{"--db", ":memory:", "load", "no/such/file.csv"}, exitBadInput, "no/such/file.csv: no such file or folder"},
		{"no warehouse", []string{"--db", filepath.Join(t.TempDir(), "none.duckdb"), "sql", "SELECT 1"}, exitError, "run `lpa run`"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := lpa(t, "", tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.msg) {
				t.Errorf("exit %d (want %d), stderr:\n%s", code, tc.code, errOut)
			}
		})
	}
}

func TestLoadTwiceSaysUnchanged(t *testing.T) {
	db := filepath.Join(t.TempDir(), "w.duckdb")
	file := "../../examples/data/Gebieden_in_Nederland_2020_07122020_202646.csv"
	if code, _, errOut := lpa(t, "", "--db", db, "load", file); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := lpa(t, "", "--db", db, "load", file)
	if code != 0 || !strings.Contains(out, "unchanged") || !strings.Contains(out, "nothing added") {
		t.Errorf("second load: exit %d\n%s%s", code, out, errOut)
	}
}

// lpa run without paths leaves the bundled examples out of a warehouse
// that holds loads of the user's own files: they would replace its rows.
func TestRunLeavesExamplesOutOfOwnData(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.duckdb")
	if code, _, errOut := lpa(t, "", "--db", db, "run", "--out", filepath.Join(dir, "r")); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := lpa(t, "", "--db", db, "load", "../../indicators/testdata/monitor_85563NED_2022_sample.csv"); code != 0 {
		t.Fatal(errOut)
	}
	count := func() string {
		_, out, _ := lpa(t, "", "--db", db, "sql", "--format", "csv", "SELECT count(*) AS n FROM loads")
		return out
	}
	before := count()
	code, out, errOut := lpa(t, "", "--db", db, "run", "--out", filepath.Join(dir, "r"))
	if code != 0 || !strings.Contains(out, "the bundled example data was left out") || strings.Contains(out, "loading the bundled example data") {
		t.Errorf("lpa run over own data: exit %d\n%s%s", code, out, errOut)
	}
	if after := count(); after != before {
		t.Errorf("loads before %q, after %q: the examples were loaded", before, after)
	}
}
