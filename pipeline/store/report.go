package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"lpa/indicators"
	"lpa/reports"
)

// MeasureRow is one population metric of a round as the reports use it.
type MeasureRow struct {
	reports.Measure
	AccordID  string
	UnitLevel string // akkoord | gemeente
	UnitCode  string
	Division  int
	AgeGroup  string // StatLine code
	NPACore   bool
	SortOrder int
	Missing   int // members without a value
}

// RoundData is everything the reports of one round show, read in one go
// for the whole burst; the maps are keyed by accord id.
type RoundData struct {
	Measures  map[string][]MeasureRow
	Goals     map[string][]reports.Goal
	TripleAim map[string][]reports.TripleAimRow
	Process   map[string]*reports.Process
	Projects  map[string][]reports.ProjectTheme
	Effects   map[string][]reports.Effect
	Changes   map[string][]reports.Change
	PrevRound time.Time
}

func nullValue(v sql.NullFloat64, status string) indicators.Value {
	return indicators.Value{V: v.Float64, Status: indicators.Status(status)}
}

func optFloat(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	x := v.Float64
	return &x
}

func optInt(v sql.NullInt64) *int {
	if !v.Valid {
		return nil
	}
	x := int(v.Int64)
	return &x
}

// ReportData reads every value the reports of round show. It is one long
// function on purpose: a table of one query and its scan per section,
// read top to bottom in the order of the report.
func (s *DB) ReportData(ctx context.Context, round time.Time) (*RoundData, error) {
	day := time.Date(round.Year(), round.Month(), round.Day(), 0, 0, 0, 0, time.UTC)
	d := &RoundData{Measures: map[string][]MeasureRow{}, Goals: map[string][]reports.Goal{},
		TripleAim: map[string][]reports.TripleAimRow{}, Process: map[string]*reports.Process{},
		Projects: map[string][]reports.ProjectTheme{}, Effects: map[string][]reports.Effect{}, Changes: map[string][]reports.Change{}}
	args := []any{day}
	steps := []struct {
		q    string
		scan func(*sql.Rows) error
	}{
		{stmt("query/report_measures.sql"), func(r *sql.Rows) error {
			var m MeasureRow
			var v, lo, hi, g, n sql.NullFloat64
			var vs, gs, ns string
			if err := r.Scan(&m.AccordID, &m.UnitLevel, &m.UnitCode, &m.Source, &m.Division, &m.Period, &m.AgeGroup, &m.Sex,
				&m.Indicator, &m.Label, &m.Unit, &m.Theme, &m.Direction, &m.NPACore, &m.SortOrder,
				&v, &vs, &lo, &hi, &g, &gs, &n, &ns, &m.VerdictGGD, &m.VerdictNL, &m.Missing); err != nil {
				return err
			}
			m.Value, m.GGD, m.NL = nullValue(v, vs), nullValue(g, gs), nullValue(n, ns)
			if lo.Valid && hi.Valid {
				m.CILow, m.CIHigh, m.HasCI = lo.Float64, hi.Float64, true
			}
			d.Measures[m.AccordID] = append(d.Measures[m.AccordID], m)
			return nil
		}},
		{stmt("query/report_goals.sql"), func(r *sql.Rows) error {
			var id string
			var g reports.Goal
			var base, latest, target, proj, prog sql.NullFloat64
			if err := r.Scan(&id, &g.Kind, &g.Text, &g.Label, &g.Unit, &g.BaselinePeriod, &base, &g.LatestPeriod, &latest,
				&target, &g.Deadline, &proj, &prog, &g.Verdict, &g.Reason, &g.ExampleData); err != nil {
				return err
			}
			g.Baseline, g.Latest, g.Target, g.Projected, g.Progress = optFloat(base), optFloat(latest), optFloat(target), optFloat(proj), optFloat(prog)
			d.Goals[id] = append(d.Goals[id], g)
			return nil
		}},
		{stmt("query/report_triple_aim.sql"), func(r *sql.Rows) error {
			var id, status string
			var t reports.TripleAimRow
			var v, n sql.NullFloat64
			if err := r.Scan(&id, &t.Dimension, &t.Indicator, &t.Label, &t.Unit, &t.Period, &v, &status, &n, &t.Verdict, &t.Proxy); err != nil {
				return err
			}
			t.Value = nullValue(v, status)
			t.NL = indicators.Value{V: n.Float64, Status: indicators.Measured}
			if !n.Valid {
				t.NL.Status = ""
			}
			d.TripleAim[id] = append(d.TripleAim[id], t)
			return nil
		}},
		{stmt("query/report_process.sql"), func(r *sql.Rows) error {
			var id, notMet, programmes string
			var p reports.Process
			var active sql.NullFloat64
			var meetings, residents sql.NullInt64
			if err := r.Scan(&id, &p.Parties, &p.LastQuarter, &active, &meetings, &residents, &p.UitgangspuntenN,
				&p.UitgangspuntenOK, &notMet, &p.Goals, &p.WithDeadline, &p.WithOwner, &programmes, &p.ExampleData); err != nil {
				return err
			}
			p.ShareActive, p.Meetings, p.Residents = optFloat(active), optInt(meetings), optInt(residents)
			p.NotMet = splitList(notMet)
			p.Programmes = splitList(programmes)
			d.Process[id] = &p
			return nil
		}},
		{stmt("query/report_process_details.sql"), func(r *sql.Rows) error {
			var id, measure, item string
			var count int
			var share, planned, spent float64
			if err := r.Scan(&id, &measure, &item, &count, &share, &planned, &spent); err != nil {
				return err
			}
			p := d.Process[id]
			if p == nil {
				return nil
			}
			switch measure {
			case "partijen_per_sector":
				p.Sectors = append(p.Sectors, reports.Share{Item: item, Count: count, Share: share})
			case "budget_per_regel":
				p.Budget = append(p.Budget, reports.BudgetLine{Line: item, Planned: planned, Spent: spent})
			}
			return nil
		}},
		{stmt("query/report_projects.sql"), func(r *sql.Rows) error {
			var id string
			var t reports.ProjectTheme
			if err := r.Scan(&id, &t.Theme, &t.NPATheme, &t.Interventions, &t.Recognised, &t.RecognitionKnown,
				&t.Planned, &t.Reached, &t.Goals, &t.Gap, &t.ExampleData); err != nil {
				return err
			}
			d.Projects[id] = append(d.Projects[id], t)
			return nil
		}},
		{stmt("query/report_effects.sql"), func(r *sql.Rows) error {
			var id string
			var e reports.Effect
			if err := r.Scan(&id, &e.Label, &e.Unit, &e.From, &e.To, &e.Treated, &e.Control, &e.DiD, &e.CILow, &e.CIHigh,
				&e.Controls, &e.Verdict, &e.Status); err != nil {
				return err
			}
			d.Effects[id] = append(d.Effects[id], e)
			return nil
		}},
		{stmt("query/report_changes.sql"), func(r *sql.Rows) error {
			var id string
			var prev sql.NullTime
			var c reports.Change
			if err := r.Scan(&id, &prev, &c.Kind, &c.Item, &c.Detail); err != nil {
				return err
			}
			if prev.Valid {
				d.PrevRound = prev.Time
			}
			d.Changes[id] = append(d.Changes[id], c)
			return nil
		}},
	}
	for _, st := range steps {
		if err := s.scanAll(ctx, st.q, args, st.scan); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// splitList reads a list the metric SQL wrote as "a, b, c".
func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// MapValues are the published values of one indicator for every gemeente
// of a division, keyed by gemeente code.
func (s *DB) MapValues(ctx context.Context, source string, division, period int, ageGroup, indicator string) (map[string]indicators.Value, error) {
	out := map[string]indicators.Value{}
	err := s.scanAll(ctx, stmt("query/report_map_values.sql"), []any{source, division, period, ageGroup, indicator}, func(r *sql.Rows) error {
		var code, status string
		var v sql.NullFloat64
		if err := r.Scan(&code, &v, &status); err != nil {
			return err
		}
		out[code] = nullValue(v, status)
		return nil
	})
	return out, err
}

// RegionGemeenten lists the gemeenten of each GGD region of a division.
func (s *DB) RegionGemeenten(ctx context.Context, division int) (map[string][]string, error) {
	out := map[string][]string{}
	err := s.scanAll(ctx, stmt("query/report_region_gemeenten.sql"), []any{division}, func(r *sql.Rows) error {
		var ggd, code string
		if err := r.Scan(&ggd, &code); err != nil {
			return err
		}
		out[ggd] = append(out[ggd], code)
		return nil
	})
	return out, err
}

// GemeenteInfo is one gemeente of the gemeente reports.
type GemeenteInfo struct {
	Division      int
	Code, Name    string
	Population    int64
	GGDCode       string
	GGDName       string
	Status        string // VNG status at the round, "" when unknown
	StatusExample bool   // the status is example data
	Accords       string // the accords it takes part in, "" for none
}

// Gemeenten lists the gemeenten of the newest division with inhabitants,
// for the gemeente reports of round.
func (s *DB) Gemeenten(ctx context.Context, round time.Time) ([]GemeenteInfo, error) {
	var out []GemeenteInfo
	err := s.scanAll(ctx, stmt("query/report_gemeenten.sql"), []any{round}, func(r *sql.Rows) error {
		var g GemeenteInfo
		if err := r.Scan(&g.Division, &g.Code, &g.Name, &g.Population, &g.GGDCode, &g.GGDName, &g.Status, &g.StatusExample, &g.Accords); err != nil {
			return err
		}
		out = append(out, g)
		return nil
	})
	return out, err
}
