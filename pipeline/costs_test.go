package pipeline_test

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"lpa/indicators"
	"lpa/pipeline"
	"lpa/pipeline/store"
)

// vektisFiles expands the real Vektis folder, or skips.
func vektisFiles(t *testing.T) []string {
	t.Helper()
	dir := needShared(t, "vektis_zvw_gemeente")
	files, err := pipeline.ExpandPaths([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 13 {
		t.Fatalf("%s holds %d files, want the 13 years 2011-2023", dir, len(files))
	}
	return files
}

// TestCareCostsShared loads the 13 real Vektis files as `lpa load
// ../shared/data/vektis_zvw_gemeente/` does and checks every year against a
// reading of the same files by DuckDB's own CSV reader, not lpa's parser.
func TestCareCostsShared(t *testing.T) {
	files := vektisFiles(t)
	p, db := newPipeline(t, "") // in memory: one connection, so the temp tables below stay visible
	res, err := p.Load(t.Context(), sources(t, files...))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range res.Outcomes {
		if o.Status != store.StatusLoaded || o.Kind != indicators.KindVektisZvw || o.Rows == 0 || len(o.Replaced) > 0 {
			t.Errorf("%s: %+v", o.Path, o)
		}
	}

	t.Run("again unchanged", func(t *testing.T) {
		before := one(t, db, `SELECT count(*) FROM care_costs`)
		res, err := p.Load(t.Context(), sources(t, files...))
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range res.Outcomes {
			if o.Status != store.StatusUnchanged {
				t.Errorf("%s loaded again: %s, want unchanged", o.Path, o.Status)
			}
		}
		if after := one(t, db, `SELECT count(*) FROM care_costs`); after != before {
			t.Errorf("rows %s -> %s", before, after)
		}
	})

	// The independent reading: every field as text, the cost columns
	// unpivoted and summed as exact decimals.
	for _, f := range files {
		year, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "vektis_"), "_gemeente.csv.gz"))
		abs, _ := filepath.Abs(f)
		src := fmt.Sprintf(`read_csv('%s', delim = ';', header = true, all_varchar = true, normalize_names = false)`, abs)
		t.Run(strconv.Itoa(year), func(t *testing.T) {
			mismatch := func(what, q string) {
				t.Helper()
				// Each check reads the file as vk, its first CTE.
				q = strings.Replace(q, "WITH ", "WITH vk AS MATERIALIZED (SELECT * FROM "+src+"), ", 1)
				rows := queryRows(t, db, q)
				if len(rows) > 0 {
					t.Errorf("%s: %d differ (key, file, warehouse): %v", what, len(rows), rows)
				}
			}
			// Per source column, the rest-category row included.
			mismatch("column sums", fmt.Sprintf(`
				WITH want AS (
					SELECT lower(col) AS col, sum(val::DECIMAL(18, 2)) AS s
					FROM (UNPIVOT (SELECT COLUMNS('(?i)^kosten_') FROM vk) ON COLUMNS(*) INTO NAME col VALUE val)
					GROUP BY 1),
				got AS (
					SELECT lower(source_column) AS col, sum(cost_eur::DECIMAL(18, 2)) AS s
					FROM care_costs WHERE period = %d GROUP BY 1)
				SELECT col, want.s, got.s FROM want FULL JOIN got USING (col)
				WHERE want.s IS DISTINCT FROM got.s`, year))
			// Per harmonised category, through the category list.
			mismatch("category sums", fmt.Sprintf(`
				WITH want AS (
					SELECT k.cost_category AS cat, sum(val::DECIMAL(18, 2)) AS s
					FROM (UNPIVOT (SELECT COLUMNS('(?i)^kosten_') FROM vk) ON COLUMNS(*) INTO NAME col VALUE val)
					JOIN care_cost_categories k ON k.source_column = lower(col)
					GROUP BY 1),
				got AS (
					SELECT cost_category AS cat, sum(cost_eur::DECIMAL(18, 2)) AS s
					FROM care_costs WHERE period = %d GROUP BY 1)
				SELECT cat, want.s, got.s FROM want FULL JOIN got USING (cat)
				WHERE want.s IS DISTINCT FROM got.s`, year))
			// Rows, insured years and BSNs: once per row of the file (one category).
			mismatch("rows, insured years, bsn", fmt.Sprintf(`
				WITH want AS (
					SELECT count(*) AS n, sum(aantal_verzekerdejaren::DECIMAL(18, 2)) AS iy, sum(aantal_bsn::BIGINT) AS bsn,
					       count(*) FILTER (WHERE coalesce(gemeentenaam, '') = '') AS rest
					FROM vk),
				got AS (
					SELECT count(*) AS n, sum(insured_years::DECIMAL(18, 2)) AS iy, sum(bsn_count) AS bsn,
					       count(*) FILTER (WHERE rest_category AND gemeente_code IS NULL AND sex IS NULL AND age_class IS NULL) AS rest
					FROM care_costs WHERE period = %d AND cost_category = 'farmacie')
				SELECT 'file', want.*, 'warehouse', got.* FROM want, got
				WHERE (want.n, want.iy, want.bsn, want.rest) IS DISTINCT FROM (got.n, got.iy, got.bsn, got.rest) OR got.rest <> 1`, year))
			// The NL figure, recomputed from the file: all costs of the
			// gemeente rows over their insured years.
			mismatch("NL crude figure", fmt.Sprintf(`
				WITH costs AS (
					SELECT sum(val::DECIMAL(18, 2)) AS s
					FROM (UNPIVOT (SELECT * FROM vk WHERE coalesce(gemeentenaam, '') <> '')
					      ON COLUMNS('(?i)^kosten_') INTO NAME col VALUE val)),
				iy AS (SELECT sum(aantal_verzekerdejaren::DECIMAL(18, 2)) AS s FROM vk WHERE coalesce(gemeentenaam, '') <> ''),
				want AS (SELECT (costs.s / iy.s)::DOUBLE AS v FROM costs, iy),
				got AS (SELECT cost_per_insured_year AS v FROM care_cost_per_insured WHERE period = %d AND region_level = 'land')
				SELECT want.v, got.v FROM want FULL JOIN got ON true WHERE want.v IS NULL OR got.v IS NULL OR abs(want.v - got.v) > 1e-9 * want.v`, year))
		})
	}

	t.Run("standardised NL equals crude NL", func(t *testing.T) {
		rows := queryRows(t, db, `SELECT period, cost_per_insured_year, cost_per_insured_year_std, std_ratio, strata, strata_missing
			FROM care_cost_per_insured WHERE region_level = 'land' ORDER BY period`)
		if len(rows) != 13 {
			t.Fatalf("%d NL rows, want 13", len(rows))
		}
		for _, r := range rows {
			crude, _ := strconv.ParseFloat(r[1], 64)
			std, _ := strconv.ParseFloat(r[2], 64)
			if crude < 1000 || math.Abs(std-crude) > 1e-9*crude || r[4] != "38" || r[5] != "0" {
				t.Errorf("NL %s: crude %s, standardised %s, ratio %s, strata %s, missing %s; want equal figures over 38 strata", r[0], r[1], r[2], r[3], r[4], r[5])
			}
		}
	})

	t.Run("care_cost_per_insured", func(t *testing.T) {
		got := queryRows(t, db, `SELECT period, count(*), min(division), max(division), sum(strata + strata_missing = 38)::INTEGER,
				count(cost_per_insured_year_std), sum(strata_missing)
			FROM care_cost_per_insured WHERE region_level = 'gemeente' GROUP BY period ORDER BY period`)
		wantGem := map[string]string{"2019": "352", "2020": "344", "2021": "344", "2022": "342", "2023": "342"}
		wantDiv := map[string]string{"2019": "2021", "2020": "2022", "2021": "2022", "2022": "2023", "2023": "2023"}
		for _, r := range got {
			g, d := wantGem[r[0]], wantDiv[r[0]]
			if g == "" {
				g, d = "355", "2020"
			}
			if r[1] != g || r[2] != d || r[3] != d || r[4] != g || r[5] != g {
				t.Errorf("%s: %s gemeenten in division %s-%s, %s with all 38 strata accounted for, %s standardised; want %s in %s",
					r[0], r[1], r[2], r[3], r[4], r[5], g, d)
			}
		}
		if len(got) != 13 {
			t.Errorf("%d years, want 13", len(got))
		}
		// The gemeente figures weighted by insured years give back NL's crude figure.
		if n := one(t, db, `SELECT count(*) FROM (
				SELECT period, sum(cost_eur) / sum(insured_years) AS v FROM care_cost_per_insured
				WHERE region_level = 'gemeente' GROUP BY period) g
			JOIN care_cost_per_insured nl ON nl.period = g.period AND nl.region_level = 'land'
			WHERE abs(g.v - nl.cost_per_insured_year) > 1e-9 * g.v`); n != "0" {
			t.Errorf("%s years where the gemeenten do not add up to NL", n)
		}
	})
}

// TestCareCostsReplaceYear: a file of data year Y replaces all care costs of
// Y and nothing else; loading the original again brings its rows back.
func TestCareCostsReplaceYear(t *testing.T) {
	dir := needShared(t, "vektis_zvw_gemeente")
	y2011, y2012 := filepath.Join(dir, "vektis_2011_gemeente.csv.gz"), filepath.Join(dir, "vektis_2012_gemeente.csv.gz")
	sample, err := os.ReadFile("../indicators/testdata/vektis_2011_gemeente_sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	p, db := newPipeline(t, "")
	res, err := p.Load(t.Context(), sources(t, y2011, y2012))
	if err != nil {
		t.Fatal(err)
	}
	first := res.Outcomes[0]
	const perYear = `SELECT period, count(*), count(DISTINCT load_id), count(DISTINCT gemeente_code) FROM care_costs GROUP BY 1 ORDER BY 1`
	full := queryRows(t, db, perYear)
	if fmt.Sprint(full) != "[[2011 242550 1 355] [2012 242568 1 355]]" {
		t.Fatalf("after loading 2011 and 2012: %v", full)
	}
	// Three gemeenten of 2011 only (the sample in indicators/testdata):
	// refused, as it would remove most of the year, and nothing changes.
	partial := []pipeline.Source{{Path: "vektis_2011_gemeente_sample.csv", Data: sample}}
	_, err = p.Load(t.Context(), partial)
	var se *store.ShrinkError
	if !errors.As(err, &se) || se.Existing != 242550 || se.Incoming != 2070 || !pipeline.IsBadInput(err) {
		t.Fatalf("a partial year without --replace: %v", err)
	}
	if got := queryRows(t, db, perYear); fmt.Sprint(got) != fmt.Sprint(full) {
		t.Fatalf("after the refused partial year: %v", got)
	}
	if got := one(t, db, `SELECT status FROM loads ORDER BY load_id DESC LIMIT 1`); got != "failed" {
		t.Errorf("the refused file is noted as %q", got)
	}
	// With --replace it replaces the year.
	pr := pipeline.New(pipeline.Config{DB: db, Now: clock, Replace: true})
	res, err = pr.Load(t.Context(), partial)
	if err != nil {
		t.Fatal(err)
	}
	corr := res.Outcomes[0]
	if corr.Status != store.StatusLoaded || fmt.Sprint(corr.Replaced) != fmt.Sprint([]int64{first.LoadID}) || corr.Rows != 115*18 {
		t.Errorf("correction: %+v", corr)
	}
	if got := queryRows(t, db, perYear); fmt.Sprint(got) != fmt.Sprintf("[[2011 2070 1 3] %v]", full[1]) {
		t.Errorf("after the 2011 correction: %v", got)
	}
	if got := one(t, db, `SELECT count(*) FROM care_cost_per_insured WHERE period = 2011`); got != "4" {
		t.Errorf("care_cost_per_insured 2011: %s rows, want 3 gemeenten and NL", got)
	}
	if got := one(t, db, `SELECT count(*) FROM care_cost_per_insured WHERE period = 2012`); got != "356" {
		t.Errorf("care_cost_per_insured 2012: %s rows, want 355 gemeenten and NL (untouched)", got)
	}
	statuses := queryRows(t, db, `SELECT load_id, status FROM loads ORDER BY load_id`)
	if fmt.Sprint(statuses) != "[[1 replaced] [2 loaded] [4 failed] [5 loaded]]" {
		t.Errorf("loads: %v", statuses)
	}
	// The original again: it was replaced, so it loads (not "unchanged").
	res, err = p.Load(t.Context(), sources(t, y2011))
	if err != nil {
		t.Fatal(err)
	}
	if o := res.Outcomes[0]; o.Status != store.StatusLoaded || len(o.Replaced) != 1 {
		t.Errorf("original again: %+v", o)
	}
	if got := queryRows(t, db, perYear); fmt.Sprint(got) != fmt.Sprint(full) {
		t.Errorf("after loading the original again: %v, want %v", got, full)
	}
}
