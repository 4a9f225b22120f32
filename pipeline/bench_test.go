package pipeline_test

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

func threeEditions(b *testing.B) []string {
	dir := needShared(b, "rivm_gezondheid_wijk_buurt_50090NED")
	var files []string
	for _, y := range []string{"2012", "2016", "2020"} {
		f, _ := filepath.Abs(filepath.Join(dir, "50090NED_"+y+"_18plus.csv.gz"))
		files = append(files, f)
	}
	return files
}

// BenchmarkLoadEditions compares `lpa load` of the three 18+ editions
// (.csv.gz) into a fresh file warehouse with the DuckDB-only path on the same
// files: read_csv into a wide table, then UNPIVOT into the long form. Run:
//
//	go test -tags duckdb_arrow -run '^$' -bench LoadEditions -benchtime 5x ./pipeline/
//
// and compare the ns/op of the three paths (target: lpa <= 1.3x DuckDB-only).
func BenchmarkLoadEditions(b *testing.B) {
	files := threeEditions(b)
	b.Run("lpa", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			path := filepath.Join(b.TempDir(), "w.duckdb")
			b.StartTimer()
			p, db := newPipeline(b, path)
			srcs := sources(b, files...)
			res, err := p.Load(b.Context(), srcs)
			if err != nil {
				b.Fatal(err)
			}
			if res.Outcomes[2].Rows == 0 {
				b.Fatal("nothing loaded")
			}
			db.Close()
		}
		b.ReportMetric(1369939, "cells/op")
	})
	// The DuckDB-only path, into a fresh file as lpa does, and in memory.
	for _, where := range []string{"file", "memory"} {
		b.Run("duckdb_only_"+where, func(b *testing.B) { duckdbOnly(b, files, where == "file") })
	}
}

func duckdbOnly(b *testing.B, files []string, file bool) {
	{
		list := "['" + strings.Join(files, "', '") + "']"
		for b.Loop() {
			b.StopTimer()
			path := ""
			if file {
				path = filepath.Join(b.TempDir(), "d.duckdb")
			}
			b.StartTimer()
			db, err := sql.Open("duckdb", path)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := db.ExecContext(b.Context(), `CREATE TABLE wide AS SELECT * FROM read_csv(`+list+`, header = true)`); err != nil {
				b.Fatal(err)
			}
			var n int64
			if err := db.QueryRowContext(b.Context(), `CREATE TABLE long AS
				UNPIVOT wide ON COLUMNS(* EXCLUDE (ID, Leeftijd, Marges, WijkenEnBuurten, Perioden, Gemeentenaam_1, SoortRegio_2, Codering_3))
				INTO NAME indicator VALUE value`).Scan(&n); err != nil {
				b.Fatal(err)
			}
			if n < 1300000 {
				b.Fatalf("%d cells", n)
			}
			db.Close()
		}
	}
}
