package templates

import (
	"lpa/indicators"
)

// What the kinds of file are (sources.KnownKinds).
const (
	AboutQuarters        = "process template, table Kwartalen (akkoord_id,kwartaal,partijen_actief,...; lpa template)"
	AboutBudget          = "process template, table Budget (akkoord_id,kwartaal,budgetregel,gepland_eur,besteed_eur; lpa template)"
	AboutInterventions   = "project template, table Interventies (akkoord_id,interventie_id,naam,...,status; lpa template)"
	AboutReach           = "project template, table Bereik (akkoord_id,interventie_id,kwartaal,deelnemers_gepland,...; lpa template)"
	AboutProcessWorkbook = "process template as an .xlsx workbook with the sheets Kwartalen and Budget (lpa template)"
	AboutProjectWorkbook = "project template as an .xlsx workbook with the sheets Interventies and Bereik (lpa template)"
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

// Column is one column of a template table.
type Column struct {
	Name     string
	Type     colType
	Values   *indicators.Vocabulary // for colVocab
	Required bool                   // the cell must be filled
	Optional bool                   // the column may be left out of the header
	Desc     string                 // Dutch, for the instructions
	Example  string
}

// Table is one table of a template.
type Table struct {
	Kind     indicators.Kind
	Workbook string // WorkbookProcess or WorkbookProject
	Sheet    string // sheet name in the workbook
	File     string // CSV file name of the blank template
	Desc     string // Dutch, for the instructions
	Key      string // Dutch: what one row is
	Columns  []Column
}

var (
	colAkkoord = Column{Name: "akkoord_id", Type: colAccordID, Required: true, Example: "foodvalley",
		Desc: "id van het akkoord zoals in het akkoordenregister (de bestandsnaam van het .yaml-bestand, kleine letters)"}
	colKwartaal = Column{Name: "kwartaal", Type: colQuarter, Required: true, Example: "2021-Q1",
		Desc: "kwartaal als JJJJ-Qn, n = 1 tot en met 4"}
	colToelichting = Column{Name: "toelichting", Type: colText, Optional: true, Example: "",
		Desc: "vrije toelichting (mag leeg)"}
	colVoorbeeld = Column{Name: "voorbeelddata", Type: colYesNo, Optional: true, Example: "",
		Desc: "ja als de rij verzonnen voorbeelddata is; leeg of nee voor echte gegevens (mag weggelaten worden)"}
	colInterventie = Column{Name: "interventie_id", Type: colID, Required: true, Example: "I01",
		Desc: "eigen korte code van de interventie, uniek binnen het akkoord (letters, cijfers, - _ .)"}
)

// Tables describes the four tables of the templates.
var Tables = []Table{
	{Kind: indicators.KindProcessQuarters, Workbook: indicators.WorkbookProcess, Sheet: "Kwartalen", File: "proces_kwartalen.csv",
		Desc: "Procesmonitoring: per akkoord en kwartaal de betrokkenheid van partners en inwoners en het overleg.",
		Key:  "één rij per akkoord en kwartaal",
		Columns: []Column{colAkkoord, colKwartaal,
			{Name: "partijen_actief", Type: colCount, Example: "23", Desc: "aantal partijen dat dit kwartaal actief bijdroeg (leeg: onbekend)"},
			{Name: "overleggen_stuurgroep", Type: colCount, Example: "1", Desc: "aantal overleggen van de stuurgroep dit kwartaal (leeg: onbekend)"},
			{Name: "overleggen_werkgroepen", Type: colCount, Example: "4", Desc: "aantal overleggen van alle werkgroepen samen dit kwartaal (leeg: onbekend)"},
			{Name: "inwoners_betrokken", Type: colCount, Example: "35", Desc: "aantal inwoners dat dit kwartaal betrokken was, bijv. in een bewonerspanel of bijeenkomst (leeg: onbekend)"},
			colToelichting, colVoorbeeld}},
	{Kind: indicators.KindProcessBudget, Workbook: indicators.WorkbookProcess, Sheet: "Budget", File: "proces_budget.csv",
		Desc: "Financieel beheer: per akkoord, kwartaal en budgetregel het geplande en het bestede bedrag. Gepland en besteed mogen verschillen.",
		Key:  "één rij per akkoord, kwartaal en budgetregel",
		Columns: []Column{colAkkoord, colKwartaal,
			{Name: "budgetregel", Type: colVocab, Values: &indicators.BudgetLines, Required: true, Example: "uitvoeringsbudget",
				Desc: "ondersteuningsbudget (VNG), uitvoeringsbudget (VWS, vanaf 2021) of eigen_middelen"},
			{Name: "gepland_eur", Type: colMoney, Example: "12500", Desc: "gepland bedrag in euro, 0 of meer, hoogstens 2 decimalen, zonder punt voor duizendtallen (leeg: onbekend)"},
			{Name: "besteed_eur", Type: colMoney, Example: "9870.50", Desc: "besteed bedrag in euro, 0 of meer, hoogstens 2 decimalen, zonder punt voor duizendtallen (leeg: onbekend)"},
			colToelichting, colVoorbeeld}},
	{Kind: indicators.KindProjectInterventions, Workbook: indicators.WorkbookProject, Sheet: "Interventies", File: "project_interventies.csv",
		Desc: "Projectmonitoring: de interventies van het akkoord met hun thema, erkenning, doelgroep en status.",
		Key:  "één rij per akkoord en interventie",
		Columns: []Column{colAkkoord, colInterventie,
			{Name: "naam", Type: colText, Required: true, Example: "Rookvrije sportvereniging", Desc: "naam van de interventie"},
			{Name: "thema", Type: colVocab, Values: &indicators.InterventionThemes, Example: "roken", Desc: "thema: een NPA-thema, een aanvullend thema of overig (leeg: onbekend)"},
			{Name: "erkend_loketgezondleven", Type: colYesNo, Example: "nee", Desc: "ja als de interventie erkend is in de interventiedatabase van Loketgezondleven (RIVM), anders nee (leeg: onbekend)"},
			{Name: "doelgroep", Type: colVocab, Values: &indicators.TargetGroups, Example: "jongeren", Desc: "belangrijkste doelgroep (leeg: onbekend)"},
			{Name: "status", Type: colVocab, Values: &indicators.InterventionStatuses, Required: true, Example: "lopend", Desc: "gepland, lopend, afgerond of gestopt"},
			colToelichting, colVoorbeeld}},
	{Kind: indicators.KindProjectReach, Workbook: indicators.WorkbookProject, Sheet: "Bereik", File: "project_bereik.csv",
		Desc: "Bereik: per interventie en kwartaal het geplande en het bereikte aantal deelnemers.",
		Key:  "één rij per akkoord, interventie en kwartaal",
		Columns: []Column{colAkkoord, colInterventie, colKwartaal,
			{Name: "deelnemers_gepland", Type: colCount, Example: "120", Desc: "gepland aantal deelnemers dit kwartaal (leeg: onbekend)"},
			{Name: "deelnemers_bereikt", Type: colCount, Example: "96", Desc: "bereikt aantal deelnemers dit kwartaal (leeg: onbekend)"},
			colToelichting, colVoorbeeld}},
}

// tableOf returns the description of a kind's table.
func tableOf(k indicators.Kind) *Table {
	for i := range Tables {
		if Tables[i].Kind == k {
			return &Tables[i]
		}
	}
	return nil
}
