package indicators

import (
	"regexp"
	"time"
)

// Status says whether a cell holds a number.
type Status string

const (
	// Measured: the source published a value.
	Measured Status = "measured"
	// Suppressed: the source published "." (unknown, too unreliable or
	// secret). The value is never shown as a number.
	Suppressed Status = "suppressed"
	// Incomplete: an aggregate that lacks the value of one or more of its
	// parts (a member gemeente not measured). Not shown as a number either.
	Incomplete Status = "incomplete"
)

// Sexes as they appear in the warehouse.
const (
	SexTotal  = "totaal"
	SexMale   = "man"
	SexFemale = "vrouw"
)

// Region levels as they appear in the warehouse.
const (
	LevelLand      = "land"
	LevelGemeente  = "gemeente"
	LevelWijk      = "wijk"
	LevelBuurt     = "buurt"
	LevelGGDRegio  = "ggd_regio"
	LevelProvincie = "provincie"
)

// Region levels that only the monitor sources have.
const (
	// LevelGemeenteCluster: gemeenten that a source reports together, e.g.
	// GM9004 Friese Waddeneilanden in VZinfo (see GemeenteClusters).
	LevelGemeenteCluster = "gemeentecluster"
	// LevelCaribischNederland: CG01, Bonaire, Sint Eustatius and Saba, which
	// 50140NED reports besides Nederland (NL01, the European part).
	LevelCaribischNederland = "caribisch_nederland"
)

// Age groups of the monitor sources. 20300 is StatLine's code for "18 jaar
// of ouder" (as in 50090NED) and 10000 its code for all ages ("Totaal").
// 50140NED has no age dimension: the whole table is 16 t/m 25 jaar, which
// lpa stores as "16-25" (not a StatLine code, and so never mistaken for one).
const (
	AgeAdults      = "20300"
	AgeAll         = "10000"
	AgeYoungAdults = "16-25"
)

// Observation is one published or suppressed cell of a source table, in long
// form. Cells that are empty in the source (not measured that edition) are
// not observations.
type Observation struct {
	RegionCode  string
	RegionLevel string
	Period      int // edition year
	AgeGroup    string
	Indicator   string // snake_case catalogue key
	Value       float64
	Status      Status
	HasCI       bool
	CILower     float64
	CIUpper     float64
}

// Value is a number with its status, as a report shows it: only a Measured
// value has a meaningful V.
type Value struct {
	V      float64
	Status Status
}

// OK reports whether the value may be shown as a number.
func (v Value) OK() bool { return v.Status == Measured }

// Point is one edition of a series.
type Point struct {
	Period int
	Value  Value
}

// Series is one indicator for one area over the editions.
type Series struct {
	Indicator string
	Area      string // "accord", "ggd" or "nl"
	Label     string // Dutch legend label, e.g. "Achterhoek" or "GGD-regio"
	Points    []Point
}

// Region is one row of a region reference.
type Region struct {
	Division     int // year of the municipal division (indeling)
	Code         string
	Name         string
	Level        string
	GemeenteCode string
	ProvinceCode string
	GGDCode      string
	Population   int64 // -1 when unknown
}

// RegionSet is the content of one CBS region reference file.
type RegionSet struct {
	Kind     Kind
	Division int // municipal division (indeling) year
	Regions  []Region
}

var reAccordID = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// IsAccordID reports whether s is an accord's id as the registry writes it:
// lower-case letters, digits, - and _.
func IsAccordID(s string) bool { return reAccordID.MatchString(s) }

// Accord is one local or regional prevention accord of the registry.
type Accord struct {
	ID          string
	Name        string
	Kind        string    // "lokaal" or "regionaal"
	SignedOn    time.Time // zero when only the year is known
	SignedYear  int
	Division    int      // municipal division of Members
	Members     []string // gemeente codes, GM####
	ExampleData bool     // coded (partly) by us, not taken from a source
	Source      string   // where the facts come from
	File        string   // registry file it was read from
	// Coding is the accord's document analysis (themes, goals, parties...),
	// nil when the registry entry has none. See coding.go.
	Coding *AccordCoding
}
