package main

import (
	"context"
	"fmt"
	"time"

	"lpa/pipeline"
)

// cmdReissue writes the next version of every issued report of a round
// whose data changed since it was issued.
func (e *env) cmdReissue(ctx context.Context, args []string) error {
	fs := newFlagSet("reissue")
	out := fs.String("out", defaultOutDir, "write the new versions into `DIR`")
	roundFlag := fs.String("round", "", "the round `DATE` (YYYY-MM-DD; default the latest computed)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return noArgs(fs)
	}
	var round time.Time
	if *roundFlag != "" {
		var err error
		if round, err = parseRound(*roundFlag, e.now()); err != nil {
			return err
		}
	}
	p, err := e.open(ctx, pipeline.Warehouse{}, false)
	if err != nil {
		return err
	}
	defer p.Close()
	res, err := p.Reissue(ctx, *out, round)
	if err != nil {
		return err
	}
	if n := res.National; n != nil {
		if n.Path == "" {
			fmt.Fprintf(e.stdout, "the national factsheet of round %s did not change since its last issue\n", n.Round.Format(time.DateOnly))
		} else {
			fmt.Fprintf(e.stdout, "re-issued the national factsheet of round %s as version %d: %s\n", n.Round.Format(time.DateOnly), n.Version, n.Path)
		}
	}
	return nil
}
