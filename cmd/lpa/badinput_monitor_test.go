package main

// badInputCasesMonitor: malformed files of the monitor layouts (Gezondheidsmonitor 2022, life expectancy, 50140NED), sport memberships and VZinfo; see
// TestLoadRefusesBadInput in badinput_test.go. The files and what was
// damaged in each: testdata/bad/README.md, section "Monitor layouts".
var badInputCasesMonitor = []badInputCase{
	{file: "monitor-85563NED_ggd_name_unknown.csv", loc: ":4:1 (Regio):",
		want: []string{`region "GGD Drente (GG)" is not Nederland or a GGD region`, `expected "Nederland" or a GGD region as CBS names it`, "GGD Drenthe"}},
	{file: "monitor-85563NED_decimal_point.csv", loc: ":3:7 (Rokers):",
		want: []string{`value "19.3" has a decimal point`, "expected a decimal with a comma as the rest of this file (21,5)"}},
	{file: "monitor-85563NED_percentage_101.csv", loc: ":5:2 (Ervaren_gezondheid_(goed/zeer_goed)):",
		want: []string{"value 101 is outside 0-100", "expected a percentage"}},
	{file: "monitor-klik_lv_ggd_20192022_sex_onbekend.csv", loc: ":6:3 (Geslacht):",
		want: []string{`sex "Onbekend" unknown`, "expected Totaal, Mannen or Vrouwen"}},
	{file: "monitor-klik_lv_ggd_20192022_significance_90.csv", loc: ":6:5 (Afwijking bij geboorte):",
		want: []string{`verdict "onder, 90% zeker" unknown`, `expected "geen", or "onder"/"boven" with ", 95% zeker" or ", 99% zeker"`}},
	{file: "monitor-klik_lv_ggd_20192022_duplicate_row.csv", loc: ":8:2 (GGD-regio):",
		want: []string{"second row for GGD Drenthe, Mannen (first on line 6)", "expected one row per GGD region and sex"}},
	{file: "monitor-klik_lv_ggd_20192022_missing_column.csv", loc: ":1:",
		want: []string{`header has no column "Afwijking bij 65 jaar"`, `expected the columns "id", "GGD-regio"`}},
	{file: "monitor-50140NED_gemeente_of_2020.csv", loc: ":4:4 (RegioS):",
		want: []string{"gemeente GM0003 does not exist in the municipal division of 2024", "expected a gemeente of that division"}},
	{file: "monitor-50140NED_truncated.csv", loc: ":6:",
		want: []string{"row has 36 fields, the header 152", "expected one field per header column"}},
	{file: "monitor-sportlidmaatschappen_2024_id_99999.csv", loc: ":8:1 (id):",
		want: []string{`id "99999"`, "expected the CBS gemeente number without GM and leading zeros (14 for GM0014)"}},
	{file: "monitor-sportlidmaatschappen_2024_sport_korfbal.csv", loc: ":20:3 (Sport):",
		want: []string{`sport "Korfbal" unknown`, `expected "Atletiek", "Golf"`}},
	{file: "monitor-gemeente_overgewicht_ci_reversed.csv", loc: ":2:5 (Betrouwbaarheidsinterval (95%)):",
		want: []string{`interval "49.6 - 45.5": lower bound 49.6 is above upper bound 45.5`, "expected lower - upper"}},
	{file: "monitor-gemeente_overgewicht_ci_comma.csv", loc: ":2:5 (Betrouwbaarheidsinterval (95%)):",
		want: []string{`interval "45,5 - 49,6" has a decimal comma`, "expected lower and upper bound with decimal points"}},
	{file: "monitor-gemeente_overgewicht_ggd_differs.csv", loc: ":9:6 (GGD percentage):",
		want: []string{"GGD value 1.8 for Ondergewicht of GGD Haaglanden (GG7014), but line 4 (GM0518) gives 1.7", "expected one value per GGD region and indicator"}},
	{file: "monitor-gemeente_overgewicht_duplicate_row.csv", loc: ":12:3 (Indicator):",
		want: []string{"second row for GM0518, Ernstig overgewicht (first on line 3)", "expected one row per gemeente and indicator"}},
}
