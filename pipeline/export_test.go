package pipeline_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"lpa/indicators"
	"lpa/pipeline"
)

// The real StatLine "CSV export" files (PROVENANCE.md §7).
const dirExport = "cbs_statline_export_4steden"

const (
	sourceGM      = "statline_gezondheidsmonitor_regio"
	sourceInkomen = "statline_inkomen_van_huishoudens_huishoudenskenmerken_regio_892b5e"
)

// TestLoadStatLineExports loads the folder as a user would and checks
// every stored value against an independent read of the files, the
// decisions in loads.message and the units in the indicators view.
func TestLoadStatLineExports(t *testing.T) {
	dir := needShared(t, dirExport)
	paths, err := pipeline.ExpandPaths([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 8 {
		t.Fatalf("%d files in %s, want 8", len(paths), dir)
	}
	p, db := newPipeline(t, "")
	res, err := p.Load(t.Context(), sources(t, paths...))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range res.Outcomes {
		if o.Kind != indicators.KindStatLineExport {
			t.Errorf("%s: kind %s, want %s", o.Path, o.Kind, indicators.KindStatLineExport)
		}
	}
	if len(res.Unknown) != 0 {
		t.Errorf("indicators without a catalogue entry: %v; the export's topics should bring theirs", res.Unknown)
	}

	// Every value of every file, per region: DuckDB reads the quoted fields
	// of each line itself (read_text + a regular expression), keeps those
	// that are numbers with a decimal comma, and takes the last other field
	// of the line as the region name. The names are coded here by hand.
	for _, path := range paths {
		abs, err := filepath.Abs(path)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Base(path)
		fromFile := one(t, db, fmt.Sprintf(`
			WITH l AS (SELECT unnest(string_split(content, chr(10))) AS line FROM read_text('%s')),
			f AS (SELECT regexp_extract_all(line, '"([^"]*)"', 1) AS fs FROM l),
			v AS (SELECT list_filter(fs, x -> NOT regexp_full_match(x, '-?[0-9]+(,[0-9]+)?'))[-1] AS name, unnest(fs) AS v FROM f),
			codes(name, code) AS (VALUES ('Nederland', 'NL01'), ('Amsterdam', 'GM0363'), ('Groningen (gemeente)', 'GM0014'),
			                              ('Maastricht', 'GM0935'), ('Utrecht (gemeente)', 'GM0344')),
			s AS (SELECT coalesce(code, '?' || name) || ' ' || CAST(replace(v, ',', '.') AS DOUBLE) AS s
			      FROM v LEFT JOIN codes USING (name) WHERE regexp_full_match(v, '-?[0-9]+(,[0-9]+)?'))
			SELECT count(*) || ': ' || string_agg(s, ', ' ORDER BY s) FROM s`, abs))
		stored := one(t, db, fmt.Sprintf(`
			WITH s AS (SELECT region_code || ' ' || value AS s FROM observations o JOIN loads l USING (load_id)
			           WHERE l.file_name = '%s' AND o.status = 'measured')
			SELECT count(*) || ': ' || string_agg(s, ', ' ORDER BY s) FROM s`, file))
		if fromFile != stored {
			t.Errorf("%s: values per region differ\nfile:   %s\nstored: %s", file, fromFile, stored)
		}
	}

	for _, tc := range []struct{ name, q, want string }{
		{"overweight: 2012, 2016 for 19+, 2020, 2022 for 18+",
			`SELECT string_agg(DISTINCT period || ':' || age_group || ':' || division, ' ' ORDER BY period || ':' || age_group || ':' || division) FROM observations WHERE source = '` + sourceGM + `'`,
			"2012:19+:2020 2016:19+:2020 2020:20300:2020 2022:20300:2022"},
		{"overweight: 8 + 20 + 25 + 25 values",
			`SELECT count(*) FROM observations WHERE source = '` + sourceGM + `'`, "78"},
		{"income: 4 editions x 5 regions x 6 topics, division 2024",
			`SELECT count(*) || ' ' || count(DISTINCT period) || ' ' || min(division) || ' ' || max(division) FROM observations WHERE source = '` + sourceInkomen + `'`,
			"120 4 2024 2024"},
		{"nothing suppressed", `SELECT count(*) FROM observations WHERE source LIKE 'statline_%' AND status <> 'measured'`, "0"},
	} {
		if got := one(t, db, tc.q); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}

	// Spot values, read by eye from the files.
	for _, tc := range []struct{ name, where, want string }{
		{"Amsterdam 2020 Overgewicht 39,3", `source = '` + sourceGM + `' AND region_code = 'GM0363' AND period = 2020 AND indicator = 'overgewicht'`, "39.3 20300 gemeente"},
		{"Nederland 2022 Ernstig overgewicht (obesitas) 15,7", `source = '` + sourceGM + `' AND region_code = 'NL01' AND period = 2022 AND indicator = 'ernstig_overgewicht'`, "15.7 20300 land"},
		{"Groningen 2012 Overgewicht totaal 36,7", `source = '` + sourceGM + `' AND region_code = 'GM0014' AND period = 2012 AND indicator = 'overgewicht'`, "36.7 19+ gemeente"},
		{"Maastricht 2016 Overgewicht (topic with a trailing space) 45,6", `source = '` + sourceGM + `' AND region_code = 'GM0935' AND period = 2016 AND indicator = 'overgewicht'`, "45.6 19+ gemeente"},
		{"Utrecht 2016 Matig overgewicht 26,6", `source = '` + sourceGM + `' AND region_code = 'GM0344' AND period = 2016 AND indicator = 'matig_overgewicht'`, "26.6 19+ gemeente"},
		{"Nederland 2012 particuliere huishoudens 7412,1 (x 1 000)", `source = '` + sourceInkomen + `' AND region_code = 'NL01' AND period = 2012 AND indicator = 'particuliere_huishoudens'`, "7412.1 10000 land"},
		{"Utrecht 2022 gemiddeld gestandaardiseerd inkomen 35,1 (1 000 euro)", `source = '` + sourceInkomen + `' AND region_code = 'GM0344' AND period = 2022 AND indicator = 'gemiddeld_gestandaardiseerd_inkomen'`, "35.1 10000 gemeente"},
	} {
		got := one(t, db, `SELECT value || ' ' || age_group || ' ' || region_level FROM observations WHERE `+tc.where)
		if got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}

	// Units a user can see: the indicators view has the topics that are
	// not in lpa's catalogue with the file's unit; catalogue topics keep
	// the catalogue's.
	units := one(t, db, `SELECT string_agg(indicator || '=' || unit, ' ' ORDER BY indicator) FROM indicators
		WHERE indicator IN (SELECT DISTINCT indicator FROM observations WHERE source LIKE 'statline_%')`)
	want := "ernstig_overgewicht=% gemiddeld_besteedbaar_inkomen=1 000 euro gemiddeld_gestandaardiseerd_inkomen=1 000 euro " +
		"matig_overgewicht=% mediaan_besteedbaar_inkomen=1 000 euro mediaan_gestandaardiseerd_inkomen=1 000 euro normaal_gewicht=% " +
		"ondergewicht=% overgewicht=% particuliere_huishoudens=x 1 000 particuliere_huishoudens_relatief=%"
	if units != want {
		t.Errorf("units in the indicators view:\n%s\nwant\n%s", units, want)
	}

	// loads.message says what lpa decided.
	for file, wants := range map[string][]string{
		"Overgewicht2012.csv": {"source " + sourceGM, `period 2012 from "Perioden: 2012"`, "age group 19+", "municipal division of 2020, the period 2012 brought within"},
		"Overgewicht2020.csv": {"period 2020 from the year at the end of the title", "age group 20300 (18 jaar of ouder)"},
		"Inkomen2016.csv": {"source " + sourceInkomen, `period 2016 from "Perioden: 2016"`, "as the title states: (indeling 2024)",
			`particuliere_huishoudens in "x 1 000"`, `in "1 000 euro"`, "Populatie: Particuliere huishoudens incl. studenten"},
	} {
		msg := one(t, db, `SELECT message FROM loads WHERE file_name = '`+file+`'`)
		for _, w := range wants {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: loads.message lacks %q:\n%s", file, w, msg)
			}
		}
	}
}

// TestLoadAllSharedData is `lpa load ../shared/data/` into a fresh
// warehouse: every file of every folder loads (about 20 s, most of it the
// Vektis and 50090NED files).
func TestLoadAllSharedData(t *testing.T) {
	if testing.Short() {
		t.Skip("loads all of ../shared/data (about 20 s); skipped with -short")
	}
	root := filepath.Dir(needShared(t, dirExport))
	paths, err := pipeline.ExpandPaths([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	p, db := newPipeline(t, filepath.Join(t.TempDir(), "lpa.duckdb"))
	res, err := p.Load(t.Context(), sources(t, paths...))
	if err != nil {
		t.Fatalf("lpa load %s: %v", root, err)
	}
	if len(res.Outcomes) != len(paths) {
		t.Errorf("%d outcomes for %d files", len(res.Outcomes), len(paths))
	}
	if got := one(t, db, `SELECT count(*) FILTER (WHERE status = 'failed') || ' ' || count(DISTINCT file_path) FROM loads`); got != fmt.Sprintf("0 %d", len(paths)) {
		t.Errorf("loads: %s (failed, files), want 0 %d", got, len(paths))
	}
	if got := one(t, db, `SELECT count(*) FROM loads WHERE kind = 'statline_export'`); got != "8" {
		t.Errorf("%s StatLine exports in loads, want 8", got)
	}
}
