package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"lpa/pipeline"
)

// defaultTemplateDir is where `lpa template` writes without --out.
const defaultTemplateDir = "out/sjablonen"

// cmdTemplate writes the blank process and project templates.
func (e *env) cmdTemplate(_ context.Context, args []string) error {
	fs := flag.NewFlagSet("template", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("out", defaultTemplateDir, "")
	if err := parseFlags(fs, args); err != nil {
		return usageError{fmt.Sprintf("%v (usage: lpa template [--out DIR])", err)}
	}
	if fs.NArg() > 0 {
		return usageError{"template takes no arguments (usage: lpa template [--out DIR])"}
	}
	paths, err := pipeline.WriteTemplates(*out)
	if err != nil {
		return err
	}
	for _, p := range paths {
		fmt.Fprintf(e.stdout, "wrote %s\n", p)
	}
	fmt.Fprintf(e.stdout, "fill in proces.xlsx and project.xlsx (or the CSV files) and load them with: lpa load %s/proces.xlsx %s/project.xlsx\n", *out, *out)
	return nil
}
