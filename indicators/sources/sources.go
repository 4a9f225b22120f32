package sources

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"lpa/indicators"
)

// Parse recognises the kind of a source file and parses it, within
// indicators.DefaultLimits. name is used in messages (usually the path as
// the user gave it). Every problem is a *indicators.ParseError; several are
// joined with errors.Join.
func Parse(ctx context.Context, name string, data []byte) (*indicators.Parsed, error) {
	return ParseLimited(ctx, name, data, indicators.DefaultLimits())
}

// ParseLimited is Parse within the given limits (zero fields: the default).
// gzip is undone here, before any parser sees the data. The kind table is
// walked stage by stage: the name, the content, the sheets of a workbook,
// the header of the table.
func ParseLimited(ctx context.Context, name string, data []byte, lim indicators.Limits) (*indicators.Parsed, error) {
	lim = lim.OrDefault()
	data, err := indicators.PrepareText(name, data, lim)
	if err != nil {
		return nil, err
	}
	in := &input{name: name, data: data}
	if k := recognise(byName, in); k != nil {
		return k.parse(ctx, in)
	}
	if k := recognise(byContent, in); k != nil {
		return k.parse(ctx, in)
	}
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".json", ".topojson", ".geojson", ".pdf", ".docx", ".doc", ".parquet", ".md", ".html", ".htm",
		".png", ".jpg", ".jpeg", ".svg", ".gif", ".pptx", ".odt":
		return nil, &indicators.ParseError{File: name, Line: 1, Err: indicators.ErrUnknownKind,
			Msg: fmt.Sprintf("a %s file is no kind of file lpa loads (maps, documents and pictures are not loaded); expected one of:\n%s", ext, KnownKinds())}
	case ".xls", ".ods":
		return nil, &indicators.ParseError{File: name, Line: 1, Err: indicators.ErrUnknownKind,
			Msg: fmt.Sprintf("lpa does not read %s workbooks; expected a workbook saved as .xlsx or a table saved as .csv (save it again as one of those)", ext)}
	}
	in.table, err = indicators.OpenTable(name, data, lim)
	if err != nil {
		return nil, err
	}
	defer in.table.Close()
	if k := recognise(byWorkbook, in); k != nil {
		return k.parse(ctx, in)
	}
	if k := recognise(byHeader, in); k != nil {
		return k.parse(ctx, in)
	}
	where := ""
	if x, isX := in.table.(*indicators.XLSXTable); isX {
		where = "sheet " + x.Sheet() + ": "
	}
	return nil, unknownKind(name, in.table.Header(), where)
}

// input is a source file on its way through the kind table.
type input struct {
	name  string
	data  []byte           // gzip undone
	table indicators.Table // nil until the file is opened as a table
}

// recognise returns the first kind of the table that the stage recognises
// in the file, or nil.
func recognise(s stage, in *input) *kind {
	for i := range kinds {
		if k := &kinds[i]; k.is.stage == s && k.is.match(in) {
			return k
		}
	}
	return nil
}

func unknownKind(file string, header []string, where string) error {
	shown := header
	if len(shown) > 6 {
		shown = shown[:6]
	}
	return &indicators.ParseError{File: file, Line: 1, Err: indicators.ErrUnknownKind,
		Msg: fmt.Sprintf("%sheader (%s) matches no kind of file lpa knows; expected one of:\n%s",
			where, strings.Join(indicators.QuoteAll(shown), ", "), KnownKinds())}
}
