package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"lpa/indicators"
	"lpa/pipeline/store"
	"lpa/reports"
)

// NationalResult is what ReportNational wrote.
type NationalResult struct {
	Round       time.Time
	Path        string // the PDF, <dir>/landelijk-<round>.pdf (-v2.pdf, ...); "": not written (lpa reissue, unchanged)
	Version     int    // the issue it is
	New         bool   // a new version was recorded
	Fingerprint string
	Printed     []reports.Printed // every number the PDF prints, with its source row
}

// NationalValues builds the national factsheet of a round (zero: the
// latest computed round) from the public views: national_evaluation,
// accord_status, accord_monitoring, project_interventions, observations and
// accord_effects, and national_evaluation of the previous computed round.
func (p *Pipeline) NationalValues(ctx context.Context, round time.Time) (*reports.NationalReport, error) {
	round, err := p.resolveRound(ctx, round)
	if err != nil {
		return nil, err
	}
	r := &reports.NationalReport{Round: round, Division: round.Year(), Status: map[string]string{},
		ThemeExamples: map[string][]string{},
		// Dated by the round, as the accord reports: the same warehouse and
		// round give the same bytes.
		Generated: time.Date(round.Year(), round.Month(), round.Day(), 12, 0, 0, 0, indicators.Amsterdam)}
	figs, err := p.db.National(ctx, round)
	if err != nil {
		return nil, err
	}
	for _, f := range figs {
		r.Figures = append(r.Figures, reports.NationalFigure(f))
		r.ExampleData = r.ExampleData || f.ExampleData
	}
	status, err := p.db.StatusAt(ctx, round)
	if err != nil {
		return nil, err
	}
	for _, s := range status {
		r.Status[s.Code], r.Division = s.Status, s.Division
		r.ExampleData = r.ExampleData || s.ExampleData
	}
	if r.Monitoring, err = p.db.NationalMonitoring(ctx, round); err != nil {
		return nil, err
	}
	examples, err := p.db.NationalThemeExamples(ctx, round)
	if err != nil {
		return nil, err
	}
	for _, e := range examples {
		r.ThemeExamples[e.Theme] = append(r.ThemeExamples[e.Theme], e.Name)
		r.ExampleData = r.ExampleData || e.ExampleData
	}
	if r.Indicators, err = p.db.NationalIndicators(ctx, round); err != nil {
		return nil, err
	}
	rounds, err := p.db.Rounds(ctx)
	if err != nil {
		return nil, err
	}
	for _, x := range rounds {
		if x.Round.Before(round) && x.Round.After(r.PrevRound) {
			r.PrevRound = x.Round
		}
	}
	if !r.PrevRound.IsZero() {
		prev, err := p.db.National(ctx, r.PrevRound)
		if err != nil {
			return nil, err
		}
		for _, f := range prev {
			r.PrevFigures = append(r.PrevFigures, reports.NationalFigure(f))
		}
	}
	loads, err := p.db.ActiveLoads(ctx)
	if err != nil {
		return nil, err
	}
	r.Sources = reportSources(loads)
	return r, nil
}

// ReportNational issues the national factsheet of a round (zero: the
// latest computed round) into dir: as landelijk-<round>.pdf when it was
// never issued, as its next version (landelijk-<round>-v2.pdf, opening with
// the figures that changed) when its data changed since its last issue,
// and not again when nothing changed. The PDF is written atomically and
// recorded in report_issues with every number it prints (report_figures).
func (p *Pipeline) ReportNational(ctx context.Context, dir string, round time.Time) (*NationalResult, error) {
	return p.reportNational(ctx, dir, round, false)
}

// reportNational is ReportNational; onlyNew writes nothing unless the
// factsheet was issued before and its data changed since (lpa reissue).
func (p *Pipeline) reportNational(ctx context.Context, dir string, round time.Time, onlyNew bool) (*NationalResult, error) {
	r, err := p.NationalValues(ctx, round)
	if err != nil {
		return nil, err
	}
	latest, err := p.db.LatestIssues(ctx, r.Round)
	if err != nil {
		return nil, err
	}
	o, err := p.issue(ctx, nationalDoc{*r}, latest)
	if err != nil {
		return nil, err
	}
	res := &NationalResult{Round: r.Round, Printed: o.figures, Version: o.issue.Version, Fingerprint: o.issue.Fingerprint}
	if onlyNew && (!o.isNew || o.issue.Version == 1) {
		return res, nil
	}
	if err := publish(dir, map[string][]byte{o.issue.FileName: o.pdf}); err != nil {
		return nil, fmt.Errorf("write the national report to %s: %w", dir, err)
	}
	res.Path = filepath.Join(dir, o.issue.FileName)
	if o.isNew {
		o.issue.IssuedAt = p.now()
		res.New = true
		if err := p.db.RecordIssues(ctx, []store.Issue{o.issue}); err != nil {
			return nil, err
		}
	}
	return res, nil
}
