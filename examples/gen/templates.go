package main

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"lpa/indicators"
	"lpa/indicators/templates"
)

// processFiles fills the process template for the 14 accords, 2021-Q1 to
// 2022-Q4, as CSV (examples/proces): invented figures that follow each
// accord's coding (a steering group meets only where there is one; residents
// take part where the accord involves them).
func processFiles(accords []*accord, rng *rand.Rand) ([]file, error) {
	var qs, bs [][]string
	for _, a := range accords {
		n := len(a.parties)
		for qi, qu := range quarters {
			active := strconv.Itoa(max(1, int(math.Round(float64(n)*(0.4+0.4*rng.Float64())))))
			steering, groups := "", ""
			switch {
			case contains(a.methods, "stuurgroep"):
				steering, groups = strconv.Itoa(rng.IntN(3)), strconv.Itoa(1+rng.IntN(6))
			case contains(a.methods, "bijeenkomsten"):
				steering, groups = "0", strconv.Itoa(rng.IntN(3))
			}
			residents := ""
			switch {
			case a.uitgangspunten["inwoners_betrokken"]:
				residents = strconv.Itoa(20 + rng.IntN(61))
			case rng.IntN(2) == 0:
				residents = "0"
			}
			qs = append(qs, []string{a.a.ID, qu, active, steering, groups, residents, "", "ja"})

			size := float64(len(a.a.Members))
			for _, line := range indicators.BudgetLines.Keys() {
				var planned float64
				switch line {
				case "ondersteuningsbudget": // VNG support for drawing the accord up: 2021 only
					if qi < 4 {
						planned = float64(5+rng.IntN(11)) * 1000
					}
				case "uitvoeringsbudget": // VWS, to be applied for from 18 January 2021
					if qi > 0 {
						planned = float64(10+rng.IntN(31)) * 1000 * math.Sqrt(size)
					}
				default:
					planned = float64(2+rng.IntN(9)) * 1000
				}
				planned = math.Round(planned/500) * 500
				spent := math.Round(planned*(0.55+0.55*rng.Float64())*100) / 100
				bs = append(bs, []string{a.a.ID, qu, line, money(planned), money(spent), "", "ja"})
			}
		}
	}
	var out []file
	for _, t := range []struct {
		kind indicators.Kind
		path string
		rows [][]string
	}{{indicators.KindProcessQuarters, "proces/proces_kwartalen.csv", qs}, {indicators.KindProcessBudget, "proces/proces_budget.csv", bs}} {
		var buf bytes.Buffer
		if err := templates.WriteCSV(&buf, t.kind, t.rows); err != nil {
			return nil, err
		}
		out = append(out, file{t.path, buf.Bytes()})
	}
	return out, nil
}

func money(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// interventionPool lists invented interventions per theme, with their
// target group.
var interventionPool = map[string][][2]string{
	"overgewicht": {{"Buurtsportcoach in de wijk", "alle_inwoners"}, {"Gezonde sportkantine", "jongeren"},
		{"Beweegaanbod voor ouderen", "ouderen"}, {"Watertappunten op schoolpleinen", "kinderen"}, {"Gezonde School: voeding", "kinderen"}},
	"roken": {{"Rookvrije sportvereniging", "jongeren"}, {"Rookvrije schoolpleinen", "kinderen"},
		{"Stoppen met roken via de huisarts", "volwassenen"}},
	"problematisch_alcoholgebruik": {{"Voorlichting over alcohol aan ouders", "gezinnen"},
		{"Instructie verantwoord alcohol schenken", "professionals"}, {"Campagne alcohol onder de 18", "jongeren"}},
	"financieel_gezond":                   {{"Geldzaken op orde", "volwassenen"}},
	"gezonde_leefomgeving":                {{"Beweegvriendelijke openbare ruimte", "alle_inwoners"}},
	"gezondheidsverschillen":              {{"Wijkaanpak gezondheid", "alle_inwoners"}},
	"mentale_weerbaarheid":                {{"Week van de mentale gezondheid", "volwassenen"}},
	"informeren_en_opvoeden":              {{"Workshops gezonde keuzes op school", "jongeren"}},
	"netwerk_en_kundigheid_professionals": {{"Scholing voor professionals", "professionals"}},
	"toegankelijkheid_en_inclusiviteit":   {{"Maatjesproject", "ouderen"}},
}

// projectFile fills the project template for the 14 accords as a workbook
// (examples/project/project.xlsx): 2 to 5 invented interventions per accord
// on its themes, with reach per quarter while they run.
func projectFile(accords []*accord, rng *rand.Rand) (file, error) {
	var ivs, reach [][]string
	statuses := []string{"lopend", "lopend", "lopend", "lopend", "lopend", "lopend", "afgerond", "afgerond", "gepland", "gestopt"}
	for _, a := range accords {
		var themes []string
		for _, t := range indicators.NPAThemes.Keys() {
			if a.npa[t] != "niet" {
				themes = append(themes, t)
			}
		}
		themes = append(themes, a.themes...)
		var pool [][3]string
		for _, t := range themes {
			for _, iv := range interventionPool[t] {
				pool = append(pool, [3]string{iv[0], t, iv[1]})
			}
		}
		k := min(len(pool), 2+rng.IntN(4))
		chosen := pick(rng, pool, k)
		for i, iv := range chosen {
			id := fmt.Sprintf("I%02d", i+1)
			status := statuses[rng.IntN(len(statuses))]
			erkend := "nee"
			if rng.IntN(5) < 2 {
				erkend = "ja"
			}
			ivs = append(ivs, []string{a.a.ID, id, iv[0], iv[1], erkend, iv[2], status, "", "ja"})
			if status == "gepland" {
				continue
			}
			start := rng.IntN(6)
			end := len(quarters) - 1
			if status != "lopend" {
				end = min(end-1, start+1+rng.IntN(4))
			}
			for qi := start; qi <= end; qi++ {
				planned := 10 * (2 + rng.IntN(19))
				reached := int(math.Round(float64(planned) * (0.5 + 0.65*rng.Float64())))
				reach = append(reach, []string{a.a.ID, id, quarters[qi], strconv.Itoa(planned), strconv.Itoa(reached), "", "ja"})
			}
		}
	}
	slices.SortStableFunc(reach, func(x, y []string) int {
		for i := range 3 {
			if c := strings.Compare(x[i], y[i]); c != 0 {
				return c
			}
		}
		return 0
	})
	var buf bytes.Buffer
	err := templates.WriteWorkbook(&buf, indicators.WorkbookProject, map[indicators.Kind][][]string{
		indicators.KindProjectInterventions: ivs, indicators.KindProjectReach: reach})
	return file{"project/project.xlsx", buf.Bytes()}, err
}
