package statline

import (
	"strings"
	"testing"
)

func TestStatLineExportSourceID(t *testing.T) {
	for _, tc := range []struct {
		title string
		extra []exportFilter
		want  string
	}{
		{"Gezondheidsmonitor; regio, bevolking van 19 jaar of ouder, 2012", nil, "statline_gezondheidsmonitor_regio"},
		{"Gezondheidsmonitor; bevolking 19 jaar of ouder, regio, 2016", nil, "statline_gezondheidsmonitor_regio"},
		{"Gezondheidsmonitor; bevolking 18 jaar of ouder, regio, 2022", nil, "statline_gezondheidsmonitor_regio"},
		{"Inkomen van huishoudens; huishoudenskenmerken, regio (indeling 2024)", nil,
			"statline_inkomen_van_huishoudens_huishoudenskenmerken_regio"},
		{"Inkomen van huishoudens; huishoudenskenmerken, regio (indeling 2024)",
			[]exportFilter{{key: "Populatie", value: "Particuliere huishoudens incl. studenten"}, {key: "Kenmerken van huishoudens", value: "Particuliere huishoudens"}},
			"statline_inkomen_van_huishoudens_huishoudenskenmerken_regio_892b5e"},
		{"Inkomen van huishoudens; huishoudenskenmerken, regio (indeling 2024)",
			[]exportFilter{{key: "Populatie", value: "Particuliere huishoudens incl. studenten"}, {key: "Kenmerken van huishoudens", value: "Eenpersoonshuishouden"}},
			"statline_inkomen_van_huishoudens_huishoudenskenmerken_regio_1b7b65"},
	} {
		if got := exportSourceID(tc.title, tc.extra); got != tc.want {
			t.Errorf("exportSourceID(%q, %v) = %s, want %s", tc.title, tc.extra, got, tc.want)
		}
	}
}

func TestStatLineExportRegionNames(t *testing.T) {
	for _, tc := range []struct {
		division int
		name     string
		want     string // code level, or a phrase of the problem
	}{
		{2020, "Nederland", "NL01 land"},
		{2020, "Amsterdam", "GM0363 gemeente"},
		{2020, "Groningen (gemeente)", "GM0014 gemeente"},
		{2020, "Utrecht (gemeente)", "GM0344 gemeente"},
		{2020, "Utrecht", "GM0344 gemeente"}, // CBS's suffix left off: one gemeente has that name
		{2020, "Hengelo (O.)", "GM0164 gemeente"},
		{2020, "Hengelo", "GM0164 gemeente"},
		{2020, "Bergen (NH.)", "GM0373 gemeente"},
		{2020, "Bergen (L.)", "GM0893 gemeente"},
		{2020, "Bergen", `region "Bergen" is ambiguous in the municipal division of 2020; expected the CBS name with its suffix: "Bergen (NH.)" or "Bergen (L.)"`},
		{2020, "'s-Gravenhage (gemeente)", "GM0518 gemeente"},
		{2020, "Den Haag", "GM0518 gemeente"},
		{2020, "Súdwest-Fryslân", "GM1900 gemeente"},
		{2020, "Sudwest Fryslan", "GM1900 gemeente"},
		{2020, "Hengelo (Gld.)", `region "Hengelo (Gld.)" is not Nederland, a gemeente of the municipal division of 2020`},
		{2020, "Eemsdelta", `region "Eemsdelta" is not Nederland, a gemeente of the municipal division of 2020`},
		{2021, "Eemsdelta", "GM1979 gemeente"},
		{2022, "Weesp", "GM0457 gemeente"}, // joined Amsterdam on 24 March 2022
		{2023, "Weesp", `region "Weesp" is not`},
		{2020, "Haren", `region "Haren" is not`}, // part of Groningen since 2019
		{2024, "GGD Amsterdam (GG)", "GG3406 ggd_regio"},
		{2024, "GGD Amsterdam", "GG3406 ggd_regio"},
		{2024, "Groningen (PV)", `region "Groningen (PV)" is a province; expected Nederland, a gemeente or a GGD region`},
		{2024, "Amsterdm", `region "Amsterdm" is not Nederland, a gemeente of the municipal division of 2024 or a GGD region; expected a CBS region name`},
	} {
		code, level, problem := newExportRegions(tc.division).resolve(tc.name)
		got := strings.TrimSpace(code + " " + level)
		if problem != "" {
			if !strings.Contains(problem, tc.want) {
				t.Errorf("%d %q: %s; want %s", tc.division, tc.name, problem, tc.want)
			}
			continue
		}
		if got != tc.want {
			t.Errorf("%d %q: %s; want %s", tc.division, tc.name, got, tc.want)
		}
	}
}
