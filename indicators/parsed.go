package indicators

// Parsed is the content of one source file, validated: what a parser of
// the source packages returns. Exactly one of Dataset, Regions, Accord,
// Status, Template and CareCosts is set.
type Parsed struct {
	Kind    Kind
	Dataset *Dataset
	Regions *RegionSet
	Accord  *Accord
	// Status: a VNG status file; Template: a process or project template
	// (one CSV table or a workbook).
	Status   *StatusSet
	Template *TemplateData
	// CareCosts: a Vektis Zvw gemeente file.
	CareCosts *CareCosts
	// LocalIndicators: catalogue entries a local file brings for
	// indicators lpa's catalogue does not know (with Dataset).
	LocalIndicators []Indicator
	// Note is what lpa decided about the file that the user must see, e.g.
	// a year the file does not state itself; it goes to loads.message.
	Note string
}

// Rows is the number of warehouse rows the file brings.
func (p *Parsed) Rows() int {
	switch {
	case p.Dataset != nil:
		return len(p.Dataset.Cells)
	case p.Regions != nil:
		return len(p.Regions.Regions)
	case p.Accord != nil:
		return 1 + len(p.Accord.Members) + p.Accord.Coding.Rows()
	case p.Status != nil:
		return len(p.Status.Rows)
	case p.Template != nil:
		return p.Template.Rows()
	case p.CareCosts != nil: // one row per data line and cost column
		return len(p.CareCosts.Rows) * len(p.CareCosts.Columns)
	}
	return 0
}
