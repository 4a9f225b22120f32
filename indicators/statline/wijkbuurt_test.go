package statline_test

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"lpa/indicators"
	"lpa/indicators/indicatorstest"
	"lpa/indicators/sources"
)

// sample50090 is what testdata/50090NED_sample.csv holds: three real rows
// (NL01 2012 with a field empty that year, GM1680 2020, BU16800709 2020 with
// every value suppressed) and three real indicator columns.
var sample50090 = &indicators.Dataset{
	Source:     "50090NED",
	Division:   2020,
	Indicators: []string{"ervaren_gezondheid_goed_zeer_goed", "voldoet_aan_beweegrichtlijn", "roker"},
	Rows: []indicators.SourceRow{
		{RegionCode: "NL01", RegionLevel: indicators.LevelLand, Period: 2012, AgeGroup: "20300", Line: 2},
		{RegionCode: "GM1680", RegionLevel: indicators.LevelGemeente, Period: 2020, AgeGroup: "20300", Line: 3},
		{RegionCode: "BU16800709", RegionLevel: indicators.LevelBuurt, Period: 2020, AgeGroup: "20300", Line: 4},
	},
	Cells: []indicators.Cell{
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
	p, err := sources.Parse(t.Context(), "50090NED_sample.csv", indicatorstest.Testdata(t, "50090NED_sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != indicators.KindStatLine50090 || p.Regions != nil || p.Accord != nil {
		t.Fatalf("Parse = kind %q, regions %v, accord %v; want only a %s dataset", p.Kind, p.Regions, p.Accord, indicators.KindStatLine50090)
	}
	if diff := cmp.Diff(sample50090, p.Dataset); diff != "" {
		t.Errorf("dataset (-want +got):\n%s", diff)
	}
	if got := p.Rows(); got != 8 {
		t.Errorf("Rows() = %d, want 8 (one per cell)", got)
	}
	wantSlices := []indicators.Slice{
		{Source: "50090NED", Period: 2012, AgeGroup: "20300", RegionLevel: indicators.LevelLand},
		{Source: "50090NED", Period: 2020, AgeGroup: "20300", RegionLevel: indicators.LevelBuurt},
		{Source: "50090NED", Period: 2020, AgeGroup: "20300", RegionLevel: indicators.LevelGemeente},
	}
	if diff := cmp.Diff(wantSlices, p.Dataset.Slices()); diff != "" {
		t.Errorf("Slices() (-want +got):\n%s", diff)
	}
	wantObs := []indicators.Observation{
		{RegionCode: "NL01", RegionLevel: indicators.LevelLand, Period: 2012, AgeGroup: "20300", Indicator: "ervaren_gezondheid_goed_zeer_goed", Value: 76.1, Status: indicators.Measured},
		{RegionCode: "BU16800709", RegionLevel: indicators.LevelBuurt, Period: 2020, AgeGroup: "20300", Indicator: "roker", Status: indicators.Suppressed},
	}
	gotObs := []indicators.Observation{p.Dataset.Observation(0), p.Dataset.Observation(7)}
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
	csvData := indicatorstest.Testdata(t, "50090NED_sample.csv")
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
			p, err := sources.Parse(t.Context(), l.name, l.data)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(sample50090, p.Dataset); diff != "" {
				t.Errorf("dataset (-want +got):\n%s", diff)
			}
		})
	}
}

// The real workbook and its CSV dump give the same Dataset.
func TestParseRealLayouts(t *testing.T) {
	if testing.Short() {
		t.Skip("parses 17,341 rows twice")
	}
	const dir = "rivm_gezondheid_wijk_buurt_50090NED/"
	gz := indicatorstest.ParseShared(t, dir+"50090NED_2012_18plus.csv.gz")
	xl := indicatorstest.ParseShared(t, dir+"50090NED_2012_18plus.xlsx")
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
