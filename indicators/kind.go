package indicators

// Kind names a kind of source file lpa can load.
type Kind string

// The kinds lpa knows. The kind of a file is recognised from its header or
// its structure (registry files from their .yaml/.yml extension), never
// from its name; indicators/sources holds the table of how.
const (
	KindStatLine50090  Kind = "statline_50090ned"
	KindCBSGebiedenGGD Kind = "cbs_gebieden_ggd"
	KindCBSGebieden    Kind = "cbs_gebieden_bevolking"
	KindCBSKerncijfers Kind = "cbs_kerncijfers_wijken_buurten"
	KindRegistry       Kind = "accord_registry"
	KindLocal          Kind = "lpa_observations"
	KindVektisZvw      Kind = "vektis_zvw_gemeente"
	// VNG status (indicators/registry) and the process/project templates
	// (indicators/templates).
	KindAccordStatus         Kind = "vng_accord_status"
	KindProcessQuarters      Kind = "process_quarters"
	KindProcessBudget        Kind = "process_budget"
	KindProjectInterventions Kind = "project_interventions"
	KindProjectReach         Kind = "project_reach"
	KindProcessWorkbook      Kind = "process_workbook"
	KindProjectWorkbook      Kind = "project_workbook"

	// Monitor layouts, sport and VZinfo (indicators/monitor).
	KindMonitor2022GGD    Kind = "cbs_85563ned_ggd"
	KindLevensverwachting Kind = "vzinfo_levensverwachting_ggd"
	KindStatLine50140     Kind = "statline_50140ned"
	KindSportLidmaatschap Kind = "sport_lidmaatschappen"
	KindVZinfoOvergewicht Kind = "vzinfo_overgewicht_gemeente"

	// The StatLine "CSV export" layout of any table (indicators/statline),
	// recognised from its structure: the header is not on line 1.
	KindStatLineExport Kind = "statline_export"
)
