// Package indicators holds lpa's domain: the indicator catalogue and the
// reference data shipped with lpa (the municipal divisions and their
// changes, the GGD regions, the Vektis name lists), the values read from the
// public sources (Dataset, RegionSet, Accord, StatusSet, TemplateData,
// CareCosts), and what every parser of a source shares: the table reader
// (OpenTable, EachRecord, RowReader), the header checks, the limits on what
// a file may cost to read, and the errors.
//
// The parsers live in a package per source under indicators/ (statline,
// cbs, monitor, vektis, registry, templates, local); indicators/sources
// recognises the kind of a file and calls its parser. This package imports
// none of them. It is pure Go: it never opens the warehouse.
//
// Parsers validate as they read and report every problem as a *ParseError
// that names the file, the line (or spreadsheet cell) and what was
// expected; all problems of one file are joined with errors.Join (Problems)
// so that one run lists every bad cell.
package indicators
