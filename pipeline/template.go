package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"lpa/indicators"
	"lpa/indicators/templates"
	"lpa/pipeline/store"
)

// checkReferences refuses template rows that name an accord or intervention
// lpa does not know. Known are the accords in the warehouse and in the
// registry files of the same load, and the interventions in the warehouse
// and in the project templates of the same load; a template may therefore
// be loaded together with, or after, the registry it refers to.
func (p *Pipeline) checkReferences(ctx context.Context, files []store.LoadFile, errs []error) error {
	need := false
	for i, f := range files {
		if errs[i] == nil && f.Parsed != nil && f.Parsed.Template != nil {
			need = true
		}
	}
	if !need {
		return nil
	}
	accords, err := p.db.AccordIDs(ctx)
	if err != nil {
		return err
	}
	interventions, err := p.db.InterventionKeys(ctx)
	if err != nil {
		return err
	}
	for i, f := range files {
		if errs[i] != nil || f.Parsed == nil {
			continue
		}
		if a := f.Parsed.Accord; a != nil {
			accords[a.ID] = true
		}
		if t := f.Parsed.Template; t != nil {
			for _, iv := range t.Interventions {
				interventions[iv.AccordID+"/"+iv.ID] = true
			}
		}
	}
	for i, f := range files {
		if errs[i] == nil && f.Parsed != nil && f.Parsed.Template != nil {
			errs[i] = f.Parsed.Template.CheckReferences(accords, interventions)
		}
	}
	return nil
}

// Template files written by WriteTemplates.
const (
	TemplateReadme = "LEESMIJ.txt"
)

// WriteTemplates writes the blank process and project templates to dir:
// proces.xlsx and project.xlsx (with an Instructies sheet), one CSV per
// table, and the instructions as LEESMIJ.txt (in Dutch). It returns the
// paths written. Files already there are overwritten.
func WriteTemplates(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var out []string
	write := func(name string, b []byte) error {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return err
		}
		out = append(out, path)
		return nil
	}
	for _, wb := range []string{indicators.WorkbookProcess, indicators.WorkbookProject} {
		var buf bytes.Buffer
		if err := templates.WriteWorkbook(&buf, wb, nil); err != nil {
			return nil, fmt.Errorf("template %s: %w", wb, err)
		}
		if err := write(wb+".xlsx", buf.Bytes()); err != nil {
			return nil, err
		}
	}
	for _, t := range templates.Tables {
		var buf bytes.Buffer
		if err := templates.WriteCSV(&buf, t.Kind, nil); err != nil {
			return nil, err
		}
		if err := write(t.File, buf.Bytes()); err != nil {
			return nil, err
		}
	}
	if err := write(TemplateReadme, []byte(templates.Instructions())); err != nil {
		return nil, err
	}
	return out, nil
}
