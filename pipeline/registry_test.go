package pipeline_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lpa/examples"
	"lpa/indicators"
	"lpa/pipeline"
)

// loadExamples loads every bundled example (registry with coding, status,
// process and project templates) into a fresh in-memory warehouse.
func loadExamples(t *testing.T) (*pipeline.Pipeline, func(q string) string) {
	t.Helper()
	p, db := newPipeline(t, "")
	srcs, err := pipeline.FSSources(examples.FS)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Load(t.Context(), srcs); err != nil {
		t.Fatal(err)
	}
	return p, func(q string) string { return one(t, db, q) }
}

// TestRegistryViews: the bundled example registry lands in the public views
// with the factsheet's counts, every invented row marked example_data.
func TestRegistryViews(t *testing.T) {
	_, q := loadExamples(t)
	checks := []struct{ query, want string }{
		{`SELECT count(*) FROM accord_coding WHERE example_data`, "14"},
		{`SELECT string_agg(theme || ' ' || coverage || ' ' || n, ', ' ORDER BY theme, coverage) FROM
			(SELECT theme, coverage, count(*) AS n FROM accord_npa_themes GROUP BY ALL)`,
			"overgewicht deels 2, overgewicht uitgebreid 12, problematisch_alcoholgebruik deels 6, problematisch_alcoholgebruik niet 1, " +
				"problematisch_alcoholgebruik uitgebreid 7, roken deels 3, roken niet 3, roken uitgebreid 8"},
		{`SELECT string_agg(theme || ' ' || n, ', ' ORDER BY theme) FROM (SELECT theme, count(*) AS n FROM accord_themes GROUP BY ALL)`,
			"financieel_gezond 4, gezonde_leefomgeving 7, gezondheidsverschillen 5, informeren_en_opvoeden 7, mentale_weerbaarheid 4, " +
				"netwerk_en_kundigheid_professionals 4, toegankelijkheid_en_inclusiviteit 7"},
		{`SELECT count(*) || ' ' || min(party_count) || ' ' || max(party_count) || ' ' || avg(party_count) FROM accord_coding`, "14 4 100 41.0"},
		{`SELECT count(*) FROM accord_parties`, "574"},
		{`SELECT count(DISTINCT accord_id) FROM accord_goals`, "12"},
		{`SELECT count(*) FROM accord_coding WHERE interventions_described`, "9"},
		{`SELECT count(*) FROM accord_coding WHERE NOT monitoring_worked_out`, "2"},
		{`SELECT count(*) FROM accord_programmes WHERE programme = 'sportakkoord' AND accord_id IN (SELECT accord_id FROM accord_coding WHERE based_on = 'npa')`, "9"},
		{`SELECT count(*) FROM accord_programmes WHERE programme = 'positieve_gezondheid'`, "11"},
		{`SELECT count(*) FROM accord_uitgangspunten WHERE uitgangspunt = 'inwoners_betrokken' AND met`, "1"},
		// Goals' baselines are the accord's real 2020 values (50090NED).
		{`SELECT count(*) FROM accord_goals g JOIN accord_members m USING (accord_id)
			WHERE g.indicator = 'roker' AND g.accord_id = 'rotterdam' AND g.baseline_value = (SELECT value FROM observations
			WHERE region_code = m.gemeente_code AND period = 2016 AND indicator = 'roker' AND age_group = '20300' AND region_level = 'gemeente')`, "1"},
		{`SELECT string_agg(status || ' ' || example_data || ' ' || n, ', ' ORDER BY status) FROM
			(SELECT status, example_data, count(*) AS n FROM accord_status WHERE peildatum = DATE '2020-11-01' GROUP BY ALL)`,
			"geen_activiteiten true 117, gesloten false 44, in_voorbereiding true 146, verkennen true 48"},
		// The 44 gesloten gemeenten are exactly the members of the 14 accords.
		{`SELECT count(*) FROM accord_status s FULL JOIN (SELECT DISTINCT gemeente_code FROM accord_members) m USING (gemeente_code)
			WHERE (s.status = 'gesloten') IS DISTINCT FROM (m.gemeente_code IS NOT NULL)`, "0"},
		{`SELECT count(*) || ' ' || count(*) FILTER (WHERE example_data) FROM process_quarters`, "112 112"},
		{`SELECT count(*) || ' ' || count(*) FILTER (WHERE example_data) FROM process_budget`, "336 336"},
		{`SELECT count(*) FILTER (WHERE NOT example_data) FROM project_interventions`, "0"},
		{`SELECT count(*) FROM project_reach r LEFT JOIN project_interventions i USING (accord_id, intervention_id) WHERE i.name IS NULL`, "0"},
		{`SELECT count(*) FROM loads WHERE status <> 'loaded'`, "0"},
	}
	// Every load's rows are in the public views (what ownedRows counts).
	checks = append(checks, struct{ query, want string }{`SELECT count(*) FROM loads l WHERE kind IN ('accord_registry', 'vng_accord_status', 'process_quarters',
		'process_budget', 'project_workbook') AND rows <> (
		(SELECT count(*) FROM accords WHERE load_id = l.load_id) + (SELECT count(*) FROM accord_members WHERE load_id = l.load_id) +
		(SELECT count(*) FROM accord_coding WHERE load_id = l.load_id) + (SELECT count(*) FROM accord_npa_themes WHERE load_id = l.load_id) +
		(SELECT count(*) FROM accord_themes WHERE load_id = l.load_id) + (SELECT count(*) FROM accord_programmes WHERE load_id = l.load_id) +
		(SELECT count(*) FROM accord_roles WHERE load_id = l.load_id) + (SELECT count(*) FROM accord_working_methods WHERE load_id = l.load_id) +
		(SELECT count(*) FROM accord_monitoring WHERE load_id = l.load_id) + (SELECT count(*) FROM accord_uitgangspunten WHERE load_id = l.load_id) +
		(SELECT count(*) FROM accord_parties WHERE load_id = l.load_id) + (SELECT count(*) FROM accord_goals WHERE load_id = l.load_id) +
		(SELECT count(*) FROM accord_status WHERE load_id = l.load_id) + (SELECT count(*) FROM process_quarters WHERE load_id = l.load_id) +
		(SELECT count(*) FROM process_budget WHERE load_id = l.load_id) + (SELECT count(*) FROM project_interventions WHERE load_id = l.load_id) +
		(SELECT count(*) FROM project_reach WHERE load_id = l.load_id))`, "0"})
	for _, c := range checks {
		if got := q(c.query); got != c.want {
			t.Errorf("%s\n= %s, want %s", c.query, got, c.want)
		}
	}
}

func writeFile(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// What a file replaces: a registry file its accord's whole coding, a status
// file its rounds, a template the keys it holds.
func TestRegistryReplaceSemantics(t *testing.T) {
	p, db := newPipeline(t, "")
	q := func(s string) string { return one(t, db, s) }
	dir := t.TempDir()
	paths, err := pipeline.ExpandPaths([]string{"../examples/accords", "../examples/proces/proces_budget.csv", "../examples/status/vng_status_2020-11-01.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Load(t.Context(), sources(t, paths...)); err != nil {
		t.Fatal(err)
	}

	// A registry file without coding removes the accord's coding.
	b, _ := os.ReadFile("../examples/accords/ommen.yaml")
	top, _, _ := strings.Cut(string(b), "# --- generated")
	res, err := p.Load(t.Context(), sources(t, writeFile(t, dir, "ommen.yaml", top)))
	if err != nil {
		t.Fatal(err)
	}
	if n := q(`SELECT count(*) FROM accord_parties WHERE accord_id = 'ommen'`); n != "0" {
		t.Errorf("ommen keeps %s parties", n)
	}
	if got := q(`SELECT status FROM loads WHERE file_name = 'ommen.yaml' ORDER BY load_id LIMIT 1`); got != "replaced" || len(res.Outcomes[0].Replaced) != 1 {
		t.Errorf("first ommen.yaml load: %s, replaced %v", got, res.Outcomes[0].Replaced)
	}
	if n := q(`SELECT count(*) FROM accord_coding`); n != "13" {
		t.Errorf("%s codings, want 13", n)
	}

	// A budget file replaces all budget lines of the (accord, quarter) pairs
	// it holds, and nothing else.
	before := q(`SELECT count(*) FROM process_budget`)
	csv := writeFile(t, dir, "budget.csv", "akkoord_id;kwartaal;budgetregel;gepland_eur;besteed_eur\nommen;2021-Q1;eigen_middelen;1000;750,25\n")
	if _, err := p.Load(t.Context(), sources(t, csv)); err != nil {
		t.Fatal(err)
	}
	if got := q(`SELECT count(*) || ' ' || string_agg(budget_line || '=' || spent_eur, ',') FROM process_budget WHERE accord_id = 'ommen' AND quarter = '2021-Q1'`); got != "1 eigen_middelen=750.25" {
		t.Errorf("ommen 2021-Q1: %s", got)
	}
	if got, want := q(`SELECT count(*) + 2 FROM process_budget`), before; got != want {
		t.Errorf("%s budget rows + 2, want %s (3 lines of one quarter replaced by 1)", got, want)
	}
	if got := q(`SELECT status FROM loads WHERE file_name = 'proces_budget.csv'`); got != "partly_replaced" {
		t.Errorf("example budget load: %s", got)
	}
	// The same file again adds nothing.
	res, err = p.Load(t.Context(), sources(t, csv))
	if err != nil || res.Outcomes[0].Status != "unchanged" {
		t.Errorf("same budget again: %v %+v", err, res)
	}

	// A status file replaces its rounds; another round is added beside.
	st := writeFile(t, dir, "status.csv", "peildatum,gemeente_code,status\n2020-11-01,GM0175,gesloten\n2021-11-01,GM1979,verkennen\n")
	if _, err := p.Load(t.Context(), sources(t, st)); err != nil {
		t.Fatal(err)
	}
	if got := q(`SELECT string_agg(peildatum || ' ' || n, ', ' ORDER BY peildatum) FROM (SELECT peildatum, count(*) n FROM accord_status GROUP BY 1)`); got != "2020-11-01 1, 2021-11-01 1" {
		t.Errorf("rounds: %s", got)
	}
}

// Template rows must name accords and interventions lpa knows: from the
// warehouse or from the same load.
func TestTemplateReferences(t *testing.T) {
	p, db := newPipeline(t, "")
	dir := t.TempDir()
	ivs := writeFile(t, dir, "iv.csv", "akkoord_id,interventie_id,naam,thema,erkend_loketgezondleven,doelgroep,status\nommen,I01,Maatjesproject,,,,lopend\n")
	reach := writeFile(t, dir, "reach.csv", "akkoord_id,interventie_id,kwartaal,deelnemers_gepland,deelnemers_bereikt\nommen,I01,2021-Q1,10,8\nommen,I02,2021-Q1,10,8\n")

	_, err := p.Load(t.Context(), sources(t, ivs))
	var le *pipeline.LoadError
	if !errors.As(err, &le) || !errors.Is(err, indicators.ErrInvalidValue) ||
		!strings.Contains(err.Error(), ivs+`:2:1 (akkoord_id): accord "ommen" is not in the registry`) {
		t.Fatalf("unknown accord: %v", err)
	}
	if n := one(t, db, `SELECT count(*) FROM loads WHERE status = 'failed'`); n != "1" {
		t.Errorf("%s failed loads", n)
	}
	// With the registry in the same load, the interventions load; the reach
	// of I02, which no load names, is refused with its cell.
	_, err = p.Load(t.Context(), sources(t, "../examples/accords/ommen.yaml", ivs, reach))
	if err == nil || !strings.Contains(err.Error(), reach+`:3:2 (interventie_id): intervention "I02" of accord ommen is not known`) ||
		strings.Contains(err.Error(), ivs) {
		t.Fatalf("unknown intervention: %v", err)
	}
	if n := one(t, db, `SELECT count(*) FROM accords`); n != "0" {
		t.Errorf("a refused load left %s accords", n)
	}
	if _, err := p.Load(t.Context(), sources(t, "../examples/accords/ommen.yaml", ivs)); err != nil {
		t.Fatal(err)
	}
	// Later, reach of an intervention loaded before is accepted.
	ok := writeFile(t, dir, "reach2.csv", "akkoord_id,interventie_id,kwartaal,deelnemers_gepland,deelnemers_bereikt\nommen,I01,2021-Q1,10,8\n")
	if _, err := p.Load(t.Context(), sources(t, ok)); err != nil {
		t.Fatal(err)
	}
	if got := one(t, db, `SELECT reached_participants FROM project_reach`); got != "8" {
		t.Errorf("reach: %s", got)
	}
}

// The blank templates lpa writes load as nothing, and filled in they load.
func TestWriteTemplates(t *testing.T) {
	dir := t.TempDir()
	paths, err := pipeline.WriteTemplates(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 7 {
		t.Errorf("wrote %v", paths)
	}
	p, db := newPipeline(t, "")
	all, err := pipeline.ExpandPaths([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Load(t.Context(), sources(t, all...))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Outcomes) != 6 {
		t.Errorf("%d files loaded, want the 2 workbooks and 4 CSV files (not LEESMIJ.txt)", len(res.Outcomes))
	}
	if got := one(t, db, `SELECT string_agg(DISTINCT status || ' ' || rows || ' ' || message, '; ') FROM loads`); got != "loaded 0 the template has no rows: nothing loaded, nothing replaced" {
		t.Errorf("loads: %s", got)
	}
	readme, _ := os.ReadFile(filepath.Join(dir, pipeline.TemplateReadme))
	if !strings.Contains(string(readme), "akkoord_id") {
		t.Errorf("LEESMIJ.txt:\n%s", readme)
	}
}
