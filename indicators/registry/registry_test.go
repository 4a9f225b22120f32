package registry_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"lpa/indicators"
	"lpa/indicators/indicatorstest"
	"lpa/indicators/registry"
	"lpa/indicators/sources"
)

// FuzzParseAccord: a registry file that parses is a valid accord; one that
// does not is refused with located ParseErrors.
func FuzzParseAccord(f *testing.F) {
	indicatorstest.FuzzSeeds(f, "../../examples/accords/*.yaml", "../../cmd/lpa/testdata/bad/*.yaml")
	const name = "achterhoek.yaml"
	f.Fuzz(func(t *testing.T, data []byte) {
		defer indicatorstest.FailOnPanic(t)
		a, ok := indicatorstest.Fuzz(t, name, data, func(_ context.Context, name string, data []byte) (*indicators.Accord, error) {
			return registry.ParseAccord(name, data)
		})
		if !ok {
			return
		}
		if a.ID != "achterhoek" || a.Name == "" || a.File != name {
			t.Errorf("accord id %q, name %q, file %q", a.ID, a.Name, a.File)
		}
		seen := map[string]bool{}
		for _, m := range a.Members {
			if !indicators.RegionCodeOK(m, indicators.LevelGemeente) || seen[m] {
				t.Errorf("member %q invalid or repeated", m)
			}
			seen[m] = true
		}
		switch {
		case a.Kind == "lokaal" && len(a.Members) == 1:
		case a.Kind == "regionaal" && len(a.Members) >= 2:
		default:
			t.Errorf("kind %q with %d members", a.Kind, len(a.Members))
		}
		if a.SignedYear < 2018 || (!a.SignedOn.IsZero() && a.SignedOn.Year() != a.SignedYear) {
			t.Errorf("signed %v, year %d", a.SignedOn, a.SignedYear)
		}
		if a.Division < 2010 || a.Division > 2100 {
			t.Errorf("division %d", a.Division)
		}
	})
}

func TestParseAccordExamples(t *testing.T) {
	files, accords := exampleAccords(t)
	kinds := map[string]int{}
	members := map[string]bool{}
	var ids []string
	for i, a := range accords {
		f := files[i]
		kinds[a.Kind]++
		ids = append(ids, a.ID)
		for _, m := range a.Members {
			members[m] = true
		}
		if a.Division != 2020 || a.File != f || a.Source == "" || a.ExampleData {
			t.Errorf("%s: division %d, file %q, source %q, example_data %v", f, a.Division, a.File, a.Source, a.ExampleData)
		}
	}
	if len(ids) != 14 {
		t.Errorf("%d accords, want 14: %v", len(ids), ids)
	}
	if diff := cmp.Diff(map[string]int{"regionaal": 3, "lokaal": 11}, kinds); diff != "" {
		t.Errorf("kinds (-want +got):\n%s", diff)
	}
	if len(members) != 44 {
		t.Errorf("%d distinct member gemeenten, want 44", len(members))
	}
}

func TestParseAccord(t *testing.T) {
	b, err := os.ReadFile("../../examples/accords/achterhoek.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, err := registry.ParseAccord("accords/achterhoek.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	want := &indicators.Accord{ID: "achterhoek", Name: "Achterhoek", Kind: "regionaal", SignedYear: 2020, Division: 2020,
		Members: []string{"GM0197", "GM1859", "GM1876", "GM0222", "GM1955", "GM1586", "GM1509", "GM0294"},
		Source:  a.Source, File: "accords/achterhoek.yaml",
		Coding: a.Coding} // the coding block: registry_test.go
	if diff := cmp.Diff(want, a); diff != "" {
		t.Errorf("accord (-want +got):\n%s", diff)
	}

	// A date in signed is kept as a date.
	dated := bytes.Replace(b, []byte("signed: 2020 "), []byte("signed: 2020-06-15 "), 1)
	a, err = registry.ParseAccord("achterhoek.yaml", dated)
	if err != nil {
		t.Fatal(err)
	}
	if !a.SignedOn.Equal(time.Date(2020, 6, 15, 0, 0, 0, 0, time.UTC)) || a.SignedYear != 2020 {
		t.Errorf("signed 2020-06-15: SignedOn %v, SignedYear %d", a.SignedOn, a.SignedYear)
	}
}

// exampleAccords parses the 14 bundled registry files; files are their
// paths.
func exampleAccords(t *testing.T) (files []string, accords []*indicators.Accord) {
	t.Helper()
	files, err := filepath.Glob("../../examples/accords/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := registry.ParseAccord(f, b)
		if err != nil {
			t.Fatalf("ParseAccord(%s): %v", f, err)
		}
		accords = append(accords, a)
	}
	if len(accords) != 14 {
		t.Fatalf("%d accords, want 14", len(accords))
	}
	return files, accords
}

// TestExampleCodingMatchesFactsheet: the coded example registry gives the
// counts of RIVM's factsheet (peildatum 1 November 2020, n = 14) exactly.
func TestExampleCodingMatchesFactsheet(t *testing.T) {
	_, accords := exampleAccords(t)
	npa := map[string]int{}
	themes := map[string]int{}
	programmes := map[string]int{}
	var sportNPA, npaBased, parties, minParties, maxParties, withGoals, goalsAndInterventions int
	var noMonitoring, noMethods, themeInterventions int
	minParties = 1 << 30
	for _, a := range accords {
		c := a.Coding
		if c == nil {
			t.Fatalf("%s: no coding", a.ID)
		}
		if !c.ExampleData || a.ExampleData {
			t.Errorf("%s: coding example_data %v, accord example_data %v; want true and false (name, year and members are real)", a.ID, c.ExampleData, a.ExampleData)
		}
		if !strings.Contains(c.Note, "VOORBEELDDATA") || !c.Peildatum.Equal(time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: note %q, peildatum %v", a.ID, c.Note, c.Peildatum)
		}
		for _, tc := range c.NPAThemes {
			npa[tc.Theme+" "+tc.Coverage]++
		}
		if len(c.Themes) == 0 {
			t.Errorf("%s: no additional theme; the factsheet says every accord has one", a.ID)
		}
		for _, th := range c.Themes {
			themes[th]++
		}
		for _, p := range c.Programmes {
			programmes[p]++
		}
		if c.BasedOn == "npa" {
			npaBased++
			if slices.Contains(c.Programmes, "sportakkoord") {
				sportNPA++
			}
		}
		parties += c.PartyCount
		minParties, maxParties = min(minParties, c.PartyCount), max(maxParties, c.PartyCount)
		if c.PartyCount != len(c.Parties) {
			t.Errorf("%s: party_count %d, %d parties", a.ID, c.PartyCount, len(c.Parties))
		}
		for _, p := range c.Parties {
			if p.Sector == "inwoners" {
				t.Errorf("%s: residents as a party; the factsheet says they never are", a.ID)
			}
		}
		if len(c.Goals) > 0 {
			withGoals++
			if c.InterventionsDescribed != nil && *c.InterventionsDescribed {
				goalsAndInterventions++
			}
		}
		if c.ThemeInterventionsDescribed != nil && *c.ThemeInterventionsDescribed {
			themeInterventions++
		}
		if c.Monitoring != nil && len(c.Monitoring) == 0 {
			noMonitoring++
		}
		if c.WorkingMethods != nil && len(c.WorkingMethods) == 0 {
			noMethods++
		}
	}
	wantNPA := map[string]int{
		"overgewicht uitgebreid": 12, "overgewicht deels": 2, // Figure 3: 86 / 14 / 0 %
		"roken uitgebreid": 8, "roken deels": 3, "roken niet": 3, // 57 / 21 / 22 %
		"problematisch_alcoholgebruik uitgebreid": 7, "problematisch_alcoholgebruik deels": 6, "problematisch_alcoholgebruik niet": 1, // 50 / 43 / 7 %
	}
	if diff := cmp.Diff(wantNPA, npa); diff != "" {
		t.Errorf("NPA themes (-factsheet +examples):\n%s", diff)
	}
	wantThemes := map[string]int{"financieel_gezond": 4, "gezonde_leefomgeving": 7, "gezondheidsverschillen": 5, "mentale_weerbaarheid": 4,
		"informeren_en_opvoeden": 7, "netwerk_en_kundigheid_professionals": 4, "toegankelijkheid_en_inclusiviteit": 7}
	if diff := cmp.Diff(wantThemes, themes); diff != "" {
		t.Errorf("Table 1 (-factsheet +examples):\n%s", diff)
	}
	// Sportakkoord: the one Sportakkoord-based accord and 69 % of the 13
	// others (9/13 = 69.2 %); Positieve Gezondheid 78 % (11/14 = 78.6 %).
	if npaBased != 13 || sportNPA != 9 || programmes["sportakkoord"] != 10 || programmes["positieve_gezondheid"] != 11 {
		t.Errorf("NPA-based %d, Sportakkoord in %d of them and %d in all, Positieve Gezondheid %d; want 13, 9, 10, 11",
			npaBased, sportNPA, programmes["sportakkoord"], programmes["positieve_gezondheid"])
	}
	if pct := fmt.Sprintf("%.0f %.0f", 100*float64(sportNPA)/13, 100*float64(programmes["positieve_gezondheid"])/14); pct != "69 79" {
		t.Errorf("percentages %s", pct)
	}
	if minParties != 4 || maxParties != 100 || parties != 41*14 {
		t.Errorf("parties %d to %d, %d in all; want 4 to 100, mean 41 (574)", minParties, maxParties, parties)
	}
	if withGoals != 12 || goalsAndInterventions != 9 {
		t.Errorf("%d accords with goals, %d of them with interventions; want 12 and 9", withGoals, goalsAndInterventions)
	}
	if noMonitoring != 2 || noMethods != 2 || themeInterventions != 10 {
		t.Errorf("monitoring not worked out in %d, cooperation in %d, theme interventions in %d; want 2, 2, 10", noMonitoring, noMethods, themeInterventions)
	}
}

// accordYAML is a minimal valid registry file to which tests add a coding.
const accordYAML = `id: ommen
name: Ommen
kind: lokaal
signed: 2020
division: 2020
members:
  - GM0175
`

func TestParseCoding(t *testing.T) {
	coding := `coding:
  example_data: false
  note: coded by hand
  peildatum: 2020-11-01
  based_on: npa
  npa_themes:
    overgewicht: uitgebreid
    Roken: deels
  themes: [gezonde_leefomgeving, Financieel gezond]
  other_themes: [Eenzaamheid onder ouderen]
  goals:
    - text: Minder overgewicht
      theme: overgewicht
      indicator: overgewicht
      baseline_period: 2020
      baseline_value: 48.5
      target_value: 45
      deadline: 2025-12-31
      owner: GGD IJsselland
    - text: Een gezonde generatie
  interventions_described: ja
  parties:
    - {name: Gemeente Ommen, sector: overheid}
    - {name: GGD IJsselland, sector: GGD}
  programmes: [sportakkoord]
  municipality_roles: [initiatiefnemer]
  working_methods: []
  monitoring: [populatie, proces]
  ehealth: toegepast
  uitgangspunten:
    gedeelde_ambitie: true
    inwoners_betrokken: false
`
	a, err := registry.ParseAccord("ommen.yaml", []byte(accordYAML+coding))
	if err != nil {
		t.Fatal(err)
	}
	want := &indicators.AccordCoding{Note: "coded by hand", Peildatum: time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC), BasedOn: "npa",
		NPAThemes:   []indicators.ThemeCoverage{{Theme: "roken", Coverage: "deels"}, {Theme: "overgewicht", Coverage: "uitgebreid"}},
		Themes:      []string{"gezonde_leefomgeving", "financieel_gezond"},
		OtherThemes: []string{"Eenzaamheid onder ouderen"},
		Goals: []indicators.Goal{{Text: "Minder overgewicht", Theme: "overgewicht", Indicator: "overgewicht", BaselinePeriod: 2020,
			BaselineValue: indicatorstest.Ptr(48.5), TargetValue: indicatorstest.Ptr(45.0), DeadlineOn: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC),
			DeadlineYear: 2025, Owner: "GGD IJsselland"}, {Text: "Een gezonde generatie"}},
		InterventionsDescribed: indicatorstest.Ptr(true),
		Parties:                []indicators.Party{{Name: "Gemeente Ommen", Sector: "overheid"}, {Name: "GGD IJsselland", Sector: "ggd"}},
		PartyCount:             2,
		Programmes:             []string{"sportakkoord"},
		Roles:                  []string{"initiatiefnemer"},
		WorkingMethods:         []string{},
		Monitoring:             []string{"populatie", "proces"},
		EHealth:                "toegepast",
		Uitgangspunten:         []indicators.Uitgangspunt{{Key: "gedeelde_ambitie", Met: true}, {Key: "inwoners_betrokken", Met: false}},
	}
	if diff := cmp.Diff(want, a.Coding); diff != "" {
		t.Errorf("coding (-want +got):\n%s", diff)
	}
	// 1 coding row + 2 NPA themes + 3 themes + 1 programme + 1 role + 2
	// monitoring + 2 uitgangspunten + 2 parties + 2 goals.
	if got := a.Coding.Rows(); got != 16 {
		t.Errorf("Rows() = %d, want 16", got)
	}
}

// Every problem of a coding is located at its line and says what was
// expected.
func TestParseCodingErrors(t *testing.T) {
	tests := []struct {
		name, coding string
		line         int
		field        string
		sentinel     error
		want         []string
	}{
		{"unknown key", "coding:\n  npa_themes: {roken: deels}\n  partners: 12\n", 10, "partners", indicators.ErrInvalidValue,
			[]string{`unknown key "partners" in coding; expected only example_data, note`}},
		{"coverage veel", "coding:\n  npa_themes:\n    roken: veel\n", 10, "coding.npa_themes.roken", indicators.ErrInvalidValue,
			[]string{`coverage "veel" unknown; expected one of uitgebreid, deels, niet`}},
		{"unknown NPA theme", "coding:\n  npa_themes:\n    drugs: deels\n", 10, "coding.npa_themes", indicators.ErrInvalidValue,
			[]string{`NPA theme "drugs" unknown; expected one of roken, overgewicht, problematisch_alcoholgebruik`}},
		{"unknown sector", "coding:\n  parties:\n    - {name: Ommer Bad, sector: recreatie}\n", 10, "coding.parties[1].sector", indicators.ErrInvalidValue,
			[]string{`party "Ommer Bad": sector "recreatie" unknown; expected one of zorg, welzijn, sport`}},
		{"duplicate party", "coding:\n  parties:\n    - {name: Gemeente Ommen, sector: overheid}\n    - {name: gemeente  ommen, sector: overheid}\n",
			11, "coding.parties[2].name", indicators.ErrDuplicateKey, []string{`party "gemeente ommen" listed twice (first on line 10)`}},
		{"goal with unknown indicator", "coding:\n  goals:\n    - text: Minder snoepen\n      indicator: snoepgebruik\n", 11, "coding.goals[1].indicator",
			indicators.ErrInvalidValue, []string{`indicator "snoepgebruik" is not in the catalogue`, "expected a key of the indicators view"}},
		{"deadline 2020-02-31", "coding:\n  goals:\n    - text: Minder roken\n      deadline: 2020-02-31\n", 11, "coding.goals[1].deadline",
			indicators.ErrInvalidValue, []string{`deadline "2020-02-31" is not a date; expected a year (2025) or a date as YYYY-MM-DD`}},
		{"deadline 31-02-2020", "coding:\n  goals:\n    - text: Minder roken\n      deadline: 31-02-2020\n", 11, "coding.goals[1].deadline",
			indicators.ErrInvalidValue, []string{`deadline "31-02-2020" is not a date`}},
		{"target outside 0-100", "coding:\n  goals:\n    - text: Minder roken\n      indicator: roker\n      target_value: 130\n", 12,
			"coding.goals[1].target_value", indicators.ErrInvalidValue, []string{"target_value 130 is outside 0-100; expected a percentage"}},
		{"baseline without period", "coding:\n  goals:\n    - text: Minder roken\n      indicator: roker\n      baseline_value: 18.5\n", 12,
			"coding.goals[1].baseline_period", indicators.ErrInvalidValue, []string{"baseline_value without baseline_period"}},
		{"goal without text", "coding:\n  goals:\n    - theme: roken\n", 10, "coding.goals[1].text", indicators.ErrInvalidValue,
			[]string{"goal without text"}},
		{"owner not a party", "coding:\n  parties:\n    - {name: Gemeente Ommen, sector: overheid}\n  goals:\n    - text: Minder roken\n      owner: GGD\n",
			13, "coding.goals[1].owner", indicators.ErrInvalidValue, []string{`owner "GGD" is not among the accord's parties`}},
		{"party_count differs", "coding:\n  party_count: 3\n  parties:\n    - {name: Gemeente Ommen, sector: overheid}\n", 9, "coding.party_count",
			indicators.ErrInvalidValue, []string{"party_count 3, but 1 parties are listed"}},
		{"peildatum 2020-13-01", "coding:\n  peildatum: 2020-13-01\n", 9, "coding.peildatum", indicators.ErrInvalidValue,
			[]string{`peildatum "2020-13-01" is not a date; expected YYYY-MM-DD`}},
		{"programme twice", "coding:\n  programmes:\n    - jogg\n    - JOGG\n", 11, "coding.programmes", indicators.ErrDuplicateKey,
			[]string{"programme jogg listed twice (first on line 10)"}},
		{"uitgangspunt misschien", "coding:\n  uitgangspunten:\n    beweging: misschien\n", 10, "coding.uitgangspunten.beweging", indicators.ErrInvalidValue,
			[]string{`uitgangspunten.beweging "misschien"; expected true or false`}},
		{"unknown uitgangspunt", "coding:\n  uitgangspunten:\n    betaalbaar: true\n", 10, "coding.uitgangspunten", indicators.ErrInvalidValue,
			[]string{`uitgangspunt "betaalbaar" unknown; expected one of gedeelde_ambitie`}},
		{"list where a value belongs", "coding:\n  ehealth: [niet, toegepast]\n", 9, "", indicators.ErrInvalidValue,
			[]string{"a list where a single value was expected"}},
		{"unknown key in a goal", "coding:\n  goals:\n    - text: Minder roken\n      termijn: 2025\n", 11, "termijn", indicators.ErrInvalidValue,
			[]string{`unknown key "termijn" in a goal; expected only text, theme, indicator`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := registry.ParseAccord("ommen.yaml", []byte(accordYAML+tc.coding))
			if err == nil {
				t.Fatal("no error")
			}
			indicatorstest.CheckParseErr(t, "ommen.yaml", err)
			var pe *indicators.ParseError
			errors.As(err, &pe)
			if pe.Line != tc.line || pe.Field != tc.field || !errors.Is(pe, tc.sentinel) {
				t.Errorf("problem at line %d, field %q (%v); want line %d, field %q, %v: %v", pe.Line, pe.Field, pe.Err, tc.line, tc.field, tc.sentinel, err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

// Members are checked against the gemeenten of the accord's division.
func TestParseAccordDivision(t *testing.T) {
	eemsdelta := strings.Replace(accordYAML, "GM0175", "GM1979", 1) // Eemsdelta, formed in 2021
	_, err := registry.ParseAccord("ommen.yaml", []byte(eemsdelta))
	if err == nil || !strings.Contains(err.Error(), "ommen.yaml:7 (members): member GM1979 is no gemeente of division 2020") {
		t.Errorf("Eemsdelta in division 2020: %v", err)
	}
	if _, err := registry.ParseAccord("ommen.yaml", []byte(strings.Replace(eemsdelta, "division: 2020", "division: 2021", 1))); err != nil {
		t.Errorf("Eemsdelta in division 2021: %v", err)
	}
	_, err = registry.ParseAccord("ommen.yaml", []byte(strings.Replace(accordYAML, "division: 2020", "division: 2019", 1)))
	if err == nil || !strings.Contains(err.Error(), "ommen.yaml:5 (division): division 2019; expected the year of the municipal division of the member codes, one lpa knows (2020-2025)") {
		t.Errorf("division 2019: %v", err)
	}
}

func TestParseStatus(t *testing.T) {
	b, err := os.ReadFile("../../examples/status/vng_status_2020-11-01.csv")
	if err != nil {
		t.Fatal(err)
	}
	p, err := sources.Parse(t.Context(), "vng_status_2020-11-01.csv", b)
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != indicators.KindAccordStatus || p.Status == nil || p.Rows() != 355 {
		t.Fatalf("kind %s, %d rows", p.Kind, p.Rows())
	}
	counts := map[string]int{}
	for _, r := range p.Status.Rows {
		counts[fmt.Sprintf("%s %v", r.Status, r.ExampleData)]++
		if r.Division != 2020 {
			t.Errorf("%s: division %d", r.GemeenteCode, r.Division)
		}
	}
	want := map[string]int{"gesloten false": 44, "in_voorbereiding true": 146, "verkennen true": 48, "geen_activiteiten true": 117}
	if diff := cmp.Diff(want, counts); diff != "" {
		t.Errorf("statuses (-factsheet +example):\n%s", diff)
	}

	head := "peildatum;gemeente_code;status\n"
	tests := []struct {
		name, data string
		want       string // "" = accepted
	}{
		{"Weesp before its merger", head + "2022-03-23;GM0457;verkennen\n", ""},
		{"Weesp after its merger", head + "2022-03-24;GM0457;verkennen\n",
			"f.csv:2:2 (gemeente_code): gemeente_code GM0457 is no gemeente on peildatum 2022-03-24"},
		{"Eemsdelta in 2020", head + "2020-11-01;GM1979;gesloten\n", "f.csv:2:2 (gemeente_code): gemeente_code GM1979 is no gemeente on peildatum 2020-11-01"},
		{"2020-02-31", head + "2020-02-31;GM0175;gesloten\n", `f.csv:2:1 (peildatum): peildatum "2020-02-31" is not a date; expected YYYY-MM-DD`},
		{"31-02-2020", head + "31-02-2020;GM0175;gesloten\n", `peildatum "31-02-2020" is not a date`},
		{"2019", head + "2019-11-01;GM0175;gesloten\n", "peildatum 2019-11-01; expected a date in 2020-2025"},
		{"gesloten?", head + "2020-11-01;GM0175;gesloten?\n", `f.csv:2:3 (status): status "gesloten?" unknown; expected one of gesloten, in_voorbereiding, verkennen, geen_activiteiten`},
		{"duplicate", head + "2020-11-01;GM0175;gesloten\n2020-11-01;GM0175;verkennen\n",
			"f.csv:3:2 (gemeente_code): second row for GM0175 on peildatum 2020-11-01 (first on line 2)"},
		{"two rounds", head + "2020-11-01;GM0175;verkennen\n2021-11-01;GM0175;gesloten\n", ""},
		{"unknown column", "peildatum;gemeente_code;status;opmerking\n2020-11-01;GM0175;gesloten;x\n", `f.csv:1:4 (opmerking): column "opmerking" unknown`},
		{"example_data misschien", "peildatum;gemeente_code;status;example_data\n2020-11-01;GM0175;gesloten;misschien\n", `example_data "misschien"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := sources.Parse(t.Context(), "f.csv", []byte(tc.data))
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.want == "" && p.Status == nil:
				t.Errorf("kind %s", p.Kind)
			case tc.want != "" && err == nil:
				t.Errorf("accepted, want %q", tc.want)
			case tc.want != "":
				indicatorstest.CheckParseErr(t, "f.csv", err)
				if !strings.Contains(err.Error(), tc.want) {
					t.Errorf("error %v\nwant %q", err, tc.want)
				}
			}
		})
	}
}
