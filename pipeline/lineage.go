package pipeline

import (
	"context"
	"fmt"
	"time"

	"lpa/pipeline/store"
	"lpa/reports"
)

// nlCode is Nederland's region code in the monitor tables.
const nlCode = "NL01"

// metricKey names a population metric row as report_figures keeps it: the
// columns of population_metrics that make a row, as column=value pairs
// (the view report_figure_sources follows them to the observations).
func metricKey(round time.Time, m store.MeasureRow) string {
	return fmt.Sprintf("round=%s; accord_id=%s; unit_level=%s; unit_code=%s; source=%s; division=%d; period=%d; age_group=%s; sex=%s; indicator=%s",
		round.Format(time.DateOnly), m.AccordID, m.UnitLevel, m.UnitCode, m.Source, m.Division, m.Period, m.AgeGroup, m.Sex, m.Indicator)
}

// sourcesFor describes, per report, the loads behind it: every load but
// those of observations of no region the report shows (its gemeenten, the
// other gemeenten of their GGD regions, which weigh into the GGD values,
// and Nederland). A correction of one gemeente so changes the reports that
// show it, and no other.
func (p *Pipeline) sourcesFor(ctx context.Context, round time.Time, loads []store.LoadInfo) (func(codes []string) []reports.Source, error) {
	regions, err := p.db.LoadRegions(ctx)
	if err != nil {
		return nil, err
	}
	gems, err := p.db.Gemeenten(ctx, round)
	if err != nil {
		return nil, err
	}
	ggdOf, peers := map[string]string{}, map[string][]string{}
	for _, g := range gems {
		ggdOf[g.Code] = g.GGDCode
		peers[g.GGDCode] = append(peers[g.GGDCode], g.Code)
	}
	return func(codes []string) []reports.Source {
		want := map[string]bool{nlCode: true}
		for _, c := range codes {
			want[c] = true
			if ggd := ggdOf[c]; ggd != "" {
				want[ggd] = true
				for _, peer := range peers[ggd] {
					want[peer] = true
				}
			}
		}
		var ls []store.LoadInfo
		for _, l := range loads {
			if held, obs := regions[l.LoadID]; !obs || overlaps(held, want) {
				ls = append(ls, l)
			}
		}
		return reportSources(ls)
	}, nil
}

func overlaps(a, b map[string]bool) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}
