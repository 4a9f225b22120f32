// Package pipeline runs lpa's stages over one warehouse: load (parse,
// validate, write atomically), compute (metric SQL) and report (one PDF per
// accord). Each stage is a method taking a context, so the scheduler of a
// later release can run them as a job graph.
package pipeline

import (
	"context"
	"log/slog"
	"time"

	"lpa/indicators"
	"lpa/pipeline/store"
)

// Progress receives load progress. Implementations must be safe for
// concurrent use: files are parsed in parallel.
type Progress interface {
	Start(files int, bytes int64)
	Parsed(path string, bytes int64, err error)
	Done(err error) // err: the load's outcome; nil when it was written
}

// Config holds a pipeline's dependencies.
type Config struct {
	DB       *store.DB // required
	Logger   *slog.Logger
	Now      func() time.Time // the clock; time.Now when nil
	Progress Progress         // nil: no progress output
	Version  string           // lpa's version, recorded with each round
	// Limits bound what one source file may cost to read (zero fields:
	// indicators.DefaultLimits).
	Limits indicators.Limits
	// Replace lets a load replace most of a slice (lpa load --replace);
	// Correct makes statistics files corrections of the regions they hold
	// (--correct). See store.LoadOptions.
	Replace, Correct bool
}

// Pipeline runs stages against one warehouse.
type Pipeline struct {
	db       *store.DB
	log      *slog.Logger
	now      func() time.Time
	progress Progress
	version  string
	limits   indicators.Limits
	loadOpt  store.LoadOptions
}

// New returns a pipeline; nil fields of cfg get defaults.
func New(cfg Config) *Pipeline {
	p := &Pipeline{db: cfg.DB, log: cfg.Logger, now: cfg.Now, progress: cfg.Progress, version: cfg.Version, limits: cfg.Limits,
		loadOpt: store.LoadOptions{Replace: cfg.Replace, Correct: cfg.Correct}}
	if p.log == nil {
		p.log = slog.New(slog.DiscardHandler)
	}
	if p.now == nil {
		p.now = time.Now
	}
	if p.progress == nil {
		p.progress = noProgress{}
	}
	return p
}

type noProgress struct{}

func (noProgress) Start(int, int64)            {}
func (noProgress) Parsed(string, int64, error) {}
func (noProgress) Done(error)                  {}

// Compute computes every metric as of the peildatum round (see
// store.ComputeRound) and returns the rows per metric.
func (p *Pipeline) Compute(ctx context.Context, round time.Time) ([]store.MetricCount, error) {
	start := p.now()
	counts, err := p.db.ComputeRound(ctx, round, start, p.version)
	if err != nil {
		return nil, err
	}
	for _, c := range counts {
		p.log.Info("metric computed", "metric", c.Metric, "round", round.Format(time.DateOnly), "rows", c.Rows)
	}
	p.log.Info("round computed", "round", round.Format(time.DateOnly), "took", p.now().Sub(start))
	return counts, nil
}

// Today is the date of now in Europe/Amsterdam: the default round.
func Today(now time.Time) time.Time {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err == nil {
		now = now.In(loc)
	}
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
}
