package indicators

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// header50090 is the header of RIVM StatLine 50090NED as the real files
// (/work/shared/data/rivm_gezondheid_wijk_buurt_50090NED) have it.
const header50090 = "ID,Leeftijd,Marges,WijkenEnBuurten,Perioden,Gemeentenaam_1,SoortRegio_2,Codering_3," +
	"ErvarenGezondheidGoedZeerGoed_4,VoldoetAanBeweegrichtlijn_5,WekelijkseSporters_6,Ondergewicht_7,NormaalGewicht_8," +
	"Overgewicht_9,ErnstigOvergewicht_10,Roker_11,VoldoetAanAlcoholRichtlijn_12,Drinker_13,ZwareDrinker_14," +
	"OvermatigeDrinker_15,EenOfMeerLangdurigeAandoeningen_16,BeperktVanwegeGezondheid_17," +
	"ErnstigBeperktVanwegeGezondheid_18,LangdurigeZiekteEnBeperkt_19,EenOfMeerLichamelijkeBeperkingen_20," +
	"BeperkingInHoren_21,BeperkingInZien_22,BeperkingInBewegen_23,MatigHoogRisicoOpAngstOfDepressie_24," +
	"HoogRisicoOpAngstOfDepressie_25,HeelVeelStressInAfgelopen4Weken_26,MatigVeelRegieOverEigenLeven_27,Eenzaam_28," +
	"ErnstigZeerErnstigEenzaam_29,EmotioneelEenzaam_30,SociaalEenzaam_31,Mantelzorger_32,Vrijwilligerswerk_33," +
	"LopenEnOfFietsenNaarSchoolOfWerk_34,LopenNaarSchoolOfWerk_35,FietsenNaarSchoolOfWerk_36," +
	"ErnstigeGeluidhinderDoorBuren_37,MoeiteMetRondkomen_38"

func TestIndicatorKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Roker_11", "roker"},
		{"ZwareDrinker_14", "zware_drinker"},
		{"ErvarenGezondheidGoedZeerGoed_4", "ervaren_gezondheid_goed_zeer_goed"},
		{"HeelVeelStressInAfgelopen4Weken_26", "heel_veel_stress_in_afgelopen_4_weken"},
		{"LopenEnOfFietsenNaarSchoolOfWerk_34", "lopen_en_of_fietsen_naar_school_of_werk"},
		{"Roker", "roker"}, // no numeric suffix: the catalogue's source_key
		{"MoeiteMetRondkomen_1", "moeite_met_rondkomen"},
		{"CannabisInAfg12Maanden_89", "cannabis_in_afg_12_maanden"}, // 50140NED
		{"GGDRegio", "ggd_regio"},
	}
	for _, tc := range tests {
		if got := IndicatorKey(tc.in); got != tc.want {
			t.Errorf("IndicatorKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Every indicator column of 50090NED has a catalogue entry. (The catalogue
// holds the other sources' indicators too: see monitor_test.go.)
func TestIndicatorKeyCatalogue50090(t *testing.T) {
	var got []string
	for _, h := range strings.Split(header50090, ",")[len(cols50090):] {
		got = append(got, IndicatorKey(h))
	}
	known := map[string]bool{}
	for _, ind := range LoadReference().Catalogue {
		known[ind.Key] = true
	}
	for _, k := range got {
		if !known[k] {
			t.Errorf("50090NED indicator %s has no catalogue entry", k)
		}
	}
	if len(got) != 35 {
		t.Errorf("50090NED has %d indicator columns, want 35", len(got))
	}
}

func TestParseDecimal(t *testing.T) {
	accept := []struct {
		in   string
		want float64
	}{
		{"76.1", 76.1}, {"0", 0}, {"-2.5", -2.5}, {"100", 100}, {"0.0", 0}, {"15.0", 15}, {"007", 7},
	}
	for _, tc := range accept {
		got, ok := ParseDecimal(tc.in)
		if !ok || got != tc.want {
			t.Errorf("ParseDecimal(%q) = %v, %v; want %v, true", tc.in, got, ok, tc.want)
		}
	}
	refuse := []string{
		"12,3", "12,3,4", "1e5", "1E5", ".5", "5.", " 5", "5 ", "+5", "0x10", "Inf", "-Inf", "NaN", "1_000",
		"", "-", "--1", "1.2.3", "1,000", ".", "١٢", "５",
	}
	for _, in := range refuse {
		if got, ok := ParseDecimal(in); ok {
			t.Errorf("ParseDecimal(%q) = %v, true; want refused", in, got)
		}
	}
}

func TestRegionCodeOK(t *testing.T) {
	tests := []struct {
		code, level string
		want        bool
	}{
		{"NL01", LevelLand, true},
		{"NL00", LevelLand, true}, // Kerncijfers wijken en buurten
		{"NL1", LevelLand, false},
		{"NL", LevelLand, false},
		{"GM0363", LevelGemeente, true},
		{"GM1680", LevelGemeente, true},
		{"GX0363", LevelGemeente, false},
		{"gm0363", LevelGemeente, false},
		{"GM363", LevelGemeente, false},
		{"GM03630", LevelGemeente, false},
		{"GM12", LevelGemeente, false},
		{"GM0363 ", LevelGemeente, false}, // callers trim the padding
		{"WK036300", LevelWijk, true},
		{"WK0363AF", LevelWijk, true}, // Amsterdam from 2022 on
		{"WK0363af", LevelWijk, false},
		{"WK036", LevelWijk, false},
		{"WK03630", LevelWijk, false},
		{"WKAB6300", LevelWijk, false},
		{"BU03630000", LevelBuurt, true},
		{"BU0363AF01", LevelBuurt, true}, // Amsterdam from 2022 on
		{"BU16800709", LevelBuurt, true},
		{"BU1680000", LevelBuurt, false},
		{"BU0363AF0", LevelBuurt, false},
		{"BU0363AF0Ä", LevelBuurt, false},
		{"GG3406", LevelGGDRegio, true},
		{"GG0706", LevelGGDRegio, true},
		{"GG706", LevelGGDRegio, false},
		{"PV27", LevelProvincie, true},
		{"PV270", LevelProvincie, false},
		{"PV2", LevelProvincie, false},
		{"GM0363", LevelWijk, false},    // right code, wrong level
		{"WK036300", LevelBuurt, false}, // right code, wrong level
		{"GM0363", "stadsdeel", false},
		{"", LevelLand, false},
		{"", LevelGemeente, false},
		{"", LevelWijk, false},
		{"", LevelBuurt, false},
		{"", LevelGGDRegio, false},
		{"", LevelProvincie, false},
	}
	for _, tc := range tests {
		if got := RegionCodeOK(tc.code, tc.level); got != tc.want {
			t.Errorf("RegionCodeOK(%q, %q) = %v, want %v", tc.code, tc.level, got, tc.want)
		}
	}
}

// readTestdata reads a file of indicators/testdata.
func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sample50090 is what testdata/50090NED_sample.csv holds: three real rows
// (NL01 2012 with a field empty that year, GM1680 2020, BU16800709 2020 with
// every value suppressed) and three real indicator columns.
var sample50090 = &Dataset{
	Source:     "50090NED",
	Division:   2020,
	Indicators: []string{"ervaren_gezondheid_goed_zeer_goed", "voldoet_aan_beweegrichtlijn", "roker"},
	Rows: []SourceRow{
		{RegionCode: "NL01", RegionLevel: LevelLand, Period: 2012, AgeGroup: "20300", Line: 2},
		{RegionCode: "GM1680", RegionLevel: LevelGemeente, Period: 2020, AgeGroup: "20300", Line: 3},
		{RegionCode: "BU16800709", RegionLevel: LevelBuurt, Period: 2020, AgeGroup: "20300", Line: 4},
	},
	Cells: []Cell{
		{Row: 0, Indicator: 0, Value: 76.1},
		// NL01 2012 VoldoetAanBeweegrichtlijn_5 is empty: not measured, no cell.
		{Row: 0, Indicator: 2, Value: 24.1},
		{Row: 1, Indicator: 0, Value: 80.5},
		{Row: 1, Indicator: 1, Value: 47.3},
		{Row: 1, Indicator: 2, Value: 15.0},
		{Row: 2, Indicator: 0, Suppressed: true},
		{Row: 2, Indicator: 1, Suppressed: true},
		{Row: 2, Indicator: 2, Suppressed: true},
	},
}

func TestParse50090Sample(t *testing.T) {
	p, err := Parse(t.Context(), "50090NED_sample.csv", readTestdata(t, "50090NED_sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != KindStatLine50090 || p.Regions != nil || p.Accord != nil {
		t.Fatalf("Parse = kind %q, regions %v, accord %v; want only a %s dataset", p.Kind, p.Regions, p.Accord, KindStatLine50090)
	}
	if diff := cmp.Diff(sample50090, p.Dataset); diff != "" {
		t.Errorf("dataset (-want +got):\n%s", diff)
	}
	if got := p.Rows(); got != 8 {
		t.Errorf("Rows() = %d, want 8 (one per cell)", got)
	}
	wantSlices := []Slice{
		{"50090NED", 2012, "20300", LevelLand},
		{"50090NED", 2020, "20300", LevelBuurt},
		{"50090NED", 2020, "20300", LevelGemeente},
	}
	if diff := cmp.Diff(wantSlices, p.Dataset.Slices()); diff != "" {
		t.Errorf("Slices() (-want +got):\n%s", diff)
	}
	wantObs := []Observation{
		{RegionCode: "NL01", RegionLevel: LevelLand, Period: 2012, AgeGroup: "20300", Indicator: "ervaren_gezondheid_goed_zeer_goed", Value: 76.1, Status: Measured},
		{RegionCode: "BU16800709", RegionLevel: LevelBuurt, Period: 2020, AgeGroup: "20300", Indicator: "roker", Status: Suppressed},
	}
	gotObs := []Observation{p.Dataset.Observation(0), p.Dataset.Observation(7)}
	if diff := cmp.Diff(wantObs, gotObs); diff != "" {
		t.Errorf("Observation (-want +got):\n%s", diff)
	}
}

func gzipBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// xlsxFromCSV writes CSV content into a workbook the way the StatLine
// download holds it: one sheet, every cell text, empty fields left out.
func xlsxFromCSV(t *testing.T, sheet string, data []byte) []byte {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	for i, r := range recs {
		for j, v := range r {
			if v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellStr(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The same content as .csv, .csv.gz and .xlsx gives the same Dataset.
func TestParseLayouts(t *testing.T) {
	csvData := readTestdata(t, "50090NED_sample.csv")
	layouts := []struct {
		name string
		data []byte
	}{
		{"sample.csv", csvData},
		{"sample.csv.gz", gzipBytes(t, csvData)},
		{"sample.xlsx", xlsxFromCSV(t, "RIVM_gezondheid2020_18+", csvData)},
		{"sample-crlf-bom.csv", append([]byte("\uFEFF"), bytes.ReplaceAll(csvData, []byte("\n"), []byte("\r\n"))...)},
	}
	for _, l := range layouts {
		t.Run(l.name, func(t *testing.T) {
			p, err := Parse(t.Context(), l.name, l.data)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(sample50090, p.Dataset); diff != "" {
				t.Errorf("dataset (-want +got):\n%s", diff)
			}
		})
	}
}

// sharedData returns the path of a file of the real test data (../shared/data
// next to the repository, or $LPA_SHARED_DATA), or skips.
func sharedData(t *testing.T, rel string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "data")
	if d := os.Getenv("LPA_SHARED_DATA"); d != "" {
		dir = d
	}
	p := filepath.Join(dir, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not present: this test needs the real data of ../shared/data or $LPA_SHARED_DATA (CI has it)", p)
	}
	return p
}

func parseShared(t *testing.T, rel string) *Parsed {
	t.Helper()
	p := sharedData(t, rel)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := Parse(t.Context(), filepath.Base(p), b)
	if err != nil {
		t.Fatal(err)
	}
	return parsed
}

// The real workbook and its CSV dump give the same Dataset.
func TestParseRealLayouts(t *testing.T) {
	if testing.Short() {
		t.Skip("parses 17,341 rows twice")
	}
	const dir = "rivm_gezondheid_wijk_buurt_50090NED/"
	gz := parseShared(t, dir+"50090NED_2012_18plus.csv.gz")
	xl := parseShared(t, dir+"50090NED_2012_18plus.xlsx")
	if len(gz.Dataset.Rows) != 17341 {
		t.Errorf("csv.gz: %d rows, want 17341", len(gz.Dataset.Rows))
	}
	suppressed := 0
	for _, c := range gz.Dataset.Cells {
		if c.Suppressed {
			suppressed++
		}
	}
	if suppressed != 17200 {
		t.Errorf("csv.gz: %d suppressed cells, want 17200 (PROVENANCE.md)", suppressed)
	}
	if diff := cmp.Diff(gz.Dataset, xl.Dataset); diff != "" {
		t.Errorf("xlsx differs from csv.gz (-csv.gz +xlsx):\n%s", diff)
	}
}

// regionsBy counts regions per level and indexes them by code.
func regionsBy(rs *RegionSet) (map[string]int, map[string]Region) {
	levels, byCode := map[string]int{}, map[string]Region{}
	for _, r := range rs.Regions {
		levels[r.Level]++
		byCode[r.Code] = r
	}
	return levels, byCode
}

func TestParseCBSGebieden2020(t *testing.T) {
	p := parseShared(t, "cbs_regiocodes/Gebieden_in_Nederland_2020_07122020_202646.csv")
	if p.Kind != KindCBSGebieden || p.Regions.Division != 2020 {
		t.Fatalf("kind %q, division %d; want %s, 2020", p.Kind, p.Regions.Division, KindCBSGebieden)
	}
	levels, byCode := regionsBy(p.Regions)
	if diff := cmp.Diff(map[string]int{LevelGemeente: 355, LevelProvincie: 12}, levels); diff != "" {
		t.Errorf("regions per level (-want +got):\n%s", diff)
	}
	want := []Region{
		{Division: 2020, Code: "GM1680", Name: "Aa en Hunze", Level: LevelGemeente, GemeenteCode: "GM1680", ProvinceCode: "PV22", Population: 25445},
		// Ameland's row calls its province "Friesland", the other 17 "Fryslân".
		{Division: 2020, Code: "GM0060", Name: "Ameland", Level: LevelGemeente, GemeenteCode: "GM0060", ProvinceCode: "PV21", Population: 3716},
		{Division: 2020, Code: "PV21", Name: "Fryslân", Level: LevelProvincie, Population: -1},
		{Division: 2020, Code: "PV27", Name: "Noord-Holland", Level: LevelProvincie, Population: -1},
	}
	var got []Region
	for _, w := range want {
		got = append(got, byCode[w.Code])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("regions (-want +got):\n%s", diff)
	}
}

func TestParseCBSGebiedenGGD2023(t *testing.T) {
	p := parseShared(t, "cbs_regiocodes/Gebieden_in_Nederland_2023_25032025_175459.csv")
	if p.Kind != KindCBSGebiedenGGD || p.Regions.Division != 2023 {
		t.Fatalf("kind %q, division %d; want %s, 2023", p.Kind, p.Regions.Division, KindCBSGebiedenGGD)
	}
	levels, byCode := regionsBy(p.Regions)
	if diff := cmp.Diff(map[string]int{LevelGemeente: 342, LevelGGDRegio: 25}, levels); diff != "" {
		t.Errorf("regions per level (-want +got):\n%s", diff)
	}
	want := []Region{
		{Division: 2023, Code: "GM1680", Name: "Aa en Hunze", Level: LevelGemeente, GemeenteCode: "GM1680", GGDCode: "GG0706", Population: -1},
		{Division: 2023, Code: "GM1992", Name: "Voorne aan Zee", Level: LevelGemeente, GemeenteCode: "GM1992", GGDCode: "GG4607", Population: -1},
		{Division: 2023, Code: "GG3406", Name: "GGD Amsterdam", Level: LevelGGDRegio, Population: -1},
	}
	var got []Region
	for _, w := range want {
		got = append(got, byCode[w.Code])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("regions (-want +got):\n%s", diff)
	}
}

func TestParseCBSKerncijfers2024(t *testing.T) {
	p := parseShared(t, "cbs_regiocodes/Kerncijfers_wijken_en_buurten_2024_geslachten.csv")
	if p.Kind != KindCBSKerncijfers || p.Regions.Division != 2024 {
		t.Fatalf("kind %q, division %d; want %s, 2024", p.Kind, p.Regions.Division, KindCBSKerncijfers)
	}
	if n := len(p.Regions.Regions); n != 18310 {
		t.Errorf("%d regions, want 18310", n)
	}
	levels, byCode := regionsBy(p.Regions)
	if diff := cmp.Diff(map[string]int{LevelLand: 1, LevelGemeente: 342, LevelWijk: 3393, LevelBuurt: 14574}, levels); diff != "" {
		t.Errorf("regions per level (-want +got):\n%s", diff)
	}
	want := []Region{
		// The file's one "." is NL00's Indelingswijziging, not its population.
		{Division: 2024, Code: "NL00", Name: "Nederland", Level: LevelLand, Population: 17942942},
		{Division: 2024, Code: "GM1680", Name: "Aa en Hunze", Level: LevelGemeente, GemeenteCode: "GM1680", Population: 25845},
		{Division: 2024, Code: "WK168000", Name: "Wijk 00 Annen", Level: LevelWijk, GemeenteCode: "GM1680", Population: 3590},
		{Division: 2024, Code: "BU16800000", Name: "Annen", Level: LevelBuurt, GemeenteCode: "GM1680", Population: 3455},
		{Division: 2024, Code: "WK0363AA", Level: LevelWijk, GemeenteCode: "GM0363"},
		{Division: 2024, Code: "BU0363AA01", Level: LevelBuurt, GemeenteCode: "GM0363"},
	}
	var got []Region
	for i, w := range want {
		r := byCode[w.Code]
		if i >= 4 { // Amsterdam's letter codes: only check they are there
			r.Name, r.Population = "", 0
		}
		got = append(got, r)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("regions (-want +got):\n%s", diff)
	}
}

func TestParseAccordExamples(t *testing.T) {
	files, err := filepath.Glob("../examples/accords/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	members := map[string]bool{}
	var ids []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ParseAccord(f, b)
		if err != nil {
			t.Errorf("ParseAccord(%s): %v", f, err)
			continue
		}
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
	b, err := os.ReadFile("../examples/accords/achterhoek.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, err := ParseAccord("accords/achterhoek.yaml", b)
	if err != nil {
		t.Fatal(err)
	}
	want := &Accord{ID: "achterhoek", Name: "Achterhoek", Kind: "regionaal", SignedYear: 2020, Division: 2020,
		Members: []string{"GM0197", "GM1859", "GM1876", "GM0222", "GM1955", "GM1586", "GM1509", "GM0294"},
		Source:  a.Source, File: "accords/achterhoek.yaml",
		Coding: a.Coding} // the coding block: registry_test.go
	if diff := cmp.Diff(want, a); diff != "" {
		t.Errorf("accord (-want +got):\n%s", diff)
	}

	// A date in signed is kept as a date.
	dated := bytes.Replace(b, []byte("signed: 2020 "), []byte("signed: 2020-06-15 "), 1)
	a, err = ParseAccord("achterhoek.yaml", dated)
	if err != nil {
		t.Fatal(err)
	}
	if !a.SignedOn.Equal(time.Date(2020, 6, 15, 0, 0, 0, 0, time.UTC)) || a.SignedYear != 2020 {
		t.Errorf("signed 2020-06-15: SignedOn %v, SignedYear %d", a.SignedOn, a.SignedYear)
	}
}

// Problems carry the file, the line and a sentinel callers branch on.
func TestParseErrors(t *testing.T) {
	sample := string(readTestdata(t, "50090NED_sample.csv"))
	tests := []struct {
		name, file, data string
		want             []problem
	}{
		{"value with comma", "f.csv", strings.Replace(sample, "    80.5", `"    80,5"`, 1),
			[]problem{{File: "f.csv", Line: 3, Column: 9, Err: ErrInvalidValue}}},
		{"every bad cell is reported", "f.csv", strings.NewReplacer("    80.5", "   180.5", "    47.3", "     1e5").Replace(sample),
			[]problem{{File: "f.csv", Line: 3, Column: 9, Err: ErrInvalidValue}, {File: "f.csv", Line: 3, Column: 10, Err: ErrInvalidValue}}},
		{"duplicate key", "f.csv", sample + strings.Split(sample, "\n")[2] + "\n",
			[]problem{{File: "f.csv", Line: 5, Column: 4, Err: ErrDuplicateKey}}},
		{"missing column", "f.csv", strings.Replace(sample, "Marges", "Marge", 1),
			[]problem{{File: "f.csv", Line: 1, Err: ErrMissingColumn}}},
		{"header only", "f.csv", strings.Split(sample, "\n")[0] + "\n",
			[]problem{{File: "f.csv", Line: 2, Err: ErrMalformed}}},
		{"unknown kind", "f.csv", "Gemeentecode,Naam,Indicator,Percentage\nGM0518,Den Haag,Overgewicht,47.5\n",
			[]problem{{File: "f.csv", Line: 1, Err: ErrUnknownKind}}},
		{"broken quote", "f.csv", strings.Replace(sample, "    80.5", `"    80.5`, 1),
			// The quote opens on line 3; encoding/csv notices on line 4. The
			// message names line 3, where the row starts, and says it runs on.
			[]problem{{File: "f.csv", Line: 3, Column: 0, Err: ErrMalformed}}},
		{"empty", "f.csv", "", []problem{{File: "f.csv", Line: 1, Err: ErrMalformed}}},
		{"yaml empty", "x.yaml", "", []problem{{File: "x.yaml", Line: 1, Err: ErrMalformed}}},
		{"yaml id differs from file name", "x.yaml", "id: y\nname: Y\nkind: lokaal\nsigned: 2020\ndivision: 2020\nmembers: [GM0363]\n",
			[]problem{{File: "x.yaml", Line: 1, Err: ErrInvalidValue}}},
		{"yaml key missing", "x.yaml", "id: x\nname: X\nkind: lokaal\nsigned: 2020\ndivision: 2020\n",
			[]problem{{File: "x.yaml", Line: 1, Err: ErrMissingColumn}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(t.Context(), tc.file, []byte(tc.data))
			if err == nil {
				t.Fatal("Parse accepted the file")
			}
			var got []problem
			for _, e := range flattenErrors(err) {
				var pe *ParseError
				if !errors.As(e, &pe) {
					t.Fatalf("problem %v (%T) is not a *ParseError", e, e)
				}
				got = append(got, problem{File: pe.File, Line: pe.Line, Column: pe.Column, Cell: pe.Cell, Err: pe.Err})
				if pe.Msg == "" || !strings.Contains(pe.Msg, "expected") {
					t.Errorf("message %q does not say what was expected", pe.Msg)
				}
			}
			if diff := cmp.Diff(tc.want, got, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("problems (-want +got):\n%s\nerror: %v", diff, err)
			}
		})
	}
}

// problem is the part of a *ParseError a test compares; it is no error
// itself, so cmp compares its Err (a sentinel) by identity.
type problem struct {
	File         string
	Line, Column int
	Cell         string
	Err          error
}

// flattenErrors undoes errors.Join.
func flattenErrors(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flattenErrors(e)...)
		}
		return out
	}
	return []error{err}
}
