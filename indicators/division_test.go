package indicators_test

import (
	"context"
	"maps"
	"os"
	"slices"
	"testing"

	"lpa/indicators"
	"lpa/indicators/sources"
)

func gemeenteCodes(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := sources.Parse(context.Background(), path, b)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, r := range p.Regions.Regions {
		if r.Level == indicators.LevelGemeente {
			codes = append(codes, r.Code)
		}
	}
	slices.Sort(codes)
	return codes
}

// TestDivisionsMatchCBS: the 2020 list plus the shipped changes give exactly
// the 342 gemeenten of CBS's 2023 list.
func TestDivisionsMatchCBS(t *testing.T) {
	ref := indicators.LoadReference()
	for _, tc := range []struct {
		division int
		file     string
	}{
		{2020, "../examples/data/Gebieden_in_Nederland_2020_07122020_202646.csv"},
		{2023, "../examples/data/Gebieden_in_Nederland_2023_25032025_175459.csv"},
	} {
		want := gemeenteCodes(t, tc.file)
		got := slices.Sorted(maps.Keys(ref.Gemeenten(tc.division)))
		if !slices.Equal(got, want) {
			t.Errorf("division %d: %d gemeenten derived, CBS lists %d", tc.division, len(got), len(want))
		}
	}
	// On 1 January 2022 Weesp still existed (it joined Amsterdam on 24 March).
	for div, n := range map[int]int{2020: 355, 2021: 352, 2022: 345, 2023: 342, 2024: 342} {
		if got := len(ref.Gemeenten(div)); got != n {
			t.Errorf("division %d: %d gemeenten, want %d", div, got, n)
		}
	}
}

func TestCrosswalk2020To2023(t *testing.T) {
	ref := indicators.LoadReference()
	cw, err := ref.Crosswalk(2020, 2023)
	if err != nil {
		t.Fatal(err)
	}
	g2023 := ref.Gemeenten(2023)
	for code, targets := range cw {
		sum := 0.0
		for to, s := range targets {
			if _, ok := g2023[to]; !ok {
				t.Errorf("%s maps onto %s, not a gemeente of 2023", code, to)
			}
			sum += s
		}
		if len(targets) == 0 || sum < 0.9999 || sum > 1.0001 {
			t.Errorf("%s: targets %v (shares add up to %v)", code, targets, sum)
		}
	}
	if len(cw) != 355 {
		t.Errorf("%d gemeenten of 2020 in the crosswalk", len(cw))
	}
	known := map[string]string{ // the mergers of 2021-2023
		"GM0003": "GM1979", "GM0010": "GM1979", "GM0024": "GM1979", // Eemsdelta 2021
		"GM0370": "GM0439",                     // Beemster -> Purmerend 2022
		"GM0398": "GM1980", "GM0416": "GM1980", // Dijk en Waard 2022
		"GM1685": "GM1991", "GM0856": "GM1991", // Maashorst 2022
		"GM0756": "GM1982", "GM1684": "GM1982", "GM0786": "GM1982", "GM0815": "GM1982", "GM1702": "GM1982", // Land van Cuijk 2022
		"GM0457": "GM0363",                                         // Weesp -> Amsterdam 2022
		"GM0501": "GM1992", "GM0530": "GM1992", "GM0614": "GM1992", // Voorne aan Zee 2023
		"GM0363": "GM0363", "GM1680": "GM1680", // unchanged
	}
	for from, to := range known {
		if s := cw[from][to]; s != 1 || len(cw[from]) != 1 {
			t.Errorf("%s -> %v, want %s alone", from, cw[from], to)
		}
	}
	haaren := cw["GM0788"]
	if len(haaren) != 4 || haaren["GM0824"] != 0.4216 || haaren["GM0865"] != 0.3446 {
		t.Errorf("Haaren split: %v", haaren)
	}
	if _, err := ref.Crosswalk(2023, 2020); err == nil {
		t.Error("a backward crosswalk should be refused")
	}
}
