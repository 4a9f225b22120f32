// Command gen writes lpa's example data for the 14 accords of RIVM's factsheet
// of November 2020, deterministically (fixed seed): the `coding:` block of
// each examples/accords/*.yaml, the VNG status of 1 November 2020
// (examples/status), and filled-in process and project templates
// (examples/proces, examples/project). Everything it writes is example data
// and marked so. The counts over the 14 accords are those of the factsheet;
// which accord has which coding is invented (RIVM did not publish it). See
// examples/accords/README.md for the counts and how they were chosen.
//
//	go run ./examples/gen            # from the repository root
//	go run ./examples/gen -root DIR  # read and write DIR instead of examples
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	root := flag.String("root", "examples", "the examples folder to read (accords, data) and write")
	out := flag.String("out", "", "write to this folder instead of -root (for comparing)")
	flag.Parse()
	dst := *out
	if dst == "" {
		dst = *root
	}
	files, err := generate(*root)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
	if err := files.write(dst); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
	for _, f := range files {
		fmt.Printf("wrote %s/%s (%d bytes)\n", dst, f.path, len(f.data))
	}
}
