package main

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportParquet: lpa export --parquet writes the lake of the demo
// warehouse, which a plain DuckDB reads with the warehouse's rows; a second
// export finds it up to date; wrong invocations exit 2, a folder that is
// no lake exits 1.
func TestExportParquet(t *testing.T) {
	db, _ := demoDB(t)
	dir := filepath.Join(t.TempDir(), "lake")
	code, out, errOut := lpa(t, "", "--db", db, "export", "--parquet", dir)
	if code != 0 || !strings.HasPrefix(out, "lake "+dir+": ") || !strings.Contains(out, "partitions written, 0 unchanged, 0 removed") {
		t.Fatalf("lpa export: exit %d, %q, %q", code, out, errOut)
	}
	var m struct {
		Fingerprint string `json:"data_fingerprint"`
		Views       []struct {
			Name string
			Rows int64
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil || m.Fingerprint == "" || len(m.Views) < 40 {
		t.Fatalf("manifest: %v, %d views, fingerprint %q", err, len(m.Views), m.Fingerprint)
	}
	_, want, _ := lpa(t, "", "--db", db, "sql", "--format", "csv", "SELECT count(*) AS n FROM observations WHERE source = '50090NED' AND period = 2020")
	plain, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	var n string
	if err := plain.QueryRow("SELECT count(*)::VARCHAR FROM read_parquet(?, hive_partitioning = true) WHERE source = '50090NED' AND period = 2020",
		filepath.Join(dir, "observations", "**", "*.parquet")).Scan(&n); err != nil || "n\n"+n+"\n" != want || n == "0" {
		t.Errorf("observations 50090NED 2020: lake %s (%v), warehouse %q", n, err, want)
	}

	if code, out, _ := lpa(t, "", "--db", db, "export", "--parquet", dir); code != 0 || !strings.Contains(out, "is up to date") {
		t.Errorf("second export: exit %d, %q", code, out)
	}
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no folder", []string{"export"}, 2, "--parquet DIR"},
		{"unknown view", []string{"export", "--parquet", dir, "--view", "observation"}, 2, `no such view "observation"`},
		{"an argument", []string{"export", "--parquet", dir, "observations"}, 2, "takes no arguments"},
		{"help", []string{"export", "--help"}, 0, ""},
		{"no lake", []string{"export", "--parquet", other}, 1, "no lake lpa wrote"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := lpa(t, "", append([]string{"--db", db}, tc.args...)...)
			if code != tc.code || !strings.Contains(errOut, tc.msg) {
				t.Errorf("exit %d, %q, %q", code, out, errOut)
			}
			if tc.name == "help" && (!strings.HasPrefix(out, "usage: lpa ") || !strings.Contains(out, "export --parquet DIR [--view NAME]...\n")) {
				t.Errorf("help: %q", out)
			}
		})
	}
}
