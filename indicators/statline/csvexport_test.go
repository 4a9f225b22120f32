package statline_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"lpa/indicators"
	"lpa/indicators/indicatorstest"
	"lpa/indicators/sources"
	"lpa/indicators/statline"
)

// The eight real StatLine exports (PROVENANCE.md §7), copied unchanged to
// testdata/statline_export (see testdata/README.md). They live in a folder
// of their own: FuzzParse's seeds (testdata/*.csv) are checked against
// 0-100, and the income file holds counts in thousands.
const exportDir = "../testdata/statline_export/"

func readExport(t *testing.T, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(exportDir + file)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parseExport(t *testing.T, name string, data []byte) *indicators.Parsed {
	t.Helper()
	p, err := sources.Parse(t.Context(), name, data)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	if p.Kind != indicators.KindStatLineExport || p.Dataset == nil {
		t.Fatalf("Parse(%s): kind %s, dataset %v; want %s", name, p.Kind, p.Dataset != nil, indicators.KindStatLineExport)
	}
	return p
}

// TestParseStatLineExports parses each real file and compares what lpa
// reads with the file as it is (values read by eye from the files).
func TestParseStatLineExports(t *testing.T) {
	const (
		gm   = "statline_gezondheidsmonitor_regio"
		inko = "statline_inkomen_van_huishoudens_huishoudenskenmerken_regio_892b5e"
	)
	for _, tc := range []struct {
		file     string
		source   string
		division int
		rows     int // regions
		cells    int
		want     []string // some observations, as obsLine writes them
		note     []string
	}{
		{"Overgewicht2012.csv", gm, 2020, 4, 8,
			[]string{
				// "Totaal";"Amsterdam";"39,7";"11,3"
				"GM0363 gemeente 2012 19+ totaal ernstig_overgewicht 11.3",
				"GM0363 gemeente 2012 19+ totaal overgewicht 39.7",
				// "Totaal";"Groningen (gemeente)";"36,7";"8,6"
				"GM0014 gemeente 2012 19+ totaal ernstig_overgewicht 8.6",
				"GM0014 gemeente 2012 19+ totaal overgewicht 36.7",
			},
			[]string{`period 2012 from "Perioden: 2012"`, "age group 19+ (19 jaar of ouder; lpa's code",
				"division of 2020, the period 2012 brought within the divisions lpa knows, 2020-2025"}},
		{"Overgewicht2016.csv", gm, 2020, 4, 20,
			[]string{
				// "Totaal";"Maastricht";"2,0";"52,4";"45,6";"31,2";"14,4"
				"GM0935 gemeente 2016 19+ totaal ernstig_overgewicht 14.4",
				"GM0935 gemeente 2016 19+ totaal matig_overgewicht 31.2",
				"GM0935 gemeente 2016 19+ totaal normaal_gewicht 52.4",
				"GM0935 gemeente 2016 19+ totaal ondergewicht 2",
				"GM0935 gemeente 2016 19+ totaal overgewicht 45.6", // topic "Overgewicht " with a trailing space
			},
			[]string{`period 2016 from "Perioden: 2016"`}},
		{"Overgewicht2020.csv", gm, 2020, 5, 25,
			[]string{
				// "Nederland";"1,7";"48,8";"49,4";"34,8";"14,7"
				"NL01 land 2020 20300 totaal ernstig_overgewicht 14.7",
				"NL01 land 2020 20300 totaal matig_overgewicht 34.8",
				"NL01 land 2020 20300 totaal normaal_gewicht 48.8",
				"NL01 land 2020 20300 totaal ondergewicht 1.7",
				"NL01 land 2020 20300 totaal overgewicht 49.4",
				// "Amsterdam";"2,7";"58,1";"39,3";"28,1";"11,2"
				"GM0363 gemeente 2020 20300 totaal ernstig_overgewicht 11.2",
				"GM0363 gemeente 2020 20300 totaal matig_overgewicht 28.1",
				"GM0363 gemeente 2020 20300 totaal normaal_gewicht 58.1",
				"GM0363 gemeente 2020 20300 totaal ondergewicht 2.7",
				"GM0363 gemeente 2020 20300 totaal overgewicht 39.3",
				// "Utrecht (gemeente)";"2,2";"60,2";"37,6";"28,0";"9,6"
				"GM0344 gemeente 2020 20300 totaal ernstig_overgewicht 9.6",
				"GM0344 gemeente 2020 20300 totaal matig_overgewicht 28",
				"GM0344 gemeente 2020 20300 totaal normaal_gewicht 60.2",
				"GM0344 gemeente 2020 20300 totaal ondergewicht 2.2",
				"GM0344 gemeente 2020 20300 totaal overgewicht 37.6",
			},
			[]string{"period 2020 from the year at the end of the title", "age group 20300 (18 jaar of ouder)",
				"division of 2020, the period's year"}},
		{"Overgewicht2022.csv", gm, 2022, 5, 25,
			[]string{
				// "Amsterdam";"3,0";"55,8";"41,2";"29,3";"11,9"
				"GM0363 gemeente 2022 20300 totaal overgewicht 41.2",
				"GM0363 gemeente 2022 20300 totaal ondergewicht 3",
				// "Groningen (gemeente)";"2,6";"57,3";"40,1";"28,3";"11,8"
				"GM0014 gemeente 2022 20300 totaal ernstig_overgewicht 11.8",
			},
			[]string{"period 2022 from the year at the end of the title"}},
		{"Inkomen2012.csv", inko, 2024, 5, 30,
			[]string{
				// "Nederland";"7412,1";"100";"25,8";"23,0";"36,8";"31,4"
				"NL01 land 2012 10000 totaal gemiddeld_besteedbaar_inkomen 36.8",
				"NL01 land 2012 10000 totaal gemiddeld_gestandaardiseerd_inkomen 25.8",
				"NL01 land 2012 10000 totaal mediaan_besteedbaar_inkomen 31.4",
				"NL01 land 2012 10000 totaal mediaan_gestandaardiseerd_inkomen 23",
				"NL01 land 2012 10000 totaal particuliere_huishoudens 7412.1",
				"NL01 land 2012 10000 totaal particuliere_huishoudens_relatief 100",
			},
			[]string{"division of 2024, as the title states: (indeling 2024)",
				`particuliere_huishoudens in "x 1 000"`,
				`gemiddeld_gestandaardiseerd_inkomen, mediaan_gestandaardiseerd_inkomen, gemiddeld_besteedbaar_inkomen, mediaan_besteedbaar_inkomen in "1 000 euro"`,
				"Populatie: Particuliere huishoudens incl. studenten; Kenmerken van huishoudens: Particuliere huishoudens"}},
		{"Inkomen2016.csv", inko, 2024, 5, 30,
			[]string{"GM0014 gemeente 2016 10000 totaal particuliere_huishoudens 127.1"}, nil},
		{"Inkomen2020.csv", inko, 2024, 5, 30,
			[]string{"GM0935 gemeente 2020 10000 totaal mediaan_besteedbaar_inkomen 29.1"}, nil},
		{"Inkomen2022.csv", inko, 2024, 5, 30,
			[]string{
				// "Utrecht (gemeente)";"179,7";"100";"35,1";"31,6";"49,0";"38,3"
				"GM0344 gemeente 2022 10000 totaal gemiddeld_besteedbaar_inkomen 49",
				"GM0344 gemeente 2022 10000 totaal gemiddeld_gestandaardiseerd_inkomen 35.1",
				"GM0344 gemeente 2022 10000 totaal mediaan_besteedbaar_inkomen 38.3",
				"GM0344 gemeente 2022 10000 totaal mediaan_gestandaardiseerd_inkomen 31.6",
				"GM0344 gemeente 2022 10000 totaal particuliere_huishoudens 179.7",
				"GM0344 gemeente 2022 10000 totaal particuliere_huishoudens_relatief 100",
			}, nil},
	} {
		t.Run(tc.file, func(t *testing.T) {
			p := parseExport(t, tc.file, readExport(t, tc.file))
			d := p.Dataset
			if d.Source != tc.source || d.Division != tc.division || len(d.Rows) != tc.rows || len(d.Cells) != tc.cells {
				t.Errorf("source %s, division %d, %d rows, %d cells; want %s, %d, %d, %d",
					d.Source, d.Division, len(d.Rows), len(d.Cells), tc.source, tc.division, tc.rows, tc.cells)
			}
			var prefixes []string
			for _, w := range tc.want {
				prefixes = append(prefixes, strings.Join(strings.Fields(w)[:2], " ")+" ")
			}
			got := indicatorstest.LinesOf(d, prefixes...)
			want := slices.Sorted(slices.Values(tc.want))
			if tc.file == "Overgewicht2012.csv" || tc.file == "Overgewicht2016.csv" || strings.HasPrefix(tc.file, "Inkomen2012") ||
				tc.file == "Overgewicht2020.csv" || tc.file == "Inkomen2022.csv" {
				// every cell of these regions is listed
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("observations (-want +got):\n%s", diff)
				}
			} else {
				for _, w := range tc.want {
					if !slices.Contains(got, w) {
						t.Errorf("no observation %q among\n%s", w, strings.Join(got, "\n"))
					}
				}
			}
			for _, n := range append([]string{"StatLine export \"", "source " + tc.source}, tc.note...) {
				if !strings.Contains(p.Note, n) {
					t.Errorf("note lacks %q:\n%s", n, p.Note)
				}
			}
		})
	}
}

// TestStatLineExportIndicators: topics that mean a catalogue indicator get
// its key; the others bring a catalogue entry of their own with the file's
// unit, so the indicators view shows it.
func TestStatLineExportIndicators(t *testing.T) {
	p := parseExport(t, "Overgewicht2020.csv", readExport(t, "Overgewicht2020.csv"))
	want := []string{"ondergewicht", "normaal_gewicht", "overgewicht", "matig_overgewicht", "ernstig_overgewicht"}
	if diff := cmp.Diff(want, p.Dataset.Indicators); diff != "" {
		t.Errorf("indicators of the 2020 overweight file (-want +got):\n%s", diff)
	}
	if len(p.LocalIndicators) != 0 {
		t.Errorf("catalogue entries %v for topics the catalogue has", p.LocalIndicators)
	}

	p = parseExport(t, "Inkomen2022.csv", readExport(t, "Inkomen2022.csv"))
	var got []string
	for _, ind := range p.LocalIndicators {
		got = append(got, ind.Key+" | "+ind.Label+" | "+ind.Unit+" | "+ind.Direction+" | "+ind.Theme)
		if !strings.Contains(ind.Note, "Inkomen van huishoudens; huishoudenskenmerken, regio (indeling 2024)") {
			t.Errorf("%s: note %q does not name the table", ind.Key, ind.Note)
		}
	}
	want = []string{
		"particuliere_huishoudens | Particuliere huishoudens | x 1 000 | neutraal | statline",
		"particuliere_huishoudens_relatief | Particuliere huishoudens relatief | % | neutraal | statline",
		"gemiddeld_gestandaardiseerd_inkomen | Gemiddeld gestandaardiseerd inkomen | 1 000 euro | neutraal | statline",
		"mediaan_gestandaardiseerd_inkomen | Mediaan gestandaardiseerd inkomen | 1 000 euro | neutraal | statline",
		"gemiddeld_besteedbaar_inkomen | Gemiddeld besteedbaar inkomen | 1 000 euro | neutraal | statline",
		"mediaan_besteedbaar_inkomen | Mediaan besteedbaar inkomen | 1 000 euro | neutraal | statline",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("catalogue entries of the income file (-want +got):\n%s", diff)
	}
}

// TestStatLineExportSniff: the layout is recognised from its structure,
// gzipped too; files whose header is on line 1 are not taken for it.
func TestStatLineExportSniff(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(readExport(t, "Overgewicht2016.csv"))
	zw.Close()
	p := parseExport(t, "Overgewicht2016.csv.gz", gz.Bytes())
	plain := parseExport(t, "Overgewicht2016.csv", readExport(t, "Overgewicht2016.csv"))
	if diff := cmp.Diff(plain.Dataset, p.Dataset); diff != "" {
		t.Errorf(".csv.gz differs from .csv (-csv +gz):\n%s", diff)
	}

	for _, file := range []string{"50090NED_sample.csv", "monitor_85563NED_2022_sample.csv", "monitor_50140NED_sample.csv"} {
		b, err := os.ReadFile("../testdata/" + file)
		if err != nil {
			t.Fatal(err)
		}
		if statline.IsExport(b) {
			t.Errorf("%s taken for a StatLine export", file)
		}
	}
	// A title line alone, without the header block, is not the layout.
	if statline.IsExport([]byte("\"Boodschappen\"\r\n\"Melk\";\"2\"\r\n")) {
		t.Error("a one-field first line without \"Onderwerp\" taken for a StatLine export")
	}
}

// editExport replaces old by new in a real file (each must occur once).
func editExport(t *testing.T, file string, edits ...string) []byte {
	t.Helper()
	b := readExport(t, file)
	for i := 0; i < len(edits); i += 2 {
		if n := bytes.Count(b, []byte(edits[i])); n != 1 {
			t.Fatalf("%s: %q occurs %d times, want once", file, edits[i], n)
		}
		b = bytes.Replace(b, []byte(edits[i]), []byte(edits[i+1]), 1)
	}
	return b
}

// TestStatLineExportLayouts: other arrangements of the same data that a
// StatLine download can have.
func TestStatLineExportLayouts(t *testing.T) {
	t.Run("topic without its upper level", func(t *testing.T) {
		b := editExport(t, "Overgewicht2020.csv", `"Onder- en overgewicht|Overgewicht"`, `"Overgewicht"`)
		p := parseExport(t, "o.csv", b)
		if !slices.Contains(indicatorstest.LinesOf(p.Dataset, "GM0363 "), "GM0363 gemeente 2020 20300 totaal overgewicht 39.3") {
			t.Errorf("Overgewicht as a one-level topic not read as overgewicht: %v", indicatorstest.LinesOf(p.Dataset, "GM0363 "))
		}
	})
	t.Run("Perioden as a column, two years", func(t *testing.T) {
		// The 2012 file with its Perioden filter turned into a column; the
		// Groningen row becomes 2013 (the title's year then no longer holds,
		// so the title loses it).
		b := editExport(t, "Overgewicht2012.csv",
			`, 2012"`, `"`,
			"\"Perioden: 2012\"\r\n", "",
			`"";"";"Onderwerp"`, `"";"";"";"Onderwerp"`,
			`"";"";"Overgewicht|`, `"";"";"";"Overgewicht|`,
			`"Leeftijd";"Regio's"`, `"Leeftijd";"Perioden";"Regio's"`,
			`"Totaal";"Amsterdam"`, `"Totaal";"2012";"Amsterdam"`,
			`"Totaal";"Groningen (gemeente)"`, `"Totaal";"2013";"Groningen (gemeente)"`,
			`"Totaal";"Maastricht"`, `"Totaal";"2012";"Maastricht"`,
			`"Totaal";"Utrecht (gemeente)"`, `"Totaal";"2012";"Utrecht (gemeente)"`)
		p := parseExport(t, "o.csv", b)
		got := indicatorstest.LinesOf(p.Dataset, "GM0014 ", "GM0363 ")
		want := []string{
			"GM0014 gemeente 2013 19+ totaal ernstig_overgewicht 8.6", "GM0014 gemeente 2013 19+ totaal overgewicht 36.7",
			"GM0363 gemeente 2012 19+ totaal ernstig_overgewicht 11.3", "GM0363 gemeente 2012 19+ totaal overgewicht 39.7",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		if !strings.Contains(p.Note, "period 2012, 2013 from the Perioden column") || !strings.Contains(p.Note, "the period 2013 brought within") {
			t.Errorf("note: %s", p.Note)
		}
	})
	t.Run("region as a filter, sex as a column, provisional year", func(t *testing.T) {
		b := editExport(t, "Inkomen2022.csv",
			"\"Perioden: 2022\"", "\"Perioden: 2022*\"\r\n\"Regio's: Maastricht\"",
			`"";"Onderwerp"`, `"";"Onderwerp"`,
			`"Regio's";"x 1 000"`, `"Geslacht";"x 1 000"`,
			"\"Nederland\";\"8041,4\";\"100\";\"35,6\";\"31,7\";\"51,2\";\"41,7\"\r\n", "",
			`"Amsterdam";`, `"Mannen";`,
			"\"Groningen (gemeente)\";\"132,3\";\"100\";\"28,4\";\"25,2\";\"37,4\";\"29,2\"\r\n", "",
			`"Maastricht";`, `"Vrouwen";`,
			`"Utrecht (gemeente)";"179,7";"100";"35,1";"31,6";"49,0";"38,3"`, `"Totaal";"";".";"35,1";"31,6";"49,0";"38,3"`)
		p := parseExport(t, "i.csv", b)
		got := indicatorstest.LinesOf(p.Dataset, "GM0935 ")
		if len(got) != 6+6+5 {
			t.Fatalf("%d observations, want 17 (6 men, 6 women, 5 total: one empty):\n%s", len(got), strings.Join(got, "\n"))
		}
		for _, w := range []string{"GM0935 gemeente 2022 10000 man particuliere_huishoudens 479.5",
			"GM0935 gemeente 2022 10000 vrouw particuliere_huishoudens 62.9",
			"GM0935 gemeente 2022 10000 totaal particuliere_huishoudens_relatief suppressed"} {
			if !slices.Contains(got, w) {
				t.Errorf("no %q in\n%s", w, strings.Join(got, "\n"))
			}
		}
		if !strings.Contains(p.Note, "period 2022* (provisional at CBS)") {
			t.Errorf("note does not say 2022 is provisional: %s", p.Note)
		}
	})
	t.Run("Leeftijd N jaar of ouder as a column", func(t *testing.T) {
		b := editExport(t, "Overgewicht2012.csv", `"Totaal";"Maastricht"`, `"65 jaar of ouder";"Maastricht"`)
		p := parseExport(t, "o.csv", b)
		if !slices.Contains(indicatorstest.LinesOf(p.Dataset, "GM0935 "), "GM0935 gemeente 2012 65+ totaal overgewicht 45.1") {
			t.Errorf("%v", indicatorstest.LinesOf(p.Dataset, "GM0935 "))
		}
	})
	t.Run("comma separator", func(t *testing.T) {
		b := readExport(t, "Overgewicht2022.csv")
		b = bytes.ReplaceAll(b, []byte(`";"`), []byte(`","`))
		p := parseExport(t, "o.csv", b)
		want := parseExport(t, "Overgewicht2022.csv", readExport(t, "Overgewicht2022.csv"))
		if diff := cmp.Diff(want.Dataset, p.Dataset); diff != "" {
			t.Errorf("(-semicolons +commas):\n%s", diff)
		}
	})
}

// TestStatLineExportRefusals: what the bad files of cmd/lpa/testdata/bad
// do not cover; each must be a located *ParseError.
func TestStatLineExportRefusals(t *testing.T) {
	for _, tc := range []struct {
		name  string
		file  string
		edits []string
		want  string
	}{
		{"Perioden filter differs from the title", "Overgewicht2012.csv", []string{`"Perioden: 2012"`, `"Perioden: 2013"`},
			"o.csv:3 (Perioden): Perioden 2013 differs from the year the title ends with (2012); expected the title's year"},
		{"unit of a catalogue indicator", "Overgewicht2022.csv", []string{`"Regio's";"%";"%";"%"`, `"Regio's";"%";"%";"aantal"`},
			`o.csv:6:4 (Onder- en overgewicht|Overgewicht): topic "Onder- en overgewicht|Overgewicht" has unit "aantal", but it is indicator overgewicht, which lpa's catalogue has in "%"`},
		{"two topics one indicator", "Overgewicht2012.csv", []string{`"Overgewicht|Ernstig overgewicht"`, `"Overgewicht|Overgewicht"`},
			`o.csv:5:4 (Overgewicht|Overgewicht): topic "Overgewicht|Overgewicht" is indicator overgewicht again (column 3)`},
		{"unknown row dimension", "Inkomen2020.csv", []string{`"Regio's";"x 1 000"`, `"Burgerlijke staat";"x 1 000"`},
			`o.csv:7:1: row dimension "Burgerlijke staat" is not one lpa reads; expected "Regio's", "Perioden", "Leeftijd", "Geslacht", "Marges" or "Cijfersoort"`},
		{"dimension as filter and column", "Overgewicht2012.csv", []string{`"Cijfersoort: Waarde"`, `"Leeftijd: Totaal"`},
			"o.csv:6:1: Leeftijd is a row dimension and a filter (line 2); expected one of the two"},
		{"age range", "Overgewicht2012.csv", []string{`"Totaal";"Maastricht"`, `"18 tot 65 jaar";"Maastricht"`},
			`o.csv:9:1 (Leeftijd): Leeftijd "18 tot 65 jaar"; expected Totaal or "N jaar of ouder"`},
		{"indeling lpa does not know", "Inkomen2012.csv", []string{"(indeling 2024)", "(indeling 2019)"},
			"o.csv:1: title states (indeling 2019); expected a municipal division lpa knows, 2020-2025"},
		{"data after the footer", "Inkomen2016.csv", []string{`"Bron: CBS"`, "\"Bron: CBS\"\r\n\"Zwolle\";\"1\";\"100\";\"1\";\"1\";\"1\";\"1\""},
			`o.csv:14: line after the footer "Bron: ..." (line 13); expected the footer to end the file`},
		{"a second header line", "Overgewicht2022.csv", []string{`"Regio's";"%"`, "\"\";\"2022\";\"2022\";\"2022\";\"2022\";\"2022\"\r\n\"Regio's\";\"%\""},
			"o.csv:6: a second line of column headers; expected the units row"},
		{"Cijfersoort other than Waarde", "Overgewicht2012.csv", []string{`"Cijfersoort: Waarde"`, `"Cijfersoort: Ongewogen aantal respondenten"`},
			`o.csv:2 (Cijfersoort): Cijfersoort "Ongewogen aantal respondenten": only values are supported for now`},
		{"ambiguous name", "Inkomen2012.csv", []string{`"Maastricht"`, `"Bergen"`},
			`o.csv:11:1 (Regio's): region "Bergen" is ambiguous in the municipal division of 2024`},
		{"topic without letters", "Inkomen2022.csv", []string{`"Inkomen|Mediaan besteedbaar inkomen"`, `"Inkomen|%"`},
			`o.csv:6:7: topic "Inkomen|%" has no letters or digits in its last level`},
		{"empty topic level", "Overgewicht2016.csv", []string{`"Onder- en overgewicht|Ondergewicht"`, `"Onder- en overgewicht|"`},
			`o.csv:5:3: topic "Onder- en overgewicht|" has an empty last level`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := sources.Parse(t.Context(), "o.csv", editExport(t, tc.file, tc.edits...))
			if err == nil {
				t.Fatalf("parsed (%d cells, note %s); want refused with %q", len(p.Dataset.Cells), p.Note, tc.want)
			}
			indicatorstest.CheckParseErr(t, "o.csv", err)
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error\n%v\nlacks\n%s", err, tc.want)
			}
		})
	}
	t.Run("all problems of a file", func(t *testing.T) {
		b := editExport(t, "Overgewicht2022.csv", `"Amsterdam";"3,0"`, `"Amsterdm";"3,0"`, `"Maastricht";"1,5"`, `"Maastricht";"1.5"`)
		_, err := sources.Parse(t.Context(), "o.csv", b)
		if n := len(indicatorstest.FlattenErrors(err)); n != 2 || !errors.Is(err, indicators.ErrInvalidValue) {
			t.Errorf("%d problems, want 2 (unknown name on line 8, decimal point on line 10):\n%v", n, err)
		}
	})
}

// FuzzParseStatLineExport feeds variants of the real exports to Parse. A
// refusal is a located *ParseError; a parsed file is a StatLine export
// whose percentages lie in 0-100, with one row per key and one value per
// row and indicator, and a unit for every indicator.
func FuzzParseStatLineExport(f *testing.F) {
	indicatorstest.FuzzSeeds(f, exportDir+"*.csv", "../../cmd/lpa/testdata/bad/export-*")
	const name = "f.csv"
	indicatorstest.FuzzParsed(f, name, func(t *testing.T, p *indicators.Parsed) {
		if p.Kind != indicators.KindStatLineExport {
			return // another kind: FuzzParse covers it
		}
		d := p.Dataset
		unit := map[string]string{}
		for _, ind := range p.LocalIndicators {
			unit[ind.Key] = ind.Unit
		}
		for _, k := range d.Indicators {
			if u := indicatorstest.CatalogueUnits()[k]; u != "" {
				unit[k] = u
			}
			if unit[k] == "" {
				t.Errorf("indicator %s has no unit", k)
			}
		}
		// One row per key, one value per row and indicator, suppressed
		// cells without a value: what every dataset holds.
		indicatorstest.CheckDataset(t, d)
		for _, c := range d.Cells {
			if unit[d.Indicators[c.Indicator]] == "%" && !(c.Value >= 0 && c.Value <= 100) {
				t.Errorf("%s = %v, a percentage outside 0-100", d.Indicators[c.Indicator], c.Value)
			}
		}
	})
}
