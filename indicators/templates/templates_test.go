package templates_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"

	"lpa/indicators"
	"lpa/indicators/indicatorstest"
	"lpa/indicators/sources"
	"lpa/indicators/templates"
)

func workbook(t *testing.T, wb string, rows map[indicators.Kind][][]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := templates.WriteWorkbook(&buf, wb, rows); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// editWorkbook opens b, lets edit change it and returns the new bytes.
func editWorkbook(t *testing.T, b []byte, edit func(f *excelize.File) error) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := edit(f); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var ignoreLoc = cmpopts.IgnoreTypes(indicators.Loc{})

// A filled-in workbook reads back as what was written, numbers as numbers.
func TestTemplateWorkbookRoundTrip(t *testing.T) {
	b := workbook(t, indicators.WorkbookProject, map[indicators.Kind][][]string{
		indicators.KindProjectInterventions: {
			{"foodvalley", "I01", "Rookvrije sportvereniging", "roken", "ja", "jongeren", "lopend", "", "ja"},
			{"foodvalley", "I02", "Maatjesproject", "", "", "", "Gepland", "nog niet gestart", ""},
		},
		indicators.KindProjectReach: {
			{"foodvalley", "I01", "2021-Q1", "120", "96", "", "ja"},
			{"foodvalley", "I01", "2021-Q2", "", "40", "", "ja"},
		},
	})
	p, err := sources.Parse(t.Context(), "project.xlsx", b)
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != indicators.KindProjectWorkbook || p.Template.Workbook != indicators.WorkbookProject || p.Rows() != 4 {
		t.Fatalf("kind %s, workbook %q, %d rows", p.Kind, p.Template.Workbook, p.Rows())
	}
	want := &indicators.TemplateData{Workbook: indicators.WorkbookProject,
		Interventions: []indicators.Intervention{
			{AccordID: "foodvalley", ID: "I01", Name: "Rookvrije sportvereniging", Theme: "roken", Loketgezondleven: indicatorstest.Ptr(true),
				TargetGroup: "jongeren", Status: "lopend", ExampleData: true},
			{AccordID: "foodvalley", ID: "I02", Name: "Maatjesproject", Status: "gepland", Note: "nog niet gestart"},
		},
		Reach: []indicators.ReachRow{
			{AccordID: "foodvalley", InterventionID: "I01", Quarter: indicators.Quarter{Year: 2021, Q: 1}, Planned: indicatorstest.Ptr[int64](120), Reached: indicatorstest.Ptr[int64](96), ExampleData: true},
			{AccordID: "foodvalley", InterventionID: "I01", Quarter: indicators.Quarter{Year: 2021, Q: 2}, Reached: indicatorstest.Ptr[int64](40), ExampleData: true},
		},
	}
	if diff := cmp.Diff(want, p.Template, ignoreLoc); diff != "" {
		t.Errorf("template (-want +got):\n%s", diff)
	}
	if at := p.Template.Reach[1].IDAt; at.Cell != "Bereik!B3" || at.Line != 3 || at.File != "project.xlsx" {
		t.Errorf("location of the second reach row's interventie_id: %+v", at)
	}
	// Cells are numbers in the workbook.
	f, _ := excelize.OpenReader(bytes.NewReader(b))
	defer f.Close()
	if ct, _ := f.GetCellType("Bereik", "D2"); ct != excelize.CellTypeUnset && ct != excelize.CellTypeNumber {
		t.Errorf("Bereik!D2 has cell type %v, want a number", ct)
	}
}

// Blank templates (as lpa template writes them) load as nothing.
func TestBlankTemplates(t *testing.T) {
	for _, wb := range []string{indicators.WorkbookProcess, indicators.WorkbookProject} {
		p, err := sources.Parse(t.Context(), wb+".xlsx", workbook(t, wb, nil))
		if err != nil {
			t.Fatalf("%s: %v", wb, err)
		}
		if p.Template == nil || p.Rows() != 0 || p.Note != templates.EmptyNote {
			t.Errorf("%s: kind %s, %d rows, note %q", wb, p.Kind, p.Rows(), p.Note)
		}
	}
	for _, spec := range templates.Tables {
		var buf bytes.Buffer
		if err := templates.WriteCSV(&buf, spec.Kind, nil); err != nil {
			t.Fatal(err)
		}
		p, err := sources.Parse(t.Context(), spec.File, buf.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", spec.File, err)
		}
		if p.Kind != spec.Kind || p.Rows() != 0 {
			t.Errorf("%s: kind %s, %d rows", spec.File, p.Kind, p.Rows())
		}
	}
	if s := templates.Instructions(); !strings.Contains(s, "Kwartalen schrijft u als JJJJ-Qn") || !strings.Contains(s, "budgetregel") {
		t.Errorf("instructions:\n%s", s)
	}
}

// checkExample fails for every row of file that is not marked as example
// data.
func checkExample[R any](t *testing.T, file string, rows []R, example func(R) bool) {
	t.Helper()
	for _, r := range rows {
		if !example(r) {
			t.Errorf("%s: %+v not marked as example data", file, r)
		}
	}
}

func TestExampleTemplates(t *testing.T) {
	counts := map[string]int{}
	for _, f := range []string{"../../examples/proces/proces_kwartalen.csv", "../../examples/proces/proces_budget.csv", "../../examples/project/project.xlsx"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := sources.Parse(t.Context(), f, b)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		td := p.Template
		counts["quarters"] += len(td.Quarters)
		counts["budget"] += len(td.Budget)
		counts["interventions"] += len(td.Interventions)
		counts["reach"] += len(td.Reach)
		indicatorstest.CheckTemplate(t, td)
		checkExample(t, f, td.Quarters, func(r indicators.ProcessQuarter) bool { return r.ExampleData })
		checkExample(t, f, td.Budget, func(r indicators.BudgetRow) bool { return r.ExampleData })
		checkExample(t, f, td.Interventions, func(r indicators.Intervention) bool { return r.ExampleData })
		checkExample(t, f, td.Reach, func(r indicators.ReachRow) bool { return r.ExampleData })
	}
	// 14 accords x 8 quarters, x 3 budget lines.
	if counts["quarters"] != 112 || counts["budget"] != 336 || counts["interventions"] < 28 || counts["reach"] == 0 {
		t.Errorf("example rows: %v", counts)
	}
}

func TestTemplateErrors(t *testing.T) {
	budget := "akkoord_id;kwartaal;budgetregel;gepland_eur;besteed_eur\n"
	quarters := "akkoord_id,kwartaal,partijen_actief,overleggen_stuurgroep,overleggen_werkgroepen,inwoners_betrokken\n"
	ivs := "akkoord_id,interventie_id,naam,thema,erkend_loketgezondleven,doelgroep,status\n"
	tests := []struct {
		name, data string
		want       []string
		sentinel   error
	}{
		{"quarter 5", budget + "foodvalley;2021-Q5;eigen_middelen;10;10\n",
			[]string{`f.csv:2:2 (kwartaal): kwartaal "2021-Q5": quarter 5 does not exist; expected Q1, Q2, Q3 or Q4`}, indicators.ErrInvalidValue},
		{"quarter as a date", budget + "foodvalley;01-01-2021;eigen_middelen;10;10\n",
			[]string{`kwartaal "01-01-2021"; expected a quarter as YYYY-Qn, e.g. 2021-Q1`}, indicators.ErrInvalidValue},
		{"negative budget", budget + "foodvalley;2021-Q1;eigen_middelen;-500;10\n",
			[]string{"f.csv:2:4 (gepland_eur): gepland_eur -500 is negative; expected an amount of 0 or more euros"}, indicators.ErrInvalidValue},
		{"thousands separator", budget + "foodvalley;2021-Q1;eigen_middelen;12.500;10\n",
			[]string{`f.csv:2:4 (gepland_eur): gepland_eur "12.500" has more than 2 decimals`, "write 12345, not 12.345"}, indicators.ErrInvalidValue},
		{"Dutch thousands and cents", budget + "foodvalley;2021-Q1;eigen_middelen;1.250,50;10\n",
			[]string{`gepland_eur "1.250,50" is not an amount; expected euros as 1234.50 or 1234,50 without thousands separators`}, indicators.ErrInvalidValue},
		{"unknown budget line", budget + "foodvalley;2021-Q1;subsidie;10;10\n",
			[]string{`f.csv:2:3 (budgetregel): budgetregel "subsidie" unknown; expected one of ondersteuningsbudget, uitvoeringsbudget, eigen_middelen`}, indicators.ErrInvalidValue},
		{"duplicate budget line", budget + "foodvalley;2021-Q1;Eigen middelen;10;10\nfoodvalley;2021-Q1;eigen_middelen;20;10\n",
			[]string{"f.csv:3:3 (budgetregel): second row for accord foodvalley, 2021-Q1, eigen_middelen (first on line 2); expected one row per accord, quarter and budget line"}, indicators.ErrDuplicateKey},
		{"missing column", "akkoord_id;kwartaal;budgetregel;gepland_eur\nfoodvalley;2021-Q1;eigen_middelen;10\n",
			[]string{`f.csv:1: the Budget table has no column "besteed_eur"; expected the columns akkoord_id, kwartaal, budgetregel, gepland_eur, besteed_eur`}, indicators.ErrMissingColumn},
		{"unknown column", budget[:len(budget)-1] + ";opmerking\nfoodvalley;2021-Q1;eigen_middelen;10;10;x\n",
			[]string{`f.csv:1:6: column "opmerking" unknown in the Budget table; expected only akkoord_id`}, indicators.ErrMissingColumn},
		{"negative count", quarters + "foodvalley,2021-Q1,-3,1,2,\n",
			[]string{"f.csv:2:3 (partijen_actief): partijen_actief -3 is negative; expected a count, 0 or more"}, indicators.ErrInvalidValue},
		{"count with decimals", quarters + "foodvalley,2021-Q1,3,1.5,2,\n",
			[]string{`f.csv:2:4 (overleggen_stuurgroep): overleggen_stuurgroep "1.5" is not a whole number`}, indicators.ErrInvalidValue},
		{"accord id with a space", quarters + "Food Valley,2021-Q1,3,1,2,\n",
			[]string{`f.csv:2:1 (akkoord_id): akkoord_id "Food Valley"; expected the id of a registry accord`}, indicators.ErrInvalidValue},
		{"empty accord id", quarters + ",2021-Q1,3,1,2,\n",
			[]string{"f.csv:2:1 (akkoord_id): akkoord_id is empty; expected a value"}, indicators.ErrInvalidValue},
		{"duplicate quarter", quarters + "foodvalley,2021-Q1,3,1,2,\nfoodvalley,2021-q1,3,1,2,\n",
			[]string{"f.csv:3:2 (kwartaal): second row for accord foodvalley, 2021-Q1 (first on line 2); expected one row per accord and quarter"}, indicators.ErrDuplicateKey},
		{"unknown status", ivs + "foodvalley,I01,Maatjes,,,,bezig\n",
			[]string{`f.csv:2:7 (status): status "bezig" unknown; expected one of gepland, lopend, afgerond, gestopt`}, indicators.ErrInvalidValue},
		{"erkend misschien", ivs + "foodvalley,I01,Maatjes,,misschien,,lopend\n",
			[]string{`f.csv:2:5 (erkend_loketgezondleven): erkend_loketgezondleven "misschien"; expected ja or nee`}, indicators.ErrInvalidValue},
		{"intervention id with a space", ivs + "foodvalley,I 01,Maatjes,,,,lopend\n",
			[]string{`interventie_id "I 01"; expected a short code`}, indicators.ErrInvalidValue},
		{"unknown theme", ivs + "foodvalley,I01,Maatjes,eenzaamheid,,,lopend\n",
			[]string{`thema "eenzaamheid" unknown; expected one of roken, overgewicht`}, indicators.ErrInvalidValue},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sources.Parse(t.Context(), "f.csv", []byte(tc.data))
			if err == nil {
				t.Fatal("accepted")
			}
			indicatorstest.CheckParseErr(t, "f.csv", err)
			if !errors.Is(err, tc.sentinel) {
				t.Errorf("error does not wrap %v: %v", tc.sentinel, err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %v\nwant %q", err, w)
				}
			}
		})
	}
	// Amounts with a decimal comma (as a Dutch spreadsheet exports them) read.
	p, err := sources.Parse(t.Context(), "f.csv", []byte(budget+"foodvalley;2021-Q1;eigen_middelen;1250,5;0\n"))
	if err != nil || *p.Template.Budget[0].PlannedEUR != 1250.5 {
		t.Errorf("1250,5: %v", err)
	}
}

func TestTemplateWorkbookErrors(t *testing.T) {
	rows := map[indicators.Kind][][]string{indicators.KindProcessBudget: {{"foodvalley", "2021-Q1", "eigen_middelen", "100", "90"}}}
	full := workbook(t, indicators.WorkbookProcess, rows)

	noBudget := editWorkbook(t, full, func(f *excelize.File) error { return f.DeleteSheet("Budget") })
	_, err := sources.Parse(t.Context(), "proces.xlsx", noBudget)
	if err == nil || !errors.Is(err, indicators.ErrMissingColumn) ||
		!strings.Contains(err.Error(), "proces.xlsx: sheet Budget missing from the proces workbook (it has Instructies, Lijsten, Kwartalen); expected the sheets Kwartalen and Budget") {
		t.Errorf("missing sheet: %v", err)
	}

	both := editWorkbook(t, full, func(f *excelize.File) error { _, err := f.NewSheet("Bereik"); return err })
	if _, err := sources.Parse(t.Context(), "proces.xlsx", both); err == nil || !strings.Contains(err.Error(), "expected one template per workbook") {
		t.Errorf("both templates: %v", err)
	}

	neg := editWorkbook(t, full, func(f *excelize.File) error { return f.SetCellValue("Budget", "D2", -100) })
	if _, err := sources.Parse(t.Context(), "proces.xlsx", neg); err == nil ||
		!strings.Contains(err.Error(), "proces.xlsx: cell Budget!D2 (gepland_eur): gepland_eur -100 is negative") {
		t.Errorf("negative: %v", err)
	}

	// A number cell may hold a formula result with many decimals: rounded
	// to cents. The same digits typed as text are refused.
	third := editWorkbook(t, full, func(f *excelize.File) error { return f.SetCellValue("Budget", "E2", 1000.0/3) })
	p, err := sources.Parse(t.Context(), "proces.xlsx", third)
	if err != nil || *p.Template.Budget[0].SpentEUR != 333.33 {
		t.Errorf("1000/3 in a number cell: %v %v", err, p)
	}
	text := editWorkbook(t, full, func(f *excelize.File) error { return f.SetCellStr("Budget", "E2", "12.345") })
	if _, err := sources.Parse(t.Context(), "proces.xlsx", text); err == nil || !strings.Contains(err.Error(), `cell Budget!E2 (besteed_eur): besteed_eur "12.345" has more than 2 decimals`) {
		t.Errorf("12.345 as text: %v", err)
	}
}

func TestCheckReferences(t *testing.T) {
	b := workbook(t, indicators.WorkbookProject, map[indicators.Kind][][]string{
		indicators.KindProjectInterventions: {{"foodvalley", "I01", "Maatjes", "", "", "", "lopend"}},
		indicators.KindProjectReach: {{"foodvalley", "I01", "2021-Q1", "10", "8"}, {"foodvalley", "I02", "2021-Q1", "10", "8"},
			{"nergens", "I01", "2021-Q1", "10", "8"}},
	})
	p, err := sources.Parse(t.Context(), "project.xlsx", b)
	if err != nil {
		t.Fatal(err)
	}
	err = p.Template.CheckReferences(map[string]bool{"foodvalley": true}, map[string]bool{"foodvalley/I01": true})
	indicatorstest.CheckParseErr(t, "project.xlsx", err)
	for _, w := range []string{
		`project.xlsx: cell Bereik!B3 (interventie_id): intervention "I02" of accord foodvalley is not known`,
		`project.xlsx: cell Bereik!A4 (akkoord_id): accord "nergens" is not in the registry`,
	} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("error %v\nwant %q", err, w)
		}
	}
	if err := p.Template.CheckReferences(map[string]bool{"foodvalley": true, "nergens": true},
		map[string]bool{"foodvalley/I01": true, "foodvalley/I02": true, "nergens/I01": true}); err != nil {
		t.Errorf("all known: %v", err)
	}
}
