package cbs_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"lpa/indicators"
	"lpa/indicators/indicatorstest"
)

// regionsBy counts regions per level and indexes them by code.
func regionsBy(rs *indicators.RegionSet) (map[string]int, map[string]indicators.Region) {
	levels, byCode := map[string]int{}, map[string]indicators.Region{}
	for _, r := range rs.Regions {
		levels[r.Level]++
		byCode[r.Code] = r
	}
	return levels, byCode
}

// checkRegions compares the kind, the division, the regions per level and
// some regions of a parsed CBS file; the regions of want from index blank
// on are compared without their name and population (they only have to be
// there).
func checkRegions(t *testing.T, p *indicators.Parsed, kind indicators.Kind, division int, wantLevels map[string]int, want []indicators.Region, blank int) {
	t.Helper()
	if p.Kind != kind || p.Regions.Division != division {
		t.Fatalf("kind %q, division %d; want %s, %d", p.Kind, p.Regions.Division, kind, division)
	}
	levels, byCode := regionsBy(p.Regions)
	if diff := cmp.Diff(wantLevels, levels); diff != "" {
		t.Errorf("regions per level (-want +got):\n%s", diff)
	}
	var got []indicators.Region
	for i, w := range want {
		r := byCode[w.Code]
		if i >= blank {
			r.Name, r.Population = "", 0
		}
		got = append(got, r)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("regions (-want +got):\n%s", diff)
	}
}

func TestParseCBSGebieden2020(t *testing.T) {
	p := indicatorstest.ParseShared(t, "cbs_regiocodes/Gebieden_in_Nederland_2020_07122020_202646.csv")
	want := []indicators.Region{
		{Division: 2020, Code: "GM1680", Name: "Aa en Hunze", Level: indicators.LevelGemeente, GemeenteCode: "GM1680", ProvinceCode: "PV22", Population: 25445},
		// Ameland's row calls its province "Friesland", the other 17 "Fryslân".
		{Division: 2020, Code: "GM0060", Name: "Ameland", Level: indicators.LevelGemeente, GemeenteCode: "GM0060", ProvinceCode: "PV21", Population: 3716},
		{Division: 2020, Code: "PV21", Name: "Fryslân", Level: indicators.LevelProvincie, Population: -1},
		{Division: 2020, Code: "PV27", Name: "Noord-Holland", Level: indicators.LevelProvincie, Population: -1},
	}
	checkRegions(t, p, indicators.KindCBSGebieden, 2020, map[string]int{indicators.LevelGemeente: 355, indicators.LevelProvincie: 12}, want, len(want))
}

func TestParseCBSGebiedenGGD2023(t *testing.T) {
	p := indicatorstest.ParseShared(t, "cbs_regiocodes/Gebieden_in_Nederland_2023_25032025_175459.csv")
	want := []indicators.Region{
		{Division: 2023, Code: "GM1680", Name: "Aa en Hunze", Level: indicators.LevelGemeente, GemeenteCode: "GM1680", GGDCode: "GG0706", Population: -1},
		{Division: 2023, Code: "GM1992", Name: "Voorne aan Zee", Level: indicators.LevelGemeente, GemeenteCode: "GM1992", GGDCode: "GG4607", Population: -1},
		{Division: 2023, Code: "GG3406", Name: "GGD Amsterdam", Level: indicators.LevelGGDRegio, Population: -1},
	}
	checkRegions(t, p, indicators.KindCBSGebiedenGGD, 2023, map[string]int{indicators.LevelGemeente: 342, indicators.LevelGGDRegio: 25}, want, len(want))
}

func TestParseCBSKerncijfers2024(t *testing.T) {
	p := indicatorstest.ParseShared(t, "cbs_regiocodes/Kerncijfers_wijken_en_buurten_2024_geslachten.csv")
	want := []indicators.Region{
		// The file's one "." is NL00's Indelingswijziging, not its population.
		{Division: 2024, Code: "NL00", Name: "Nederland", Level: indicators.LevelLand, Population: 17942942},
		{Division: 2024, Code: "GM1680", Name: "Aa en Hunze", Level: indicators.LevelGemeente, GemeenteCode: "GM1680", Population: 25845},
		{Division: 2024, Code: "WK168000", Name: "Wijk 00 Annen", Level: indicators.LevelWijk, GemeenteCode: "GM1680", Population: 3590},
		{Division: 2024, Code: "BU16800000", Name: "Annen", Level: indicators.LevelBuurt, GemeenteCode: "GM1680", Population: 3455},
		// Amsterdam's letter codes: only check they are there.
		{Division: 2024, Code: "WK0363AA", Level: indicators.LevelWijk, GemeenteCode: "GM0363"},
		{Division: 2024, Code: "BU0363AA01", Level: indicators.LevelBuurt, GemeenteCode: "GM0363"},
	}
	checkRegions(t, p, indicators.KindCBSKerncijfers, 2024,
		map[string]int{indicators.LevelLand: 1, indicators.LevelGemeente: 342, indicators.LevelWijk: 3393, indicators.LevelBuurt: 14574}, want, 4)
	if n := len(p.Regions.Regions); n != 18310 {
		t.Errorf("%d regions, want 18310", n)
	}
}
