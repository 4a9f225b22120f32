package pipeline_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"lpa/examples"
	"lpa/indicators"
	"lpa/pipeline"
	"lpa/pipeline/store"
)

// sharedData is where CI and the development machines keep the real data:
// ../shared/data seen from the repository root, or $LPA_SHARED_DATA.
func sharedData() string {
	if d := os.Getenv("LPA_SHARED_DATA"); d != "" {
		return d
	}
	return "../../shared/data"
}

func needShared(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(sharedData(), rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not present: this test needs the real data of ../shared/data (CI has it)", p)
	}
	return p
}

var clock = func() time.Time { return time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC) }

func newPipeline(t testing.TB, path string) (*pipeline.Pipeline, *store.DB) {
	t.Helper()
	// DuckDB's own readers may open the shared data: tests compare lpa's
	// parsers with them.
	db, err := store.Open(t.Context(), path, store.Options{ReadDirs: []string{sharedData()}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return pipeline.New(pipeline.Config{DB: db, Now: clock}), db
}

func sources(t testing.TB, paths ...string) []pipeline.Source {
	t.Helper()
	srcs, err := pipeline.ReadSources(paths, 0)
	if err != nil {
		t.Fatal(err)
	}
	return srcs
}

// queryRows runs q on the warehouse and returns the rows as strings.
func queryRows(t testing.TB, db *store.DB, q string) [][]string {
	t.Helper()
	var rw rowCollector
	if err := db.Query(t.Context(), q, store.Limits{}, &rw); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return rw.rows
}

type rowCollector struct{ rows [][]string }

func (r *rowCollector) Header([]store.Column) error { return nil }
func (r *rowCollector) Row(vals []any) error {
	rec := make([]string, len(vals))
	for i, v := range vals {
		if v == nil {
			rec[i] = "NULL"
			continue
		}
		rec[i] = strings.TrimSpace(strings.ReplaceAll(strings.TrimSpace(fmtAny(v)), "\n", " "))
	}
	r.rows = append(r.rows, rec)
	return nil
}

func one(t testing.TB, db *store.DB, q string) string {
	t.Helper()
	rows := queryRows(t, db, q)
	if len(rows) != 1 || len(rows[0]) != 1 {
		t.Fatalf("%s: want one value, got %v", q, rows)
	}
	return rows[0][0]
}

// TestFidelity loads the three 18+ editions of 50090NED and checks every
// measured value and every suppression in observations against a direct
// read of the same files by DuckDB's own CSV reader (all cells).
func TestFidelity(t *testing.T) {
	dir := needShared(t, "rivm_gezondheid_wijk_buurt_50090NED")
	var files []string
	for _, y := range []string{"2012", "2016", "2020"} {
		files = append(files, filepath.Join(dir, "50090NED_"+y+"_18plus.csv.gz"))
	}
	p, db := newPipeline(t, "")
	if _, err := p.Load(t.Context(), sources(t, files...)); err != nil {
		t.Fatal(err)
	}
	abs := make([]string, len(files))
	for i, f := range files {
		abs[i], _ = filepath.Abs(f)
	}
	// The independent reading: DuckDB parses the CSVs as text, unpivots the
	// indicator columns and keeps every non-empty cell.
	list := "['" + strings.Join(abs, "', '") + "']"
	src := `WITH src AS (SELECT * FROM read_csv(` + list + `, all_varchar = true, header = true)),
		long AS (UNPIVOT src ON COLUMNS(* EXCLUDE (ID, Leeftijd, Marges, WijkenEnBuurten, Perioden, Gemeentenaam_1, SoortRegio_2, Codering_3))
		         INTO NAME col VALUE raw)
		SELECT trim(WijkenEnBuurten) AS region_code, CAST(left(trim(Perioden), 4) AS INTEGER) AS period,
		       trim(Leeftijd) AS age_group,
		       lower(regexp_replace(regexp_replace(regexp_replace(regexp_replace(col, '_[0-9]+$', ''),
		             '([a-z0-9])([A-Z])', '\1_\2', 'g'), '([a-zA-Z])([0-9])', '\1_\2', 'g'), '([0-9])([A-Z])', '\1_\2', 'g')) AS indicator,
		       CASE WHEN trim(raw) = '.' THEN NULL ELSE CAST(trim(raw) AS DOUBLE) END AS value,
		       CASE WHEN trim(raw) = '.' THEN 'suppressed' ELSE 'measured' END AS status
		FROM long WHERE trim(raw) <> ''`
	obs := `SELECT region_code, period, age_group, indicator, value, status FROM observations`
	counts := queryRows(t, db, `WITH s AS MATERIALIZED (`+src+`), o AS MATERIALIZED (`+obs+`)
		SELECT (SELECT count(*) FROM s), (SELECT count(*) FROM o),
		       (SELECT count(*) FROM (FROM s EXCEPT ALL FROM o)), (SELECT count(*) FROM (FROM o EXCEPT ALL FROM s))`)[0]
	srcN, obsN := counts[0], counts[1]
	if srcN == "0" {
		t.Fatal("the direct read found no cells")
	}
	if srcN != obsN {
		t.Errorf("cells: source %s, observations %s", srcN, obsN)
	}
	if counts[2] != "0" {
		t.Errorf("in the source, not in observations: %s cells", counts[2])
	}
	if counts[3] != "0" {
		t.Errorf("in observations, not in the source: %s cells", counts[3])
	}
	// PROVENANCE.md counts the suppressed cells per edition.
	got := queryRows(t, db, `SELECT period, count(*) FROM observations WHERE status = 'suppressed' GROUP BY 1 ORDER BY 1`)
	want := [][]string{{"2012", "17200"}, {"2016", "21897"}, {"2020", "24608"}}
	if !equalRows(got, want) {
		t.Errorf("suppressed per edition: got %v, want %v", got, want)
	}
	// Suppression occurs only below gemeente level.
	if n := one(t, db, `SELECT count(*) FROM observations WHERE status = 'suppressed' AND region_level IN ('land', 'gemeente')`); n != "0" {
		t.Errorf("%s suppressed cells at land/gemeente level", n)
	}
	t.Logf("%s cells checked one by one", obsN)
}

// TestXLSXSameAsCSV: the original .xlsx and its CSV dump load to identical
// observations.
func TestXLSXSameAsCSV(t *testing.T) {
	dir := needShared(t, "rivm_gezondheid_wijk_buurt_50090NED")
	pa, dbA := newPipeline(t, "")
	pb, dbB := newPipeline(t, "")
	if _, err := pa.Load(t.Context(), sources(t, filepath.Join(dir, "50090NED_2016_18plus.xlsx"))); err != nil {
		t.Fatal(err)
	}
	if _, err := pb.Load(t.Context(), sources(t, filepath.Join(dir, "50090NED_2016_18plus.csv.gz"))); err != nil {
		t.Fatal(err)
	}
	const q = `SELECT md5(string_agg(concat_ws('|', region_code, region_level, period, age_group, indicator, value, status), ',' ORDER BY region_code, indicator)) FROM observations`
	if a, b := one(t, dbA, q), one(t, dbB, q); a != b {
		t.Errorf("xlsx and csv.gz differ: %s vs %s", a, b)
	}
}

func equalRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "\x00") != strings.Join(b[i], "\x00") {
			return false
		}
	}
	return true
}

// TestIdempotentAndCorrectedLoads: the same file again adds nothing; a
// corrected file replaces its slices in one go and both loads are recorded;
// the original again brings the original values back.
func TestIdempotentAndCorrectedLoads(t *testing.T) {
	orig, err := examples.FS.ReadFile("data/50090NED_gemeenten_2012_2016_2020_18plus.csv")
	if err != nil {
		t.Fatal(err)
	}
	// The correction: Aa en Hunze 2020 smokers 15.0 -> 15.4.
	line := "2020JJ00,Aa en Hunze                             ,Gemeente  ,GM1680              ,    80.5,    47.3,    45.4,     1.7,    45.0,    53.9,    15.8,    15.0,"
	if !bytes.Contains(orig, []byte(line)) {
		t.Fatal("fixture line not found")
	}
	fixed := bytes.Replace(orig, []byte(line), []byte(strings.Replace(line, "    15.0,", "    15.4,", 1)), 1)
	p, db := newPipeline(t, filepath.Join(t.TempDir(), "w.duckdb"))
	ctx := t.Context()
	load := func(data []byte) store.LoadOutcome {
		t.Helper()
		res, err := p.Load(ctx, []pipeline.Source{{Path: "50090NED_gemeenten.csv", Data: data}})
		if err != nil {
			t.Fatal(err)
		}
		return res.Outcomes[0]
	}
	const roker = `SELECT value FROM observations WHERE region_code = 'GM1680' AND period = 2020 AND indicator = 'roker'`
	first := load(orig)
	count := one(t, db, `SELECT count(*) FROM observations`)
	if first.Status != store.StatusLoaded || count != "28124" {
		t.Fatalf("first load: %+v, %s rows", first, count)
	}
	again := load(orig)
	if again.Status != store.StatusUnchanged || again.SameAs != first.LoadID {
		t.Errorf("same file again: %+v", again)
	}
	if n := one(t, db, `SELECT count(*) FROM observations`); n != count {
		t.Errorf("same file again changed the row count: %s -> %s", count, n)
	}
	corr := load(fixed)
	if corr.Status != store.StatusLoaded || len(corr.Replaced) != 1 || corr.Replaced[0] != first.LoadID {
		t.Errorf("corrected file: %+v", corr)
	}
	if v := one(t, db, roker); v != "15.4" {
		t.Errorf("after the correction roker = %s, want 15.4", v)
	}
	if n := one(t, db, `SELECT count(*) FROM observations`); n != count {
		t.Errorf("correction changed the row count: %s -> %s", count, n)
	}
	if n := one(t, db, `SELECT count(DISTINCT load_id) FROM observations`); n != "1" {
		t.Errorf("rows of %s loads after a full replacement", n)
	}
	got := queryRows(t, db, `SELECT load_id, status FROM loads ORDER BY load_id`)
	want := [][]string{{"1", "replaced"}, {"2", "unchanged"}, {"3", "loaded"}}
	if !equalRows(got, want) {
		t.Errorf("loads: got %v, want %v", got, want)
	}
	back := load(orig)
	if back.Status != store.StatusLoaded {
		t.Errorf("original again after a correction: %+v", back)
	}
	if v := one(t, db, roker); v != "15" {
		t.Errorf("after loading the original again roker = %s, want 15", v)
	}
	// No key occurs twice.
	if n := one(t, db, `SELECT count(*) FROM (SELECT 1 FROM observations GROUP BY source, region_code, period, age_group, indicator HAVING count(*) > 1)`); n != "0" {
		t.Errorf("%s duplicated keys", n)
	}
}

// TestBadFileChangesNothing: a refused file leaves observations as they
// were and is noted in the load log.
func TestBadFileChangesNothing(t *testing.T) {
	p, db := newPipeline(t, "")
	good, _ := examples.FS.ReadFile("data/50090NED_gemeenten_2012_2016_2020_18plus.csv")
	if _, err := p.Load(t.Context(), []pipeline.Source{{Path: "good.csv", Data: good}}); err != nil {
		t.Fatal(err)
	}
	const fp = `SELECT count(*), sum(hash(region_code, period, indicator, value, status)) FROM observations`
	before := queryRows(t, db, fp)
	bad := bytes.Replace(good, []byte("GM1680    ,2020JJ00"), []byte("GX0363    ,2020JJ00"), 1)
	other := bytes.ReplaceAll(good, []byte("2012JJ00"), []byte("2013JJ00")) // fine on its own
	_, err := p.Load(t.Context(), []pipeline.Source{{Path: "other.csv", Data: other}, {Path: "bad.csv", Data: bad}})
	if !pipeline.IsBadInput(err) || !errors.Is(err, indicators.ErrInvalidValue) {
		t.Fatalf("want a bad-input error, got %v", err)
	}
	if !strings.Contains(err.Error(), `bad.csv:`) || !strings.Contains(err.Error(), `"GX0363"`) {
		t.Errorf("message lacks file, line or value: %v", err)
	}
	if after := queryRows(t, db, fp); !equalRows(before, after) {
		t.Errorf("observations changed: %v -> %v", before, after)
	}
	if got := one(t, db, `SELECT string_agg(status, ',' ORDER BY load_id) FROM loads`); got != "loaded,failed" {
		t.Errorf("loads: %s", got)
	}
}

// TestExampleRun computes the example accords: every one-gemeente accord
// equals its gemeente's published value exactly.
func TestExampleRun(t *testing.T) {
	p, db := examplePipeline(t)
	if _, err := p.Compute(t.Context(), clock()); err != nil {
		t.Fatal(err)
	}
	if n := one(t, db, `SELECT count(DISTINCT accord_id) FROM accord_metrics`); n != "14" {
		t.Errorf("%s accords computed", n)
	}
	if n := one(t, db, `SELECT count(DISTINCT gemeente_code) FROM accord_members`); n != "44" {
		t.Errorf("%s member gemeenten, the factsheet says 44", n)
	}
	mismatch := one(t, db, `SELECT count(*) FROM accord_metrics m
		JOIN accord_members am USING (accord_id)
		JOIN observations o ON o.region_code = am.gemeente_code AND o.period = m.period
		     AND o.age_group = m.age_group AND o.indicator = m.indicator
		WHERE m.members = 1 AND m.value IS DISTINCT FROM o.value`)
	if mismatch != "0" {
		t.Errorf("%s one-gemeente accord values differ from the published value", mismatch)
	}
	// Every member of the 2020 division has a GGD region.
	if n := one(t, db, `SELECT count(*) FROM regions WHERE division = 2020 AND region_level = 'gemeente' AND ggd_region_code IS NULL`); n != "0" {
		t.Errorf("%s gemeenten of 2020 without GGD region", n)
	}
	for code, ggd := range map[string]string{"GM0457": "GG3606", "GM0788": "GG5406", "GM0003": "GG0111", "GM1900": "GG7206"} {
		if got := one(t, db, `SELECT ggd_region_code FROM regions WHERE division = 2020 AND region_code = '`+code+`'`); got != ggd {
			t.Errorf("GGD of %s in 2020: %s, want %s", code, got, ggd)
		}
	}
	dir := t.TempDir()
	res, err := p.Report(t.Context(), dir, nil, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	paths := res.Paths
	if len(paths) != 14 || !res.Round.Equal(pipeline.Today(clock())) {
		t.Errorf("%d reports of round %v", len(paths), res.Round)
	}
	// Reports are reproducible: same warehouse, same bytes.
	first, _ := os.ReadFile(paths[0])
	if _, err := p.Report(t.Context(), dir, nil, res.Round); err != nil {
		t.Fatal(err)
	}
	// A round that was not computed is refused with the rounds there are.
	if _, err := p.Report(t.Context(), dir, nil, time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)); !errors.Is(err, pipeline.ErrNoRound) {
		t.Errorf("report of an uncomputed round: %v", err)
	}
	second, _ := os.ReadFile(paths[0])
	if !bytes.Equal(first, second) {
		t.Error("the same warehouse gave different PDF bytes")
	}
}

func fmtAny(v any) string {
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case time.Time:
		return x.Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}

// TestBatchReplacement: when one load holds two files of the same slices,
// the later one wins, the earlier one is recorded as replaced, and a file
// that covers only some slices of another leaves it partly replaced.
func TestBatchReplacement(t *testing.T) {
	orig, _ := examples.FS.ReadFile("data/50090NED_gemeenten_2012_2016_2020_18plus.csv")
	var onlyNL bytes.Buffer
	for i, line := range strings.SplitAfter(string(orig), "\n") {
		if i == 0 || strings.Contains(line, ",NL01      ,") {
			onlyNL.WriteString(strings.Replace(line, "    78.4,", "    78.5,", 1))
		}
	}
	p, db := newPipeline(t, "")
	res, err := p.Load(t.Context(), []pipeline.Source{
		{Path: "a.csv", Data: orig}, {Path: "b.csv", Data: onlyNL.Bytes()},
	})
	if err != nil {
		t.Fatal(err)
	}
	if r := res.Outcomes[1].Replaced; len(r) != 1 || r[0] != res.Outcomes[0].LoadID {
		t.Errorf("b replaces %v, want load %d", r, res.Outcomes[0].LoadID)
	}
	got := queryRows(t, db, `SELECT file_name, status, rows FROM loads ORDER BY load_id`)
	want := [][]string{{"a.csv", "partly_replaced", "28124"}, {"b.csv", "loaded", "79"}}
	if !equalRows(got, want) {
		t.Errorf("loads: %v, want %v", got, want)
	}
	if v := one(t, db, `SELECT value FROM observations WHERE region_code = 'NL01' AND period = 2020 AND indicator = 'ervaren_gezondheid_goed_zeer_goed'`); v != "78.5" {
		t.Errorf("NL 2020 from the later file: %s", v)
	}
	if n := one(t, db, `SELECT count(*) FROM observations`); n != "28124" {
		t.Errorf("%s observations", n)
	}
	if n := one(t, db, `SELECT count(*) FROM observations WHERE load_id = 1`); n != "28045" {
		t.Errorf("a.csv keeps %s rows, want 28045 (its gemeente rows)", n)
	}
}

// TestCrosswalkReaggregation: the crosswalk keeps the inhabitants of 2020
// whole on the 2023 division, and an accord of 2023 gemeenten gets 2020
// values from its predecessors, marked re-aggregated.
func TestCrosswalkReaggregation(t *testing.T) {
	p, db := newPipeline(t, "")
	srcs, err := pipeline.FSSources(examples.FS)
	if err != nil {
		t.Fatal(err)
	}
	eemsdelta := []byte("id: eemsdelta\nname: Eemsdelta\nkind: regionaal\nsigned: 2022\ndivision: 2023\nexample_data: true\nmembers:\n  - GM1979\n  - GM0014\n")
	srcs = append(srcs, pipeline.Source{Path: "eemsdelta.yaml", Data: eemsdelta})
	if _, err := p.Load(t.Context(), srcs); err != nil {
		t.Fatal(err)
	}
	total := one(t, db, `SELECT sum(population) FROM regions WHERE division = 2020 AND region_level = 'gemeente'`)
	mapped := one(t, db, `SELECT round(sum(r.population * cw.share)) FROM gemeente_crosswalk cw
		JOIN regions r ON r.division = 2020 AND r.region_code = cw.from_code AND r.region_level = 'gemeente'
		WHERE cw.from_division = 2020 AND cw.to_division = 2023`)
	if total != mapped || total == "NULL" {
		t.Errorf("inhabitants of 2020: %s, mapped onto 2023: %s", total, mapped)
	}
	if n := one(t, db, `SELECT count(DISTINCT from_code) FROM gemeente_crosswalk WHERE from_division = 2020 AND to_division = 2023`); n != "355" {
		t.Errorf("%s gemeenten of 2020 in the crosswalk", n)
	}
	if n := one(t, db, `SELECT count(DISTINCT to_code) FROM gemeente_crosswalk WHERE from_division = 2020 AND to_division = 2023`); n != "342" {
		t.Errorf("%s gemeenten of 2023 reached", n)
	}
	// The examples hold inhabitants of 2020 only: compute refuses an
	// accord whose members' weights in its own division are unknown.
	if _, err := p.Compute(t.Context(), clock()); err == nil || !strings.Contains(err.Error(), "accord eemsdelta: member GM0014 has no inhabitants in the 2023 municipal division") {
		t.Fatalf("compute without 2023 inhabitants: %v", err)
	}
	kern := needShared(t, "cbs_regiocodes/Kerncijfers_wijken_en_buurten_2024_geslachten.csv")
	kb, _ := os.ReadFile(kern)
	// The 2024 Kerncijfers give the inhabitants of the 2024 division, which
	// has the gemeenten of 2023; state the accord in 2024 to use them.
	eemsdelta = bytes.Replace(eemsdelta, []byte("division: 2023"), []byte("division: 2024"), 1)
	if _, err := p.Load(t.Context(), []pipeline.Source{{Path: kern, Data: kb}, {Path: "eemsdelta.yaml", Data: eemsdelta}}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Compute(t.Context(), clock()); err != nil {
		t.Fatal(err)
	}
	// Eemsdelta + Groningen in 2020: GM0003, GM0010, GM0024 and GM0014.
	got := queryRows(t, db, `SELECT members, reaggregated, status FROM accord_metrics
		WHERE accord_id = 'eemsdelta' AND indicator = 'roker' AND period = 2020`)
	if !equalRows(got, [][]string{{"4", "true", "measured"}}) {
		t.Errorf("eemsdelta roker 2020: %v", got)
	}
	want := one(t, db, `SELECT round(sum(o.value * r.population) / sum(r.population), 6) FROM observations o
		JOIN regions r ON r.division = 2020 AND r.region_code = o.region_code
		WHERE o.indicator = 'roker' AND o.period = 2020 AND o.region_code IN ('GM0003', 'GM0010', 'GM0024', 'GM0014')`)
	if v := one(t, db, `SELECT value FROM accord_metrics WHERE accord_id = 'eemsdelta' AND indicator = 'roker' AND period = 2020`); v != want {
		t.Errorf("eemsdelta roker 2020 = %s, want %s", v, want)
	}
	if got := one(t, db, `SELECT ggd_region_codes FROM accord_metrics WHERE accord_id = 'eemsdelta' AND indicator = 'roker' AND period = 2020`); got != "GG0111" {
		t.Errorf("eemsdelta's GGD regions: %s", got)
	}
	if n := one(t, db, `SELECT count(*) FROM regions WHERE division = 2024 AND region_level = 'gemeente' AND ggd_region_code IS NULL`); n != "0" {
		t.Errorf("%s gemeenten of 2024 without GGD region", n)
	}
	if n := one(t, db, `SELECT count(*) FROM accord_metrics WHERE accord_id <> 'eemsdelta' AND reaggregated`); n != "0" {
		t.Errorf("%s metrics of the 2020 accords marked re-aggregated", n)
	}
}

// TestNLRebuiltFromGemeenten: the population-weighted mean of the 355
// gemeenten (2020 inhabitants) lands within 0.1 percentage point of the
// published NL01 value for every indicator and edition of 50090NED; the
// largest gap is 0.089 (sociaal_eenzaam 2016).
func TestNLRebuiltFromGemeenten(t *testing.T) {
	_, db := examplePipeline(t)
	rows := queryRows(t, db, `WITH nl AS (SELECT period, indicator, value FROM observations WHERE region_code = 'NL01'),
		g AS (SELECT o.period, o.indicator, sum(o.value * r.population) / sum(r.population) AS v, count(*) AS n
		      FROM observations o JOIN regions r ON r.division = 2020 AND r.region_code = o.region_code
		      WHERE o.region_level = 'gemeente' AND o.status = 'measured' GROUP BY ALL)
		SELECT count(*), max(n), min(n), round(max(abs(g.v - nl.value)), 3),
		       arg_max(g.indicator || ' ' || g.period, abs(g.v - nl.value))
		FROM g JOIN nl USING (period, indicator)`)
	want := [][]string{{"79", "355", "355", "0.089", "sociaal_eenzaam 2016"}}
	if !equalRows(rows, want) {
		t.Errorf("NL rebuilt from gemeenten: got %v, want %v (cells, gemeenten max/min, largest gap, where)", rows, want)
	}
}

// TestNoNumberRestsOnASuppressedCell suppresses two real gemeente cells
// (Aalten roker 2020, Rotterdam overgewicht 2016) and sweeps every metric
// row: none that shows a number has a suppressed cell among its inputs.
func TestNoNumberRestsOnASuppressedCell(t *testing.T) {
	orig, _ := examples.FS.ReadFile("data/50090NED_gemeenten_2012_2016_2020_18plus.csv")
	lines := strings.SplitAfter(string(orig), "\n")
	suppress := func(code, period string, col int) {
		for i, l := range lines {
			if strings.Contains(l, ","+code+"    ,"+period+"JJ00,") {
				f := strings.Split(l, ",")
				f[col] = "       ."
				lines[i] = strings.Join(f, ",")
				return
			}
		}
		t.Fatalf("no line for %s %s", code, period)
	}
	suppress("GM0197", "2020", 15) // Roker_11
	suppress("GM0599", "2016", 13) // Overgewicht_9
	srcs, err := pipeline.FSSources(examples.FS)
	if err != nil {
		t.Fatal(err)
	}
	for i := range srcs {
		if strings.Contains(srcs[i].Path, "50090NED") {
			srcs[i].Data = []byte(strings.Join(lines, ""))
		}
	}
	p, db := newPipeline(t, "")
	if _, err := p.Load(t.Context(), srcs); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Compute(t.Context(), clock()); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, q string }{
		{"population value on a suppressed member cell", `SELECT count(*) FROM population_metrics pm
			JOIN accord_members m ON m.accord_id = pm.accord_id
			 AND (pm.unit_level = 'akkoord' OR m.gemeente_code = pm.unit_code)
			JOIN observations o ON o.region_code = m.gemeente_code AND o.source = pm.source AND o.period = pm.period
			 AND o.age_group = pm.age_group AND o.sex = pm.sex AND o.indicator = pm.indicator
			WHERE o.status = 'suppressed' AND (pm.value IS NOT NULL OR pm.status = 'measured')`},
		{"computed GGD value on a suppressed cell of its regions", `SELECT count(*) FROM population_metrics pm
			JOIN regions r ON r.division = pm.division AND r.region_level = 'gemeente'
			 AND list_contains(string_split(pm.ggd_region_codes, ','), r.ggd_region_code)
			JOIN observations o ON o.region_code = r.region_code AND o.source = pm.source AND o.period = pm.period
			 AND o.age_group = pm.age_group AND o.sex = pm.sex AND o.indicator = pm.indicator
			WHERE o.status = 'suppressed' AND pm.ggd_source = 'berekend' AND pm.ggd_value IS NOT NULL`},
		{"change on a suppressed edition", `SELECT count(*) FROM population_metrics pm
			JOIN population_metrics prev ON prev.accord_id = pm.accord_id AND prev.unit_level = pm.unit_level
			 AND prev.unit_code = pm.unit_code AND prev.source = pm.source AND prev.indicator = pm.indicator
			 AND prev.age_group = pm.age_group AND prev.sex = pm.sex AND prev.period = pm.prev_period
			WHERE prev.status <> 'measured' AND pm.change_prev IS NOT NULL`},
		{"accord effect on a suppressed member cell", `SELECT count(*) FROM accord_effects e
			JOIN accord_members m USING (accord_id)
			JOIN observations o ON o.region_code = m.gemeente_code AND o.source = e.source AND o.indicator = e.indicator
			 AND o.age_group = e.age_group AND o.sex = e.sex AND o.period IN (e.from_period, e.to_period)
			WHERE o.status = 'suppressed' AND e.did IS NOT NULL`},
	} {
		if n := one(t, db, c.q); n != "0" {
			t.Errorf("%s: %s rows", c.name, n)
		}
	}
	got := queryRows(t, db, `SELECT unit_code, status, members_missing, coalesce(CAST(value AS VARCHAR), 'NULL')
		FROM population_metrics WHERE accord_id = 'achterhoek' AND indicator = 'roker' AND period = 2020
		AND unit_code IN ('achterhoek', 'GM0197') ORDER BY 1`)
	want := [][]string{{"GM0197", "suppressed", "1", "NULL"}, {"achterhoek", "suppressed", "1", "NULL"}}
	if !equalRows(got, want) {
		t.Errorf("achterhoek roker 2020: %v, want %v", got, want)
	}
	if got := one(t, db, `SELECT status FROM accord_effects WHERE accord_id = 'achterhoek' AND indicator = 'roker'`); got != "incomplete" {
		t.Errorf("achterhoek roker effect: %s", got)
	}
}

// TestLocalIndicator: a local survey in lpa's long format brings a new
// indicator into the catalogue, the population metrics and the Triple Aim
// panel (experienced quality of care, not a proxy).
func TestLocalIndicator(t *testing.T) {
	p, db := newPipeline(t, "")
	srcs, err := pipeline.FSSources(examples.FS)
	if err != nil {
		t.Fatal(err)
	}
	srcs = append(srcs, sources(t, "testdata/lokale_monitor_velsen.csv")...)
	res, err := p.Load(t.Context(), srcs)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Unknown) != 0 {
		t.Errorf("indicators reported as unknown: %v", res.Unknown)
	}
	if _, err := p.Compute(t.Context(), clock()); err != nil {
		t.Fatal(err)
	}
	got := queryRows(t, db, `SELECT label_nl, unit, direction, triple_aim, npa_core FROM indicators WHERE indicator = 'tevreden_over_zorg'`)
	if !equalRows(got, [][]string{{"Tevreden over de zorg in de buurt", "%", "hoger_beter", "ervaren_kwaliteit_van_zorg", "false"}}) {
		t.Errorf("catalogue entry: %v", got)
	}
	got = queryRows(t, db, `SELECT value, ci_lower, ci_upper, nl_value, z_basis, band_nl FROM population_metrics
		WHERE unit_code = 'velsen' AND indicator = 'tevreden_over_zorg'`)
	// z = (81.5 - 79) / ((85 - 78) / 3.92) = 1.4
	if !equalRows(got, [][]string{{"81.5", "78", "85", "79", "interval", "1..2"}}) {
		t.Errorf("population metric: %v", got)
	}
	got = queryRows(t, db, `SELECT dimension, value, nl_value, proxy, verdict_nl FROM triple_aim
		WHERE accord_id = 'velsen' AND indicator = 'tevreden_over_zorg'`)
	if !equalRows(got, [][]string{{"ervaren_kwaliteit_van_zorg", "81.5", "79", "false", "gunstig"}}) {
		t.Errorf("triple aim: %v", got)
	}
	if got := one(t, db, `SELECT status FROM observations WHERE source = 'Testmonitor Velsen' AND indicator = 'roker'`); got != "suppressed" {
		t.Errorf("suppressed local cell: %s", got)
	}
}

// TestFactsheetFigures: the national evaluation of the 14 example accords at
// the factsheet's peildatum shows its published Figure 3 and Table 1, and
// a second round tells what changed.
func TestFactsheetFigures(t *testing.T) {
	p, db := examplePipeline(t)
	round := time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC)
	if _, err := p.Compute(t.Context(), round); err != nil {
		t.Fatal(err)
	}
	got := queryRows(t, db, `SELECT item, string_agg(detail || '=' || pct, ' ' ORDER BY CASE detail WHEN 'uitgebreid' THEN 1 WHEN 'deels' THEN 2 ELSE 3 END)
		FROM national_evaluation WHERE round = DATE '2020-11-01' AND section = 'npa_themas' GROUP BY item ORDER BY item`)
	want := [][]string{ // Figure 3 (n=14); the 22 of roken goes to 'deels' (ties follow the item order)
		{"overgewicht", "uitgebreid=86 deels=14 niet=0"},
		{"problematisch_alcoholgebruik", "uitgebreid=50 deels=43 niet=7"},
		{"roken", "uitgebreid=57 deels=22 niet=21"},
	}
	if !equalRows(got, want) {
		t.Errorf("Figure 3: got %v, want %v", got, want)
	}
	got = queryRows(t, db, `SELECT item, count FROM national_evaluation
		WHERE round = DATE '2020-11-01' AND section = 'aanvullende_themas' ORDER BY item`)
	want = [][]string{ // Table 1
		{"financieel_gezond", "4"}, {"gezonde_leefomgeving", "7"}, {"gezondheidsverschillen", "5"},
		{"informeren_en_opvoeden", "7"}, {"mentale_weerbaarheid", "4"},
		{"netwerk_en_kundigheid_professionals", "4"}, {"toegankelijkheid_en_inclusiviteit", "7"},
	}
	if !equalRows(got, want) {
		t.Errorf("Table 1: got %v, want %v", got, want)
	}
	got = queryRows(t, db, `SELECT section || ':' || item, coalesce(CAST(count AS VARCHAR), CAST(value AS VARCHAR)), coalesce(CAST(pct AS VARCHAR), '')
		FROM national_evaluation WHERE round = DATE '2020-11-01' AND (section IN ('akkoorden', 'status_gemeenten', 'doelen', 'monitoring', 'partijen_per_akkoord')
		  OR item IN ('sportakkoord', 'positieve_gezondheid')) ORDER BY 1`)
	want = [][]string{
		{"akkoorden:gemeenten", "44", ""}, {"akkoorden:gesloten", "14", ""}, {"akkoorden:lokaal", "11", ""}, {"akkoorden:regionaal", "3", ""},
		{"doelen:met_doelen", "12", "86"}, {"doelen:met_doelen_en_interventies", "9", "75"},
		{"monitoring:niet_uitgewerkt", "2", "14"},
		{"partijen_per_akkoord:gemiddeld", "41.0", ""}, {"partijen_per_akkoord:maximum", "100.0", ""},
		{"partijen_per_akkoord:minimum", "4.0", ""}, {"partijen_per_akkoord:totaal", "574.0", ""},
		{"programmas:positieve_gezondheid", "11", "79"}, {"programmas:sportakkoord", "9", "69"},
		{"status_gemeenten:geen_activiteiten", "117", "33"}, {"status_gemeenten:gesloten", "44", "12"},
		{"status_gemeenten:in_voorbereiding", "146", "41"}, {"status_gemeenten:verkennen", "48", "14"},
	}
	if !equalRows(got, want) {
		t.Errorf("national figures:\n got %v\nwant %v", got, want)
	}
	// A year later Velsen has a new partner.
	velsen, _ := examples.FS.ReadFile("accords/velsen.yaml")
	i := bytes.Index(velsen, []byte("  parties:"))
	if i < 0 {
		t.Fatal("velsen.yaml has no parties")
	}
	j := i + bytes.IndexByte(velsen[i:], '\n') + 1
	changed := append(append(append([]byte{}, velsen[:j]...), []byte("    - {name: \"Buurtsportvereniging Velsen-Noord\", sector: sport}\n")...), velsen[j:]...)
	if _, err := p.Load(t.Context(), []pipeline.Source{{Path: "accords/velsen.yaml", Data: changed}}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Compute(t.Context(), round.AddDate(1, 0, 0)); err != nil {
		t.Fatal(err)
	}
	got = queryRows(t, db, `SELECT accord_id, change, item FROM round_changes
		WHERE round = DATE '2021-11-01' AND change LIKE 'partner%'`)
	if !equalRows(got, [][]string{{"velsen", "partner_erbij", "Buurtsportvereniging Velsen-Noord"}}) {
		t.Errorf("round changes: %v", got)
	}
	if n := one(t, db, `SELECT count(*) FROM rounds`); n != "2" {
		t.Errorf("%s rounds", n)
	}
	// Recomputing the first round replaces only that round.
	before := one(t, db, `SELECT count(*) FROM population_metrics WHERE round = DATE '2021-11-01'`)
	if _, err := p.Compute(t.Context(), round); err != nil {
		t.Fatal(err)
	}
	if after := one(t, db, `SELECT count(*) FROM population_metrics WHERE round = DATE '2021-11-01'`); after != before {
		t.Errorf("recomputing 2020-11-01 changed the 2021 round: %s -> %s rows", before, after)
	}
}

// examplePipeline is an in-memory warehouse with the bundled examples loaded.
func examplePipeline(t *testing.T) (*pipeline.Pipeline, *store.DB) {
	t.Helper()
	p, db := newPipeline(t, "")
	srcs, err := pipeline.FSSources(examples.FS)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Load(t.Context(), srcs); err != nil {
		t.Fatal(err)
	}
	return p, db
}
