// Package vektis reads Vektis' "Open Databestand Zorgverzekeringswet
// {YEAR} - gemeente": the care costs under the Zvw per gemeente, sex and
// age class of one data year.
//
// The file does not state its year: it is read from the file name (one
// year from 2006 on). ";" separates the fields; the key columns are upper
// case until 2018 and lower case from 2019 (GESLACHT, LEEFTIJDSKLASSE,
// GEMEENTENAAM, AANTAL_BSN, AANTAL_VERZEKERDEJAREN), followed by one
// KOSTEN_* column per cost category (cut to 32 characters in 2023); every
// column must be in lpa's list (indicators/data/vektis_categories.csv).
// Gemeenten are named as Vektis spells them ("S GRAVENHAGE"), matched
// through indicators/data/vektis_gemeenten.csv; one rest-category row has no
// sex, age class or gemeente. Vektis publishes older years on a later
// municipal division: the division is the earliest in which every gemeente
// of the file exists. See docs/sources-care-costs.md.
package vektis
