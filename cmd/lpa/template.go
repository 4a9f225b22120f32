package main

import (
	"context"
	"fmt"

	"lpa/pipeline"
)

// defaultTemplateDir is where `lpa template` writes without --out.
const defaultTemplateDir = "out/sjablonen"

// cmdTemplate writes the blank process and project templates.
func (e *env) cmdTemplate(_ context.Context, args []string) error {
	fs := newFlagSet("template")
	out := fs.String("out", defaultTemplateDir, "write the templates into `DIR`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return noArgs(fs)
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
