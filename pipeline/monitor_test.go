package pipeline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lpa/pipeline"
	"lpa/pipeline/store"
)

// The real monitor, sport and VZinfo files (PROVENANCE.md §2, §4, §6).
const (
	file85563       = "ggd_regio_gezondheidsmonitor_2022/Gezondheidsmonitor__bevolking_18_jaar_of_ouder__regio__2022_22012025_151906.csv"
	fileLV          = "ggd_regio_gezondheidsmonitor_2022/klik_lv_ggd_20192022.csv"
	file50140       = "rivm_gezondheidsmonitor_jongvolwassenen_50140NED/50140NED_TypedDataSet_22092025_192544.csv"
	fileSport       = "sport_en_vzinfo_gemeente/gemeente_sportlidmaatschappen_2024.csv"
	fileOvergewicht = "sport_en_vzinfo_gemeente/gemeente_overgewicht.csv"
	fileGebieden23  = "cbs_regiocodes/Gebieden_in_Nederland_2023_25032025_175459.csv"
)

// loadMonitor loads the three folders as a user would (lpa load DIR...)
// plus the 2023 region reference, into a fresh warehouse.
func loadMonitor(t *testing.T) (*pipeline.Pipeline, *store.DB, *pipeline.LoadResult) {
	t.Helper()
	dirs := []string{
		needShared(t, "ggd_regio_gezondheidsmonitor_2022"),
		needShared(t, "rivm_gezondheidsmonitor_jongvolwassenen_50140NED"),
		needShared(t, "sport_en_vzinfo_gemeente"),
		needShared(t, fileGebieden23),
	}
	paths, err := pipeline.ExpandPaths(dirs)
	if err != nil {
		t.Fatal(err)
	}
	p, db := newPipeline(t, "")
	res, err := p.Load(t.Context(), sources(t, paths...))
	if err != nil {
		t.Fatal(err)
	}
	return p, db, res
}

// absShared returns the absolute path of a shared file, for DuckDB's read_csv.
func absShared(t *testing.T, rel string) string {
	t.Helper()
	p, err := filepath.Abs(needShared(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestMonitorLoads loads every file of the three folders and checks the
// counts of PROVENANCE.md, the kinds, the notes in loads.message and spot
// values read by eye from the files.
func TestMonitorLoads(t *testing.T) {
	_, db, res := loadMonitor(t)
	kinds := map[string]string{}
	for _, o := range res.Outcomes {
		kinds[filepath.Base(o.Path)] = string(o.Kind)
	}
	for file, kind := range map[string]string{
		filepath.Base(file85563): "cbs_85563ned_ggd", filepath.Base(fileLV): "vzinfo_levensverwachting_ggd",
		filepath.Base(file50140): "statline_50140ned", filepath.Base(fileSport): "sport_lidmaatschappen",
		filepath.Base(fileOvergewicht): "vzinfo_overgewicht_gemeente",
	} {
		if kinds[file] != kind {
			t.Errorf("%s: kind %q, want %q", file, kinds[file], kind)
		}
	}

	// Source rows per file, counted in observations: region (x sex) rows.
	for _, tc := range []struct{ name, q, want string }{
		{"85563NED: 26 rows (NL + 25 GGD regions)",
			`SELECT count(DISTINCT region_code) FROM observations WHERE source = '85563NED'`, "26"},
		{"85563NED: 26 x 8 values",
			`SELECT count(*) FROM observations WHERE source = '85563NED'`, "208"},
		{"life expectancy: 75 rows (25 GGD regions x 3 sexes)",
			`SELECT count(DISTINCT (region_code, sex)) FROM observations WHERE source = 'vzinfo_levensverwachting'`, "75"},
		{"life expectancy: 2 values a row, each with a verdict",
			`SELECT count(*) || ' ' || count(significance) FROM observations WHERE source = 'vzinfo_levensverwachting'`, "150 150"},
		{"50140NED: 365 regions",
			`SELECT count(DISTINCT region_code) FROM observations WHERE source = '50140NED'`, "365"},
		{"50140NED: 365 x 148 cells, 11,597 of them empty in the file (suppressed)",
			`SELECT count(*) || ' ' || count(*) FILTER (WHERE status = 'suppressed') FROM observations WHERE source = '50140NED'`, "54020 11597"},
		{"50140NED by level",
			`SELECT string_agg(region_level || ':' || n, ' ' ORDER BY region_level) FROM (SELECT region_level, count(DISTINCT region_code) n FROM observations WHERE source = '50140NED' GROUP BY 1)`,
			"caribisch_nederland:1 gemeente:338 ggd_regio:25 land:1"},
		{"sport: 3,420 membership rows",
			`SELECT count(*) FROM observations WHERE source = 'sportlidmaatschappen'`, "3420"},
		{"sport: 342 gemeenten x 10 sports",
			`SELECT count(DISTINCT region_code) || ' ' || count(DISTINCT indicator) FROM observations WHERE source = 'sportlidmaatschappen'`, "342 10"},
		// PROVENANCE.md says 1,694 (338 x 5); the file has 1,695 data rows:
		// 338 gemeenten and GM9004 Friese Waddeneilanden, 5 indicators each.
		{"overweight: 1,695 rows with their interval",
			`SELECT count(*) || ' ' || count(ci_lower) FROM observations WHERE source = 'vzinfo_overgewicht' AND region_level IN ('gemeente', 'gemeentecluster')`, "1695 1695"},
		{"overweight: one GGD value per region and indicator",
			`SELECT count(*) || ' ' || count(DISTINCT region_code) FROM observations WHERE source = 'vzinfo_overgewicht' AND region_level = 'ggd_regio'`, "125 25"},
	} {
		if got := one(t, db, tc.q); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}

	// Spot values, as the files have them.
	for _, tc := range []struct{ name, where, want string }{
		{"GGD Groningen rokers 19,3", `source = '85563NED' AND region_code = 'GG0111' AND indicator = 'roker'`, "19.3 20300 2022 ggd_regio"},
		{"Nederland ervaren gezondheid 70", `source = '85563NED' AND region_code = 'NL01' AND indicator = 'ervaren_gezondheid_goed_zeer_goed'`, "70.0 20300 2022 land"},
		{"Gelderland-Midden (Veiligh. en Gez.) overmatige drinkers 6,3", `source = '85563NED' AND region_code = 'GG1911' AND indicator = 'overmatige_drinker'`, "6.3 20300 2022 ggd_regio"},
		{"GGD Groningen, Totaal, at birth 80,9", `source = 'vzinfo_levensverwachting' AND region_code = 'GG0111' AND sex = 'totaal' AND indicator = 'levensverwachting_bij_geboorte'`, "80.9 10000 2022 ggd_regio"},
		{"GGD Drenthe, Vrouwen, at 65 20,8", `source = 'vzinfo_levensverwachting' AND region_code = 'GG0706' AND sex = 'vrouw' AND indicator = 'levensverwachting_op_65'`, "20.8 10000 2022 ggd_regio"},
		{"50140NED NL01 MoeiteMetRondkomen_1 28.3", `source = '50140NED' AND region_code = 'NL01' AND indicator = 'moeite_met_rondkomen'`, "28.3 16-25 2024 land"},
		{"50140NED GM1680 GoedErvarenGezondheid_6 66.1", `source = '50140NED' AND region_code = 'GM1680' AND indicator = 'goed_ervaren_gezondheid'`, "66.1 16-25 2024 gemeente"},
		{"50140NED CG01 MoeiteMetRondkomen_1 24", `source = '50140NED' AND region_code = 'CG01' AND indicator = 'moeite_met_rondkomen'`, "24.0 16-25 2024 caribisch_nederland"},
		{"sport Groningen golf 2.0", `source = 'sportlidmaatschappen' AND region_code = 'GM0014' AND indicator = 'lidmaatschap_golf'`, "2.0 10000 2024 gemeente"},
		{"sport Nuenen atletiek 0.5", `source = 'sportlidmaatschappen' AND region_code = 'GM0820' AND indicator = 'lidmaatschap_atletiek'`, "0.5 10000 2024 gemeente"},
		{"Den Haag overgewicht 47.5", `source = 'vzinfo_overgewicht' AND region_code = 'GM0518' AND indicator = 'overgewicht'`, "47.5 20300 2024 gemeente"},
		{"GGD Haaglanden overgewicht 47.5", `source = 'vzinfo_overgewicht' AND region_code = 'GG7014' AND indicator = 'overgewicht'`, "47.5 20300 2024 ggd_regio"},
	} {
		got := one(t, db, `SELECT value || ' ' || age_group || ' ' || period || ' ' || region_level FROM observations WHERE `+tc.where)
		if got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	if got := one(t, db, `SELECT ci_lower || ' ' || ci_upper FROM observations WHERE source = 'vzinfo_overgewicht' AND region_code = 'GM0518' AND indicator = 'overgewicht'`); got != "45.5 49.6" {
		t.Errorf("Den Haag interval %s, want 45.5 49.6", got)
	}
	if got := one(t, db, `SELECT significance FROM observations WHERE source = 'vzinfo_levensverwachting' AND region_code = 'GG0706' AND sex = 'totaal' AND indicator = 'levensverwachting_op_65'`); got != "boven, 95% zeker" {
		t.Errorf("GGD Drenthe at 65: significance %q, want the file's text", got)
	}

	// loads.message says what lpa decided for each file.
	for file, want := range map[string]string{
		filepath.Base(fileLV):          "period 2022 = the window 2019-2022",
		filepath.Base(fileOvergewicht): "period 2024 ASSUMED",
		filepath.Base(fileSport):       "period 2024 from the file name",
		filepath.Base(file50140):       "11597 empty cells stored as suppressed",
		filepath.Base(file85563):       "period 2022 (85563NED is the 2022 edition",
	} {
		if got := one(t, db, `SELECT message FROM loads WHERE file_name = '`+file+`'`); !strings.Contains(got, want) {
			t.Errorf("loads.message of %s = %q, want it to say %q", file, got, want)
		}
	}
	// No key occurs twice in any source.
	if n := one(t, db, `SELECT count(*) FROM (SELECT 1 FROM observations GROUP BY source, region_code, period, age_group, sex, indicator HAVING count(*) > 1)`); n != "0" {
		t.Errorf("%s duplicated keys", n)
	}
}

// TestMonitorFidelity compares every value lpa stored with an independent
// read of each file by DuckDB's own CSV reader.
func TestMonitorFidelity(t *testing.T) {
	_, db, _ := loadMonitor(t)
	f85563, fLV, f50140 := absShared(t, file85563), absShared(t, fileLV), absShared(t, file50140)
	fSport, fOver := absShared(t, fileSport), absShared(t, fileOvergewicht)
	for _, tc := range []struct{ name, src, obs string }{
		// The columns as the file heads them, and the catalogue keys they
		// mean (the mapping of the issue); regions by name, the GGD regions
		// as the file spells them, with " (GG)".
		{"85563NED", `WITH src AS (SELECT * FROM read_csv('` + f85563 + `', delim = ';', header = true, all_varchar = true)),
			long AS (UNPIVOT src ON COLUMNS(* EXCLUDE (Regio)) INTO NAME col VALUE raw),
			keys(col, indicator) AS (VALUES ('Ervaren_gezondheid_(goed/zeer_goed)', 'ervaren_gezondheid_goed_zeer_goed'),
				('Psychische_klachten_(MHI-5<=60)', 'psychische_klachten'), ('Eén_of_meer_langdurige_aandoeningen', 'langdurige_aandoeningen'),
				('Bewegen_en_sport|Voldoet_aan_beweegrichtlijn', 'voldoet_aan_beweegrichtlijn'), ('Bewegen_en_sport|Wekelijkse_sporters', 'wekelijkse_sporters'),
				('Rokers', 'roker'), ('Alcoholgebruik|Voldoet_aan_richtlijn_alcoholgebruik', 'voldoet_aan_alcohol_richtlijn'),
				('Alcoholgebruik|Overmatige_drinkers_onder_bevolking', 'overmatige_drinker'))
			SELECT Regio, indicator, CAST(replace(raw, ',', '.') AS DOUBLE) FROM long JOIN keys USING (col)`,
			`SELECT CASE WHEN o.region_code = 'NL01' THEN 'Nederland' WHEN o.region_code = 'GG1911' THEN 'Veiligh. en Gez. Gelderland-Midden (GG)'
				ELSE r.region_name || ' (GG)' END, o.indicator, o.value
			 FROM observations o LEFT JOIN (SELECT DISTINCT region_code, region_name FROM regions) r USING (region_code) WHERE o.source = '85563NED'`},
		{"life expectancy", `WITH src AS (SELECT * FROM read_csv('` + fLV + `', delim = ';', header = true, all_varchar = true))
			SELECT "GGD-regio", Geslacht, CAST(replace("Bij geboorte", ',', '.') AS DOUBLE), "Afwijking bij geboorte" FROM src
			UNION ALL SELECT "GGD-regio", Geslacht, CAST(replace("Bij 65 jaar", ',', '.') AS DOUBLE), "Afwijking bij 65 jaar" FROM src`,
			`SELECT r.region_name, CASE o.sex WHEN 'totaal' THEN 'Totaal' WHEN 'man' THEN 'Mannen' ELSE 'Vrouwen' END, o.value, o.significance
			 FROM observations o JOIN (SELECT DISTINCT region_code, region_name FROM regions) r USING (region_code) WHERE o.source = 'vzinfo_levensverwachting'`},
		// nullstr: empty fields stay '' (and in the unpivot), to be NULL
		// (suppressed) as in observations.
		{"50140NED", `WITH src AS (SELECT * FROM read_csv('` + f50140 + `', delim = ';', header = true, all_varchar = true, nullstr = '#NULL#')),
			long AS (UNPIVOT src ON COLUMNS(* EXCLUDE (ID, Persoonskenmerken, Marges, RegioS)) INTO NAME col VALUE raw)
			SELECT trim(RegioS), regexp_replace(regexp_replace(col, '_[0-9]+$', ''), '^k_', ''), CAST(nullif(raw, '') AS DOUBLE) FROM long`,
			`SELECT region_code, regexp_replace(regexp_replace(indicator, '^k_', ''), '_', '', 'g'), value FROM observations WHERE source = '50140NED'`},
		{"sport", `SELECT 'GM' || lpad(CAST(id AS VARCHAR), 4, '0'), lower(Sport), CAST(Percentage AS DOUBLE) FROM read_csv('` + fSport + `', header = true, all_varchar = true)`,
			`SELECT region_code, replace(indicator, 'lidmaatschap_', ''), value FROM observations WHERE source = 'sportlidmaatschappen'`},
		{"overweight", `SELECT Gemeentecode, Indicator, CAST(Percentage AS DOUBLE),
				CAST(split_part("Betrouwbaarheidsinterval (95%)", ' - ', 1) AS DOUBLE), CAST(split_part("Betrouwbaarheidsinterval (95%)", ' - ', 2) AS DOUBLE)
			FROM read_csv('` + fOver + `', header = true, all_varchar = true)`,
			`SELECT region_code, CASE indicator WHEN 'overgewicht' THEN 'Overgewicht' WHEN 'matig_overgewicht' THEN 'Matig overgewicht'
				WHEN 'ernstig_overgewicht' THEN 'Ernstig overgewicht' WHEN 'ondergewicht' THEN 'Ondergewicht' ELSE 'Gezond gewicht' END,
				value, ci_lower, ci_upper
			FROM observations WHERE source = 'vzinfo_overgewicht' AND region_level <> 'ggd_regio'`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// For 50140NED the snake_case key is compared without its
			// underscores to the StatLine key without its number.
			src, obs := tc.src, tc.obs
			if tc.name == "50140NED" {
				src = `SELECT c1, lower(c2), c3 FROM (` + src + `) s(c1, c2, c3)`
				obs = `SELECT c1, lower(c2), c3 FROM (` + obs + `) s(c1, c2, c3)`
			}
			nSrc := one(t, db, `SELECT count(*) FROM (`+src+`)`)
			nObs := one(t, db, `SELECT count(*) FROM (`+obs+`)`)
			if nSrc != nObs || nSrc == "0" {
				t.Errorf("cells: file %s, observations %s", nSrc, nObs)
			}
			for _, q := range []struct{ name, sql string }{
				{"in the file, not in observations", `SELECT count(*) FROM ((` + src + `) EXCEPT ALL (` + obs + `))`},
				{"in observations, not in the file", `SELECT count(*) FROM ((` + obs + `) EXCEPT ALL (` + src + `))`},
			} {
				if n := one(t, db, q.sql); n != "0" {
					t.Errorf("%s: %s cells", q.name, n)
				}
			}
		})
	}
	// The GGD value of each gemeente (the file's GGD percentage column) is
	// the observation of the GGD region the regions view puts the gemeente
	// in (CBS Gebieden in Nederland 2023, loaded above).
	q := `SELECT count(*) FROM read_csv('` + fOver + `', header = true, all_varchar = true) f
		JOIN regions r ON r.division = 2023 AND r.region_code = f.Gemeentecode
		JOIN observations o ON o.source = 'vzinfo_overgewicht' AND o.region_level = 'ggd_regio' AND o.region_code = r.ggd_region_code
		 AND o.indicator = CASE f.Indicator WHEN 'Overgewicht' THEN 'overgewicht' WHEN 'Matig overgewicht' THEN 'matig_overgewicht'
				WHEN 'Ernstig overgewicht' THEN 'ernstig_overgewicht' WHEN 'Ondergewicht' THEN 'ondergewicht' ELSE 'normaal_gewicht' END
		WHERE o.value = CAST(f."GGD percentage" AS DOUBLE)`
	if n := one(t, db, q); n != "1690" {
		t.Errorf("%s of 1,690 gemeente rows have their GGD percentage as the GGD observation of their region in the regions view", n)
	}
}

// TestMonitorGGDLineUp: every GGD-level observation has a GG code that the
// regions view knows after loading CBS Gebieden in Nederland 2023.
func TestMonitorGGDLineUp(t *testing.T) {
	_, db, _ := loadMonitor(t)
	if n := one(t, db, `SELECT count(DISTINCT region_code) FROM observations WHERE region_level = 'ggd_regio'`); n != "25" {
		t.Errorf("%s GGD codes in observations, want 25", n)
	}
	if n := one(t, db, `SELECT count(*) FROM observations o WHERE region_level = 'ggd_regio'
		AND NOT EXISTS (SELECT 1 FROM regions r WHERE r.region_level = 'ggd_regio' AND r.region_code = o.region_code)`); n != "0" {
		t.Errorf("%s GGD observations with a code the regions view lacks", n)
	}
	// Every gemeente code of the 2024 files is a gemeente of the regions
	// view (2023 and 2024 have the same gemeenten).
	if n := one(t, db, `SELECT count(DISTINCT region_code) FROM observations o WHERE region_level = 'gemeente'
		AND NOT EXISTS (SELECT 1 FROM regions r WHERE r.division = 2023 AND r.region_code = o.region_code)`); n != "0" {
		t.Errorf("%s gemeente codes the regions view (2023) lacks", n)
	}
}

// TestMonitorYearFromName: the same VZinfo file named with a year lands in
// that year's slice, next to the assumed one, and says where the year came
// from; loading the folder again changes nothing.
func TestMonitorYearFromName(t *testing.T) {
	p, db, _ := loadMonitor(t)
	data, err := os.ReadFile(needShared(t, fileOvergewicht))
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Load(t.Context(), []pipeline.Source{{Path: "vzinfo/gemeente_overgewicht_2022.csv", Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	if o := res.Outcomes[0]; o.Status != store.StatusLoaded || len(o.Replaced) != 0 || !strings.HasPrefix(o.Note, "period 2022 from the file name") {
		t.Errorf("renamed file: %+v", o)
	}
	if got := one(t, db, `SELECT string_agg(DISTINCT period || '/' || division, ' ' ORDER BY period || '/' || division) FROM observations WHERE source = 'vzinfo_overgewicht'`); got != "2022/2023 2024/2024" {
		t.Errorf("periods/divisions %s, want 2022/2023 (Voorne aan Zee exists from 2023) and 2024/2024", got)
	}
	paths, _ := pipeline.ExpandPaths([]string{needShared(t, "sport_en_vzinfo_gemeente")})
	res, err = p.Load(t.Context(), sources(t, paths...))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range res.Outcomes {
		if o.Status != store.StatusUnchanged {
			t.Errorf("%s again: %s", o.Path, o.Status)
		}
	}
}
