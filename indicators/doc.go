// Package indicators holds lpa's domain: the indicator catalogue, the
// observations read from public sources (RIVM/CBS StatLine tables, CBS region
// references) and the accord registry, together with the parsers that turn
// source files into those values.
//
// The package is pure Go: it never opens the warehouse. Parsers validate as
// they read and report every problem as a *ParseError that names the file, the
// line (or spreadsheet cell) and what was expected; all problems of one file
// are joined with errors.Join so that one run lists every bad cell.
package indicators
