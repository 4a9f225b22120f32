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
	p, err := e.open(ctx, pipeline.Warehouse{ReadOnly: true}, false)
	if err != nil {
		return err
	}
	defer p.Close()
	res, err := p.ReportNational(ctx, out, round)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "national factsheet of round %s: %s (%d numbers printed)\n", res.Round.Format(time.DateOnly), res.Path, len(res.Printed))
	return nil
}
