// Command gen writes a synthetic data set in the layouts lpa loads, at a
// multiple of today's real volume (../shared/data): the same seed and
// factor give the same bytes. See scripts/scale/synth.
//
//	go run ./scripts/scale/gen -factor 3 -out /tmp/lpa-3x
//	lpa --db /tmp/w.duckdb load /tmp/lpa-3x
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"

	"lpa/scripts/scale/synth"
)

func main() {
	factor := flag.Float64("factor", 1, "the volume against today's real data (1, 3, 10; below 1: a small set for tests)")
	out := flag.String("out", "", "the folder to write (new or empty; required)")
	seed := flag.Uint64("seed", 1, "the seed of the values")
	noRegistry := flag.Bool("no-registry", false, "leave out the example accords, VNG status, process and project data")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./scripts/scale/gen -factor F -out DIR [-seed N] [-no-registry]")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	s, err := synth.Generate(ctx, *out, synth.Options{Factor: *factor, Seed: *seed, NoRegistry: *noRegistry})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	var bytes int64
	for _, f := range s.Files {
		bytes += f.Bytes
	}
	fmt.Printf("%s: %d files, %.1f MB, %d rows for lpa (factor %g, seed %d) in %s\n",
		*out, len(s.Files), float64(bytes)/1e6, s.Cells, s.Factor, s.Seed, time.Since(start).Round(time.Millisecond))
	fmt.Printf("50090NED %d editions, Vektis %d years, 50140NED %d editions\n",
		len(s.Plan.Editions50090), len(s.Plan.VektisYears), len(s.Plan.Editions50140))
}
