package pipeline

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"lpa/indicators"
	"lpa/pipeline/query"
	"lpa/pipeline/store"
	"lpa/pipeline/web"
	"lpa/reports"
)

// Dashboard is what lpa serve's web side reads: the report values of the
// latest round (built once per change of the warehouse), the national
// figures, the runs and loads, and the service's jobs.
type Dashboard struct {
	p   *Pipeline
	svc *Service

	mu      sync.Mutex
	changed time.Time // the warehouse's last change the cache belongs to
	values  *ReportValues
}

var _ web.Source = (*Dashboard)(nil)

// NewDashboard returns the dashboard source of a pipeline and its service
// (nil: no scheduled jobs).
func NewDashboard(p *Pipeline, svc *Service) *Dashboard { return &Dashboard{p: p, svc: svc} }

// SQL returns sessions of the guarded read path with lim.
func (d *Dashboard) SQL(lim query.Limits) web.SQL {
	return func(f query.Format) *query.Session { return d.p.Session(lim, f) }
}

// all is every report value of the latest round, rebuilt when the
// warehouse changed.
func (d *Dashboard) all(ctx context.Context) (*ReportValues, error) {
	changed, err := d.p.db.LastChange(ctx)
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.values != nil && d.changed.Equal(changed) {
		return d.values, nil
	}
	v, err := d.p.Values(ctx, ReportOptions{Gemeenten: true})
	if err != nil {
		return nil, err
	}
	d.values, d.changed = v, changed
	return v, nil
}

// Values implements web.Source.
func (d *Dashboard) Values(ctx context.Context, only []string, _ bool) (time.Time, []reports.Report, []reports.Report, error) {
	v, err := d.all(ctx)
	if err != nil {
		return time.Time{}, nil, nil, err
	}
	if len(only) == 0 {
		return v.Round, v.Accords, v.Gemeenten, nil
	}
	var acc, gem []reports.Report
	for _, id := range only {
		for _, r := range v.Accords {
			if r.Accord.ID == id {
				acc = append(acc, r)
			}
		}
		for _, r := range v.Gemeenten {
			if strings.EqualFold(r.Accord.ID, id) {
				gem = append(gem, r)
			}
		}
	}
	if len(acc)+len(gem) == 0 {
		return v.Round, nil, nil, ErrUnknownAccord
	}
	return v.Round, acc, gem, nil
}

// National implements web.Source.
func (d *Dashboard) National(ctx context.Context) (web.National, error) {
	round, err := d.p.resolveRound(ctx, time.Time{})
	if err != nil {
		return web.National{}, err
	}
	figs, err := d.p.db.National(ctx, round)
	if err != nil {
		return web.National{}, err
	}
	status, err := d.p.db.StatusAt(ctx, round)
	if err != nil {
		return web.National{}, err
	}
	n := web.National{Round: round, Status: map[string]string{}, Counts: map[string]int{}, Division: 2020}
	for _, f := range figs {
		n.Figures = append(n.Figures, web.Figure{Section: f.Section, Item: f.Item, Label: figureLabel(f),
			Count: f.Count, Base: f.Base, Pct: f.Pct, Value: f.Value})
		n.Example = n.Example || f.ExampleData
	}
	for _, s := range status {
		n.Status[s.Code] = s.Status
		n.Counts[s.Status]++
		n.Division = s.Division
		n.Example = n.Example || s.ExampleData
	}
	return n, nil
}

// figureLabel is the Dutch words of a factsheet figure.
func figureLabel(f store.Figure) string {
	for _, v := range []indicators.Vocabulary{indicators.NPAThemes, indicators.Themes, indicators.Sectors, indicators.Programmes} {
		if l := v.Label(f.Item); l != f.Item {
			if f.Detail != "" {
				return l + ": " + strings.ReplaceAll(f.Detail, "_", " ")
			}
			return l
		}
	}
	s := strings.ReplaceAll(f.Item, "_", " ")
	if f.Detail != "" {
		s += ": " + strings.ReplaceAll(f.Detail, "_", " ")
	}
	return s
}

// Runs implements web.Source.
func (d *Dashboard) Runs(ctx context.Context, n int) ([]web.Run, error) {
	rs, err := d.p.db.Runs(ctx, n)
	if err != nil {
		return nil, err
	}
	out := make([]web.Run, len(rs))
	for i, r := range rs {
		out[i] = web.Run(r)
	}
	return out, nil
}

// Loads implements web.Source.
func (d *Dashboard) Loads(ctx context.Context, n int) ([]web.Load, error) {
	ls, err := d.p.db.Loads(ctx, n)
	if err != nil {
		return nil, err
	}
	out := make([]web.Load, len(ls))
	for i, l := range ls {
		out[i] = web.Load(l)
	}
	return out, nil
}

// Stats implements web.Source.
func (d *Dashboard) Stats(ctx context.Context) (web.Stats, error) {
	rs, rows, err := d.p.db.RunStats(ctx)
	if err != nil {
		return web.Stats{}, err
	}
	st := web.Stats{RowsLoaded: rows}
	for _, r := range rs {
		st.Runs = append(st.Runs, web.RunStat(r))
	}
	return st, nil
}

// NextRuns implements web.Source.
func (d *Dashboard) NextRuns() map[string]time.Time {
	if d.svc == nil {
		return nil
	}
	return d.svc.NextRuns()
}

// Jobs implements web.Source.
func (d *Dashboard) Jobs() []string {
	if d.svc == nil {
		return nil
	}
	return slices.Clone(d.svc.JobNames())
}

// RunNow implements web.Source.
func (d *Dashboard) RunNow(job string) error {
	if d.svc == nil {
		return ErrUnknownJob
	}
	return d.svc.RunNow(job)
}

// Healthy implements web.Source.
func (d *Dashboard) Healthy(ctx context.Context) error {
	_, err := d.p.db.LastChange(ctx)
	return err
}
