package monitor

import (
	"context"
	"fmt"
	"strings"

	"lpa/indicators"
)

const (
	source85563 = "85563NED"
	// 85563NED is the 2022 edition of the monitor (CBS makes one table per
	// edition: 85012NED is 2020), so its period is fixed.
	period85563 = 2022
)

// About85563 describes the kind of file (sources.KnownKinds).
const About85563 = "CBS 85563NED \"Gezondheidsmonitor; bevolking 18 jaar of ouder, regio, 2022\" per GGD region (Regio;Ervaren_gezondheid_(goed/zeer_goed);...;Rokers;...)"

// note85563 is the loads.message of every 85563NED file.
const note85563 = "period 2022 (85563NED is the 2022 edition; the file does not state it); regions by name, coded as in CBS Gebieden in Nederland 2023"

// Parse85563 reads CBS 85563NED as saved with an edited header (see the
// package comment).
func Parse85563(ctx context.Context, name string, t indicators.Table) (*indicators.Parsed, error) {
	idx, err := indicators.RequireColumns(name, t, []string{"Regio"}, indicators.ExpectColumns([]string{"Regio"}, "CBS 85563NED (Gezondheidsmonitor 2022 per GGD-regio)"))
	if err != nil {
		return nil, err
	}
	iRegio := idx["Regio"]
	r := indicators.NewRowReader(name, t)
	b := indicators.NewDatasetBuilder(source85563, period85563)
	inds := indicators.IndicatorColumns(name, t, r.Problems(), func(i int, _ string) bool { return i == iRegio }, key85563, "")
	for _, c := range inds {
		b.Indicator(c.Key) // 0, 1, ... in column order
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	ggd := indicators.LoadGGDReference()
	seen := map[string]int{}
	err = r.Each(ctx, func(rec []string, line int) {
		regio := strings.TrimSpace(rec[iRegio])
		code, level := "", ""
		if regio == "Nederland" {
			code, level = "NL01", indicators.LevelLand
		} else if g := ggd.ByName(regio); g != nil {
			code, level = g.Code, indicators.LevelGGDRegio
		} else {
			r.Bad(line, iRegio, fmt.Sprintf("region %q is not Nederland or a GGD region; expected \"Nederland\" or a GGD region as CBS names it (\"GGD Groningen (GG)\"): %s", regio, ggd.Names()))
			return
		}
		if first, dup := seen[code]; dup {
			r.Dup(line, iRegio, fmt.Sprintf("second row for %s (%s; first on line %d); expected one row per region", regio, code, first))
			return
		}
		seen[code] = line
		row := b.Row(code, level, period85563, indicators.AgeAdults, indicators.SexTotal, line)
		for i, ic := range inds {
			raw := strings.TrimSpace(rec[ic.Col])
			switch raw {
			case "":
				continue // not published
			case ".":
				b.Suppressed(row, uint16(i))
				continue
			}
			v, problem := indicators.Percentage(raw, true, ", or \".\" for suppressed")
			if problem != "" {
				r.Bad(line, ic.Col, problem)
				continue
			}
			b.Value(row, uint16(i), v)
		}
	})
	if err != nil {
		return nil, err
	}
	d, err := b.Done(name)
	if err != nil {
		return nil, err
	}
	return &indicators.Parsed{Kind: indicators.KindMonitor2022GGD, Dataset: d, Note: note85563}, nil
}

// key85563 is the catalogue key of an indicator column, by its last "|"
// level.
func key85563(h string) (string, string) {
	leaf := h[strings.LastIndex(h, "|")+1:]
	if key, ok := indicators.MonitorTopicKey(indicators.NormName(leaf)); ok {
		return key, ""
	}
	return "", fmt.Sprintf("column %q is not an indicator of 85563NED that lpa knows; expected one of %s", h, strings.Join(indicators.QuoteAll(sniff85563Names()), ", "))
}

// sniff85563Names lists the indicator columns as the known file spells them.
func sniff85563Names() []string {
	return []string{"Ervaren_gezondheid_(goed/zeer_goed)", "Psychische_klachten_(MHI-5<=60)", "Eén_of_meer_langdurige_aandoeningen",
		"Bewegen_en_sport|Voldoet_aan_beweegrichtlijn", "Bewegen_en_sport|Wekelijkse_sporters", "Rokers",
		"Alcoholgebruik|Voldoet_aan_richtlijn_alcoholgebruik", "Alcoholgebruik|Overmatige_drinkers_onder_bevolking"}
}
