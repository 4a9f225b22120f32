// Package templates reads and writes the process and project templates a
// municipality fills in each round.
//
// Each table is a CSV file or a sheet of an XLSX workbook (proces.xlsx:
// Kwartalen and Budget; project.xlsx: Interventies and Bereik). Tables is
// the one description of their columns: the parsers check against it
// (parse.go, row.go; a workbook's sheets through sheet.go) and `lpa
// template` writes the blank templates and their Dutch instructions from it
// (write.go, workbook.go). Column names may differ in case and use spaces
// for underscores; amounts take a decimal point or comma; a number cell of
// a workbook may hold 12.0 for 12 or a formula result with more decimals.
// A blank template loads as nothing and replaces nothing.
package templates
