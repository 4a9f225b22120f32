// Package local reads lpa's own long format for indicators lpa has no
// loader for: a local survey, a municipality's own monitor.
//
// One row per region, period, age group, sex and indicator; the columns
// bron, indeling, regiocode, periode, indicator and waarde are required,
// leeftijdsgroep, geslacht, ondergrens, bovengrens, label, eenheid, thema,
// richting and triple_aim optional. Column names are Dutch and lower case
// (municipalities fill it in). One source and municipal division per file;
// the value takes a decimal point or comma. An indicator lpa's catalogue
// does not know brings its label, unit and direction on its rows, the same
// on every row. See docs/reference.md, Local indicators.
package local
