package main

import (
	"bytes"
	"fmt"
	"lpa/indicators"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

func (a *accord) yaml() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("coding:")
	w("  example_data: true")
	w("  note: %s", q(note))
	w("  source: %s", q("examples/gen (seed 20201101): counts from RIVM, factsheet 'Lokale en regionale preventieakkoorden' (peildatum 1 november 2020), figuur 2-3, tabel 1 en tekst"))
	w("  peildatum: %s", peildatum)
	w("  based_on: %s", a.basedOn)
	w("  npa_themes:")
	for _, t := range indicators.NPAThemes.Keys() {
		w("    %s: %s", t, a.npa[t])
	}
	w("  themes:")
	for _, t := range a.themes {
		w("    - %s", t)
	}
	if a.goalInterventions != nil {
		w("  interventions_described: %v", *a.goalInterventions)
	}
	w("  theme_interventions_described: %v", a.themeInterventions)
	if len(a.goals) > 0 {
		w("  goals:")
	}
	for _, g := range a.goals {
		w("    - text: %s", q(g.text))
		w("      theme: %s", g.theme)
		if g.indicator != "" {
			w("      indicator: %s", g.indicator)
		}
		if !math.IsNaN(g.baseline) {
			w("      baseline_period: %d", baselineEdition)
			w("      baseline_value: %s", num(g.baseline))
		}
		if !math.IsNaN(g.target) {
			w("      target_value: %s", num(g.target))
		}
		if g.deadline != 0 {
			w("      deadline: %d", g.deadline)
		}
		if g.owner != "" {
			w("      owner: %s", q(g.owner))
		}
	}
	w("  programmes:")
	for _, x := range a.programmes {
		w("    - %s", x)
	}
	w("  municipality_roles:")
	for _, x := range a.roles {
		w("    - %s", x)
	}
	if len(a.methods) == 0 {
		w("  working_methods: []   # not worked out yet")
	} else {
		w("  working_methods:")
		for _, x := range a.methods {
			w("    - %s", x)
		}
	}
	if len(a.monitoring) == 0 {
		w("  monitoring: []        # local monitoring not worked out yet")
	} else {
		w("  monitoring:")
		for _, x := range a.monitoring {
			w("    - %s", x)
		}
	}
	w("  ehealth: %s", a.ehealth)
	w("  uitgangspunten:")
	for _, u := range indicators.Uitgangspunten.Keys() {
		if met, ok := a.uitgangspunten[u]; ok {
			w("    %s: %v", u, met)
		}
	}
	w("  parties:             # %d", len(a.parties))
	for _, pt := range a.parties {
		w("    - {name: %s, sector: %s}", q(pt.name), pt.sector)
	}
	return b.String()
}

// statusCSV is VNG's map on the peildatum: the 44 member gemeenten of the 14
// accords gesloten (as the registry says), and of the other 311 gemeenten
// 146 in voorbereiding, 48 verkennen and the rest geen activiteiten: the
// factsheet's numbers, assigned by the seed (example data).
func statusCSV(accords []*accord, d *data, rng *rand.Rand) []byte {
	closed := map[string]bool{}
	for _, a := range accords {
		for _, m := range a.a.Members {
			closed[m] = true
		}
	}
	var codes, others []string
	for c := range d.names {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, c := range codes {
		if !closed[c] {
			others = append(others, c)
		}
	}
	status := map[string]string{}
	for k, j := range rng.Perm(len(others)) {
		switch {
		case k < 146:
			status[others[j]] = "in_voorbereiding"
		case k < 146+48:
			status[others[j]] = "verkennen"
		default:
			status[others[j]] = "geen_activiteiten"
		}
	}
	var b bytes.Buffer
	b.WriteString("peildatum,gemeente_code,status,gemeente_naam,example_data\n")
	for _, c := range codes {
		st, example := status[c], true
		if closed[c] {
			st, example = "gesloten", false
		}
		fmt.Fprintf(&b, "%s,%s,%s,%s,%v\n", peildatum, c, st, csvField(d.names[c]), example)
	}
	return b.Bytes()
}

func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\n") {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}
