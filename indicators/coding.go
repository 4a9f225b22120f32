package indicators

import (
	"strconv"
	"time"
)

// AccordCoding is the document analysis of one accord: what RIVM's factsheet
// of November 2020 codes per accord (DESIGN.md §1). Every part is optional;
// a nil slice means "not coded". The whole coding is real or example data
// together (ExampleData), apart from the accord's name, year and members.
type AccordCoding struct {
	ExampleData bool
	Note        string    // what is real and what is coded
	Source      string    // where the coding comes from
	Peildatum   time.Time // the round of the analysis; zero when not given
	BasedOn     string    // Origins key, "" when not coded

	NPAThemes   []ThemeCoverage // in NPAThemes order
	Themes      []string        // Themes keys
	OtherThemes []string        // free text

	Goals []Goal
	// InterventionsDescribed: the accord describes interventions for its
	// goals; ThemeInterventionsDescribed: for its additional themes.
	InterventionsDescribed      *bool
	ThemeInterventionsDescribed *bool

	Parties    []Party
	PartyCount int // number of parties; 0 when unknown (len(Parties) when listed)

	Programmes      []string // Programmes keys
	OtherProgrammes []string // free text
	Roles           []string // Roles keys (the municipality's)
	// WorkingMethods and Monitoring: nil = not coded, empty = the accord
	// has not worked it out yet.
	WorkingMethods []string
	Monitoring     []string
	EHealth        string // EHealthUses key, "" when not coded
	Uitgangspunten []Uitgangspunt
}

// ThemeCoverage is how far an accord works out one NPA theme.
type ThemeCoverage struct {
	Theme    string // NPAThemes key
	Coverage string // Coverages key
}

// Uitgangspunt says whether an accord meets one starting point.
type Uitgangspunt struct {
	Key string // Uitgangspunten key
	Met bool
}

// Party is one signatory of an accord.
type Party struct {
	Name   string
	Sector string // Sectors key
}

// Goal is one goal or ambition of an accord. Only Text is required: most
// accords state goals without indicator, time or owner.
type Goal struct {
	Text           string
	Theme          string // an NPA theme or Themes key, "" when not given
	Indicator      string // catalogue key, "" when not linked
	BaselinePeriod int    // 0 when not given
	BaselineValue  *float64
	TargetValue    *float64
	DeadlineOn     time.Time // zero when only a year (or nothing) is given
	DeadlineYear   int       // 0 when no deadline
	Owner          string    // a party's name, "" when not given
}

// CodingItem is one entry of a coded list, as the warehouse stores it.
type CodingItem struct {
	Facet  string // npa_theme, theme, other_theme, programme, other_programme, role, working_method, monitoring, uitgangspunt
	Item   string
	Detail string // npa_theme: the coverage; uitgangspunt: "true" or "false"
}

// Items lists the coded list entries in a fixed order.
func (c *AccordCoding) Items() []CodingItem {
	var out []CodingItem
	add := func(facet string, items []string) {
		for _, it := range items {
			out = append(out, CodingItem{facet, it, ""})
		}
	}
	for _, t := range c.NPAThemes {
		out = append(out, CodingItem{"npa_theme", t.Theme, t.Coverage})
	}
	add("theme", c.Themes)
	add("other_theme", c.OtherThemes)
	add("programme", c.Programmes)
	add("other_programme", c.OtherProgrammes)
	add("role", c.Roles)
	add("working_method", c.WorkingMethods)
	add("monitoring", c.Monitoring)
	for _, u := range c.Uitgangspunten {
		out = append(out, CodingItem{"uitgangspunt", u.Key, strconv.FormatBool(u.Met)})
	}
	return out
}

// Rows is the number of warehouse rows the coding brings: one for the
// coding, one per list item, party and goal.
func (c *AccordCoding) Rows() int {
	if c == nil {
		return 0
	}
	return 1 + len(c.Items()) + len(c.Parties) + len(c.Goals)
}
