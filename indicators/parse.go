package indicators

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
)

// Parsed is the content of one source file, validated.
// Exactly one of Dataset, Regions and Accord is set.
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

// IsRegistryFile reports whether path is an accord registry file.
func IsRegistryFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return true
	}
	return false
}

// Parse recognises the kind of a source file from its header and parses it,
// within DefaultLimits. name is used in messages (usually the path as the
// user gave it). Every problem is a *ParseError; several are joined with
// errors.Join.
func Parse(ctx context.Context, name string, data []byte) (*Parsed, error) {
	return ParseLimited(ctx, name, data, DefaultLimits())
}

// ParseLimited is Parse within the given limits (zero fields: the default).
// gzip is undone here, before any parser sees the data.
func ParseLimited(ctx context.Context, name string, data []byte, lim Limits) (*Parsed, error) {
	lim = lim.OrDefault()
	data, err := PrepareText(name, data, lim)
	if err != nil {
		return nil, err
	}
	if IsRegistryFile(name) {
		a, err := ParseAccord(name, data)
		if err != nil {
			return nil, err
		}
		return &Parsed{Kind: KindRegistry, Accord: a}, nil
	}
	// A StatLine export has its header below a title and filter lines, so
	// it is recognised from that structure (statline_export.go).
	if f, ok := sniffStatLineExport(data); ok {
		return parseStatLineExport(ctx, name, f)
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json", ".topojson", ".geojson", ".pdf", ".docx", ".parquet":
		return nil, &ParseError{File: name, Line: 1, Err: ErrUnknownKind,
			Msg: fmt.Sprintf("a %s file is no kind of file lpa loads (maps and documents are not loaded); expected one of:\n%s",
				strings.ToLower(filepath.Ext(name)), KnownKinds())}
	}
	t, err := OpenTable(name, data, lim)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	if x, isX := t.(*XLSXTable); isX && isTemplateWorkbook(x.Workbook()) {
		return parseTemplateWorkbook(ctx, name, x.Workbook())
	}
	kind, ok := sniffKind(t.Header())
	if !ok {
		where := ""
		if x, isX := t.(*XLSXTable); isX {
			where = "sheet " + x.Sheet() + ": "
		}
		return nil, unknownKind(name, t.Header(), where)
	}
	parse := map[Kind]func(context.Context, string, Table) (*Parsed, error){
		KindStatLine50090: parse50090, KindCBSGebiedenGGD: parseGebiedenGGD, KindCBSGebieden: parseGebiedenBevolking,
		KindCBSKerncijfers: parseKerncijfers, KindLocal: parseLocal, KindAccordStatus: parseStatus,
		KindProcessQuarters: tableParser(KindProcessQuarters), KindProcessBudget: tableParser(KindProcessBudget),
		KindProjectInterventions: tableParser(KindProjectInterventions), KindProjectReach: tableParser(KindProjectReach),
		KindVektisZvw: parseVektis, KindMonitor2022GGD: parse85563, KindLevensverwachting: parseLV,
		KindStatLine50140: parse50140, KindSportLidmaatschap: parseSport, KindVZinfoOvergewicht: parseOvergewicht,
	}[kind]
	p, err := parse(ctx, name, t)
	if err != nil {
		return nil, err
	}
	return p, nil
}
