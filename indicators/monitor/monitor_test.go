package monitor_test

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"lpa/indicators"
	"lpa/indicators/indicatorstest"
	"lpa/indicators/monitor"
	"lpa/indicators/sources"
)

func parseSample(t *testing.T, file, name string) *indicators.Parsed {
	t.Helper()
	b, err := os.ReadFile("../testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	if name == "" {
		name = file
	}
	p, err := sources.Parse(t.Context(), name, b)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return p
}

func TestParse85563Sample(t *testing.T) {
	p := parseSample(t, "monitor_85563NED_2022_sample.csv", "")
	if p.Kind != indicators.KindMonitor2022GGD || p.Dataset == nil {
		t.Fatalf("kind %s, dataset %v", p.Kind, p.Dataset)
	}
	d := p.Dataset
	if d.Source != "85563NED" || d.Division != 2022 || len(d.Rows) != 5 || len(d.Cells) != 40 {
		t.Errorf("source %s division %d: %d rows, %d cells; want 85563NED 2022, 5 rows (NL + 4 GGD), 40 cells", d.Source, d.Division, len(d.Rows), len(d.Cells))
	}
	// The file's line 3: GGD Groningen (GG);69,1;21,9;34,3;50,4;50,7;19,3;42;7,6
	want := []string{
		"GG0111 ggd_regio 2022 20300 totaal ervaren_gezondheid_goed_zeer_goed 69.1",
		"GG0111 ggd_regio 2022 20300 totaal langdurige_aandoeningen 34.3",
		"GG0111 ggd_regio 2022 20300 totaal overmatige_drinker 7.6",
		"GG0111 ggd_regio 2022 20300 totaal psychische_klachten 21.9",
		"GG0111 ggd_regio 2022 20300 totaal roker 19.3",
		"GG0111 ggd_regio 2022 20300 totaal voldoet_aan_alcohol_richtlijn 42",
		"GG0111 ggd_regio 2022 20300 totaal voldoet_aan_beweegrichtlijn 50.4",
		"GG0111 ggd_regio 2022 20300 totaal wekelijkse_sporters 50.7",
	}
	if diff := cmp.Diff(want, indicatorstest.LinesOf(d, "GG0111 ")); diff != "" {
		t.Errorf("GGD Groningen (-want +got):\n%s", diff)
	}
	// Nederland, the alias "Veiligh. en Gez. Gelderland-Midden" and Fryslân.
	for _, w := range []string{
		"NL01 land 2022 20300 totaal roker 16.6",
		"GG1911 ggd_regio 2022 20300 totaal roker 16.4",
		"GG7206 ggd_regio 2022 20300 totaal roker 17.7",
	} {
		if got := indicatorstest.LinesOf(d, w); len(got) != 1 {
			t.Errorf("no observation %q", w)
		}
	}
}

func TestParseLVSample(t *testing.T) {
	p := parseSample(t, "monitor_klik_lv_ggd_20192022_sample.csv", "")
	d := p.Dataset
	if p.Kind != indicators.KindLevensverwachting || d.Source != "vzinfo_levensverwachting" || len(d.Rows) != 6 || len(d.Cells) != 12 {
		t.Fatalf("kind %s source %s: %d rows, %d cells; want 6 rows, 12 cells", p.Kind, d.Source, len(d.Rows), len(d.Cells))
	}
	// 90;GGD Drenthe;Mannen;79,5;onder, 99% zeker;18,6;geen
	want := []string{
		"GG0706 ggd_regio 2022 10000 man levensverwachting_bij_geboorte 79.5 (onder, 99% zeker)",
		"GG0706 ggd_regio 2022 10000 man levensverwachting_op_65 18.6 (geen)",
	}
	if diff := cmp.Diff(want, indicatorstest.LinesOf(d, "GG0706 ggd_regio 2022 10000 man ")); diff != "" {
		t.Errorf("GGD Drenthe, men (-want +got):\n%s", diff)
	}
	if !strings.Contains(p.Note, "period 2022 = the window 2019-2022") || !strings.Contains(p.Note, "from the file name") {
		t.Errorf("note %q does not state the window and where it came from", p.Note)
	}
	// Without the window in the name: the default, said so.
	p = parseSample(t, "monitor_klik_lv_ggd_20192022_sample.csv", "levensverwachting.csv")
	if !strings.Contains(p.Note, "assumed 2019-2022") {
		t.Errorf("note without a window in the name: %q", p.Note)
	}
	p = parseSample(t, "monitor_klik_lv_ggd_20192022_sample.csv", "klik_lv_ggd_2020-2023.csv")
	if got := p.Dataset.Observation(0).Period; got != 2023 {
		t.Errorf("window 2020-2023 gives period %d, want 2023", got)
	}
}

func TestParse50140Sample(t *testing.T) {
	p := parseSample(t, "monitor_50140NED_sample.csv", "")
	d := p.Dataset
	if p.Kind != indicators.KindStatLine50140 || d.Source != "50140NED" || d.Division != 2024 {
		t.Fatalf("kind %s source %s division %d", p.Kind, d.Source, d.Division)
	}
	if len(d.Indicators) != 148 || len(d.Rows) != 4 || len(d.Cells) != 4*148 {
		t.Errorf("%d indicators, %d rows, %d cells; want 148, 4, 592 (empty fields are suppressed cells)", len(d.Indicators), len(d.Rows), len(d.Cells))
	}
	levels := map[string]string{}
	for _, r := range d.Rows {
		levels[r.RegionCode] = r.RegionLevel
	}
	if diff := cmp.Diff(map[string]string{"NL01": "land", "CG01": "caribisch_nederland", "GM1680": "gemeente", "GG0111": "ggd_regio"}, levels); diff != "" {
		t.Errorf("levels (-want +got):\n%s", diff)
	}
	for _, w := range []string{
		"NL01 land 2024 16-25 totaal moeite_met_rondkomen 28.3",
		"GM1680 gemeente 2024 16-25 totaal goed_ervaren_gezondheid 66.1",
		"GM1680 gemeente 2024 16-25 totaal zorgen_over_studieschuld suppressed", // empty in the file
		"CG01 caribisch_nederland 2024 16-25 totaal suicidegedachten_heel_vaak suppressed",
	} {
		if got := indicatorstest.LinesOf(d, w); len(got) != 1 {
			t.Errorf("no observation %q", w)
		}
	}
	if !slices.Contains(d.Indicators, "k_10_glz_alcohol_normaal_voor_vrienden") || !slices.Contains(d.Indicators, "k_2_cb_in_afg_12_maanden") {
		t.Errorf("keys of k_ columns: %v", d.Indicators[60:80])
	}
}

func TestParseSportSample(t *testing.T) {
	p := parseSample(t, "monitor_sportlidmaatschappen_2024_sample.csv", "")
	d := p.Dataset
	if p.Kind != indicators.KindSportLidmaatschap || d.Source != "sportlidmaatschappen" || d.Division != 2024 || len(d.Rows) != 2 || len(d.Cells) != 20 {
		t.Fatalf("kind %s source %s division %d: %d rows, %d cells", p.Kind, d.Source, d.Division, len(d.Rows), len(d.Cells))
	}
	// 14,Groningen,Golf,2.0 and 820,"Nuenen, Gerwen en Nederwetten",...
	for _, w := range []string{
		"GM0014 gemeente 2024 10000 totaal lidmaatschap_golf 2",
		"GM0820 gemeente 2024 10000 totaal lidmaatschap_atletiek 0.5",
	} {
		if got := indicatorstest.LinesOf(d, w); len(got) != 1 {
			t.Errorf("no observation %q", w)
		}
	}
	if !strings.HasPrefix(p.Note, "period 2024 from the file name") {
		t.Errorf("note %q", p.Note)
	}
	p = parseSample(t, "monitor_sportlidmaatschappen_2024_sample.csv", "sportlidmaatschappen.csv")
	if !strings.Contains(p.Note, "period 2024 ASSUMED") || !strings.Contains(p.Note, "sportlidmaatschappen_2024.csv") {
		t.Errorf("note without a year in the name: %q", p.Note)
	}
}

func TestParseOvergewichtSample(t *testing.T) {
	p := parseSample(t, "monitor_gemeente_overgewicht_sample.csv", "gemeente_overgewicht.csv")
	d := p.Dataset
	if p.Kind != indicators.KindVZinfoOvergewicht || d.Source != "vzinfo_overgewicht" || d.Division != 2024 {
		t.Fatalf("kind %s source %s division %d", p.Kind, d.Source, d.Division)
	}
	// 4 gemeenten (one a cluster) x 5, plus 5 values for each of the 3 GGD
	// regions (Haaglanden for Den Haag and Delft, Fryslân, Brabant-Zuidoost).
	if len(d.Cells) != 20+15 {
		t.Errorf("%d cells, want 35", len(d.Cells))
	}
	want := []string{
		"GG7014 ggd_regio 2024 20300 totaal overgewicht 47.5",
		"GM0503 gemeente 2024 20300 totaal overgewicht 40 [37.3, 42.7]",
		"GM0518 gemeente 2024 20300 totaal overgewicht 47.5 [45.5, 49.6]",
		"GM9004 gemeentecluster 2024 20300 totaal overgewicht 55 [49.8, 60.2]",
	}
	if diff := cmp.Diff(want, indicatorstest.LinesOf(d, "GG7014 ggd_regio 2024 20300 totaal overgewicht ", "GM0503 gemeente 2024 20300 totaal overgewicht ",
		"GM0518 gemeente 2024 20300 totaal overgewicht ", "GM9004 gemeentecluster 2024 20300 totaal overgewicht ")); diff != "" {
		t.Errorf("overgewicht (-want +got):\n%s", diff)
	}
	if got := indicatorstest.LinesOf(d, "GG7206 ggd_regio 2024 20300 totaal matig_overgewicht 35.5"); len(got) != 1 {
		t.Errorf("Fryslân's GGD value from GM9004's row missing")
	}
	if !strings.Contains(p.Note, "period 2024 ASSUMED") {
		t.Errorf("note %q does not say the year is assumed", p.Note)
	}
	p = parseSample(t, "monitor_gemeente_overgewicht_sample.csv", "vzinfo/gemeente_overgewicht_2022.csv")
	// The sample's gemeenten all exist in 2022 (the whole file's do not:
	// Voorne aan Zee begins in 2023; see TestDivisionFor).
	if p.Dataset.Observation(0).Period != 2022 || p.Dataset.Division != 2022 || !strings.HasPrefix(p.Note, "period 2022 from the file name") {
		t.Errorf("year 2022 from the name: period %d, division %d, note %q; want 2022 on the division of 2022",
			p.Dataset.Observation(0).Period, p.Dataset.Division, p.Note)
	}
}

// Each refusal names the file, line, column and what was expected.
func TestParseMonitorRefusals(t *testing.T) {
	read := func(file string) string {
		b, err := os.ReadFile("../testdata/" + file)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	tests := []struct {
		name, file   string
		edit         func(string) string
		wantSentinel error
		want         []string
	}{
		{"ggd name unknown", "monitor_85563NED_2022_sample.csv",
			func(s string) string { return strings.Replace(s, "GGD Drenthe (GG)", "GGD Drente (GG)", 1) },
			indicators.ErrInvalidValue, []string{"x.csv:4:1 (Regio):", `region "GGD Drente (GG)" is not Nederland or a GGD region`}},
		{"decimal point in a comma file", "monitor_85563NED_2022_sample.csv",
			func(s string) string { return strings.Replace(s, ";19,3;", ";19.3;", 1) },
			indicators.ErrInvalidValue, []string{"x.csv:3:7 (Rokers):", `value "19.3" has a decimal point; expected a decimal with a comma`}},
		{"unknown indicator column", "monitor_85563NED_2022_sample.csv",
			func(s string) string { return strings.Replace(s, ";Rokers;", ";Rokers;Snoepers;", 1) },
			indicators.ErrInvalidValue, []string{"x.csv:1:", `column "Snoepers" is not an indicator of 85563NED`}},
		{"sex Onbekend", "monitor_klik_lv_ggd_20192022_sample.csv",
			func(s string) string { return strings.Replace(s, "GGD Drenthe;Mannen;", "GGD Drenthe;Onbekend;", 1) },
			indicators.ErrInvalidValue, []string{"x.csv:6:3 (Geslacht):", `sex "Onbekend" unknown; expected Totaal, Mannen or Vrouwen`}},
		{"significance unknown", "monitor_klik_lv_ggd_20192022_sample.csv",
			func(s string) string { return strings.Replace(s, "79,5;onder, 99% zeker", "79,5;onder, 90% zeker", 1) },
			indicators.ErrInvalidValue, []string{"x.csv:6:5 (Afwijking bij geboorte):", `verdict "onder, 90% zeker" unknown`}},
		{"id of another region", "monitor_klik_lv_ggd_20192022_sample.csv",
			func(s string) string { return strings.Replace(s, "90;GGD Drenthe;Totaal", "100;GGD Drenthe;Totaal", 1) },
			indicators.ErrInvalidValue, []string{"x.csv:5:1 (id):", `id "100" (VZinfo's id of GGD IJsselland) does not belong to GGD Drenthe`}},
		{"duplicate region and sex", "monitor_klik_lv_ggd_20192022_sample.csv",
			func(s string) string {
				return strings.Replace(s, "1010;GGD Groningen;Vrouwen", "1010;GGD Groningen;Mannen", 1)
			},
			indicators.ErrDuplicateKey, []string{"x.csv:4:2 (GGD-regio):", "second row for GGD Groningen, Mannen (first on line 3)"}},
		{"50140NED value 101", "monitor_50140NED_sample.csv",
			func(s string) string { return strings.Replace(s, "GM1680;26;", "GM1680;101;", 1) },
			indicators.ErrInvalidValue, []string{"x.csv:4:5 (MoeiteMetRondkomen_1):", "value 101 is outside 0-100"}},
		{"50140NED gemeente of 2020", "monitor_50140NED_sample.csv",
			func(s string) string { return strings.Replace(s, "GM1680;", "GM0003;", 1) },
			indicators.ErrInvalidValue, []string{"x.csv:4:4 (RegioS):", "gemeente GM0003 does not exist in the municipal division of 2024"}},
		{"50140NED ggd code unknown", "monitor_50140NED_sample.csv",
			func(s string) string { return strings.Replace(s, "GG0111;", "GG0112;", 1) },
			indicators.ErrInvalidValue, []string{"x.csv:5:4 (RegioS):", `GGD region "GG0112" unknown`}},
		{"50140NED Persoonskenmerken", "monitor_50140NED_sample.csv",
			func(s string) string { return strings.Replace(s, "2;T009002;", "2;3000;", 1) },
			indicators.ErrInvalidValue, []string{"x.csv:4:2 (Persoonskenmerken):", `Persoonskenmerken "3000"; expected T009002`}},
		{"sport id 99999", "monitor_sportlidmaatschappen_2024_sample.csv",
			func(s string) string { return strings.Replace(s, "14,Groningen,Hockey", "99999,Groningen,Hockey", 1) },
			indicators.ErrInvalidValue, []string{"x.csv:5:1 (id):", `id "99999"; expected the CBS gemeente number without GM`}},
		{"sport id of another gemeente", "monitor_sportlidmaatschappen_2024_sample.csv",
			func(s string) string { return strings.Replace(s, "14,Groningen,Hockey", "34,Groningen,Hockey", 1) },
			indicators.ErrInvalidValue, []string{"x.csv:5:2 (Gemeente):", `gemeente "Groningen" does not match id 34, which is GM0034 (Almere)`}},
		{"sport unknown", "monitor_sportlidmaatschappen_2024_sample.csv",
			func(s string) string { return strings.Replace(s, "14,Groningen,Hockey", "14,Groningen,Korfbal", 1) },
			indicators.ErrInvalidValue, []string{"x.csv:5:3 (Sport):", `sport "Korfbal" unknown`}},
		{"ci lower above upper", "monitor_gemeente_overgewicht_sample.csv",
			func(s string) string { return strings.Replace(s, "45.5 - 49.6", "49.6 - 45.5", 1) },
			indicators.ErrInvalidValue, []string{"x.csv:2:5 (Betrouwbaarheidsinterval (95%)):", "lower bound 49.6 is above upper bound 45.5"}},
		{"ci with commas", "monitor_gemeente_overgewicht_sample.csv",
			func(s string) string { return strings.Replace(s, "45.5 - 49.6", `"45,5 - 49,6"`, 1) },
			indicators.ErrInvalidValue, []string{"x.csv:2:5 (Betrouwbaarheidsinterval (95%)):", `interval "45,5 - 49,6" has a decimal comma`}},
		{"ggd value differs", "monitor_gemeente_overgewicht_sample.csv",
			func(s string) string { return strings.Replace(s, "40.0,37.3 - 42.7,47.5", "40.0,37.3 - 42.7,47.4", 1) },
			indicators.ErrInvalidValue, []string{"x.csv:7:6 (GGD percentage):", "GGD value 47.4 for Overgewicht of GGD Haaglanden (GG7014), but line 2 (GM0518) gives 47.5"}},
		{"value outside its interval", "monitor_gemeente_overgewicht_sample.csv",
			func(s string) string { return strings.Replace(s, "47.5,45.5 - 49.6", "44.5,45.5 - 49.6", 1) },
			indicators.ErrInvalidValue, []string{"x.csv:2:5", `interval "45.5 - 49.6" does not hold the value 44.5`}},
		{"missing column", "monitor_gemeente_overgewicht_sample.csv",
			func(s string) string { return strings.Replace(s, ",Naam,", ",Gemeentenaam,", 1) },
			indicators.ErrMissingColumn, []string{"x.csv:1:", `header has no column "Naam"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := read(tc.file)
			bad := tc.edit(src)
			if bad == src {
				t.Fatal("the edit changed nothing")
			}
			_, err := sources.Parse(t.Context(), "x.csv", []byte(bad))
			if err == nil {
				t.Fatal("accepted")
			}
			indicatorstest.CheckParseErr(t, "x.csv", err)
			if !errors.Is(err, tc.wantSentinel) {
				t.Errorf("error does not wrap %v: %v", tc.wantSentinel, err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestODataIndicatorKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"GoedErvarenGezondheid_6", "goed_ervaren_gezondheid"},
		{"k_10GlzAlcoholNormaalVoorVrienden_74", "k_10_glz_alcohol_normaal_voor_vrienden"},
		{"k_3MMC4MMCInAfg12Maanden_99", "k_3_mmc_4_mmc_in_afg_12_maanden"},
		{"VapetESigaret_79", "vapet_e_sigaret"},
		{"PaddoSTruffelsInAfg12Maanden_97", "paddo_s_truffels_in_afg_12_maanden"},
	} {
		got, ok := monitor.ODataIndicatorKey(tc.in)
		if !ok || got != tc.want {
			t.Errorf("ODataIndicatorKey(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
	if _, ok := monitor.ODataIndicatorKey("Regio"); ok {
		t.Error("Regio accepted as an indicator key")
	}
}

// Every indicator the monitor parsers make has a catalogue entry with the
// right unit, except 50140NED's, of which the ones an accord cares about do.
func TestMonitorCatalogue(t *testing.T) {
	cat := map[string]indicators.Indicator{}
	for _, ind := range indicators.LoadReference().Catalogue {
		cat[ind.Key] = ind
	}
	want := map[string]string{"levensverwachting_bij_geboorte": "jaar", "levensverwachting_op_65": "jaar"}
	for _, k := range indicators.MonitorTopics() {
		want[k] = "%"
	}
	for _, k := range monitor.IndicatorsOvergewicht {
		want[k] = "%"
	}
	for _, s := range monitor.SportsKnown {
		want[monitor.SportIndicator(s)] = "%"
	}
	for _, k := range []string{"goed_ervaren_gezondheid", "goed_ervaren_mentale_gezondheid", "overgewicht", "obesitas",
		"sport_wekelijks", "rookt_tabak", "vapet_e_sigaret", "rookt_tabak_en_of_vapet", "voldoet_aan_alcoholrichtlijn",
		"zware_drinker", "cannabis_in_afg_12_maanden"} {
		want[k] = "%"
	}
	for k, unit := range want {
		ind, ok := cat[k]
		switch {
		case !ok:
			t.Errorf("%s has no catalogue entry", k)
		case ind.Unit != unit:
			t.Errorf("%s: unit %q, want %q", k, ind.Unit, unit)
		}
	}
	for _, k := range []string{"levensverwachting_bij_geboorte", "levensverwachting_op_65", "ervaren_gezondheid_goed_zeer_goed", "goed_ervaren_gezondheid"} {
		if cat[k].TripleAim != "populatiegezondheid" {
			t.Errorf("%s: triple_aim %q, want populatiegezondheid", k, cat[k].TripleAim)
		}
	}
	// The catalogued 50140NED keys are keys of the real header.
	p := parseSample(t, "monitor_50140NED_sample.csv", "")
	for _, k := range []string{"goed_ervaren_gezondheid", "obesitas", "sport_wekelijks", "rookt_tabak", "cannabis_in_afg_12_maanden", "lachgas_in_afg_12_maanden"} {
		if !slices.Contains(p.Dataset.Indicators, k) {
			t.Errorf("catalogue entry %s is no indicator of 50140NED", k)
		}
	}
}
