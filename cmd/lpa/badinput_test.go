package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// badInputCase is one malformed file from testdata/bad (see its README.md).
type badInputCase struct {
	file string // under testdata/bad
	// loc follows the path in the message: ":3:16 (Roker_11)" or
	// ": cell Sheet!P3 (Roker_11)". The refusal must name path+loc.
	loc string
	// want are further phrases the message must hold: what was found and
	// what was expected.
	want []string
}

// allBadInputCases gathers the cases of every source family; each family
// keeps its cases in its own file (badinput_<family>_test.go).
func allBadInputCases() []badInputCase {
	var all []badInputCase
	for _, set := range [][]badInputCase{badInputCases, badInputCasesCosts, badInputCasesRegistry, badInputCasesMonitor, badInputCasesExport} {
		all = append(all, set...)
	}
	return all
}

var badInputCases = []badInputCase{
	{file: "local-new-indicator-without-label.csv", loc: ":2:5 (indicator):",
		want: []string{"tevreden_over_zorg is not in lpa's catalogue", "expected label, eenheid and richting"}},
	{file: "local-percentage-130.csv", loc: ":2:6 (waarde):",
		want: []string{"waarde 130 is outside 0-100", "expected a percentage"}},
	{file: "local-interval-reversed.csv", loc: ":2:7 (ondergrens):",
		want: []string{`interval "85.0" - "78.0" around 81.5`, "ondergrens <= waarde <= bovengrens"}},
	{file: "local-gemeente-of-2023.csv", loc: ":2:3 (regiocode):",
		want: []string{"gemeente GM1992 does not exist in the municipal division of 2020"}},
	{file: "local-two-descriptions.csv", loc: ":3:9 (label):",
		want: []string{"is described differently than on line 2", "expected the same label"}},
	{file: "local-direction-beter.csv", loc: ":2:12 (richting):",
		want: []string{`richting "beter"`, `expected "hoger_beter", "lager_beter" or "neutraal"`}},
	{file: "50090NED_2020_truncated.csv.gz", loc: ":146:",
		want: []string{"compressed data ends early", "expected a complete gzip file"}},
	{file: "Gebieden_in_Nederland_2020_truncated.csv.gz", loc: ":",
		want: []string{"expected a complete gzip file"}},
	{file: "50090NED_2020_no_perioden.csv", loc: ":1:",
		want: []string{`header has no column "Perioden"`, "expected the StatLine 50090NED columns"}},
	{file: "50090NED_2020_value_12_3_4.csv", loc: ":3:16 (Roker_11):",
		want: []string{`value "12,3,4" is not a number`, "expected a decimal with a point (76.1)"}},
	{file: "50090NED_2020_region_GX0363.csv", loc: ":3:4 (WijkenEnBuurten):",
		want: []string{`region code "GX0363" is not a CBS gemeente code`, "expected GM + 4 digits"}},
	{file: "50090NED_2020_gemeente_of_2023.csv", loc: ":3:4 (WijkenEnBuurten):",
		want: []string{`gemeente GM1992 does not exist in the municipal division of 2020`, "expected a code of that division"}},
	{file: "50090NED_2020_duplicate_key.csv", loc: ":5:4:",
		want: []string{"second row for region GM1680, period 2020, age group 20300 (first on line 3)",
			"expected one row per region, period and age group"}},
	{file: "50090NED_2020_short_row.csv", loc: ":4:",
		want: []string{"row has 20 fields, the header 43", "expected one field per header column"}},
	{file: "50090NED_2020_period_2020XX00.csv", loc: ":5:5 (Perioden):",
		want: []string{`period "2020XX00"`, "expected a StatLine year code like 2020JJ00"}},
	{file: "50090NED_2020_value_1e5.csv", loc: ":3:14 (Overgewicht_9):",
		want: []string{`value "1e5" is not a number`, "expected a decimal with a point"}},
	{file: "50090NED_2020_value_130.csv", loc: ":4:15 (ErnstigOvergewicht_10):",
		want: []string{"value 130.0 is outside 0-100", "expected a percentage"}},
	{file: "50090NED_2020_codering_differs.csv", loc: ":6:8 (Codering_3):",
		want: []string{`Codering_3 "BU16800090" differs from WijkenEnBuurten "BU16800009"`, "expected the same code"}},
	{file: "50090NED_2020_soortregio_unknown.csv", loc: ":7:7 (SoortRegio_2):",
		want: []string{`region kind "Stadsdeel" unknown`, "expected Land, Gemeente, Wijk or Buurt"}},
	{file: "50090NED_2020_value_12_3.xlsx", loc: ": cell RIVM_gezondheid2020_18+!P3 (Roker_11):",
		want: []string{`value "12,3" is not a number`, "expected a decimal with a point"}},
	{file: "50090NED_2020_duplicate_indicator.csv", loc: ":1:19",
		want: []string{"Roker_11"}},
	{file: "50090NED_2020_key_columns_only.csv", loc: ":1:",
		want: []string{"Roker_11"}},
	{file: "shopping_list.xlsx", loc: ":1:",
		want: []string{`sheet Sheet1: header ("Boodschappen", "Aantal", "Winkel") matches no kind of file lpa knows`, "expected one of:", "statline_50090ned"}},
	{file: "Inkomen2022_statline_export.csv", loc: ":9:",
		want: []string{"file ends after line 8 without the footer (\"Bron: CBS\") that ends every StatLine export", "expected the complete file"}},
	{file: "empty.csv", loc: ":1:",
		want: []string{"file is empty; expected a header line"}},
	{file: "Gebieden_in_Nederland_2020_population_text.csv", loc: ":2:7 (population):",
		want: []string{`population "25.445"`, "expected a whole number of inhabitants"}},
	{file: "Gebieden_in_Nederland_2020_duplicate_gemeente.csv", loc: ":8:2 (municipalityCode):",
		want: []string{"second row for GM0197 (first on line 4)", "expected one row per region"}},
	{file: "Kerncijfers_wijken_en_buurten_2024_buurtcode.csv", loc: ":5:4 (Regioaanduiding/Codering (code)):",
		want: []string{`region code "BU1680000" is not a CBS buurt code`, "expected BU + 4-digit gemeente number"}},
	{file: "registry-syntax-error.yaml", loc: ":10:",
		want: []string{"YAML syntax"}},
	{file: "registry-unknown-key.yaml", loc: ":9 (province):",
		want: []string{`unknown key "province"`, "expected only id, name, kind"}},
	{file: "registry-kind-provinciaal.yaml", loc: ":6 (kind):",
		want: []string{`kind "provinciaal"`, "expected lokaal or regionaal"}},
	{file: "registry-signed-2020-02-31.yaml", loc: ":7 (signed):",
		want: []string{`signed "2020-02-31" is not a date`, "expected a year (2020) or a date as YYYY-MM-DD"}},
	{file: "registry-member-gm12.yaml", loc: ":16 (members):",
		want: []string{`member "GM12" is not a CBS gemeente code`, "expected GM + 4 digits"}},
	{file: "registry-duplicate-member.yaml", loc: ":17 (members):",
		want: []string{"member GM0222 listed twice", "expected each gemeente once"}},
	{file: "registry-lokaal-two-members.yaml", loc: ":11 (members):",
		want: []string{"a lokaal accord has 2 members", "expected exactly one gemeente"}},
	{file: "registry-empty.yaml", loc: ":1:",
		want: []string{"file is empty; expected an accord"}},
}

// The pristine warehouse every case starts from: the bundled 50090NED
// gemeente slice, the CBS 2020 references and the accord registry.
var badInputPristine = []string{
	"../../examples/data/50090NED_gemeenten_2012_2016_2020_18plus.csv",
	"../../examples/data/Gebieden_in_Nederland_2020_07122020_202646.csv",
	"../../examples/accords",
}

const badInputGood = "testdata/good/50090NED_2020_aa_en_hunze_wijken_buurten.csv"

// badInputViews lists the public views a load may change: every view of
// the warehouse but loads, so views added later are covered too.
func badInputViews(t *testing.T, db string) []string {
	t.Helper()
	out := badInputQuery(t, db, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'main' AND table_type = 'VIEW' AND table_name <> 'loads' ORDER BY 1`)
	return strings.Fields(out)[1:]
}

// badInputFingerprint sums a hash of every row (all columns) of every view
// a load may change: cheap enough to run per case. When it differs,
// badInputDump shows what changed.
func badInputFingerprint(t *testing.T, db string) string {
	t.Helper()
	var parts []string
	for _, v := range badInputViews(t, db) {
		parts = append(parts, fmt.Sprintf(`SELECT '%s' AS t, count(*) AS n, coalesce(sum(hash(v)), 0) AS h FROM %s v`, v, v))
	}
	return badInputQuery(t, db, strings.Join(parts, " UNION ALL ")+" ORDER BY t")
}

// badInputDump is the same content in full, in a fixed order.
func badInputDump(t *testing.T, db string) string {
	t.Helper()
	var parts []string
	for _, v := range badInputViews(t, db) {
		parts = append(parts, fmt.Sprintf(`SELECT '%s' AS t, CAST(v AS VARCHAR) AS r FROM %s v`, v, v))
	}
	return badInputQuery(t, db, strings.Join(parts, " UNION ALL ")+" ORDER BY t, r")
}

// badInputRun runs the CLI and returns its exit code, stdout and stderr.
func badInputRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// badInputQuery runs q through `lpa sql --format csv` and returns the output.
func badInputQuery(t *testing.T, db, q string) string {
	t.Helper()
	code, out, errOut := badInputRun(t, "--db", db, "sql", "--format", "csv", q)
	if code != exitOK {
		t.Fatalf("lpa sql: exit %d: %s", code, errOut)
	}
	return out
}

// badInputUnchanged fails t when db's content differs from pristine's, whose
// fingerprint is want, and shows the rows that differ.
func badInputUnchanged(t *testing.T, pristine, want, db string) {
	t.Helper()
	got := badInputFingerprint(t, db)
	if got == want {
		return
	}
	before := strings.Split(badInputDump(t, pristine), "\n")
	after := strings.Split(badInputDump(t, db), "\n")
	diff := cmp.Diff(before, after)
	if len(diff) > 4000 {
		diff = diff[:4000] + "\n..."
	}
	t.Errorf("warehouse changed by a refused load; fingerprint\n%s\nwas\n%s\nrows (-before +after):\n%s", got, want, diff)
}

// badInputLoads returns the rows of the loads view added after the first n.
func badInputLoads(t *testing.T, db string, after int) [][]string {
	t.Helper()
	code, out, errOut := badInputRun(t, "--db", db, "sql", "--format", "csv",
		"SELECT load_id, status, file_path, message FROM loads ORDER BY load_id")
	if code != 0 {
		t.Fatalf("loads query: exit %d: %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("loads query output: %v\n%s", err, out)
	}
	return recs[1+after:]
}

func badInputCopy(t *testing.T, src string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "lpa.duckdb")
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestLoadRefusesBadInput loads each malformed file into a copy of one
// pristine warehouse and checks that it is refused with exit code 3 and a
// precise message, that the refusal is in the loads view, and that nothing
// else in the warehouse changed.
func TestLoadRefusesBadInput(t *testing.T) {
	pristine := filepath.Join(t.TempDir(), "pristine.duckdb")
	if code, _, errOut := badInputRun(t, append([]string{"--db", pristine, "load"}, badInputPristine...)...); code != exitOK {
		t.Fatalf("building the pristine warehouse: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(pristine + ".wal"); err == nil {
		t.Fatalf("%s.wal left behind: the CLI did not close the warehouse", pristine)
	}
	want := badInputFingerprint(t, pristine)
	if !strings.Contains(want, "observations,28124,") || !strings.Contains(want, "accords,14,") || !strings.Contains(want, "regions,367,") {
		t.Fatalf("pristine warehouse fingerprint:\n%s\nwant 28124 observations, 367 regions and 14 accords", want)
	}
	baseLoads := len(badInputLoads(t, pristine, 0))

	// refused loads paths in one command, of which the files in bad are
	// malformed, then checks the warehouse and the load log. It returns
	// stderr.
	refused := func(t *testing.T, bad []string, paths ...string) string {
		db := badInputCopy(t, pristine)
		code, out, errOut := badInputRun(t, append([]string{"--db", db, "load"}, paths...)...)
		if code != exitBadInput {
			t.Fatalf("load exit %d, want %d (bad input)\nstdout:\n%s\nstderr:\n%s", code, exitBadInput, out, errOut)
		}
		if !strings.Contains(errOut, "refused, nothing was loaded and the data in the warehouse is unchanged") {
			t.Errorf("stderr does not say the warehouse is unchanged:\n%s", errOut)
		}
		badInputUnchanged(t, pristine, want, db)
		var got []string
		for _, l := range badInputLoads(t, db, baseLoads) {
			got = append(got, l[1]+" "+l[2])
		}
		var want []string
		for _, p := range bad {
			want = append(want, "failed "+p)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("new rows of the loads view (-want +got):\n%s", diff)
		}
		return errOut
	}

	for _, tc := range allBadInputCases() {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			path := "testdata/bad/" + tc.file
			db := badInputCopy(t, pristine)
			code, out, errOut := badInputRun(t, "--db", db, "load", path)
			if code != exitBadInput {
				t.Fatalf("load exit %d, want %d (bad input)\nstdout:\n%s\nstderr:\n%s", code, exitBadInput, out, errOut)
			}
			for _, w := range append([]string{path + tc.loc, "refused, nothing was loaded"}, tc.want...) {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			badInputUnchanged(t, pristine, want, db)
			loads := badInputLoads(t, db, baseLoads)
			if len(loads) != 1 {
				t.Fatalf("loads gained %d rows, want 1 (failed): %q", len(loads), loads)
			}
			if l := loads[0]; l[1] != "failed" || l[2] != path || !strings.Contains(l[3], path+tc.loc) {
				t.Errorf("loads row = %q, want status failed, file_path %s and a message naming %s", l, path, path+tc.loc)
			}
		})
	}

	t.Run("good and bad file in one load", func(t *testing.T) {
		t.Parallel()
		bad := "testdata/bad/50090NED_2020_region_GX0363.csv"
		errOut := refused(t, []string{bad}, badInputGood, bad)
		if !strings.Contains(errOut, bad+":3:4") {
			t.Errorf("stderr does not name %s:3:4:\n%s", bad, errOut)
		}
		if strings.Contains(errOut, badInputGood) {
			t.Errorf("stderr blames the good file:\n%s", errOut)
		}
	})

	t.Run("two bad files report both", func(t *testing.T) {
		t.Parallel()
		a, b := "testdata/bad/50090NED_2020_value_1e5.csv", "testdata/bad/registry-member-gm12.yaml"
		errOut := refused(t, []string{a, b}, a, b)
		for _, w := range []string{a + ":3:14", b + ":16"} {
			if !strings.Contains(errOut, w) {
				t.Errorf("stderr lacks %q:\n%s", w, errOut)
			}
		}
	})

	// The control: the good file alone loads and changes the fingerprint, so
	// the checks above would notice rows that land.
	t.Run("good file alone loads", func(t *testing.T) {
		t.Parallel()
		db := badInputCopy(t, pristine)
		if code, out, errOut := badInputRun(t, "--db", db, "load", badInputGood); code != exitOK {
			t.Fatalf("load exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
		}
		got := badInputFingerprint(t, db)
		if !strings.Contains(got, "observations,29372,") {
			t.Errorf("loading %s gave fingerprint\n%s\nwant 28124 + 1248 observations", badInputGood, got)
		}
	})
}
