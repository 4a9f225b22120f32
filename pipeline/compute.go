package pipeline

import (
	"context"
	"time"
)

// Compute computes every metric as of the peildatum round (see
// store.ComputeRound) and returns the rows per metric.
func (p *Pipeline) Compute(ctx context.Context, round time.Time) ([]MetricCount, error) {
	start := p.now()
	counts, err := p.db.ComputeRound(ctx, round, start, p.version,
		func(done, total int) { p.events.Step(StageCompute, done, total) })
	if err != nil {
		return nil, err
	}
	for _, c := range counts {
		p.log.Info("metric computed", "metric", c.Metric, "round", round.Format(time.DateOnly), "rows", c.Rows)
	}
	took := p.now().Sub(start)
	p.log.Info("round computed", "round", round.Format(time.DateOnly), "took", took)
	p.events.Computed(round, counts, took)
	return counts, nil
}
