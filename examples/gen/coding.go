package main

import (
	"cmp"
	"fmt"
	"lpa/indicators"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
)

// baselineEdition is the edition of the goals' baselines: the last before
// the accords were signed (2019-2020).
const baselineEdition = 2016

// code assigns the coding so that the 14 accords together give the counts
// of the factsheet (examples/accords/README.md lists them). It is long on
// purpose: it reads as the factsheet's list of counts, one after another.
func code(accords []*accord, d *data, rng *rand.Rand) {
	// p is a seeded order of the accords; positions in p carry the
	// combinations of NPA coverage that the factsheet's counts imply.
	p := make([]*accord, len(accords))
	for i, j := range rng.Perm(len(accords)) {
		p[i] = accords[j]
	}
	for i, a := range p {
		a.basedOn = "npa"
		a.npa = map[string]string{}
		// Figure 3: overgewicht 12 uitgebreid / 2 deels / 0 niet.
		a.npa["overgewicht"] = "uitgebreid"
		if i >= 12 {
			a.npa["overgewicht"] = "deels"
		}
		// roken 8 uitgebreid (p1-p8), 3 deels, 3 niet.
		switch {
		case i >= 1 && i <= 8:
			a.npa["roken"] = "uitgebreid"
		case i == 9 || i == 10 || i == 12:
			a.npa["roken"] = "deels"
		default:
			a.npa["roken"] = "niet"
		}
		// alcohol 7 uitgebreid (p1-p7: the half with goals on all three
		// themes), 6 deels, 1 niet.
		switch {
		case i >= 1 && i <= 7:
			a.npa["problematisch_alcoholgebruik"] = "uitgebreid"
		case i == 0:
			a.npa["problematisch_alcoholgebruik"] = "niet"
		default:
			a.npa["problematisch_alcoholgebruik"] = "deels"
		}
	}
	// One accord works out the Sportakkoord, not the NPA.
	p[0].basedOn = "sportakkoord"

	// Table 1: additional themes; every accord has at least one. Each theme
	// goes to the accords with the fewest themes so far (ties: a seeded order).
	freq := []struct {
		theme string
		n     int
	}{{"gezonde_leefomgeving", 7}, {"informeren_en_opvoeden", 7}, {"toegankelijkheid_en_inclusiviteit", 7},
		{"gezondheidsverschillen", 5}, {"financieel_gezond", 4}, {"mentale_weerbaarheid", 4}, {"netwerk_en_kundigheid_professionals", 4}}
	for _, f := range freq {
		order := rng.Perm(len(accords))
		slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(len(accords[x].themes), len(accords[y].themes)) })
		for _, j := range order[:f.n] {
			accords[j].themes = append(accords[j].themes, f.theme)
		}
	}
	themeOrder := indicators.Themes.Keys()
	for _, a := range accords {
		slices.SortFunc(a.themes, func(x, y string) int { return slices.Index(themeOrder, x) - slices.Index(themeOrder, y) })
	}
	// 71 % (10 of 14) describe interventions for their additional themes.
	for _, a := range pick(rng, accords, 10) {
		a.themeInterventions = true
	}

	// Programmes: Sportakkoord in the Sportakkoord accord and in 9 of the
	// 13 others (69 %); Positieve Gezondheid in 11 of 14 (78.6 %).
	for i, a := range p {
		if i <= 9 {
			a.programmes = append(a.programmes, "sportakkoord")
		}
	}
	for _, a := range pick(rng, accords, 11) {
		a.programmes = append(a.programmes, "positieve_gezondheid")
	}
	for _, prog := range []struct {
		key string
		n   int
	}{{"kansrijke_start", 3}, {"gezonde_school", 5}, {"jogg", 4}} {
		for _, a := range pick(rng, accords, prog.n) {
			a.programmes = append(a.programmes, prog.key)
		}
	}
	var smoking []*accord
	for _, a := range p {
		if a.npa["roken"] != "niet" {
			smoking = append(smoking, a)
		}
	}
	for _, a := range pick(rng, smoking, 9) { // rookvrije omgevingen in nine accords
		a.programmes = append(a.programmes, "rookvrije_generatie")
	}
	progOrder := indicators.Programmes.Keys()
	for _, a := range accords {
		slices.SortFunc(a.programmes, func(x, y string) int { return slices.Index(progOrder, x) - slices.Index(progOrder, y) })
	}

	// Roles: the municipality initiates, except one accord run by a bureau
	// on its behalf; then one or two roles more.
	bureau := accords[rng.IntN(len(accords))]
	more := []string{"aanjager", "facilitator", "samenwerkingspartner", "regisseur", "verbinder"}
	for _, a := range accords {
		a.roles = []string{"initiatiefnemer"}
		if a == bureau {
			a.roles = []string{"opdrachtgever"}
		}
		a.roles = append(a.roles, pick(rng, more, 1+rng.IntN(2))...)
	}
	for _, a := range pick(rng, accords, 4) {
		a.roles = append(a.roles, "inhoudelijk_betrokken")
	}

	// Working methods: 2 not worked out, 1 with meetings organised by the
	// municipality instead of a steering group, the others a steering group
	// with theme working groups; a coordinator in 5, an administrative
	// meeting in 3.
	order := rng.Perm(len(accords))
	for k, j := range order {
		a := accords[j]
		switch {
		case k < 2:
			a.methods = []string{}
		case k == 2:
			a.methods = []string{"bijeenkomsten"}
		default:
			a.methods = []string{"stuurgroep", "thematische_werkgroepen"}
			if k < 3+3 {
				a.methods = append(a.methods, "bestuurlijk_overleg")
			}
			if k >= 3+3 && k < 3+3+5 {
				a.methods = append(a.methods, "coordinator")
			}
		}
	}
	// Monitoring: 2 not worked out; the others on population level and some
	// on process and project level.
	for k, j := range rng.Perm(len(accords)) {
		a := accords[j]
		if k < 2 {
			a.monitoring = []string{}
			continue
		}
		a.monitoring = []string{"populatie"}
		if rng.IntN(2) == 0 {
			a.monitoring = append(a.monitoring, "proces")
		}
		if rng.IntN(2) == 0 {
			a.monitoring = append(a.monitoring, "project")
		}
	}
	// eHealth: a central spearhead in one accord, applied in three.
	for k, j := range rng.Perm(len(accords)) {
		a := accords[j]
		switch {
		case k == 0:
			a.ehealth = "speerpunt"
		case k < 4:
			a.ehealth = "toegepast"
		default:
			a.ehealth = "niet"
		}
	}
	// Uitgangspunten.
	involved := accords[rng.IntN(len(accords))] // residents consulted in a single accord
	for _, a := range accords {
		themes := 0
		for _, c := range a.npa {
			if c != "niet" {
				themes++
			}
		}
		a.uitgangspunten = map[string]bool{
			"gedeelde_ambitie":       true,
			"twee_npa_themas":        themes >= 2,
			"publiek_privaat":        true,
			"gezondheidsachterstand": contains(a.themes, "gezondheidsverschillen"),
			"inwoners_betrokken":     a == involved,
			// It starts a movement: coded where the accord works all three
			// NPA themes out (example data, like every coding here).
			"beweging": themes == 3,
		}
	}

	codeParties(accords, rng)
	codeGoals(p, d, rng)
}

// codeParties gives the accords 4 to 100 parties, 574 in all (mean 41), 11
// of them in sector overig and none residents.
func codeParties(accords []*accord, rng *rand.Rand) {
	counts := []int{4, 100}
	for range 12 {
		counts = append(counts, 12+rng.IntN(61))
	}
	for sum(counts) != 574 {
		i := 2 + rng.IntN(12)
		switch {
		case sum(counts) < 574 && counts[i] < 95:
			counts[i]++
		case sum(counts) > 574 && counts[i] > 8:
			counts[i]--
		}
	}
	slices.Sort(counts)
	var lokaal, regionaal, rest []*accord
	for _, a := range accords {
		if a.a.Kind == "lokaal" {
			lokaal = append(lokaal, a)
		} else {
			regionaal = append(regionaal, a)
		}
	}
	// The smallest accords are a local and a regional one (factsheet).
	l, r := lokaal[rng.IntN(len(lokaal))], regionaal[rng.IntN(len(regionaal))]
	for _, a := range accords {
		if a != l && a != r {
			rest = append(rest, a)
		}
	}
	byCount := map[*accord]int{l: counts[0], r: counts[1]}
	for i, j := range rng.Perm(len(rest)) {
		byCount[rest[j]] = counts[2+i]
	}
	// overig: one party each in the 11 accords with the most parties.
	sorted := slices.Clone(accords)
	slices.SortStableFunc(sorted, func(x, y *accord) int { return cmp.Compare(byCount[y], byCount[x]) })
	overig := map[*accord]bool{}
	for _, a := range sorted[:11] {
		overig[a] = true
	}
	weights := []struct {
		sector string
		w      int
	}{{"zorg", 26}, {"sport", 26}, {"welzijn", 16}, {"onderwijs", 14}, {"bedrijfsleven", 12}, {"woningcorporatie", 3}, {"zorgverzekeraar", 3}}
	total := 0
	for _, w := range weights {
		total += w.w
	}
	prefix := map[string]string{"zorg": "Zorgaanbieder", "sport": "Sportvereniging", "welzijn": "Welzijnsorganisatie",
		"onderwijs": "School", "bedrijfsleven": "Bedrijf", "woningcorporatie": "Woningcorporatie",
		"zorgverzekeraar": "Zorgverzekeraar", "overig": "Stichting"}
	for _, a := range accords {
		n := byCount[a]
		if len(a.a.Members) > 1 && n >= len(a.a.Members)+6 {
			for _, name := range a.names {
				a.parties = append(a.parties, party{"Gemeente " + name, "overheid"})
			}
		} else if len(a.a.Members) > 1 {
			a.parties = append(a.parties, party{"Gemeenten van regio " + a.a.Name, "overheid"})
		} else {
			a.parties = append(a.parties, party{"Gemeente " + a.names[0], "overheid"})
		}
		a.parties = append(a.parties, party{a.ggdName, "ggd"})
		sectors := []string{"sport", "zorg"}
		if overig[a] {
			sectors = append(sectors, "overig")
		}
		for len(a.parties)+len(sectors) < n {
			x := rng.IntN(total)
			for _, w := range weights {
				if x < w.w {
					sectors = append(sectors, w.sector)
					break
				}
				x -= w.w
			}
		}
		sectorOrder := indicators.Sectors.Keys()
		slices.SortStableFunc(sectors, func(x, y string) int { return slices.Index(sectorOrder, x) - slices.Index(sectorOrder, y) })
		seen := map[string]int{}
		for _, s := range sectors {
			seen[s]++
			a.parties = append(a.parties, party{fmt.Sprintf("%s %d", prefix[s], seen[s]), s})
		}
	}
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// codeGoals: 12 accords state goals (not the two that name the NPA themes
// only broadly), 9 of them with interventions; goals follow the themes an
// accord works out in full. Baselines are the real 2020 values of
// 50090NED for the accord; targets, deadlines and owners are rare, as the
// factsheet found.
func codeGoals(p []*accord, d *data, rng *rand.Rand) {
	withGoals := p[:12]
	for i, a := range withGoals {
		a.goalInterventions = ptr(i <= 8)
		add := func(text, theme, ind string) {
			g := goal{text: text, theme: theme, indicator: ind, baseline: math.NaN(), target: math.NaN()}
			if ind != "" {
				g.baseline = d.value(a.a, ind, baselineEdition)
			}
			a.goals = append(a.goals, g)
		}
		if a.basedOn == "sportakkoord" {
			add("Een leven lang sporten en bewegen voor alle inwoners", "overgewicht", "wekelijkse_sporters")
		} else {
			add("Minder volwassenen met overgewicht", "overgewicht", "overgewicht")
		}
		if a.npa["roken"] == "uitgebreid" {
			add("Minder volwassenen die roken", "roken", "roker")
		}
		if a.npa["problematisch_alcoholgebruik"] == "uitgebreid" {
			add("Minder zware drinkers", "problematisch_alcoholgebruik", "zware_drinker")
		}
		switch {
		case contains(a.themes, "financieel_gezond"):
			add("Minder inwoners die moeite hebben met rondkomen", "financieel_gezond", "moeite_met_rondkomen")
		case contains(a.themes, "gezondheidsverschillen"):
			add("Kleinere gezondheidsverschillen tussen wijken", "gezondheidsverschillen", "")
		}
	}
	direction := map[string]string{}
	for _, ind := range indicators.LoadReference().Catalogue {
		direction[ind.Key] = ind.Direction
	}
	for _, a := range pick(rng, withGoals, 3) { // a time indication in three accords
		for i := range a.goals {
			g := &a.goals[i]
			g.deadline = 2025
			if math.IsNaN(g.baseline) {
				continue
			}
			delta := float64(2+rng.IntN(5)) / 2 // 1 to 3 points
			if direction[g.indicator] == "lager_beter" {
				delta = -delta
			}
			g.target = math.Round((g.baseline+delta)*10) / 10
		}
	}
	for _, a := range pick(rng, withGoals, 2) { // an owner in two
		a.goals[0].owner = a.ggdName
	}
}

// q quotes a YAML string.
func q(s string) string { return strconv.Quote(s) }

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// note says what is real and what is coded.
const note = "VOORBEELDDATA. Echt zijn alleen naam, jaar, soort en leden van het akkoord (boven de coding). " +
	"Alles in deze coding is verzonnen door examples/gen, zo dat de 14 akkoorden samen de aantallen van de RIVM-factsheet " +
	"(peildatum 1 november 2020) geven; welk akkoord wat heeft, heeft het RIVM niet gepubliceerd. " +
	"De nulmetingen (baseline_value) zijn wel echte waarden: RIVM StatLine 50090NED 2016 (de laatste editie voor de ondertekening), bevolkingsgewogen over de leden."
