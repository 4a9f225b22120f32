package indicators

import (
	"fmt"
	"maps"
	"slices"
	"time"
)

// BaseDivision is the municipal division lpa ships as a list
// (indicators/data/gemeenten_2020.csv, from CBS Gebieden in Nederland 2020).
// Later divisions follow from it and gemeente_changes.csv.
const BaseDivision = 2020

// LastDivision is the newest division the shipped changes describe; later
// years are taken to have the same gemeenten until a change is added.
const LastDivision = 2025

// Divisions lists the divisions lpa knows, oldest first.
func (r *Reference) Divisions() []int {
	var out []int
	for y := BaseDivision; y <= LastDivision; y++ {
		out = append(out, y)
	}
	return out
}

// divisionStart is the date a division describes: 1 January of its year.
func divisionStart(year int) time.Time { return time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC) }

// Gemeenten returns the gemeenten (code -> name) of a division, or nil when
// lpa does not know that division.
func (r *Reference) Gemeenten(division int) map[string]string {
	if division < BaseDivision || division > LastDivision {
		return nil
	}
	g := maps.Clone(r.base)
	for _, c := range r.Changes {
		if c.Effective.After(divisionStart(division)) {
			continue
		}
		delete(g, c.OldCode)
		g[c.NewCode] = c.NewName
	}
	return g
}

// Crosswalk maps each gemeente of division from onto the gemeenten of
// division to (from <= to) that its area went to, with the share of its
// inhabitants. A gemeente that did not change maps onto itself with share 1.
func (r *Reference) Crosswalk(from, to int) (map[string]map[string]float64, error) {
	if r.Gemeenten(from) == nil || r.Gemeenten(to) == nil || from > to {
		return nil, fmt.Errorf("no crosswalk from division %d to %d (lpa knows %d-%d, forward only)", from, to, BaseDivision, LastDivision)
	}
	cw := map[string]map[string]float64{}
	for code := range r.Gemeenten(from) {
		cw[code] = map[string]float64{code: 1}
	}
	// Apply the changes between the two divisions in date order; a code
	// reached through one change may change again later.
	changes := slices.Clone(r.Changes)
	slices.SortStableFunc(changes, func(a, b GemeenteChange) int { return a.Effective.Compare(b.Effective) })
	for _, c := range changes {
		if !c.Effective.After(divisionStart(from)) || c.Effective.After(divisionStart(to)) {
			continue
		}
		for _, targets := range cw {
			if s, ok := targets[c.OldCode]; ok {
				targets[c.NewCode] += s * c.Share
			}
		}
	}
	// Drop codes that no longer exist in the target division.
	target := r.Gemeenten(to)
	for _, targets := range cw {
		for code := range targets {
			if _, ok := target[code]; !ok {
				delete(targets, code)
			}
		}
	}
	return cw, nil
}

// checkChanges verifies the shipped changes: every old code exists just
// before its change, and the shares of a dissolved gemeente add up to 1.
func (r *Reference) checkChanges() error {
	sums := map[string]float64{}
	for _, c := range r.Changes {
		sums[c.OldCode+c.Effective.Format("2006-01-02")] += c.Share
	}
	for k, s := range sums {
		if s < 0.9999 || s > 1.0001 {
			return fmt.Errorf("gemeente_changes.csv: shares of %s add up to %v", k, s)
		}
	}
	return nil
}

// GemeentenOn returns the gemeenten (code -> name) that existed on day d:
// the division of d's year with the changes of that year up to d applied
// (Weesp joined Amsterdam on 24 March 2022). nil when lpa does not know the
// division.
func (r *Reference) GemeentenOn(d time.Time) map[string]string {
	g := r.Gemeenten(d.Year())
	if g == nil {
		return nil
	}
	for _, c := range r.Changes {
		if c.Effective.After(divisionStart(d.Year())) && !c.Effective.After(d) {
			delete(g, c.OldCode)
			g[c.NewCode] = c.NewName
		}
	}
	return g
}
