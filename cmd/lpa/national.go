package main

import (
	"context"
	"fmt"
	"time"

	"lpa/pipeline"
)

// reportNational writes the national factsheet of round (zero: the latest
// computed round) into out.
func (e *env) reportNational(ctx context.Context, out string, round time.Time) error {
	res, err := e.job(ctx, pipeline.Job{National: true, Round: round, OutDir: out})
	if err != nil {
		return err
	}
	n := res.National
	switch {
	case !n.New:
		fmt.Fprintf(e.stdout, "the national factsheet of round %s is unchanged since its last issue: %s\n", n.Round.Format(time.DateOnly), n.Path)
	case n.Version > 1:
		fmt.Fprintf(e.stdout, "national factsheet of round %s, version %d (its data changed since the last issue): %s (%d numbers printed)\n",
			n.Round.Format(time.DateOnly), n.Version, n.Path, len(n.Printed))
	default:
		fmt.Fprintf(e.stdout, "national factsheet of round %s: %s (%d numbers printed)\n", n.Round.Format(time.DateOnly), n.Path, len(n.Printed))
	}
	return nil
}
