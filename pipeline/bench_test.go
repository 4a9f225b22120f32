package pipeline_test

import (
	"os"
	"regexp"
	"time"

	"database/sql"
	"lpa/examples"
	"lpa/pipeline"
	"lpa/pipeline/store"
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

// BenchmarkComputeRound computes one round with the 14 example accords plus
// every one of the 355 gemeenten of 2020 as an accord of its own, on the
// three full 18+ editions of 50090NED (gemeente level and below loaded).
// Target: <= 2 s per round. Run:
//
//	go test -tags duckdb_arrow -run '^$' -bench ComputeRound -benchtime 5x -benchmem ./pipeline/
func BenchmarkComputeRound(b *testing.B) {
	files := threeEditions(b)
	p, db := newPipeline(b, filepath.Join(b.TempDir(), "w.duckdb"))
	srcs := sources(b, files...)
	ex, err := pipeline.FSSources(examples.FS)
	if err != nil {
		b.Fatal(err)
	}
	srcs = append(srcs, ex...)
	codes := queryRowsAfterLoad(b, p, db, srcs)
	var own []pipeline.Source
	for _, c := range codes {
		id := "gemeente-" + strings.ToLower(c)
		own = append(own, pipeline.Source{Path: id + ".yaml", Data: []byte(
			"id: " + id + "\nname: " + c + "\nkind: lokaal\nsigned: 2019\ndivision: 2020\nexample_data: true\nmembers:\n  - " + c + "\n")})
	}
	if _, err := p.Load(b.Context(), own); err != nil {
		b.Fatal(err)
	}
	if n := one(b, db, `SELECT count(*) FROM accords`); n != "369" {
		b.Fatalf("%s accords", n)
	}
	round := time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for b.Loop() {
		counts, err := p.Compute(b.Context(), round)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(counts[0].Rows), "population_rows/op")
		for _, c := range counts {
			b.ReportMetric(c.Took.Seconds(), c.Metric+"_s/op")
		}
	}
}

func queryRowsAfterLoad(b *testing.B, p *pipeline.Pipeline, db *store.DB, srcs []pipeline.Source) []string {
	if _, err := p.Load(b.Context(), srcs); err != nil {
		b.Fatal(err)
	}
	var codes []string
	for _, r := range queryRows(b, db, `SELECT region_code FROM regions WHERE division = 2020 AND region_level = 'gemeente' ORDER BY 1`) {
		codes = append(codes, r[0])
	}
	return codes
}

// BenchmarkReportBurst writes every report of one round on the bundled
// examples: 14 accord reports and 355 gemeente reports. Targets: <= 15 s
// wall, a median <= 5 ms per page, peak RSS <= 500 MB (measure that with
// /usr/bin/time -v on the test binary). Run:
//
//	go test -tags duckdb_arrow -run '^$' -bench ReportBurst -benchtime 3x ./pipeline/
func BenchmarkReportBurst(b *testing.B) {
	p, _ := newPipeline(b, filepath.Join(b.TempDir(), "w.duckdb"))
	ex, err := pipeline.FSSources(examples.FS)
	if err != nil {
		b.Fatal(err)
	}
	round := time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC)
	if _, err := p.Run(b.Context(), pipeline.Job{Load: ex, Compute: true, Round: round}); err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	b.ResetTimer()
	for b.Loop() {
		res, err := p.ReportWith(b.Context(), pipeline.ReportOptions{Dir: out, Round: round, Gemeenten: true})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		pages := 0
		for _, path := range res.Paths {
			pages += pdfPages(b, path)
		}
		b.ReportMetric(float64(len(res.Paths)), "reports/op")
		b.ReportMetric(float64(pages), "pages/op")
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/burst")
}

// pdfPages counts the pages of a PDF by its page objects.
func pdfPages(b *testing.B, path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return len(pageObject.FindAll(data, -1))
}

var pageObject = regexp.MustCompile(`/Type /Page[^s]`)
