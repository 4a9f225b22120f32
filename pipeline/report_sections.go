package pipeline

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"lpa/indicators"
	"lpa/pipeline/store"
	"lpa/reports"
)

// sourceNames are the short Dutch names of the sources the reports show.
var sourceNames = map[string]string{
	"50090NED": "Gezondheidsmonitor Volwassenen en Ouderen (RIVM StatLine 50090NED)",
	"85563NED": "Gezondheidsmonitor 2022 per GGD-regio (CBS 85563NED)",
	"50140NED": "Gezondheidsmonitor Jongvolwassenen (RIVM StatLine 50140NED)",
}

// sourceName is the Dutch name of a source; a local or other source keeps
// its id.
func sourceName(id string) string {
	if n, ok := sourceNames[id]; ok {
		return n
	}
	return id
}

// fillSections adds the sections of the whole evaluation to an accord's
// report: every measure with its members, goals, Triple Aim, process,
// projects, effects, changes and the map.
func (p *Pipeline) fillSections(ctx context.Context, r *reports.Report, a store.AccordInfo, d *store.RoundData, regions map[int]map[string][]string) error {
	rows := d.Measures[a.ID]
	names := map[string]string{}
	for _, m := range a.Members {
		names[m.Code] = m.Name
	}
	// Member values by cell, to put beside the accord's.
	type cell struct {
		source, age, sex, ind string
		period                int
	}
	members := map[cell][]reports.MemberValue{}
	for _, m := range rows {
		if m.UnitLevel == "gemeente" {
			k := cell{m.Source, m.AgeGroup, m.Sex, m.Indicator, m.Period}
			members[k] = append(members[k], reports.MemberValue{Code: m.UnitCode, Name: names[m.UnitCode], Value: m.Value})
		}
	}
	var mapRow *store.MeasureRow
	for i, m := range rows {
		if m.UnitLevel != "akkoord" {
			continue
		}
		me := m.Measure
		me.SourceName = sourceName(m.Source)
		me.AgeLabel = ageLabel(m.AgeGroup)
		me.Members = members[cell{m.Source, m.AgeGroup, m.Sex, m.Indicator, m.Period}]
		me.Key = metricKey(r.Round, m)
		r.Measures = append(r.Measures, me)
		if betterMapRow(mapRow, m, r.AgeGroup) {
			mapRow = &rows[i]
		}
	}
	r.Goals = d.Goals[a.ID]
	r.TripleAim = d.TripleAim[a.ID]
	if pr := d.Process[a.ID]; pr != nil {
		c := *pr
		for i, s := range c.Sectors {
			c.Sectors[i].Item = indicators.Sectors.Label(s.Item)
		}
		c.NotMet = labels(indicators.Uitgangspunten, c.NotMet)
		c.Programmes = labels(indicators.Programmes, c.Programmes)
		r.Process = &c
	}
	for _, t := range d.Projects[a.ID] {
		t.Title = indicators.NPAThemes.Label(t.Theme)
		if t.Title == t.Theme {
			t.Title = indicators.Themes.Label(t.Theme)
		}
		r.Projects = append(r.Projects, t)
	}
	r.Effects = d.Effects[a.ID]
	r.PrevRound, r.Changes = d.PrevRound, d.Changes[a.ID]
	if mapRow != nil {
		m, err := p.mapData(ctx, a, *mapRow, regions)
		if err != nil {
			return err
		}
		r.Map = m
	}
	return nil
}

// betterMapRow reports whether m suits the map better than cur: the map
// shows overweight (or else an NPA indicator) of the main source's newest
// edition, for the report's age group and both sexes.
func betterMapRow(cur *store.MeasureRow, m store.MeasureRow, age string) bool {
	if !m.NPACore || m.Sex != indicators.SexTotal || m.AgeGroup != age || m.Source != reportSource {
		return false
	}
	return cur == nil || m.Period > cur.Period || (m.Period == cur.Period && m.Indicator == "overgewicht")
}

// labels turns vocabulary keys into their Dutch labels.
func labels(v indicators.Vocabulary, keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = cmp.Or(v.Label(k), k)
	}
	return out
}

// mapData is the choropleth of an accord: the gemeenten of its members'
// GGD regions, coloured by the indicator of row.
func (p *Pipeline) mapData(ctx context.Context, a store.AccordInfo, row store.MeasureRow, regions map[int]map[string][]string) (*reports.MapData, error) {
	byGGD, ok := regions[row.Division]
	if !ok {
		var err error
		if byGGD, err = p.db.RegionGemeenten(ctx, row.Division); err != nil {
			return nil, err
		}
		regions[row.Division] = byGGD
	}
	m := &reports.MapData{Division: row.Division, Indicator: row.Indicator, Label: row.Label, Unit: row.Unit, Period: row.Period}
	for _, mem := range a.Members {
		m.Members = append(m.Members, mem.Code)
		for _, code := range byGGD[mem.GGDCode] {
			if !slices.Contains(m.Region, code) {
				m.Region = append(m.Region, code)
			}
		}
	}
	if len(m.Region) == 0 {
		m.Region = slices.Clone(m.Members)
	}
	slices.Sort(m.Region)
	vals, err := p.db.MapValues(ctx, row.Source, row.Division, row.Period, row.AgeGroup, row.Indicator)
	if err != nil {
		return nil, err
	}
	m.Values = vals
	return m, nil
}

// isGemeenteCode reports whether id is a CBS gemeente code (GM + 4 digits).
func isGemeenteCode(id string) bool {
	if len(id) != 6 || !strings.EqualFold(id[:2], "GM") {
		return false
	}
	for _, c := range id[2:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// gemeenteReports builds a report per gemeente of the newest division (or
// per code in only): its own indicators against its GGD region and NL,
// trends, its VNG status, its accord and a map.
func (p *Pipeline) gemeenteReports(ctx context.Context, d *store.RoundData, only []string, sourcesFor func([]string) []reports.Source,
	generated, round time.Time, regions map[int]map[string][]string) ([]reports.Report, error) {
	gems, err := p.db.Gemeenten(ctx, round)
	if err != nil {
		return nil, err
	}
	if len(only) > 0 {
		var keep []store.GemeenteInfo
		for _, code := range only {
			i := slices.IndexFunc(gems, func(g store.GemeenteInfo) bool { return g.Code == code })
			if i < 0 {
				return nil, unknownGemeente(code, gems)
			}
			keep = append(keep, gems[i])
		}
		gems = keep
	}
	rows := map[string][]store.MeasureRow{}
	for _, m := range d.Measures[""] {
		rows[m.UnitCode] = append(rows[m.UnitCode], m)
	}
	var out []reports.Report
	for _, g := range gems {
		rs := rows[g.Code]
		if len(rs) == 0 {
			continue // no monitor data for this gemeente in the round
		}
		a := store.AccordInfo{Accord: indicators.Accord{ID: g.Code, Name: g.Name, Kind: "gemeente", Division: g.Division,
			ExampleData: g.StatusExample}, Members: []store.Member{{Code: g.Code, Name: g.Name, Population: g.Population,
			GGDCode: g.GGDCode, GGDName: g.GGDName}}}
		ms := make([]store.AccordMetric, len(rs))
		for i, m := range rs {
			ms[i] = store.AccordMetric{AccordID: g.Code, Source: m.Source, Division: m.Division, Sex: m.Sex, Period: m.Period,
				AgeGroup: m.AgeGroup, Indicator: m.Indicator, Value: m.Value, GGD: m.GGD, NL: m.NL, Members: 1, Missing: m.Missing}
		}
		r := buildReport(a, ms, sourcesFor([]string{g.Code}), generated)
		r.Round, r.Subject, r.Status, r.AccordOf = round, "gemeente", g.Status, g.Accords
		var mapRow *store.MeasureRow
		for i, m := range rs {
			me := m.Measure
			me.SourceName, me.AgeLabel = sourceName(m.Source), ageLabel(m.AgeGroup)
			me.Key = metricKey(round, m)
			r.Measures = append(r.Measures, me)
			if betterMapRow(mapRow, m, r.AgeGroup) {
				mapRow = &rs[i]
			}
		}
		if mapRow != nil {
			m, err := p.mapData(ctx, a, *mapRow, regions)
			if err != nil {
				return nil, err
			}
			r.Map = m
		}
		out = append(out, r)
	}
	return out, nil
}
