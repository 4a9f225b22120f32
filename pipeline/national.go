package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"time"

	"lpa/indicators"
	"lpa/reports"
)

// NationalResult is what ReportNational wrote.
type NationalResult struct {
	Round   time.Time
	Path    string            // the PDF, <dir>/landelijk-<round>.pdf
	Printed []reports.Printed // every number the PDF prints, with its source row
}

// nationalFileName is the national factsheet's file name for a round.
func nationalFileName(round time.Time) string {
	return "landelijk-" + round.Format(time.DateOnly) + ".pdf"
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

// ReportNational writes the national factsheet of a round (zero: the
// latest computed round) into dir as landelijk-<round>.pdf, atomically, and
// returns the numbers it printed.
func (p *Pipeline) ReportNational(ctx context.Context, dir string, round time.Time) (*NationalResult, error) {
	r, err := p.NationalValues(ctx, round)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	printed, err := reports.RenderNational(&buf, *r)
	if err != nil {
		return nil, err
	}
	name := nationalFileName(r.Round)
	if err := publish(dir, map[string][]byte{name: buf.Bytes()}); err != nil {
		return nil, fmt.Errorf("write the national report to %s: %w", dir, err)
	}
	return &NationalResult{Round: r.Round, Path: filepath.Join(dir, name), Printed: printed}, nil
}
