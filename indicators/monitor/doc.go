// Package monitor reads the health monitor files of the GGD'en, RIVM and
// CBS that are no StatLine download of the usual layout, and the sport
// memberships. Each layout is one file:
//
//   - table85563.go: CBS 85563NED "Gezondheidsmonitor; bevolking 18 jaar of
//     ouder, regio, 2022", as saved with an edited header: one row per
//     region, named (not coded): "Nederland" and the GGD regions with
//     " (GG)"; one column per indicator, levels joined with "|" and spaces
//     written as "_"; ";", decimal comma, UTF-8 with BOM. The file does not
//     state its year: 85563NED is the 2022 edition.
//   - table50140.go: RIVM StatLine 50140NED "Gezondheidsmonitor
//     Jongvolwassenen 2024" (OData TypedDataSet): one row per region
//     (RegioS: NL01, CG01, GG####, GM####, padded to 6), 148 percentage
//     columns; ";", BOM, CRLF, decimal point. An empty field is a value
//     StatLine suppressed for too few respondents. Keys that start with a
//     digit have StatLine's "k_" in front (ODataIndicatorKey).
//   - lifeexpectancy.go: RIVM/VZinfo life expectancy per GGD region over a
//     window of years ("klik_lv_ggd_20192022.csv": the window is read from
//     the name): one row per GGD region and sex, at birth and at 65, each
//     with VZinfo's verdict on the difference from Nederland; ";", decimal
//     comma. The id column is VZinfo's own number for the region, not a CBS
//     code.
//   - sport.go: sport club memberships per gemeente (sportenbewegenincijfers.nl,
//     "sportlidmaatschappen", NOC*NSF registration), in long form: id (the
//     CBS gemeente number without "GM" and without leading zeros), Gemeente,
//     Sport, Percentage (% of the inhabitants who are members); ",", decimal
//     point. The year comes from the file name, else 2024 is assumed (and
//     the note says so).
//   - overweight.go: VZinfo (RIVM) "overgewicht - regionaal", adults, from the
//     GGD Gezondheidsmonitor Volwassenen en Ouderen: per gemeente 5
//     indicators with the 95 % interval as one text field ("45.5 - 49.6")
//     and the value of the gemeente's GGD region; ",", decimal point. The
//     year is not in the file (the name may state it; else 2024 is
//     assumed). The four Frisian Wadden islands come as one cluster, GM9004.
//
// monitor.go holds what they share: the municipal division of a file's
// gemeente codes and the note on an assumed year. See
// docs/sources-monitor.md.
package monitor
