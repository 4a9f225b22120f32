package reports

import (
	"time"

	"lpa/indicators"
)

// Report is everything one accord's PDF shows. The pipeline fills it from the
// warehouse; Render only lays it out.
type Report struct {
	Accord    Accord
	Edition   int    // latest monitor edition shown in the table
	AgeGroup  string // StatLine code, e.g. "20300"
	AgeLabel  string // Dutch, e.g. "18 jaar of ouder"
	GGDLabel  string // e.g. "GGD Noord- en Oost-Gelderland" or "GGD-regio's (gewogen)"
	Rows      []Row  // the NPA indicator table, in catalogue order
	Themes    []Theme
	Sources   []Source
	Method    []string  // short Dutch paragraphs on how the numbers were made
	Generated time.Time // the PDF's dates; fixed per round, so that a report renders the same bytes twice
	Round     time.Time // the evaluation round (peildatum) the numbers belong to; zero: not shown
	// Fingerprint is a short hash of the data the report prints and lpa's
	// version, on every page and in the PDF's keywords; "": not shown.
	Fingerprint string
	// Reissue: this report replaces an earlier issue of the round; its
	// first page lists the figures that changed. nil: a first issue.
	Reissue *Reissue

	// Subject is "akkoord" (the default) or "gemeente": a gemeente report
	// has the gemeente in Accord (one member, itself) and no process,
	// project or effect sections.
	Subject  string
	Status   string // the gemeente's VNG status at the round (gemeente report)
	AccordOf string // the accord a gemeente takes part in, "" for none (gemeente report)

	// The sections of the whole evaluation; each is optional.
	Measures  []Measure // every source, edition and indicator of the subject
	Goals     []Goal
	TripleAim []TripleAimRow
	Process   *Process
	Projects  []ProjectTheme
	Effects   []Effect
	PrevRound time.Time // the previous round; zero: none
	Changes   []Change  // since PrevRound
	Map       *MapData
}

// subjectIsGemeente reports whether the report is about one gemeente.
func (d *document) subjectIsGemeente() bool { return d.r.Subject == "gemeente" }

// Accord is the title-page information of one accord.
type Accord struct {
	ID          string
	Name        string
	Kind        string // "lokaal" or "regionaal"
	SignedYear  int
	Members     []Member
	ExampleData bool // the registry entry holds coded example data
}

// Member is one gemeente of an accord.
type Member struct {
	Code       string
	Name       string
	Population int64
	GGDName    string
}

// Row is one indicator in the table for the latest edition.
type Row struct {
	Indicator string
	Label     string // Dutch label from the catalogue
	Unit      string // "%"
	Theme     string
	Direction string // "lager_beter", "hoger_beter" or "neutraal"
	Accord    indicators.Value
	GGD       indicators.Value
	NL        indicators.Value
	Missing   int // members without a value (suppressed or not measured)
}

// Theme is one trend chart: the theme's indicators for accord, GGD and NL
// over the editions.
type Theme struct {
	Key    string // slug, e.g. "roken"
	Title  string // Dutch, e.g. "Roken"
	Series []indicators.Series
}

// Source is one data source with its attribution.
type Source struct {
	Name        string // e.g. "RIVM StatLine 50090NED, Gezondheid per wijk en buurt"
	Attribution string // e.g. "RIVM, GGD'en, CBS; CC BY 4.0"
	Detail      string // files and load dates
}
