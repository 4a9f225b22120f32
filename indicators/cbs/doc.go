// Package cbs reads the region references of CBS (Centraal Bureau voor de
// Statistiek), all StatLine CSV exports:
//
//   - "Gebieden in Nederland" with the gemeente and GGD-regio codes and names
//     (ParseGebiedenGGD),
//   - "Gebieden in Nederland" with province and population, in the
//     English-headed form of the bundled 2020 file
//     (municipalityName;municipalityCode;...;population; ParseGebieden),
//   - "Kerncijfers wijken en buurten": every land, gemeente, wijk and buurt
//     code of the year with its inhabitants (ParseKerncijfers).
//
// The content of these exports does not state the year of the municipal
// division: it is read from the file name, as CBS names its exports
// (Gebieden_in_Nederland_2023_25032025_175459.csv). "." is an unknown
// population. The higher regions (GGD regions, provinces) are named on
// every gemeente's row; the most frequent name of each code is kept
// (Ameland's row calls its province "Friesland", the other rows "Fryslân").
package cbs
