// Package statline reads the StatLine tables of RIVM and CBS.
//
// RIVM StatLine 50090NED "Gezondheid per wijk en buurt" (wijkbuurt.go), as
// the UntypedDataSet is downloaded (.xlsx, .csv or .csv.gz): the key columns
// ID, Leeftijd, Marges, WijkenEnBuurten, Perioden, Gemeentenaam_1,
// SoortRegio_2 and Codering_3, then one column per indicator (Roker_11); one
// row per region (land, gemeente, wijk, buurt), edition and age group. The
// values are percentages with a decimal point; "." is suppressed, an empty
// field was not measured that edition. Every edition is published in the
// municipal division of 2020; Amsterdam numbers its wijken and buurten with
// letters from 2022 on (WK0363AF).
//
// The StatLine "CSV export" (csvexport*.go): what CBS StatLine (and RIVM's
// StatLine) writes when a user downloads a table view as CSV. One generic
// parser for every table in this layout:
//
//	"Gezondheidsmonitor; bevolking 18 jaar of ouder, regio, 2020"   title (one field)
//	"Leeftijd: Totaal"                                               filter lines, "Key: value"
//	"Marges: Waarde"
//	"";"Onderwerp"                                                   header block: one empty field
//	"";"Onder- en overgewicht|Ondergewicht";...                      per row dimension, then topics
//	"Regio’s";"%";...                                                (levels joined by "|") and the
//	"Nederland";"1,7";...                                            units row naming the row dimensions
//	"Bron: CBS"                                                      footer
//
// ";" (or ","), every field quoted, decimal comma, UTF-8 with BOM, CRLF.
// Which dimensions are filters and which are row columns differs per
// download (Leeftijd is a column in the 2012 overweight file and a filter
// in 2020). The header is not on line 1, so the kind is recognised from
// this structure (IsExport), not from the columns of a header. The files do
// not name their table: the source id is made from the title, regions are
// matched by name in a municipal division the title states or the period
// implies (docs/sources-statline-export.md).
package statline
