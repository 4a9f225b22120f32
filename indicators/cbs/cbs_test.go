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

func TestParseCBSGebieden2020(t *testing.T) {
	p := indicatorstest.ParseShared(t, "cbs_regiocodes/Gebieden_in_Nederland_2020_07122020_202646.csv")
	if p.Kind != indicators.KindCBSGebieden || p.Regions.Division != 2020 {
		t.Fatalf("kind %q, division %d; want %s, 2020", p.Kind, p.Regions.Division, indicators.KindCBSGebieden)
	}
	levels, byCode := regionsBy(p.Regions)
	if diff := cmp.Diff(map[string]int{indicators.LevelGemeente: 355, indicators.LevelProvincie: 12}, levels); diff != "" {
		t.Errorf("regions per level (-want +got):\n%s", diff)
	}
	want := []indicators.Region{
		{Division: 2020, Code: "GM1680", Name: "Aa en Hunze", Level: indicators.LevelGemeente, GemeenteCode: "GM1680", ProvinceCode: "PV22", Population: 25445},
		// Ameland's row calls its province "Friesland", the other 17 "Fryslân".
		{Division: 2020, Code: "GM0060", Name: "Ameland", Level: indicators.LevelGemeente, GemeenteCode: "GM0060", ProvinceCode: "PV21", Population: 3716},
		{Division: 2020, Code: "PV21", Name: "Fryslân", Level: indicators.LevelProvincie, Population: -1},
		{Division: 2020, Code: "PV27", Name: "Noord-Holland", Level: indicators.LevelProvincie, Population: -1},
	}
	var got []indicators.Region
	for _, w := range want {
		got = append(got, byCode[w.Code])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("regions (-want +got):\n%s", diff)
	}
}

func TestParseCBSGebiedenGGD2023(t *testing.T) {
	p := indicatorstest.ParseShared(t, "cbs_regiocodes/Gebieden_in_Nederland_2023_25032025_175459.csv")
	if p.Kind != indicators.KindCBSGebiedenGGD || p.Regions.Division != 2023 {
		t.Fatalf("kind %q, division %d; want %s, 2023", p.Kind, p.Regions.Division, indicators.KindCBSGebiedenGGD)
	}
	levels, byCode := regionsBy(p.Regions)
	if diff := cmp.Diff(map[string]int{indicators.LevelGemeente: 342, indicators.LevelGGDRegio: 25}, levels); diff != "" {
		t.Errorf("regions per level (-want +got):\n%s", diff)
	}
	want := []indicators.Region{
		{Division: 2023, Code: "GM1680", Name: "Aa en Hunze", Level: indicators.LevelGemeente, GemeenteCode: "GM1680", GGDCode: "GG0706", Population: -1},
		{Division: 2023, Code: "GM1992", Name: "Voorne aan Zee", Level: indicators.LevelGemeente, GemeenteCode: "GM1992", GGDCode: "GG4607", Population: -1},
		{Division: 2023, Code: "GG3406", Name: "GGD Amsterdam", Level: indicators.LevelGGDRegio, Population: -1},
	}
	var got []indicators.Region
	for _, w := range want {
		got = append(got, byCode[w.Code])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("regions (-want +got):\n%s", diff)
	}
}

func TestParseCBSKerncijfers2024(t *testing.T) {
	p := indicatorstest.ParseShared(t, "cbs_regiocodes/Kerncijfers_wijken_en_buurten_2024_geslachten.csv")
	if p.Kind != indicators.KindCBSKerncijfers || p.Regions.Division != 2024 {
		t.Fatalf("kind %q, division %d; want %s, 2024", p.Kind, p.Regions.Division, indicators.KindCBSKerncijfers)
	}
	if n := len(p.Regions.Regions); n != 18310 {
		t.Errorf("%d regions, want 18310", n)
	}
	levels, byCode := regionsBy(p.Regions)
	if diff := cmp.Diff(map[string]int{indicators.LevelLand: 1, indicators.LevelGemeente: 342, indicators.LevelWijk: 3393, indicators.LevelBuurt: 14574}, levels); diff != "" {
		t.Errorf("regions per level (-want +got):\n%s", diff)
	}
	want := []indicators.Region{
		// The file's one "." is NL00's Indelingswijziging, not its population.
		{Division: 2024, Code: "NL00", Name: "Nederland", Level: indicators.LevelLand, Population: 17942942},
		{Division: 2024, Code: "GM1680", Name: "Aa en Hunze", Level: indicators.LevelGemeente, GemeenteCode: "GM1680", Population: 25845},
		{Division: 2024, Code: "WK168000", Name: "Wijk 00 Annen", Level: indicators.LevelWijk, GemeenteCode: "GM1680", Population: 3590},
		{Division: 2024, Code: "BU16800000", Name: "Annen", Level: indicators.LevelBuurt, GemeenteCode: "GM1680", Population: 3455},
		{Division: 2024, Code: "WK0363AA", Level: indicators.LevelWijk, GemeenteCode: "GM0363"},
		{Division: 2024, Code: "BU0363AA01", Level: indicators.LevelBuurt, GemeenteCode: "GM0363"},
	}
	var got []indicators.Region
	for i, w := range want {
		r := byCode[w.Code]
		if i >= 4 { // Amsterdam's letter codes: only check they are there
			r.Name, r.Population = "", 0
		}
		got = append(got, r)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("regions (-want +got):\n%s", diff)
	}
}
