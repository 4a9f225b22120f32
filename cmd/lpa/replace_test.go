package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadGuardsReplacement: a well-formed file of seven 2020 gemeenten
// would replace the 355 gemeenten of the 2020 slice. Without a flag it is
// refused with the counts and the slice; --correct replaces the seven
// gemeenten only; --replace replaces the slice.
func TestLoadGuardsReplacement(t *testing.T) {
	b, err := os.ReadFile("../../examples/data/50090NED_gemeenten_2012_2016_2020_18plus.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	part := []string{lines[0]}
	for _, l := range lines[1:] {
		if strings.Contains(l, "2020JJ00") && strings.Contains(l, ",Gemeente") && len(part) < 8 {
			part = append(part, l)
		}
	}
	// A correction: Aa en Hunze's smokers 15.0 -> 15.5.
	part[1] = strings.Replace(part[1], "    15.0,", "    15.5,", 1)
	file := filepath.Join(t.TempDir(), "50090NED_2020_correctie.csv")
	if err := os.WriteFile(file, []byte(strings.Join(part, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pristine := filepath.Join(t.TempDir(), "pristine.duckdb")
	if code, _, errOut := badInputRun(t, append([]string{"--db", pristine, "load"}, badInputPristine...)...); code != exitOK {
		t.Fatalf("building the pristine warehouse: exit %d\n%s", code, errOut)
	}
	want := badInputFingerprint(t, pristine)
	const count2020 = `SELECT count(*) FILTER (WHERE period = 2020 AND region_level = 'gemeente'), count(*) FROM observations`
	const smokers = `SELECT value FROM observations WHERE region_code = 'GM1680' AND period = 2020 AND indicator = 'roker'`

	db := badInputCopy(t, pristine)
	code, _, errOut := badInputRun(t, "--db", db, "load", file)
	if code != exitBadInput {
		t.Fatalf("exit %d, want %d:\n%s", code, exitBadInput, errOut)
	}
	for _, w := range []string{file + ": would replace the 11360 rows of slice 50090NED 2020, age group 20300, level gemeente with 224 rows (of 7 regions)",
		"--replace", "--correct"} {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}
	badInputUnchanged(t, pristine, want, db)

	code, out, errOut := badInputRun(t, "--db", db, "load", "--correct", file)
	if code != exitOK {
		t.Fatalf("--correct: exit %d:\n%s", code, errOut)
	}
	if got := badInputQuery(t, db, count2020); !strings.HasSuffix(got, "\n11360,28124\n") {
		t.Errorf("after --correct: %s\n%s", got, out)
	}
	if got := badInputQuery(t, db, smokers); got != "value\n15.5\n" {
		t.Errorf("corrected value: %s", got)
	}
	if got := badInputQuery(t, db, `SELECT status FROM loads ORDER BY load_id DESC LIMIT 2`); !strings.Contains(got, "loaded") {
		t.Errorf("loads after --correct: %s", got)
	}

	db = badInputCopy(t, pristine)
	if code, _, errOut := badInputRun(t, "--db", db, "load", "--replace", file); code != exitOK {
		t.Fatalf("--replace: exit %d:\n%s", code, errOut)
	}
	if got := badInputQuery(t, db, count2020); !strings.HasSuffix(got, "\n224,16988\n") {
		t.Errorf("after --replace: %s", got)
	}
	if code, _, errOut := badInputRun(t, "--db", db, "load", "--replace", "--correct", file); code != exitUsage {
		t.Errorf("--replace with --correct: exit %d: %s", code, errOut)
	}
}
