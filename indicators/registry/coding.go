package registry

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"lpa/indicators"
)

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
	probs *indicators.Problems
}

func (p *codingParser) bad(line int, field, msg string) {
	if line == 0 {
		line = p.line
	}
	p.probs.Add(&indicators.ParseError{File: p.file, Line: line, Field: "coding." + field, Err: indicators.ErrInvalidValue, Msg: msg})
}

func (p *codingParser) dup(line int, field, msg string) {
	p.probs.Add(&indicators.ParseError{File: p.file, Line: cmpOr(line, p.line), Field: "coding." + field, Err: indicators.ErrDuplicateKey, Msg: msg})
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
func (p *codingParser) terms(items []lstr, field string, voc indicators.Vocabulary) []string {
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

func (p *codingParser) term(s lstr, field string, voc indicators.Vocabulary) string {
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
func parseCoding(file string, line int, cf *codingFile, probs *indicators.Problems) *indicators.AccordCoding {
	p := &codingParser{file: file, line: line, probs: probs}
	c := &indicators.AccordCoding{Note: cf.Note.V, Source: cf.Source.V}
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
	c.BasedOn = p.term(cf.BasedOn, "based_on", indicators.Origins)

	c.NPAThemes = p.npaThemes(cf.NPAThemes)
	c.Themes = p.terms(cf.Themes, "themes", indicators.Themes)
	c.OtherThemes = p.texts(cf.OtherThemes, "other_themes")
	c.InterventionsDescribed = p.boolean(cf.InterventionsDescribed, "interventions_described")
	c.ThemeInterventionsDescribed = p.boolean(cf.ThemeInterventionsDescribed, "theme_interventions_described")
	c.Programmes = p.terms(cf.Programmes, "programmes", indicators.Programmes)
	c.OtherProgrammes = p.texts(cf.OtherProgrammes, "other_programmes")
	c.Roles = p.terms(cf.MunicipalityRoles, "municipality_roles", indicators.Roles)
	c.WorkingMethods = p.terms(cf.WorkingMethods, "working_methods", indicators.WorkingMethods)
	c.Monitoring = p.terms(cf.Monitoring, "monitoring", indicators.MonitoringLevels)
	c.EHealth = p.term(cf.EHealth, "ehealth", indicators.EHealthUses)

	c.Uitgangspunten = p.uitgangspunten(cf.Uitgangspunten)

	p.parties(c, cf)
	p.goals(c, cf)
	return c
}

// mapping walks a mapping whose keys are values of voc (npa_themes,
// uitgangspunten), in the order of the keys as written, reporting keys
// that are not in voc; fn gets the value each key names and its item.
func (p *codingParser) mapping(m map[string]lstr, field string, voc indicators.Vocabulary, fn func(key string, v lstr)) {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v := m[k]
		key, ok := voc.Lookup(k)
		if !ok {
			p.bad(v.Line, field, voc.Problem(k))
			continue
		}
		fn(key, v)
	}
}

// npaThemes reads the mapping theme -> coverage, in NPAThemes order.
func (p *codingParser) npaThemes(m map[string]lstr) []indicators.ThemeCoverage {
	got := map[string]string{}
	p.mapping(m, "npa_themes", indicators.NPAThemes, func(theme string, v lstr) {
		if _, dup := got[theme]; dup {
			p.dup(v.Line, "npa_themes", fmt.Sprintf("NPA theme %s given twice; expected each once", theme))
			return
		}
		cov, ok := indicators.Coverages.Lookup(v.V)
		if !ok {
			p.bad(v.Line, "npa_themes."+theme, indicators.Coverages.Problem(v.V))
			return
		}
		got[theme] = cov
	})
	var out []indicators.ThemeCoverage
	for _, t := range indicators.NPAThemes.Keys() {
		if cov, ok := got[t]; ok {
			out = append(out, indicators.ThemeCoverage{Theme: t, Coverage: cov})
		}
	}
	return out
}

// uitgangspunten reads the mapping uitgangspunt -> met, in Uitgangspunten
// order.
func (p *codingParser) uitgangspunten(m map[string]lstr) []indicators.Uitgangspunt {
	met := map[string]bool{}
	p.mapping(m, "uitgangspunten", indicators.Uitgangspunten, func(u string, v lstr) {
		if b := p.boolean(v, "uitgangspunten."+u); b != nil {
			met[u] = *b
		} else if v.V == "" {
			p.bad(v.Line, "uitgangspunten."+u, fmt.Sprintf("uitgangspunt %s has no value; expected true or false (leave the key out when it was not assessed)", u))
		}
	})
	var out []indicators.Uitgangspunt
	for _, u := range indicators.Uitgangspunten.Keys() {
		if b, ok := met[u]; ok {
			out = append(out, indicators.Uitgangspunt{Key: u, Met: b})
		}
	}
	return out
}

func (p *codingParser) parties(c *indicators.AccordCoding, cf *codingFile) {
	seen := map[string]int{}
	for i, pf := range cf.Parties {
		line := cmpOr(pf.Name.Line, pf.Sector.Line)
		field := fmt.Sprintf("parties[%d]", i+1)
		name := strings.Join(strings.Fields(pf.Name.V), " ")
		if name == "" {
			p.bad(line, field+".name", "party without a name; expected name and sector")
			continue
		}
		sector, ok := indicators.Sectors.Lookup(pf.Sector.V)
		if !ok {
			if pf.Sector.V == "" {
				p.bad(line, field+".sector", fmt.Sprintf("party %q has no sector; %s", name, indicators.Sectors.Expect()))
			} else {
				p.bad(pf.Sector.Line, field+".sector", fmt.Sprintf("party %q: %s", name, indicators.Sectors.Problem(pf.Sector.V)))
			}
			continue
		}
		k := strings.ToLower(name)
		if first, dup := seen[k]; dup {
			p.dup(line, field+".name", fmt.Sprintf("party %q listed twice (first on line %d); expected each party once", name, first))
			continue
		}
		seen[k] = line
		c.Parties = append(c.Parties, indicators.Party{Name: name, Sector: sector})
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
func catalogue() map[string]indicators.Indicator {
	out := map[string]indicators.Indicator{}
	for _, ind := range indicators.LoadReference().Catalogue {
		out[ind.Key] = ind
	}
	return out
}

func (p *codingParser) goals(c *indicators.AccordCoding, cf *codingFile) {
	cat := catalogue()
	parties := map[string]bool{}
	for _, pt := range c.Parties {
		parties[strings.ToLower(pt.Name)] = true
	}
	themes := indicators.Vocabulary{Name: "theme", Terms: append(append([]indicators.Term{}, indicators.NPAThemes.Terms...), indicators.Themes.Terms...)}
	for i, gf := range cf.Goals {
		field := fmt.Sprintf("goals[%d]", i+1)
		line := 0 // the goal's first line
		for _, l := range []lstr{gf.Text, gf.Theme, gf.Indicator, gf.BaselinePeriod, gf.BaselineValue, gf.TargetValue, gf.Deadline, gf.Owner} {
			if l.Line != 0 && (line == 0 || l.Line < line) {
				line = l.Line
			}
		}
		g := indicators.Goal{Text: gf.Text.V, Owner: strings.Join(strings.Fields(gf.Owner.V), " ")}
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
	v, ok := indicators.ParseDecimal(s.V)
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
