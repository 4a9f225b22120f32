package indicators

import (
	"fmt"
	"slices"
	"strings"
)

// Kind names a kind of source file lpa can load.
type Kind string

// The kinds lpa knows. The kind of a file is recognised from its header
// (registry files from their .yaml/.yml extension), never from its name.
const (
	KindStatLine50090  Kind = "statline_50090ned"
	KindCBSGebiedenGGD Kind = "cbs_gebieden_ggd"
	KindCBSGebieden    Kind = "cbs_gebieden_bevolking"
	KindCBSKerncijfers Kind = "cbs_kerncijfers_wijken_buurten"
	KindRegistry       Kind = "accord_registry"
	KindLocal          Kind = "lpa_observations"
	KindVektisZvw      Kind = "vektis_zvw_gemeente"
	// VNG status and the process/project templates (registry_status.go, template*.go).
	KindAccordStatus         Kind = "vng_accord_status"
	KindProcessQuarters      Kind = "process_quarters"
	KindProcessBudget        Kind = "process_budget"
	KindProjectInterventions Kind = "project_interventions"
	KindProjectReach         Kind = "project_reach"
	KindProcessWorkbook      Kind = "process_workbook"
	KindProjectWorkbook      Kind = "project_workbook"

	// Monitor layouts, sport and VZinfo (indicators/monitor_*.go).
	KindMonitor2022GGD    Kind = "cbs_85563ned_ggd"
	KindLevensverwachting Kind = "vzinfo_levensverwachting_ggd"
	KindStatLine50140     Kind = "statline_50140ned"
	KindSportLidmaatschap Kind = "sport_lidmaatschappen"
	KindVZinfoOvergewicht Kind = "vzinfo_overgewicht_gemeente"

	// The StatLine "CSV export" layout of any table (statline_export.go),
	// recognised from its structure: the header is not on line 1.
	KindStatLineExport Kind = "statline_export"
)

type kindSpec struct {
	kind Kind
	desc string
	// sniff lists header names whose presence identifies the kind
	// (compared case-insensitively: Vektis changed case in 2019); the
	// parser then checks the full set and names any missing column.
	sniff []string
}

var kindSpecs = []kindSpec{
	{KindStatLine50090, "RIVM StatLine 50090NED \"Gezondheid per wijk en buurt\" (UntypedDataSet as .xlsx, .csv or .csv.gz)",
		[]string{"WijkenEnBuurten", "SoortRegio_2"}},
	{KindCBSGebiedenGGD, "CBS \"Gebieden in Nederland\" with gemeente and GGD-regio codes (StatLine CSV export)",
		[]string{"Codes en namen van gemeenten/Code (code)", "Lokaliseringen van gemeenten/GGD-regio's/Code (code)"}},
	{KindCBSGebieden, "CBS \"Gebieden in Nederland\" with province and population (municipalityCode;...;population)",
		[]string{"municipalityCode", "population"}},
	{KindCBSKerncijfers, "CBS \"Kerncijfers wijken en buurten\" (StatLine CSV export with Codering and Aantal inwoners)",
		[]string{"Regioaanduiding/Codering (code)", "Bevolking/Aantal inwoners (aantal)"}},
	{KindMonitor2022GGD, "CBS 85563NED \"Gezondheidsmonitor; bevolking 18 jaar of ouder, regio, 2022\" per GGD region (Regio;Ervaren_gezondheid_(goed/zeer_goed);...;Rokers;...)",
		sniff85563},
	{KindLevensverwachting, "RIVM/VZinfo life expectancy per GGD region (id;GGD-regio;Geslacht;Bij geboorte;...;Bij 65 jaar;...; window of years in the file name)",
		[]string{"GGD-regio", "Geslacht", "Bij geboorte", "Bij 65 jaar"}},
	{KindStatLine50140, "RIVM StatLine 50140NED \"Gezondheidsmonitor Jongvolwassenen 2024\" (TypedDataSet: ID;Persoonskenmerken;Marges;RegioS;...)",
		sniff50140},
	{KindSportLidmaatschap, "sport club memberships per gemeente, sportenbewegenincijfers.nl (id,Gemeente,Sport,Percentage; year in the file name)",
		colsSport},
	{KindVZinfoOvergewicht, "VZinfo overgewicht per gemeente (Gemeentecode,Naam,Indicator,Percentage,Betrouwbaarheidsinterval (95%),GGD percentage; year in the file name)",
		[]string{"Gemeentecode", "Indicator", "Betrouwbaarheidsinterval (95%)", "GGD percentage"}},
	{KindVektisZvw, "Vektis \"Open Databestand Zorgverzekeringswet {YEAR} - gemeente\" (care costs per gemeente, sex and age class; the year from the file name)",
		[]string{"LEEFTIJDSKLASSE", "GEMEENTENAAM", "AANTAL_VERZEKERDEJAREN"}},
	{KindLocal, "lpa's long format for local indicators (bron,indeling,regiocode,periode,indicator,waarde[,leeftijdsgroep,geslacht,ondergrens,bovengrens,label,eenheid,thema,richting,triple_aim])",
		[]string{"bron", "indeling", "regiocode", "periode", "indicator", "waarde"}},
	{KindAccordStatus, "VNG status of the local accord per gemeente and peildatum (peildatum,gemeente_code,status)",
		[]string{"peildatum", "gemeente_code", "status"}},
	{KindProcessQuarters, "process template, table Kwartalen (akkoord_id,kwartaal,partijen_actief,...; lpa template)",
		[]string{"akkoord_id", "kwartaal", "partijen_actief"}},
	{KindProcessBudget, "process template, table Budget (akkoord_id,kwartaal,budgetregel,gepland_eur,besteed_eur; lpa template)",
		[]string{"akkoord_id", "kwartaal", "budgetregel"}},
	{KindProjectInterventions, "project template, table Interventies (akkoord_id,interventie_id,naam,...,status; lpa template)",
		[]string{"akkoord_id", "interventie_id", "naam"}},
	{KindProjectReach, "project template, table Bereik (akkoord_id,interventie_id,kwartaal,deelnemers_gepland,...; lpa template)",
		[]string{"akkoord_id", "interventie_id", "deelnemers_gepland"}},
	{KindProcessWorkbook, "process template as an .xlsx workbook with the sheets Kwartalen and Budget (lpa template)", nil},
	{KindProjectWorkbook, "project template as an .xlsx workbook with the sheets Interventies and Bereik (lpa template)", nil},
	{KindStatLineExport, "StatLine \"CSV export\" of a table per region (a title line, filter lines such as \"Perioden: 2020\", the \"\";\"Onderwerp\" header block, a units row, the \"Bron: CBS\" footer)", nil},
	{KindRegistry, "accord registry: one .yaml file per accord", nil},
}

// KnownKinds describes every kind, one per line, for error messages and help.
func KnownKinds() string {
	var b strings.Builder
	for _, s := range kindSpecs {
		fmt.Fprintf(&b, "  - %s: %s\n", s.kind, s.desc)
	}
	return strings.TrimRight(b.String(), "\n")
}

// sniffKind returns the kind whose identifying columns the header holds.
func sniffKind(header []string) (Kind, bool) {
	for _, s := range kindSpecs {
		if s.sniff == nil {
			continue
		}
		ok := true
		for _, col := range s.sniff {
			if !slices.ContainsFunc(header, func(h string) bool { return strings.EqualFold(h, col) }) {
				ok = false
				break
			}
		}
		if ok {
			return s.kind, true
		}
	}
	return "", false
}

func unknownKind(file string, header []string, where string) error {
	shown := header
	if len(shown) > 6 {
		shown = shown[:6]
	}
	return &ParseError{File: file, Line: 1, Err: ErrUnknownKind,
		Msg: fmt.Sprintf("%sheader (%s) matches no kind of file lpa knows; expected one of:\n%s",
			where, strings.Join(QuoteAll(shown), ", "), KnownKinds())}
}
