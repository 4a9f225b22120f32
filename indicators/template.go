package indicators

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The process and project templates a municipality fills in each round. Each
// table is a CSV file or a sheet of an XLSX workbook (proces.xlsx: Kwartalen
// and Budget; project.xlsx: Interventies and Bereik). TemplateTables is the
// one description of their columns: the parsers check against it and
// `lpa template` writes the blank templates and their Dutch instructions
// from it.

// Workbooks of the templates.
const (
	WorkbookProcess = "proces"
	WorkbookProject = "project"
)

// colType says how a template column is read.
type colType int

const (
	colText     colType = iota // free text
	colAccordID                // a registry id
	colID                      // an intervention id
	colQuarter                 // 2021-Q1
	colCount                   // whole number >= 0
	colMoney                   // euros >= 0, at most 2 decimals
	colYesNo                   // ja | nee
	colVocab                   // a value of Values
)

// TemplateColumn is one column of a template table.
type TemplateColumn struct {
	Name     string
	Type     colType
	Values   *Vocabulary // for colVocab
	Required bool        // the cell must be filled
	Optional bool        // the column may be left out of the header
	Desc     string      // Dutch, for the instructions
	Example  string
}

// TemplateTable is one table of a template.
type TemplateTable struct {
	Kind     Kind
	Workbook string // WorkbookProcess or WorkbookProject
	Sheet    string // sheet name in the workbook
	File     string // CSV file name of the blank template
	Desc     string // Dutch, for the instructions
	Key      string // Dutch: what one row is
	Columns  []TemplateColumn
}

var (
	colAkkoord = TemplateColumn{Name: "akkoord_id", Type: colAccordID, Required: true, Example: "foodvalley",
		Desc: "id van het akkoord zoals in het akkoordenregister (de bestandsnaam van het .yaml-bestand, kleine letters)"}
	colKwartaal = TemplateColumn{Name: "kwartaal", Type: colQuarter, Required: true, Example: "2021-Q1",
		Desc: "kwartaal als JJJJ-Qn, n = 1 tot en met 4"}
	colToelichting = TemplateColumn{Name: "toelichting", Type: colText, Optional: true, Example: "",
		Desc: "vrije toelichting (mag leeg)"}
	colVoorbeeld = TemplateColumn{Name: "voorbeelddata", Type: colYesNo, Optional: true, Example: "",
		Desc: "ja als de rij verzonnen voorbeelddata is; leeg of nee voor echte gegevens (mag weggelaten worden)"}
	colInterventie = TemplateColumn{Name: "interventie_id", Type: colID, Required: true, Example: "I01",
		Desc: "eigen korte code van de interventie, uniek binnen het akkoord (letters, cijfers, - _ .)"}
)

// TemplateTables describes the four tables of the templates.
var TemplateTables = []TemplateTable{
	{Kind: KindProcessQuarters, Workbook: WorkbookProcess, Sheet: "Kwartalen", File: "proces_kwartalen.csv",
		Desc: "Procesmonitoring: per akkoord en kwartaal de betrokkenheid van partners en inwoners en het overleg.",
		Key:  "één rij per akkoord en kwartaal",
		Columns: []TemplateColumn{colAkkoord, colKwartaal,
			{Name: "partijen_actief", Type: colCount, Example: "23", Desc: "aantal partijen dat dit kwartaal actief bijdroeg (leeg: onbekend)"},
			{Name: "overleggen_stuurgroep", Type: colCount, Example: "1", Desc: "aantal overleggen van de stuurgroep dit kwartaal (leeg: onbekend)"},
			{Name: "overleggen_werkgroepen", Type: colCount, Example: "4", Desc: "aantal overleggen van alle werkgroepen samen dit kwartaal (leeg: onbekend)"},
			{Name: "inwoners_betrokken", Type: colCount, Example: "35", Desc: "aantal inwoners dat dit kwartaal betrokken was, bijv. in een bewonerspanel of bijeenkomst (leeg: onbekend)"},
			colToelichting, colVoorbeeld}},
	{Kind: KindProcessBudget, Workbook: WorkbookProcess, Sheet: "Budget", File: "proces_budget.csv",
		Desc: "Financieel beheer: per akkoord, kwartaal en budgetregel het geplande en het bestede bedrag. Gepland en besteed mogen verschillen.",
		Key:  "één rij per akkoord, kwartaal en budgetregel",
		Columns: []TemplateColumn{colAkkoord, colKwartaal,
			{Name: "budgetregel", Type: colVocab, Values: &BudgetLines, Required: true, Example: "uitvoeringsbudget",
				Desc: "ondersteuningsbudget (VNG), uitvoeringsbudget (VWS, vanaf 2021) of eigen_middelen"},
			{Name: "gepland_eur", Type: colMoney, Example: "12500", Desc: "gepland bedrag in euro, 0 of meer, hoogstens 2 decimalen, zonder punt voor duizendtallen (leeg: onbekend)"},
			{Name: "besteed_eur", Type: colMoney, Example: "9870.50", Desc: "besteed bedrag in euro, 0 of meer, hoogstens 2 decimalen, zonder punt voor duizendtallen (leeg: onbekend)"},
			colToelichting, colVoorbeeld}},
	{Kind: KindProjectInterventions, Workbook: WorkbookProject, Sheet: "Interventies", File: "project_interventies.csv",
		Desc: "Projectmonitoring: de interventies van het akkoord met hun thema, erkenning, doelgroep en status.",
		Key:  "één rij per akkoord en interventie",
		Columns: []TemplateColumn{colAkkoord, colInterventie,
			{Name: "naam", Type: colText, Required: true, Example: "Rookvrije sportvereniging", Desc: "naam van de interventie"},
			{Name: "thema", Type: colVocab, Values: &InterventionThemes, Example: "roken", Desc: "thema: een NPA-thema, een aanvullend thema of overig (leeg: onbekend)"},
			{Name: "erkend_loketgezondleven", Type: colYesNo, Example: "nee", Desc: "ja als de interventie erkend is in de interventiedatabase van Loketgezondleven (RIVM), anders nee (leeg: onbekend)"},
			{Name: "doelgroep", Type: colVocab, Values: &TargetGroups, Example: "jongeren", Desc: "belangrijkste doelgroep (leeg: onbekend)"},
			{Name: "status", Type: colVocab, Values: &InterventionStatuses, Required: true, Example: "lopend", Desc: "gepland, lopend, afgerond of gestopt"},
			colToelichting, colVoorbeeld}},
	{Kind: KindProjectReach, Workbook: WorkbookProject, Sheet: "Bereik", File: "project_bereik.csv",
		Desc: "Bereik: per interventie en kwartaal het geplande en het bereikte aantal deelnemers.",
		Key:  "één rij per akkoord, interventie en kwartaal",
		Columns: []TemplateColumn{colAkkoord, colInterventie, colKwartaal,
			{Name: "deelnemers_gepland", Type: colCount, Example: "120", Desc: "gepland aantal deelnemers dit kwartaal (leeg: onbekend)"},
			{Name: "deelnemers_bereikt", Type: colCount, Example: "96", Desc: "bereikt aantal deelnemers dit kwartaal (leeg: onbekend)"},
			colToelichting, colVoorbeeld}},
}

// templateTable returns the description of a kind's table.
func templateTable(k Kind) *TemplateTable {
	for i := range TemplateTables {
		if TemplateTables[i].Kind == k {
			return &TemplateTables[i]
		}
	}
	return nil
}

// Quarter is a calendar quarter, written 2021-Q1.
type Quarter struct {
	Year, Q int
}

func (q Quarter) String() string { return fmt.Sprintf("%d-Q%d", q.Year, q.Q) }

// Start is the first day of the quarter.
func (q Quarter) Start() time.Time {
	return time.Date(q.Year, time.Month(3*q.Q-2), 1, 0, 0, 0, 0, time.UTC)
}

var reQuarter = regexp.MustCompile(`^([0-9]{4})-[Qq]([0-9]+)$`)

// ParseQuarter reads 2021-Q1 (q in either case).
func ParseQuarter(s string) (Quarter, error) {
	m := reQuarter.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return Quarter{}, fmt.Errorf("kwartaal %q; expected a quarter as YYYY-Qn, e.g. 2021-Q1", s)
	}
	y, _ := strconv.Atoi(m[1])
	q, _ := strconv.Atoi(m[2])
	if q < 1 || q > 4 {
		return Quarter{}, fmt.Errorf("kwartaal %q: quarter %d does not exist; expected Q1, Q2, Q3 or Q4", s, q)
	}
	if y < 2018 || y > 2100 {
		return Quarter{}, fmt.Errorf("kwartaal %q; expected a year from 2018 on (the national accord is of November 2018)", s)
	}
	return Quarter{y, q}, nil
}

// Loc is where a template row stands, for problems found after parsing
// (an accord id or intervention the warehouse does not know).
type Loc struct {
	File   string
	Line   int
	Column int    // 1-based
	Cell   string // sheet!cell for workbooks
	Field  string
}

// Err returns a ParseError at l.
func (l Loc) Err(sentinel error, msg string) *ParseError {
	return &ParseError{File: l.File, Line: l.Line, Column: l.Column, Cell: l.Cell, Field: l.Field, Err: sentinel, Msg: msg}
}

// ProcessQuarter is one accord in one quarter (sheet Kwartalen).
type ProcessQuarter struct {
	AccordID             string
	Quarter              Quarter
	PartiesActive        *int64
	SteeringMeetings     *int64
	WorkingGroupMeetings *int64
	ResidentsInvolved    *int64
	Note                 string
	ExampleData          bool
	At                   Loc // of the akkoord_id cell
}

// BudgetRow is one budget line of an accord in one quarter (sheet Budget).
type BudgetRow struct {
	AccordID    string
	Quarter     Quarter
	Line        string // BudgetLines key
	PlannedEUR  *float64
	SpentEUR    *float64
	Note        string
	ExampleData bool
	At          Loc
}

// Intervention is one intervention of an accord (sheet Interventies).
type Intervention struct {
	AccordID         string
	ID               string
	Name             string
	Theme            string // InterventionThemes key, "" unknown
	Loketgezondleven *bool  // recognised in the Loketgezondleven database; nil unknown
	TargetGroup      string // TargetGroups key, "" unknown
	Status           string // InterventionStatuses key
	Note             string
	ExampleData      bool
	At               Loc
	IDAt             Loc // of the interventie_id cell
}

// ReachRow is the reach of one intervention in one quarter (sheet Bereik).
type ReachRow struct {
	AccordID       string
	InterventionID string
	Quarter        Quarter
	Planned        *int64
	Reached        *int64
	Note           string
	ExampleData    bool
	At             Loc
	IDAt           Loc
}

// TemplateData is the content of a filled-in template: one CSV table or a
// whole workbook.
type TemplateData struct {
	Workbook      string // WorkbookProcess or WorkbookProject for a workbook, "" for one CSV table
	Quarters      []ProcessQuarter
	Budget        []BudgetRow
	Interventions []Intervention
	Reach         []ReachRow
}

// Rows is the number of warehouse rows the template brings.
func (d *TemplateData) Rows() int {
	return len(d.Quarters) + len(d.Budget) + len(d.Interventions) + len(d.Reach)
}

// AccordIDs lists every accord id the template names, with the first place
// it is named.
func (d *TemplateData) AccordIDs() map[string]Loc {
	out := map[string]Loc{}
	add := func(id string, at Loc) {
		if _, ok := out[id]; !ok {
			out[id] = at
		}
	}
	for _, r := range d.Quarters {
		add(r.AccordID, r.At)
	}
	for _, r := range d.Budget {
		add(r.AccordID, r.At)
	}
	for _, r := range d.Interventions {
		add(r.AccordID, r.At)
	}
	for _, r := range d.Reach {
		add(r.AccordID, r.At)
	}
	return out
}

// CheckReferences refuses rows that name an accord not in accords, or reach
// of an intervention not in interventions (keys accord_id + "/" +
// interventie_id) or in the template itself. All problems are joined.
func (d *TemplateData) CheckReferences(accords map[string]bool, interventions map[string]bool) error {
	var probs Problems
	file := ""
	known := func(id string, at Loc) {
		file = at.File
		if !accords[id] {
			probs.Add(at.Err(ErrInvalidValue, fmt.Sprintf("accord %q is not in the registry; expected the id of an accord loaded before or in the same load (see the accords view)", id)))
		}
	}
	for _, r := range d.Quarters {
		known(r.AccordID, r.At)
	}
	for _, r := range d.Budget {
		known(r.AccordID, r.At)
	}
	for _, r := range d.Interventions {
		known(r.AccordID, r.At)
	}
	for _, r := range d.Reach {
		if !accords[r.AccordID] {
			known(r.AccordID, r.At)
			continue
		}
		if !interventions[r.AccordID+"/"+r.InterventionID] {
			file = r.IDAt.File
			probs.Add(r.IDAt.Err(ErrInvalidValue, fmt.Sprintf("intervention %q of accord %s is not known; expected an interventie_id from the Interventies table (in this load or loaded before)", r.InterventionID, r.AccordID)))
		}
	}
	return probs.Err(file)
}
