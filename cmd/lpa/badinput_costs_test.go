package main

// badInputCasesCosts: malformed files of care costs (Vektis); see
// TestLoadRefusesBadInput in badinput_test.go and the vektis_* lines of
// testdata/bad/README.md.
var badInputCasesCosts = []badInputCase{
	{file: "vektis_2011_comma_separated.csv", loc: ":1:",
		want: []string{`fields are separated by ','`, `expected ";" as in Vektis' Open Databestand files`}},
	{file: "vektis_2023_latin1_name.csv", loc: ":7:3 (gemeentenaam):",
		want: []string{`gemeente name "S\xdaDWEST-FRYSL\xc2N" is not valid UTF-8`, "expected UTF-8 text"}},
	{file: "vektis_2011_no_aantal_bsn.csv", loc: ":1:",
		want: []string{`header has no column "AANTAL_BSN"`, "expected the Vektis columns GESLACHT, LEEFTIJDSKLASSE"}},
	{file: "vektis_2011_unknown_gemeente.csv", loc: ":4:3 (GEMEENTENAAM):",
		want: []string{`gemeente name "HAREN" is not in lpa's list of Vektis gemeente names`, "expected a name as Vektis spells it",
			"indicators/data/vektis_gemeenten.csv"}},
	{file: "vektis_2011_negative_count.csv", loc: ":5:4 (AANTAL_BSN):",
		want: []string{"count -782 is negative", "expected the number of insured people (BSNs), 0 or more"}},
	{file: "vektis_2011_duplicate_key.csv", loc: ":9:3:",
		want: []string{"second row for AA EN HUNZE (GM1680), sex M, age class 0 t/m 4 jaar (first on line 3)",
			"expected one row per gemeente, sex and age class"}},
	{file: "vektis_2023_unknown_cost_column.csv", loc: ":1:24 (kosten_wijkverpleging):",
		want: []string{`cost column "kosten_wijkverpleging" is not in lpa's list of Vektis cost columns`, "expected a known column",
			"indicators/data/vektis_categories.csv"}},
	{file: "vektis_2011_sex_X.csv", loc: ":6:1 (GESLACHT):",
		want: []string{`sex "X"; expected M or V`}},
	{file: "vektis_2023_truncated.csv.gz", loc: ":203:",
		want: []string{"compressed data ends early or is damaged at line 203", "expected a complete gzip file"}},
	{file: "vektis_2011_comma_decimal.csv", loc: ":7:7 (KOSTEN_FARMACIE):",
		want: []string{`cost "56782,31" is not a number`, "expected euros as a decimal with a point"}},
	{file: "vektis_2023_mixed_divisions.csv", loc: ":3:",
		want: []string{"the gemeenten of this file fit no single municipal division 2020-2025",
			"the closest, 2023, lacks GM0003 APPINGEDAM (line 3)", "expected the gemeenten of one division"}},
	{file: "vektis_gemeente.csv", loc: ":",
		want: []string{"cannot tell the data year of this Vektis file", "expected the data year in the file name"}},
	{file: "vektis_2011_age_class_95plus.csv", loc: ":8:2 (LEEFTIJDSKLASSE):",
		want: []string{`age class "95+"`, `expected one of the 19 Vektis classes "0 t/m 4 jaar"`}},
}
