package reports

import "io"

// Printed is one number as a report prints it: where it stands, what it
// says, and the row of the public view it comes from. Renderers collect
// them; the pipeline writes them to the view report_figures, so that every
// printed number can be followed to its source row (lineage).
type Printed struct {
	Page     int     // 1-based page of the PDF
	FigureID string  // the block it stands in: "kerncijfers", "figuur_2", "tabel_1", "indicatoren", …
	Label    string  // what the number is, in Dutch, as printed beside it
	Text     string  // the text printed, e.g. "79,7 %" or "14"
	Value    float64 // the number behind the text, unrounded
	View     string  // the public view the number comes from, e.g. "national_evaluation"
	Key      string  // the row's key in that view, as column=value pairs joined by "; "
}

// recordFigure notes a number as printed on the current page.
func (d *document) recordFigure(figureID, label, text string, value float64, view, key string) {
	if key == "" {
		return // a value the pipeline gave no source row for
	}
	d.printed = append(d.printed, Printed{Page: d.pdf.PageNo(), FigureID: figureID, Label: label, Text: text,
		Value: value, View: view, Key: key})
}

// RenderPrinted renders r as Render does and returns the numbers it printed.
func RenderPrinted(w io.Writer, r Report) ([]Printed, error) {
	d, err := renderDoc(w, r)
	if err != nil {
		return nil, err
	}
	return d.printed, nil
}
