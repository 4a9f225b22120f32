package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportNational: lpa report --national --round 2020-11-01 writes the
// national factsheet of that round as landelijk-2020-11-01.pdf.
func TestReportNational(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "lpa.duckdb")
	out := filepath.Join(dir, "rapporten")
	for _, args := range [][]string{
		{"--db", db, "load", filepath.Join("..", "..", "examples")},
		{"--db", db, "compute", "--round", "2020-11-01"},
	} {
		if code, _, stderr := lpa(t, "", args...); code != 0 {
			t.Fatalf("lpa %v: exit %d: %s", args, code, stderr)
		}
	}
	code, stdout, stderr := lpa(t, "", "--db", db, "report", "--national", "--round", "2020-11-01", "--out", out)
	if code != 0 {
		t.Fatalf("lpa report --national: exit %d: %s", code, stderr)
	}
	path := filepath.Join(out, "landelijk-2020-11-01.pdf")
	if !strings.Contains(stdout, path) {
		t.Errorf("stdout does not name %s: %s", path, stdout)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "%PDF-") {
		t.Errorf("%s is not a PDF", path)
	}
	if code, _, stderr := lpa(t, "", "--db", db, "report", "--national", "achterhoek"); code == 0 || !strings.Contains(stderr, "--national") {
		t.Errorf("--national with an id: exit %d, %s", code, stderr)
	}
}
