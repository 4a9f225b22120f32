// Package pipeline runs lpa's stages over one warehouse: load (parse,
// validate, write atomically), compute (metric SQL) and report (one PDF per
// accord). Each stage is a method taking a context, so the scheduler of a
// later release can run them as a job graph.
package pipeline

import (
	"context"
	"log/slog"
	"time"

	"lpa/pipeline/store"
)

// Progress receives load progress. Implementations must be safe for
// concurrent use: files are parsed in parallel.
type Progress interface {
	Start(files int, bytes int64)
	Parsed(path string, bytes int64, err error)
	Done()
}

// Config holds a pipeline's dependencies.
type Config struct {
	DB       *store.DB // required
	Logger   *slog.Logger
	Now      func() time.Time // the clock; time.Now when nil
	Progress Progress         // nil: no progress output
}

// Pipeline runs stages against one warehouse.
type Pipeline struct {
	db       *store.DB
	log      *slog.Logger
	now      func() time.Time
	progress Progress
}

// New returns a pipeline; nil fields of cfg get defaults.
func New(cfg Config) *Pipeline {
	p := &Pipeline{db: cfg.DB, log: cfg.Logger, now: cfg.Now, progress: cfg.Progress}
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
func (noProgress) Done()                       {}

// Compute fills accord_metrics and returns the number of rows.
func (p *Pipeline) Compute(ctx context.Context) (int64, error) {
	start := p.now()
	n, err := p.db.ComputeAccordMetrics(ctx, start)
	if err != nil {
		return 0, err
	}
	p.log.Info("metric computed", "metric", "accord_metrics", "rows", n, "took", p.now().Sub(start))
	return n, nil
}
