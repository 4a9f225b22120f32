package pipeline_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"lpa/examples"
	"lpa/pipeline"
	"lpa/pipeline/store"
)

// TestLoadSpill: a load whose parsed rows do not fit its memory budget
// parks them in a temporary file until they are written, and stores
// exactly what a load within the budget stores: the same outcomes and the
// same rows, in-batch replacements included.
func TestLoadSpill(t *testing.T) {
	srcs, err := pipeline.FSSources(examples.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"50090NED_sample.csv", "vektis_2011_gemeente_sample.csv", "vektis_2023_gemeente_sample.csv",
		"monitor_50140NED_sample.csv", "monitor_gemeente_overgewicht_sample.csv"} {
		b, err := os.ReadFile(filepath.Join("..", "indicators", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, pipeline.Source{Path: name, Data: b})
	}
	// The bundled 50090NED gemeenten once more, later in the batch: its
	// slices are not written the first time.
	again, err := examples.FS.ReadFile("data/50090NED_gemeenten_2012_2016_2020_18plus.csv")
	if err != nil {
		t.Fatal(err)
	}
	srcs = append(srcs, pipeline.Source{Path: "zz/50090NED_again.csv", Data: again})

	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // the spill's temporary files go here
	var got [2][][]string
	for k, budget := range []int64{0, 1} { // the default, and 1 byte: every file's rows spill
		db, err := store.Open(t.Context(), "", store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		p := pipeline.New(pipeline.Config{DB: db, Now: clock, LoadBudget: budget})
		res, err := p.Load(t.Context(), srcs)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range res.Outcomes {
			got[k] = append(got[k], []string{o.Path, o.Status, fmt.Sprint(o.Rows), fmt.Sprint(o.Replaced)})
		}
		for _, q := range []string{
			`SELECT file_name, status, rows FROM loads ORDER BY load_id`,
			`SELECT count(*), sum(hash(o)) FROM observations o`,
			`SELECT count(*), sum(hash(c)) FROM care_costs c`,
			`SELECT count(*), sum(hash(r)) FROM regions r`,
		} {
			got[k] = append(got[k], queryRows(t, db, q)...)
		}
	}
	if !equalRows(got[0], got[1]) {
		t.Errorf("spilled load differs:\nwithin the budget %v\nspilled           %v", got[0], got[1])
	}
	if n := len(got[0]); n < len(srcs) {
		t.Fatalf("%d outcomes", n)
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) > 0 {
		t.Errorf("the spill left %d files in the temporary folder", len(left))
	}
}
