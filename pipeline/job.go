package pipeline

import (
	"context"
	"time"
)

// Job is one run of lpa's work. Each stage runs when asked for, in the
// order load → compute → report; a stage that fails stops the ones after it.
type Job struct {
	// Load: the sources to load (nil: no load stage).
	Load []Source
	// Examples: Load is the bundled example data, which is loaded only
	// into a warehouse that holds no loads of other files: over the
	// user's own data it would replace their rows with example rows.
	Examples bool
	// Compute the round Round.
	Compute bool
	// Report: write the PDFs of Round into OutDir (only the accords in
	// Only, when given).
	Report bool
	// Round is the peildatum. Zero: today (compute), or the latest
	// computed round (report alone).
	Round  time.Time
	OutDir string
	Only   []string // accord ids and gemeente codes (GM0363)
	// Gemeenten: a report per gemeente of the newest division too, in
	// OutDir/gemeenten.
	Gemeenten bool
	// National: issue the national factsheet of the round into OutDir
	// too (alone when Report is false).
	National bool
}

// JobResult is what the stages of a job did.
type JobResult struct {
	Load *LoadResult
	// ExamplesLeftOut: Job.Examples, and the warehouse holds loads of
	// other files, so nothing was loaded.
	ExamplesLeftOut bool
	Round           time.Time
	Metrics         []MetricCount
	Report          *ReportResult
	National        *NationalResult
}

// Events receives what a job does while it runs. FileParsed is called from
// several goroutines at once: implementations must be safe for concurrent
// use. Embed NoEvents to listen to some only.
type Events interface {
	LoadStarted(files int, bytes int64)
	FileParsed(path string, bytes int64, err error)
	// LoadFinished: res on success; err when the load was refused or
	// failed (nothing was written).
	LoadFinished(res *LoadResult, err error)
	Computed(round time.Time, counts []MetricCount, took time.Duration)
	ReportsWritten(res *ReportResult, took time.Duration)
	// Step: done of total steps of a stage (StageCompute: metrics,
	// StageReport: reports rendered) are through. Report steps come from
	// parallel workers, one call at a time.
	Step(stage string, done, total int)
}

// Stages that report their steps.
const (
	StageCompute = "compute"
	StageReport  = "report"
)

// NoEvents listens to nothing.
type NoEvents struct{}

func (NoEvents) LoadStarted(int, int64)                           {}
func (NoEvents) FileParsed(string, int64, error)                  {}
func (NoEvents) LoadFinished(*LoadResult, error)                  {}
func (NoEvents) Computed(time.Time, []MetricCount, time.Duration) {}
func (NoEvents) ReportsWritten(*ReportResult, time.Duration)      {}
func (NoEvents) Step(string, int, int)                            {}

// Run runs the stages of j: the one job function of lpa, for the command
// line and the scheduler alike.
func (p *Pipeline) Run(ctx context.Context, j Job) (*JobResult, error) {
	res := &JobResult{}
	if !j.Round.IsZero() {
		res.Round = Day(j.Round)
	}
	if j.Load != nil && j.Examples {
		own, err := p.db.OwnLoads(ctx)
		if err != nil {
			return res, err
		}
		res.ExamplesLeftOut = own > 0
	}
	if j.Load != nil && !res.ExamplesLeftOut {
		lr, err := p.Load(ctx, j.Load)
		if err != nil {
			return res, err
		}
		res.Load = lr
	}
	if j.Compute {
		if res.Round.IsZero() {
			res.Round = Today(p.now())
		}
		counts, err := p.Compute(ctx, res.Round)
		if err != nil {
			return res, err
		}
		res.Metrics = counts
	}
	if j.Report {
		rr, err := p.ReportWith(ctx, ReportOptions{Dir: j.OutDir, Only: j.Only, Round: res.Round, Gemeenten: j.Gemeenten})
		if err != nil {
			return res, err
		}
		res.Report, res.Round = rr, rr.Round
	}
	if j.National {
		nr, err := p.ReportNational(ctx, j.OutDir, res.Round)
		if err != nil {
			return res, err
		}
		res.National, res.Round = nr, nr.Round
	}
	return res, nil
}
