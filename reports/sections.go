package reports

import (
	"lpa/indicators"
)

// The sections beyond the indicator table and the trends. Each is optional:
// a section without values says so in one line, or (for the accord-only
// sections of a gemeente report) is left out.

// Measure is one indicator of the report's subject in one edition of one
// source, with its benchmarks, its interval and the verdicts.
type Measure struct {
	Source     string // table id, e.g. 50090NED
	SourceName string // short Dutch name, e.g. "Gezondheidsmonitor (RIVM 50090NED)"
	Period     int    // edition
	AgeLabel   string // "18 jaar of ouder"
	Sex        string // totaal | man | vrouw
	Indicator  string
	Label      string
	Unit       string
	Theme      string
	Direction  string
	Value      indicators.Value
	GGD        indicators.Value
	NL         indicators.Value
	CILow      float64 // the 95 % interval of Value, when HasCI
	CIHigh     float64
	HasCI      bool
	VerdictGGD string // gunstig | vergelijkbaar | ongunstig | neutraal | ""
	VerdictNL  string
	Members    []MemberValue // an accord's member gemeenten in the same cell
	// Key names the metric row the values come from (population_metrics,
	// as column=value pairs joined by "; "); the printed figures carry it.
	Key string
}

// MemberValue is one member gemeente's value of a cell.
type MemberValue struct {
	Code  string
	Name  string
	Value indicators.Value
}

// Goal is one goal of the accord (or an NPA 2040 ambition) with its
// progress as of the round.
type Goal struct {
	Kind           string // akkoord | npa_2040
	Text           string
	Label          string // the indicator's label
	Unit           string
	BaselinePeriod int
	Baseline       *float64
	LatestPeriod   int
	Latest         *float64
	Target         *float64
	Deadline       int
	Projected      *float64
	Progress       *float64 // share of the way from baseline to target
	Verdict        string   // behaald | op_koers | niet_op_koers | geen_gegevens
	Reason         string
	ExampleData    bool
}

// TripleAimRow is one indicator of the Triple Aim panel in one year.
type TripleAimRow struct {
	Dimension string // populatiegezondheid | ervaren_kwaliteit_van_zorg | zorgkosten
	Indicator string
	Label     string
	Unit      string
	Period    int
	Value     indicators.Value
	NL        indicators.Value
	Verdict   string
	Proxy     bool // a stand-in for the dimension (the monitor's regie over eigen leven)
}

// Process is the accord's process monitoring as of the round.
type Process struct {
	Parties          int
	Sectors          []Share // parties per sector
	LastQuarter      string
	ShareActive      *float64
	Meetings         *int
	Residents        *int
	Budget           []BudgetLine
	UitgangspuntenOK int
	UitgangspuntenN  int
	NotMet           []string // the uitgangspunten not met, in Dutch
	Goals            int
	WithDeadline     int
	WithOwner        int
	Programmes       []string
	ExampleData      bool
}

// Share is a count and its share of the whole.
type Share struct {
	Item  string
	Count int
	Share float64 // 0-1
}

// BudgetLine is one budget line over the quarters reported.
type BudgetLine struct {
	Line    string
	Planned float64
	Spent   float64
}

// ProjectTheme is the interventions of one theme.
type ProjectTheme struct {
	Theme            string
	Title            string
	NPATheme         bool
	Interventions    int
	Recognised       int
	RecognitionKnown int
	Planned          int64
	Reached          int64
	Goals            int
	Gap              string // npa_thema_zonder_doel | doel_zonder_interventie | ""
	ExampleData      bool
}

// Effect is the difference in differences of one NPA indicator.
type Effect struct {
	Label    string
	Unit     string
	From, To int
	Treated  float64 // the accord's change
	Control  float64 // the matched gemeenten's change
	DiD      float64
	CILow    float64
	CIHigh   float64
	Controls int
	Verdict  string
	Status   string // measured | incomplete | ...
}

// Change is one thing that changed since the previous round.
type Change struct {
	Kind   string // partner_erbij | partner_weg | doel_behaald | ... (round_changes)
	Item   string
	Detail string
}

// MapData is the choropleth of the report: the gemeenten of the subject's
// GGD region(s), coloured by one indicator.
type MapData struct {
	Division  int
	Indicator string
	Label     string
	Unit      string
	Period    int
	Values    map[string]indicators.Value // gemeente code -> value
	Members   []string                    // the subject's gemeenten, outlined
	Region    []string                    // every gemeente drawn (the GGD region(s))
}
