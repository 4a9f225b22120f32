package vektis

import (
	"errors"
	"strings"
	"testing"

	"lpa/indicators"
)

func TestVektisYearFromName(t *testing.T) {
	accept := []struct {
		name string
		want int
	}{
		{"vektis_2011_gemeente.csv.gz", 2011},
		{"../shared/data/vektis_zvw_gemeente/vektis_2023_gemeente.csv.gz", 2023},
		{"Open Databestand Zorgverzekeringswet 2011 - gemeente.csv", 2011},
		{"Vektis Open Databestand Zorgverzekeringswet 2020 - gemeente_versie2.csv", 2020},
		{"/data/2019/vektis_2019_gemeente.csv", 2019}, // only the base name counts
	}
	for _, tc := range accept {
		got, err := yearFromName(tc.name)
		if err != nil || got != tc.want {
			t.Errorf("vektisYearFromName(%q) = %d, %v; want %d", tc.name, got, err, tc.want)
		}
	}
	refuse := []struct{ name, want string }{
		{"care_costs.csv", "its name holds no year"},
		{"vektis_gemeente.csv.gz", "its name holds no year"},
		{"vektis_20110_gemeente.csv", "its name holds no year"}, // five digits: no year
		{"vektis_2011_2012_gemeente.csv", "its name holds the years 2011 and 2012"},
		{"vektis_2003_gemeente.csv", "before the Zorgverzekeringswet (2006)"},
	}
	for _, tc := range refuse {
		_, err := yearFromName(tc.name)
		var pe *indicators.ParseError
		if !errors.As(err, &pe) || !strings.Contains(pe.Msg, tc.want) || !strings.Contains(pe.Msg, "expected the data year in the file name") {
			t.Errorf("vektisYearFromName(%q) = %v; want a ParseError saying %q", tc.name, err, tc.want)
		}
	}
}
