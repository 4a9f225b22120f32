package reports

import (
	"fmt"
	"time"

	"lpa/indicators"
)

// measured, suppressed and incomplete build values; the V of the last two
// must never show up in the PDF.
func measured(v float64) indicators.Value { return indicators.Value{V: v, Status: indicators.Measured} }

func suppressed(v float64) indicators.Value {
	return indicators.Value{V: v, Status: indicators.Suppressed}
}

func incomplete(v float64) indicators.Value {
	return indicators.Value{V: v, Status: indicators.Incomplete}
}

// Hidden values of the fixture: their Dutch renderings must not appear.
const (
	hiddenSuppressed = 42.4242 // "42,4"
	hiddenIncomplete = 33.3333 // "33,3"
)

// series builds one area's series from edition -> value.
func series(ind, area, label string, pts map[int]indicators.Value) indicators.Series {
	sr := indicators.Series{Indicator: ind, Area: area, Label: label}
	for _, e := range []int{2012, 2016, 2020} {
		if v, ok := pts[e]; ok {
			sr.Points = append(sr.Points, indicators.Point{Period: e, Value: v})
		}
	}
	return sr
}

// trio builds the accord, GGD and NL series of one indicator from values
// per edition: {accord, ggd, nl}.
func trio(ind string, byEdition map[int][3]indicators.Value) []indicators.Series {
	areas := []struct{ area, label string }{
		{"accord", "Achterhoek"},
		{"ggd", "GGD Noord- en Oost-Gelderland"},
		{"nl", "Nederland"},
	}
	var out []indicators.Series
	for i, a := range areas {
		pts := map[int]indicators.Value{}
		for e, vs := range byEdition {
			pts[e] = vs[i]
		}
		out = append(out, series(ind, a.area, a.label, pts))
	}
	return out
}

// achterhoek is a realistic report of the regional accord Achterhoek: eight
// gemeenten, edition 2020, one suppressed and one incomplete value, and no
// 2012 edition for the bewegen theme.
func achterhoek() Report {
	const ggd = "GGD Noord- en Oost-Gelderland"
	members := []Member{
		{"GM0197", "Aalten", 27121, ggd},
		{"GM1859", "Berkelland", 44019, ggd},
		{"GM1876", "Bronckhorst", 36357, ggd},
		{"GM0222", "Doetinchem", 58270, ggd},
		{"GM1955", "Montferland", 35873, ggd},
		{"GM1586", "Oost Gelre", 29664, ggd},
		{"GM1509", "Oude IJsselstreek", 39587, ggd},
		{"GM0294", "Winterswijk", 29158, ggd},
	}
	type vals = [3]indicators.Value
	return Report{
		Accord: Accord{
			ID:          "achterhoek",
			Name:        "Achterhoek",
			Kind:        "regionaal",
			SignedYear:  2020,
			Members:     members,
			ExampleData: true,
		},
		Edition:  2020,
		AgeGroup: "20300",
		AgeLabel: "18 jaar of ouder",
		GGDLabel: ggd,
		Rows: []Row{
			{"roker", "Roker", "%", "roken", "lager_beter", measured(17.9), measured(18.3), measured(19.3), 0},
			{"overgewicht", "Overgewicht", "%", "overgewicht", "lager_beter", measured(52.8), measured(51.9), measured(50.2), 0},
			{"ernstig_overgewicht", "Ernstig overgewicht (obesitas)", "%", "overgewicht", "lager_beter", measured(15.6), measured(15.0), measured(14.7), 0},
			{"zware_drinker", "Zware drinker", "%", "alcohol", "lager_beter", incomplete(hiddenIncomplete), measured(9.4), measured(8.2), 2},
			{"overmatige_drinker", "Overmatige drinker", "%", "alcohol", "lager_beter", measured(7.5), suppressed(hiddenSuppressed), measured(6.6), 0},
			{"voldoet_aan_beweegrichtlijn", "Voldoet aan de beweegrichtlijn", "%", "bewegen", "hoger_beter", measured(53.2), measured(52.9), measured(52.6), 0},
			{"wekelijkse_sporters", "Wekelijkse sporter", "%", "bewegen", "hoger_beter", measured(51.7), measured(52.0), measured(51.5), 0},
		},
		Themes: []Theme{
			{Key: "roken", Title: "Roken", Series: trio("roker", map[int]vals{
				2012: {measured(21.5), measured(22.0), measured(23.0)},
				2016: {measured(19.8), measured(20.1), measured(21.1)},
				2020: {measured(17.9), measured(18.3), measured(19.3)},
			})},
			{Key: "overgewicht", Title: "Overgewicht", Series: append(
				trio("overgewicht", map[int]vals{
					2012: {measured(49.5), measured(48.9), measured(47.9)},
					2016: {measured(51.2), measured(50.5), measured(49.4)},
					2020: {measured(52.8), measured(51.9), measured(50.2)},
				}),
				trio("ernstig_overgewicht", map[int]vals{
					2012: {measured(13.1), measured(12.9), measured(12.8)},
					2016: {measured(14.2), measured(14.1), measured(14.0)},
					2020: {measured(15.6), measured(15.0), measured(14.7)},
				})...)},
			{Key: "alcohol", Title: "Alcoholgebruik", Series: append(
				trio("zware_drinker", map[int]vals{
					2012: {measured(10.8), measured(10.5), measured(9.7)},
					2016: {measured(9.9), measured(9.6), measured(8.6)},
					2020: {incomplete(hiddenIncomplete), measured(9.4), measured(8.2)},
				}),
				trio("overmatige_drinker", map[int]vals{
					2012: {measured(9.1), measured(8.7), measured(8.9)},
					2016: {measured(8.3), measured(8.0), measured(7.7)},
					2020: {measured(7.5), suppressed(hiddenSuppressed), measured(6.6)},
				})...)},
			{Key: "bewegen", Title: "Bewegen", Series: append(
				trio("voldoet_aan_beweegrichtlijn", map[int]vals{
					2016: {measured(49.1), measured(49.8), measured(48.5)},
					2020: {measured(53.2), measured(52.9), measured(52.6)},
				}),
				trio("wekelijkse_sporters", map[int]vals{
					2016: {measured(50.4), measured(51.2), measured(50.8)},
					2020: {measured(51.7), measured(52.0), measured(51.5)},
				})...)},
		},
		Sources: []Source{
			{
				Name:        "RIVM StatLine 50090NED, Gezondheid per wijk en buurt; 2012/2016/2020 (indeling 2020)",
				Attribution: "RIVM, GGD’en, CBS; CC BY 4.0",
				Detail:      "50090NED_TypedDataSet.csv en 50090NED_DataProperties.csv, geladen op 1 november 2020.",
			},
			{
				Name:        "CBS Gebieden in Nederland 2020",
				Attribution: "CBS; CC BY 4.0",
				Detail:      "Gemeenten, GGD-regio’s en inwonertallen op 1 januari 2020.",
			},
			{
				Name:        "Registratie lokale en regionale preventieakkoorden",
				Attribution: "RIVM-factsheet ‘Lokale en regionale preventieakkoorden’ (2020); VNG",
				Detail:      "akkoorden.yaml; de ledenlijst van dit akkoord is als voorbeeld gecodeerd.",
			},
		},
		Method: []string{
			"Het akkoordcijfer is het gemiddelde van de gemeentecijfers, gewogen naar het aantal inwoners van 18 jaar of ouder. " +
				"Ontbreekt de waarde van een of meer gemeenten, dan wordt geen akkoordcijfer berekend en staat er ‘onvolledig’.",
			"De cijfers komen uit de Gezondheidsmonitor Volwassenen en Ouderen van de GGD’en, het CBS en het RIVM. " +
				"Waarden die de bron onderdrukt, worden nooit geschat of geïnterpoleerd; in de grafieken ontbreekt dan het punt.",
			"Verschillen tussen het akkoord, de GGD-regio en Nederland zijn niet op significantie getoetst. " +
				"Kleine verschillen, ook tussen categorieën, kunnen op toeval berusten.",
		},
		// 23:30 UTC on 31 October is already 1 November in Amsterdam.
		Generated: time.Date(2020, 10, 31, 23, 30, 0, 0, time.UTC),
		Round:     time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC),
	}
}

// longAccord is the Achterhoek report with a long name and 38 members, one
// without a population, so the member table has to run onto a second page.
func longAccord() Report {
	r := achterhoek()
	r.Accord.ID = "lang"
	r.Accord.Name = "Samen Gezond in Noord- en Oost-Gelderland, Achterhoek en Liemers"
	for i := range 30 {
		r.Accord.Members = append(r.Accord.Members, Member{
			Code: fmt.Sprintf("GM%04d", 2000+i), Name: fmt.Sprintf("Gemeente %d", i+1),
			Population: int64(10000 + i), GGDName: "GGD Gelderland-Zuid",
		})
	}
	r.Accord.Members[3].Population = 0
	return r
}
