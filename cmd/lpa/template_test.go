package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lpa template writes the blank templates, and lpa load reads them back
// (as nothing: they are blank).
func TestTemplateCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sjablonen")
	code, out, errOut := lpa(t, "", "template", "--out", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, f := range []string{"proces.xlsx", "project.xlsx", "proces_kwartalen.csv", "proces_budget.csv",
		"project_interventies.csv", "project_bereik.csv", "LEESMIJ.txt"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s not written: %v", f, err)
		}
		if !strings.Contains(out, filepath.Join(dir, f)) {
			t.Errorf("output does not name %s:\n%s", f, out)
		}
	}
	db := filepath.Join(t.TempDir(), "lpa.duckdb")
	code, out, errOut = lpa(t, "", "--db", db, "load", dir)
	if code != exitOK || !strings.Contains(out, "process_workbook, 0 rows") || !strings.Contains(out, "the template has no rows") {
		t.Errorf("loading the blank templates: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := lpa(t, "", "template", "extra"); code != exitUsage || !strings.Contains(errOut, "template takes no arguments") {
		t.Errorf("lpa template extra: exit %d, %s", code, errOut)
	}
	if _, out, _ := lpa(t, "", "help"); !strings.Contains(out, "template [--out DIR]") {
		t.Errorf("usage lacks the template command:\n%s", out)
	}
}
