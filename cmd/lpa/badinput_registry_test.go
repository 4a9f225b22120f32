package main

// badInputCasesRegistry: malformed files of the accord registry, VNG status and the process/project templates; see
// TestLoadRefusesBadInput in badinput_test.go. The files are described in testdata/bad/README.md.
var badInputCasesRegistry = []badInputCase{
	// The registry's coding block (made from examples/accords/achterhoek.yaml).
	{file: "registry-coverage-veel.yaml", loc: ":31 (coding.npa_themes.roken):",
		want: []string{`coverage "veel" unknown`, "expected one of uitgebreid, deels, niet"}},
	{file: "registry-sector-unknown.yaml", loc: ":90 (coding.parties[11].sector):",
		want: []string{`party "Zorgaanbieder 2": sector "recreatie" unknown`, "expected one of zorg, welzijn, sport, onderwijs"}},
	{file: "registry-duplicate-party.yaml", loc: ":92 (coding.parties[13].name):",
		want: []string{`party "Zorgaanbieder 2" listed twice (first on line 90)`, "expected each party once"}},
	{file: "registry-goal-unknown-indicator.yaml", loc: ":49 (coding.goals[2].indicator):",
		want: []string{`indicator "rookgedrag" is not in the catalogue`, "expected a key of the indicators view"}},
	{file: "registry-goal-deadline-31-02-2020.yaml", loc: ":52 (coding.goals[2].deadline):",
		want: []string{`deadline "31-02-2020" is not a date`, "expected a year (2025) or a date as YYYY-MM-DD"}},
	{file: "registry-coding-unknown-key.yaml", loc: ":72 (e_health):",
		want: []string{`unknown key "e_health" in coding`, "expected only example_data, note, source", "ehealth"}},
	{file: "registry-member-not-in-division.yaml", loc: ":18 (members):",
		want: []string{"member GM1979 is no gemeente of division 2020", "expected a code of the gemeenten of 2020"}},

	// VNG status (made from examples/status/vng_status_2020-11-01.csv).
	{file: "status-gesloten-vraagteken.csv", loc: ":4:3 (status):",
		want: []string{`status "gesloten?" unknown`, "expected one of gesloten, in_voorbereiding, verkennen, geen_activiteiten"}},
	{file: "status-peildatum-2020-02-31.csv", loc: ":6:1 (peildatum):",
		want: []string{`peildatum "2020-02-31" is not a date`, "expected YYYY-MM-DD"}},
	{file: "status-gemeente-not-in-division.csv", loc: ":3:2 (gemeente_code):",
		want: []string{"gemeente_code GM1979 is no gemeente on peildatum 2020-11-01", "expected a gemeente of the division of 2020"}},

	// Process template (made from examples/proces/*.csv and lpa template's proces.xlsx).
	{file: "proces-kwartaal-2021-Q5.csv", loc: ":5:2 (kwartaal):",
		want: []string{`kwartaal "2021-Q5": quarter 5 does not exist`, "expected Q1, Q2, Q3 or Q4"}},
	{file: "proces-akkoord-unknown.csv", loc: ":3:1 (akkoord_id):",
		want: []string{`accord "amsterdam" is not in the registry`, "expected the id of an accord loaded before or in the same load"}},
	{file: "proces-budget-negative.csv", loc: ":6:4 (gepland_eur):",
		want: []string{"gepland_eur -85000 is negative", "expected an amount of 0 or more euros"}},
	{file: "proces-budget-missing-column.csv", loc: ":1:",
		want: []string{`the Budget table has no column "besteed_eur"`, "expected the columns akkoord_id, kwartaal, budgetregel, gepland_eur, besteed_eur"}},
	{file: "proces-missing-sheet.xlsx", loc: ": sheet Budget missing",
		want: []string{"from the proces workbook (it has Instructies, Lijsten, Kwartalen)", "expected the sheets Kwartalen and Budget"}},

	// Project template (made from examples/project/project.xlsx).
	{file: "project-status-bezig.xlsx", loc: ": cell Interventies!G2 (status):",
		want: []string{`status "bezig" unknown`, "expected one of gepland, lopend, afgerond, gestopt"}},
	{file: "project-bereik-unknown-intervention.xlsx", loc: ": cell Bereik!B4 (interventie_id):",
		want: []string{`intervention "I09" of accord achterhoek is not known`, "expected an interventie_id from the Interventies table"}},
	{file: "project-duplicate-intervention.csv", loc: ":4:2 (interventie_id):",
		want: []string{"second row for accord achterhoek, intervention I02 (first on line 3)", "expected one row per accord and intervention"}},
}
