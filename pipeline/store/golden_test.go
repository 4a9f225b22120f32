package store

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	sqlfiles "lpa/sql"
)

var update = flag.Bool("update", false, "update golden files in sql/testdata/")

// goldenTables are the store tables a fixture may fill, one CSV each. Table
// names come from file names, so they go through this allowlist.
var goldenTables = map[string]bool{
	"observation": true, "region": true, "gemeente_ggd": true, "accord": true, "accord_member": true,
	"care_cost": true, "care_cost_metric": true, "population_metric": true,
	"accord_goal": true, "accord_party": true, "accord_coding": true, "accord_coding_item": true,
	"accord_status": true, "process_quarter": true, "process_budget": true,
	"project_intervention": true, "project_reach": true,
}

// TestMetricGoldens runs every metric against its fixture in
// sql/testdata/<slug>/ and compares the rows with want.csv.
func TestMetricGoldens(t *testing.T) {
	dirs, err := filepath.Glob("../../sql/testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no metric fixtures under sql/testdata")
	}
	for _, dir := range dirs {
		slug := filepath.Base(dir)
		t.Run(slug, func(t *testing.T) {
			q, err := Metric(slug)
			if err != nil {
				t.Fatal(err)
			}
			db, err := Open(t.Context(), "", Options{ReadDirs: []string{dir}})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			inputs, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
			for _, in := range inputs {
				table := strings.TrimSuffix(filepath.Base(in), ".csv")
				if table == "want" {
					continue
				}
				if !goldenTables[table] {
					t.Fatalf("%s: no store table %q in the fixture allowlist", in, table)
				}
				abs, _ := filepath.Abs(in)
				if _, err := db.db.ExecContext(t.Context(),
					`INSERT INTO store.`+table+` BY NAME SELECT * FROM read_csv(?, header = true, auto_type_candidates = ['BOOLEAN', 'BIGINT', 'DOUBLE', 'DATE', 'VARCHAR'])`, abs); err != nil {
					t.Fatalf("load %s: %v", in, err)
				}
			}
			// A round metric reads the peildatum from getvariable('round'):
			// round.txt in the fixture, or the first day of 2099.
			round := "2099-01-01"
			if b, err := os.ReadFile(filepath.Join(dir, "round.txt")); err == nil {
				round = strings.TrimSpace(string(b))
			}
			if _, err := db.db.ExecContext(t.Context(), `SET VARIABLE round = ?::DATE`, round); err != nil {
				t.Fatal(err)
			}
			got := queryCSV(t, db.db, q)
			wantPath := filepath.Join(dir, "want.csv")
			if *update {
				if err := os.WriteFile(wantPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("%v (run go test -tags duckdb_arrow ./pipeline/store -run TestMetricGoldens -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", slug, diff)
			}
		})
	}
}

// queryCSV prints a result as CSV with floats in a fixed format.
func queryCSV(t *testing.T, db *sql.DB, q string) []byte {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(cols)
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		rec := make([]string, len(cols))
		for i, v := range vals {
			switch x := v.(type) {
			case nil:
				rec[i] = ""
			case float64:
				rec[i] = strconv.FormatFloat(x, 'f', 6, 64)
			default:
				rec[i] = fmt.Sprint(x)
			}
		}
		w.Write(rec)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	return buf.Bytes()
}

// TestEveryMetricHasGolden: each sql/metrics/<slug>.sql has a fixture.
func TestEveryMetricHasGolden(t *testing.T) {
	entries, err := fs.ReadDir(sqlfiles.FS, "metrics")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		slug := strings.TrimSuffix(e.Name(), ".sql")
		if _, err := os.Stat(filepath.Join("../../sql/testdata", slug, "want.csv")); err != nil {
			t.Errorf("metric %s has no golden fixture: %v", slug, err)
		}
	}
}
