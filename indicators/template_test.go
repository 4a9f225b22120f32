package indicators

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"
)

func workbook(t *testing.T, wb string, rows map[Kind][][]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTemplateWorkbook(&buf, wb, rows); err != nil {
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

var ignoreLoc = cmpopts.IgnoreTypes(Loc{})

// A filled-in workbook reads back as what was written, numbers as numbers.
func TestTemplateWorkbookRoundTrip(t *testing.T) {
	b := workbook(t, WorkbookProject, map[Kind][][]string{
		KindProjectInterventions: {
			{"foodvalley", "I01", "Rookvrije sportvereniging", "roken", "ja", "jongeren", "lopend", "", "ja"},
			{"foodvalley", "I02", "Maatjesproject", "", "", "", "Gepland", "nog niet gestart", ""},
		},
		KindProjectReach: {
			{"foodvalley", "I01", "2021-Q1", "120", "96", "", "ja"},
			{"foodvalley", "I01", "2021-Q2", "", "40", "", "ja"},
		},
	})
	p, err := Parse(t.Context(), "project.xlsx", b)
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != KindProjectWorkbook || p.Template.Workbook != WorkbookProject || p.Rows() != 4 {
		t.Fatalf("kind %s, workbook %q, %d rows", p.Kind, p.Template.Workbook, p.Rows())
	}
	want := &TemplateData{Workbook: WorkbookProject,
		Interventions: []Intervention{
			{AccordID: "foodvalley", ID: "I01", Name: "Rookvrije sportvereniging", Theme: "roken", Loketgezondleven: ptrTo(true),
				TargetGroup: "jongeren", Status: "lopend", ExampleData: true},
			{AccordID: "foodvalley", ID: "I02", Name: "Maatjesproject", Status: "gepland", Note: "nog niet gestart"},
		},
		Reach: []ReachRow{
			{AccordID: "foodvalley", InterventionID: "I01", Quarter: Quarter{2021, 1}, Planned: ptrTo[int64](120), Reached: ptrTo[int64](96), ExampleData: true},
			{AccordID: "foodvalley", InterventionID: "I01", Quarter: Quarter{2021, 2}, Reached: ptrTo[int64](40), ExampleData: true},
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
	for _, wb := range []string{WorkbookProcess, WorkbookProject} {
		p, err := Parse(t.Context(), wb+".xlsx", workbook(t, wb, nil))
		if err != nil {
			t.Fatalf("%s: %v", wb, err)
		}
		if p.Template == nil || p.Rows() != 0 || p.Note != emptyTemplate {
			t.Errorf("%s: kind %s, %d rows, note %q", wb, p.Kind, p.Rows(), p.Note)
		}
	}
	for _, spec := range TemplateTables {
		var buf bytes.Buffer
		if err := WriteTemplateCSV(&buf, spec.Kind, nil); err != nil {
			t.Fatal(err)
		}
		p, err := Parse(t.Context(), spec.File, buf.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", spec.File, err)
		}
		if p.Kind != spec.Kind || p.Rows() != 0 {
			t.Errorf("%s: kind %s, %d rows", spec.File, p.Kind, p.Rows())
		}
	}
	if s := TemplateInstructions(); !strings.Contains(s, "Kwartalen schrijft u als JJJJ-Qn") || !strings.Contains(s, "budgetregel") {
		t.Errorf("instructions:\n%s", s)
	}
}

func TestExampleTemplates(t *testing.T) {
	counts := map[string]int{}
	for _, f := range []string{"../examples/proces/proces_kwartalen.csv", "../examples/proces/proces_budget.csv", "../examples/project/project.xlsx"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse(t.Context(), f, b)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		td := p.Template
		counts["quarters"] += len(td.Quarters)
		counts["budget"] += len(td.Budget)
		counts["interventions"] += len(td.Interventions)
		counts["reach"] += len(td.Reach)
		checkTemplate(t, td)
		for _, r := range td.Quarters {
			if !r.ExampleData {
				t.Errorf("%s: %+v not marked as example data", f, r)
			}
		}
		for _, r := range td.Budget {
			if !r.ExampleData {
				t.Errorf("%s: %+v not marked as example data", f, r)
			}
		}
		for _, r := range td.Interventions {
			if !r.ExampleData {
				t.Errorf("%s: %+v not marked as example data", f, r)
			}
		}
		for _, r := range td.Reach {
			if !r.ExampleData {
				t.Errorf("%s: %+v not marked as example data", f, r)
			}
		}
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
			[]string{`f.csv:2:2 (kwartaal): kwartaal "2021-Q5": quarter 5 does not exist; expected Q1, Q2, Q3 or Q4`}, ErrInvalidValue},
		{"quarter as a date", budget + "foodvalley;01-01-2021;eigen_middelen;10;10\n",
			[]string{`kwartaal "01-01-2021"; expected a quarter as YYYY-Qn, e.g. 2021-Q1`}, ErrInvalidValue},
		{"negative budget", budget + "foodvalley;2021-Q1;eigen_middelen;-500;10\n",
			[]string{"f.csv:2:4 (gepland_eur): gepland_eur -500 is negative; expected an amount of 0 or more euros"}, ErrInvalidValue},
		{"thousands separator", budget + "foodvalley;2021-Q1;eigen_middelen;12.500;10\n",
			[]string{`f.csv:2:4 (gepland_eur): gepland_eur "12.500" has more than 2 decimals`, "write 12345, not 12.345"}, ErrInvalidValue},
		{"Dutch thousands and cents", budget + "foodvalley;2021-Q1;eigen_middelen;1.250,50;10\n",
			[]string{`gepland_eur "1.250,50" is not an amount; expected euros as 1234.50 or 1234,50 without thousands separators`}, ErrInvalidValue},
		{"unknown budget line", budget + "foodvalley;2021-Q1;subsidie;10;10\n",
			[]string{`f.csv:2:3 (budgetregel): budgetregel "subsidie" unknown; expected one of ondersteuningsbudget, uitvoeringsbudget, eigen_middelen`}, ErrInvalidValue},
		{"duplicate budget line", budget + "foodvalley;2021-Q1;Eigen middelen;10;10\nfoodvalley;2021-Q1;eigen_middelen;20;10\n",
			[]string{"f.csv:3:3 (budgetregel): second row for accord foodvalley, 2021-Q1, eigen_middelen (first on line 2); expected one row per accord, quarter and budget line"}, ErrDuplicateKey},
		{"missing column", "akkoord_id;kwartaal;budgetregel;gepland_eur\nfoodvalley;2021-Q1;eigen_middelen;10\n",
			[]string{`f.csv:1: the Budget table has no column "besteed_eur"; expected the columns akkoord_id, kwartaal, budgetregel, gepland_eur, besteed_eur`}, ErrMissingColumn},
		{"unknown column", budget[:len(budget)-1] + ";opmerking\nfoodvalley;2021-Q1;eigen_middelen;10;10;x\n",
			[]string{`f.csv:1:6: column "opmerking" unknown in the Budget table; expected only akkoord_id`}, ErrMissingColumn},
		{"negative count", quarters + "foodvalley,2021-Q1,-3,1,2,\n",
			[]string{"f.csv:2:3 (partijen_actief): partijen_actief -3 is negative; expected a count, 0 or more"}, ErrInvalidValue},
		{"count with decimals", quarters + "foodvalley,2021-Q1,3,1.5,2,\n",
			[]string{`f.csv:2:4 (overleggen_stuurgroep): overleggen_stuurgroep "1.5" is not a whole number`}, ErrInvalidValue},
		{"accord id with a space", quarters + "Food Valley,2021-Q1,3,1,2,\n",
			[]string{`f.csv:2:1 (akkoord_id): akkoord_id "Food Valley"; expected the id of a registry accord`}, ErrInvalidValue},
		{"empty accord id", quarters + ",2021-Q1,3,1,2,\n",
			[]string{"f.csv:2:1 (akkoord_id): akkoord_id is empty; expected a value"}, ErrInvalidValue},
		{"duplicate quarter", quarters + "foodvalley,2021-Q1,3,1,2,\nfoodvalley,2021-q1,3,1,2,\n",
			[]string{"f.csv:3:2 (kwartaal): second row for accord foodvalley, 2021-Q1 (first on line 2); expected one row per accord and quarter"}, ErrDuplicateKey},
		{"unknown status", ivs + "foodvalley,I01,Maatjes,,,,bezig\n",
			[]string{`f.csv:2:7 (status): status "bezig" unknown; expected one of gepland, lopend, afgerond, gestopt`}, ErrInvalidValue},
		{"erkend misschien", ivs + "foodvalley,I01,Maatjes,,misschien,,lopend\n",
			[]string{`f.csv:2:5 (erkend_loketgezondleven): erkend_loketgezondleven "misschien"; expected ja or nee`}, ErrInvalidValue},
		{"intervention id with a space", ivs + "foodvalley,I 01,Maatjes,,,,lopend\n",
			[]string{`interventie_id "I 01"; expected a short code`}, ErrInvalidValue},
		{"unknown theme", ivs + "foodvalley,I01,Maatjes,eenzaamheid,,,lopend\n",
			[]string{`thema "eenzaamheid" unknown; expected one of roken, overgewicht`}, ErrInvalidValue},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(t.Context(), "f.csv", []byte(tc.data))
			if err == nil {
				t.Fatal("accepted")
			}
			checkParseErr(t, "f.csv", err)
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
	p, err := Parse(t.Context(), "f.csv", []byte(budget+"foodvalley;2021-Q1;eigen_middelen;1250,5;0\n"))
	if err != nil || *p.Template.Budget[0].PlannedEUR != 1250.5 {
		t.Errorf("1250,5: %v", err)
	}
}

func TestTemplateWorkbookErrors(t *testing.T) {
	rows := map[Kind][][]string{KindProcessBudget: {{"foodvalley", "2021-Q1", "eigen_middelen", "100", "90"}}}
	full := workbook(t, WorkbookProcess, rows)

	noBudget := editWorkbook(t, full, func(f *excelize.File) error { return f.DeleteSheet("Budget") })
	_, err := Parse(t.Context(), "proces.xlsx", noBudget)
	if err == nil || !errors.Is(err, ErrMissingColumn) ||
		!strings.Contains(err.Error(), "proces.xlsx: sheet Budget missing from the proces workbook (it has Instructies, Lijsten, Kwartalen); expected the sheets Kwartalen and Budget") {
		t.Errorf("missing sheet: %v", err)
	}

	both := editWorkbook(t, full, func(f *excelize.File) error { _, err := f.NewSheet("Bereik"); return err })
	if _, err := Parse(t.Context(), "proces.xlsx", both); err == nil || !strings.Contains(err.Error(), "expected one template per workbook") {
		t.Errorf("both templates: %v", err)
	}

	neg := editWorkbook(t, full, func(f *excelize.File) error { return f.SetCellValue("Budget", "D2", -100) })
	if _, err := Parse(t.Context(), "proces.xlsx", neg); err == nil ||
		!strings.Contains(err.Error(), "proces.xlsx: cell Budget!D2 (gepland_eur): gepland_eur -100 is negative") {
		t.Errorf("negative: %v", err)
	}

	// A number cell may hold a formula result with many decimals: rounded
	// to cents. The same digits typed as text are refused.
	third := editWorkbook(t, full, func(f *excelize.File) error { return f.SetCellValue("Budget", "E2", 1000.0/3) })
	p, err := Parse(t.Context(), "proces.xlsx", third)
	if err != nil || *p.Template.Budget[0].SpentEUR != 333.33 {
		t.Errorf("1000/3 in a number cell: %v %v", err, p)
	}
	text := editWorkbook(t, full, func(f *excelize.File) error { return f.SetCellStr("Budget", "E2", "12.345") })
	if _, err := Parse(t.Context(), "proces.xlsx", text); err == nil || !strings.Contains(err.Error(), `cell Budget!E2 (besteed_eur): besteed_eur "12.345" has more than 2 decimals`) {
		t.Errorf("12.345 as text: %v", err)
	}
}

func TestCheckReferences(t *testing.T) {
	b := workbook(t, WorkbookProject, map[Kind][][]string{
		KindProjectInterventions: {{"foodvalley", "I01", "Maatjes", "", "", "", "lopend"}},
		KindProjectReach: {{"foodvalley", "I01", "2021-Q1", "10", "8"}, {"foodvalley", "I02", "2021-Q1", "10", "8"},
			{"nergens", "I01", "2021-Q1", "10", "8"}},
	})
	p, err := Parse(t.Context(), "project.xlsx", b)
	if err != nil {
		t.Fatal(err)
	}
	err = p.Template.CheckReferences(map[string]bool{"foodvalley": true}, map[string]bool{"foodvalley/I01": true})
	checkParseErr(t, "project.xlsx", err)
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

// checkTemplate checks the invariants of a parsed template (FuzzParse).
func checkTemplate(t *testing.T, td *TemplateData) {
	t.Helper()
	seen := map[string]bool{}
	once := func(k string) {
		if seen[k] {
			t.Errorf("key %s twice", k)
		}
		seen[k] = true
	}
	nonneg := func(ps ...*int64) {
		for _, p := range ps {
			if p != nil && *p < 0 {
				t.Errorf("negative count %d", *p)
			}
		}
	}
	for _, r := range td.Quarters {
		once("q " + r.AccordID + " " + r.Quarter.String())
		nonneg(r.PartiesActive, r.SteeringMeetings, r.WorkingGroupMeetings, r.ResidentsInvolved)
	}
	for _, r := range td.Budget {
		once("b " + r.AccordID + " " + r.Quarter.String() + " " + r.Line)
		for _, m := range []*float64{r.PlannedEUR, r.SpentEUR} {
			if m != nil && *m < 0 {
				t.Errorf("negative amount %v", *m)
			}
		}
	}
	for _, r := range td.Interventions {
		once("i " + r.AccordID + " " + r.ID)
		if _, ok := InterventionStatuses.Lookup(r.Status); !ok || r.Name == "" {
			t.Errorf("intervention %+v", r)
		}
	}
	for _, r := range td.Reach {
		once("r " + r.AccordID + " " + r.InterventionID + " " + r.Quarter.String())
		nonneg(r.Planned, r.Reached)
	}
	for _, q := range quarterList(td) {
		if q.Q < 1 || q.Q > 4 || q.Year < 2018 {
			t.Errorf("quarter %v", q)
		}
	}
}

func quarterList(td *TemplateData) []Quarter {
	var out []Quarter
	for _, r := range td.Quarters {
		out = append(out, r.Quarter)
	}
	for _, r := range td.Budget {
		out = append(out, r.Quarter)
	}
	for _, r := range td.Reach {
		out = append(out, r.Quarter)
	}
	return out
}
