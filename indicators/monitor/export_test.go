package monitor

// The lists of the parsers, for the tests of the catalogue.
var (
	IndicatorsOvergewicht = indicatorsOvergewicht
	SportsKnown           = sportsKnown
)
