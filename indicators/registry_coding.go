package indicators

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
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

// lstr is a YAML scalar with the line it stands on. The registry decodes
// every value as text and checks it itself, so messages speak the
// registry's language and name the line.
type lstr struct {
	V    string
	Line int
}

func (s *lstr) UnmarshalYAML(n *yaml.Node) error {
	s.Line = n.Line
	if n.Kind != yaml.ScalarNode {
		what := "a list"
		if n.Kind == yaml.MappingNode {
			what = "a mapping (key: value)"
		}
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %s where a single value was expected", n.Line, what)}}
	}
	s.V = strings.TrimSpace(n.Value)
	return nil
}

// codingFile is the YAML form of the coding block (examples/accords/README.md).
type codingFile struct {
	ExampleData                 lstr            `yaml:"example_data"`
	Note                        lstr            `yaml:"note"`
	Source                      lstr            `yaml:"source"`
	Peildatum                   lstr            `yaml:"peildatum"`
	BasedOn                     lstr            `yaml:"based_on"`
	NPAThemes                   map[string]lstr `yaml:"npa_themes"`
	Themes                      []lstr          `yaml:"themes"`
	OtherThemes                 []lstr          `yaml:"other_themes"`
	Goals                       []goalFile      `yaml:"goals"`
	InterventionsDescribed      lstr            `yaml:"interventions_described"`
	ThemeInterventionsDescribed lstr            `yaml:"theme_interventions_described"`
	PartyCount                  lstr            `yaml:"party_count"`
	Parties                     []partyFile     `yaml:"parties"`
	Programmes                  []lstr          `yaml:"programmes"`
	OtherProgrammes             []lstr          `yaml:"other_programmes"`
	MunicipalityRoles           []lstr          `yaml:"municipality_roles"`
	WorkingMethods              []lstr          `yaml:"working_methods"`
	Monitoring                  []lstr          `yaml:"monitoring"`
	EHealth                     lstr            `yaml:"ehealth"`
	Uitgangspunten              map[string]lstr `yaml:"uitgangspunten"`
}

type goalFile struct {
	Text           lstr `yaml:"text"`
	Theme          lstr `yaml:"theme"`
	Indicator      lstr `yaml:"indicator"`
	BaselinePeriod lstr `yaml:"baseline_period"`
	BaselineValue  lstr `yaml:"baseline_value"`
	TargetValue    lstr `yaml:"target_value"`
	Deadline       lstr `yaml:"deadline"`
	Owner          lstr `yaml:"owner"`
}

type partyFile struct {
	Name   lstr `yaml:"name"`
	Sector lstr `yaml:"sector"`
}

// codingParser checks a coding block; problems go to probs.
type codingParser struct {
	file  string
	line  int // of the coding key: the fallback location
	probs *Problems
}

func (p *codingParser) bad(line int, field, msg string) {
	if line == 0 {
		line = p.line
	}
	p.probs.Add(&ParseError{File: p.file, Line: line, Field: "coding." + field, Err: ErrInvalidValue, Msg: msg})
}

func (p *codingParser) dup(line int, field, msg string) {
	p.probs.Add(&ParseError{File: p.file, Line: cmpOr(line, p.line), Field: "coding." + field, Err: ErrDuplicateKey, Msg: msg})
}

func cmpOr(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

// boolean reads true/false (ja/nee).
func (p *codingParser) boolean(s lstr, field string) *bool {
	if s.V == "" {
		return nil
	}
	var v bool
	switch strings.ToLower(s.V) {
	case "true", "ja":
		v = true
	case "false", "nee":
	default:
		p.bad(s.Line, field, fmt.Sprintf("%s %q; expected true or false", field, s.V))
		return nil
	}
	return &v
}

// terms reads a list of keys of voc, each once.
func (p *codingParser) terms(items []lstr, field string, voc Vocabulary) []string {
	if items == nil {
		return nil
	}
	out := []string{}
	seen := map[string]int{}
	for _, it := range items {
		k, ok := voc.Lookup(it.V)
		switch {
		case !ok:
			p.bad(it.Line, field, voc.Problem(it.V))
		case seen[k] != 0:
			p.dup(it.Line, field, fmt.Sprintf("%s %s listed twice (first on line %d); expected each once", voc.Name, k, seen[k]))
		default:
			seen[k] = it.Line
			out = append(out, k)
		}
	}
	return out
}

// texts reads a list of free texts, each once.
func (p *codingParser) texts(items []lstr, field string) []string {
	var out []string
	seen := map[string]int{}
	for _, it := range items {
		k := strings.ToLower(it.V)
		switch {
		case it.V == "":
			p.bad(it.Line, field, "empty item; expected a short description")
		case seen[k] != 0:
			p.dup(it.Line, field, fmt.Sprintf("%q listed twice (first on line %d); expected each once", it.V, seen[k]))
		default:
			seen[k] = it.Line
			out = append(out, it.V)
		}
	}
	return out
}

func (p *codingParser) term(s lstr, field string, voc Vocabulary) string {
	if s.V == "" {
		return ""
	}
	k, ok := voc.Lookup(s.V)
	if !ok {
		p.bad(s.Line, field, voc.Problem(s.V))
	}
	return k
}

// parseCoding checks a coding block; problems go to probs.
func parseCoding(file string, line int, cf *codingFile, probs *Problems) *AccordCoding {
	p := &codingParser{file: file, line: line, probs: probs}
	c := &AccordCoding{Note: cf.Note.V, Source: cf.Source.V}
	if b := p.boolean(cf.ExampleData, "example_data"); b != nil {
		c.ExampleData = *b
	}
	if cf.Peildatum.V != "" {
		d, err := time.Parse("2006-01-02", cf.Peildatum.V)
		switch {
		case err != nil:
			p.bad(cf.Peildatum.Line, "peildatum", fmt.Sprintf("peildatum %q is not a date; expected YYYY-MM-DD, e.g. 2020-11-01", cf.Peildatum.V))
		case d.Year() < 2018 || d.Year() > 2100:
			p.bad(cf.Peildatum.Line, "peildatum", fmt.Sprintf("peildatum %q; expected a date from 2018 on", cf.Peildatum.V))
		default:
			c.Peildatum = d
		}
	}
	c.BasedOn = p.term(cf.BasedOn, "based_on", Origins)

	// NPA themes: a mapping theme -> coverage, reported in NPAThemes order.
	keys := make([]string, 0, len(cf.NPAThemes))
	for k := range cf.NPAThemes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	got := map[string]string{}
	for _, k := range keys {
		v := cf.NPAThemes[k]
		theme, ok := NPAThemes.Lookup(k)
		if !ok {
			p.bad(v.Line, "npa_themes", NPAThemes.Problem(k))
			continue
		}
		if _, dup := got[theme]; dup {
			p.dup(v.Line, "npa_themes", fmt.Sprintf("NPA theme %s given twice; expected each once", theme))
			continue
		}
		cov, ok := Coverages.Lookup(v.V)
		if !ok {
			p.bad(v.Line, "npa_themes."+theme, Coverages.Problem(v.V))
			continue
		}
		got[theme] = cov
	}
	for _, t := range NPAThemes.Keys() {
		if cov, ok := got[t]; ok {
			c.NPAThemes = append(c.NPAThemes, ThemeCoverage{t, cov})
		}
	}

	c.Themes = p.terms(cf.Themes, "themes", Themes)
	c.OtherThemes = p.texts(cf.OtherThemes, "other_themes")
	c.InterventionsDescribed = p.boolean(cf.InterventionsDescribed, "interventions_described")
	c.ThemeInterventionsDescribed = p.boolean(cf.ThemeInterventionsDescribed, "theme_interventions_described")
	c.Programmes = p.terms(cf.Programmes, "programmes", Programmes)
	c.OtherProgrammes = p.texts(cf.OtherProgrammes, "other_programmes")
	c.Roles = p.terms(cf.MunicipalityRoles, "municipality_roles", Roles)
	c.WorkingMethods = p.terms(cf.WorkingMethods, "working_methods", WorkingMethods)
	c.Monitoring = p.terms(cf.Monitoring, "monitoring", MonitoringLevels)
	c.EHealth = p.term(cf.EHealth, "ehealth", EHealthUses)

	keys = keys[:0]
	for k := range cf.Uitgangspunten {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	met := map[string]bool{}
	for _, k := range keys {
		v := cf.Uitgangspunten[k]
		u, ok := Uitgangspunten.Lookup(k)
		if !ok {
			p.bad(v.Line, "uitgangspunten", Uitgangspunten.Problem(k))
			continue
		}
		if b := p.boolean(v, "uitgangspunten."+u); b != nil {
			met[u] = *b
		} else if v.V == "" {
			p.bad(v.Line, "uitgangspunten."+u, fmt.Sprintf("uitgangspunt %s has no value; expected true or false (leave the key out when it was not assessed)", u))
		}
	}
	for _, u := range Uitgangspunten.Keys() {
		if m, ok := met[u]; ok {
			c.Uitgangspunten = append(c.Uitgangspunten, Uitgangspunt{u, m})
		}
	}

	p.parties(c, cf)
	p.goals(c, cf)
	return c
}

func (p *codingParser) parties(c *AccordCoding, cf *codingFile) {
	seen := map[string]int{}
	for i, pf := range cf.Parties {
		line := cmpOr(pf.Name.Line, pf.Sector.Line)
		field := fmt.Sprintf("parties[%d]", i+1)
		name := strings.Join(strings.Fields(pf.Name.V), " ")
		if name == "" {
			p.bad(line, field+".name", "party without a name; expected name and sector")
			continue
		}
		sector, ok := Sectors.Lookup(pf.Sector.V)
		if !ok {
			if pf.Sector.V == "" {
				p.bad(line, field+".sector", fmt.Sprintf("party %q has no sector; %s", name, Sectors.Expect()))
			} else {
				p.bad(pf.Sector.Line, field+".sector", fmt.Sprintf("party %q: %s", name, Sectors.Problem(pf.Sector.V)))
			}
			continue
		}
		k := strings.ToLower(name)
		if first, dup := seen[k]; dup {
			p.dup(line, field+".name", fmt.Sprintf("party %q listed twice (first on line %d); expected each party once", name, first))
			continue
		}
		seen[k] = line
		c.Parties = append(c.Parties, Party{name, sector})
	}
	if cf.PartyCount.V != "" {
		n, err := strconv.Atoi(cf.PartyCount.V)
		switch {
		case err != nil || n < 1:
			p.bad(cf.PartyCount.Line, "party_count", fmt.Sprintf("party_count %q; expected a whole number of parties, 1 or more", cf.PartyCount.V))
		case len(cf.Parties) > 0 && n != len(cf.Parties):
			p.bad(cf.PartyCount.Line, "party_count", fmt.Sprintf("party_count %d, but %d parties are listed; expected the same number (or leave party_count out)", n, len(cf.Parties)))
		default:
			c.PartyCount = n
		}
	}
	if len(c.Parties) > 0 {
		c.PartyCount = len(c.Parties)
	}
}

// catalogue returns the indicator catalogue by key.
func catalogue() map[string]Indicator {
	out := map[string]Indicator{}
	for _, ind := range LoadReference().Catalogue {
		out[ind.Key] = ind
	}
	return out
}

func (p *codingParser) goals(c *AccordCoding, cf *codingFile) {
	cat := catalogue()
	parties := map[string]bool{}
	for _, pt := range c.Parties {
		parties[strings.ToLower(pt.Name)] = true
	}
	themes := Vocabulary{"theme", append(append([]Term{}, NPAThemes.Terms...), Themes.Terms...)}
	for i, gf := range cf.Goals {
		field := fmt.Sprintf("goals[%d]", i+1)
		line := 0 // the goal's first line
		for _, l := range []lstr{gf.Text, gf.Theme, gf.Indicator, gf.BaselinePeriod, gf.BaselineValue, gf.TargetValue, gf.Deadline, gf.Owner} {
			if l.Line != 0 && (line == 0 || l.Line < line) {
				line = l.Line
			}
		}
		g := Goal{Text: gf.Text.V, Owner: strings.Join(strings.Fields(gf.Owner.V), " ")}
		if g.Text == "" {
			p.bad(line, field+".text", "goal without text; expected the goal as the accord states it")
		}
		g.Theme = p.term(gf.Theme, field+".theme", themes)
		unit := ""
		if gf.Indicator.V != "" {
			ind, ok := cat[gf.Indicator.V]
			if !ok {
				keys := make([]string, 0, len(cat))
				for k := range cat {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				p.bad(gf.Indicator.Line, field+".indicator", fmt.Sprintf("indicator %q is not in the catalogue; expected a key of the indicators view (indicators/data/catalogue.csv), e.g. %s",
					gf.Indicator.V, strings.Join(keys[:min(6, len(keys))], ", ")))
			} else {
				g.Indicator, unit = ind.Key, ind.Unit
			}
		}
		if gf.BaselinePeriod.V != "" {
			y, err := strconv.Atoi(gf.BaselinePeriod.V)
			if err != nil || y < 2000 || y > 2100 {
				p.bad(gf.BaselinePeriod.Line, field+".baseline_period", fmt.Sprintf("baseline_period %q; expected the year of the baseline, e.g. 2020", gf.BaselinePeriod.V))
			} else {
				g.BaselinePeriod = y
			}
		}
		g.BaselineValue = p.goalValue(gf.BaselineValue, field+".baseline_value", unit)
		g.TargetValue = p.goalValue(gf.TargetValue, field+".target_value", unit)
		if g.BaselineValue != nil && gf.BaselinePeriod.V == "" {
			p.bad(gf.BaselineValue.Line, field+".baseline_period", "baseline_value without baseline_period; expected the year the baseline was measured")
		}
		if gf.Deadline.V != "" {
			d, y, err := parseYearOrDate(gf.Deadline.V, "deadline")
			if err != nil {
				p.bad(gf.Deadline.Line, field+".deadline", err.Error())
			}
			g.DeadlineOn, g.DeadlineYear = d, y
		}
		if g.Owner != "" && len(parties) > 0 && !parties[strings.ToLower(g.Owner)] {
			p.bad(gf.Owner.Line, field+".owner", fmt.Sprintf("owner %q is not among the accord's parties; expected the name of a listed party", g.Owner))
		}
		c.Goals = append(c.Goals, g)
	}
}

func (p *codingParser) goalValue(s lstr, field, unit string) *float64 {
	if s.V == "" {
		return nil
	}
	v, ok := ParseDecimal(s.V)
	switch {
	case !ok || math.IsInf(v, 0):
		p.bad(s.Line, field, fmt.Sprintf("%s %q is not a number; expected a decimal with a point, e.g. 12.5", field[strings.LastIndex(field, ".")+1:], s.V))
		return nil
	case unit == "%" && (v < 0 || v > 100):
		p.bad(s.Line, field, fmt.Sprintf("%s %s is outside 0-100; expected a percentage, as the indicator", field[strings.LastIndex(field, ".")+1:], s.V))
		return nil
	}
	return &v
}

// parseYearOrDate accepts a year (2025) or a date (2025-12-31) from 2018 on.
func parseYearOrDate(s, what string) (time.Time, int, error) {
	if y, err := strconv.Atoi(s); err == nil {
		if y < 2018 || y > 2100 {
			return time.Time{}, 0, fmt.Errorf("%s %q; expected a year from 2018 on", what, s)
		}
		return time.Time{}, y, nil
	}
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, 0, fmt.Errorf("%s %q is not a date; expected a year (2025) or a date as YYYY-MM-DD (2025-12-31)", what, s)
	}
	if d.Year() < 2018 || d.Year() > 2100 {
		return time.Time{}, 0, fmt.Errorf("%s %q; expected a date from 2018 on", what, s)
	}
	return d, d.Year(), nil
}

// nestedKeys names the keys of the registry's nested mappings, for the
// message about an unknown key (yaml names the Go type).
var nestedKeys = map[string]struct{ where, keys string }{
	"codingFile": {"coding", yamlKeys(reflect.TypeFor[codingFile]())},
	"goalFile":   {"a goal", yamlKeys(reflect.TypeFor[goalFile]())},
	"partyFile":  {"a party", yamlKeys(reflect.TypeFor[partyFile]())},
}

func yamlKeys(t reflect.Type) string {
	var keys []string
	for i := range t.NumField() {
		keys = append(keys, strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0])
	}
	return strings.Join(keys[:len(keys)-1], ", ") + " and " + keys[len(keys)-1]
}
