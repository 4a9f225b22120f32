// Package reports lays out one PDF report per prevention accord
// (preventieakkoord): a title page, the indicator table of the latest
// Gezondheidsmonitor edition and one trend chart per theme.
//
// Render only lays out the values it is given; it never touches the
// warehouse. Charts are built with gonum/plot and drawn as vector graphics
// directly onto the report's fpdf document through a vg.Canvas adapter, so
// one embedded, subsetted Liberation Sans serves both the text and the charts.
//
// Output is reproducible: the same Report yields the same bytes. All
// user-visible text is Dutch; the Format* helpers give the Dutch notation of
// numbers, percentages and dates and are shared with the CLI and pipeline.
package reports
