package indicators

import (
	"testing"
)

func TestGGDReference(t *testing.T) {
	g := LoadGGDReference()
	if len(g.Regions) != 25 {
		t.Fatalf("%d GGD regions, want 25", len(g.Regions))
	}
	for _, tc := range []struct{ name, want string }{
		{"GGD Groningen (GG)", "GG0111"},
		{"Veiligh. en Gez. Gelderland-Midden (GG)", "GG1911"},
		{"Veiligheids- en Gezondheidsregio Gelderland-Midden", "GG1911"},
		{"GGD Fryslân", "GG7206"},
		{"GGD Fryslan", "GG7206"},
		{"Dienst Gezondheid & Jeugd ZHZ", "GG4816"},
		{"GGD Zaanstreek/Waterland", "GG7306"},
		{"GGD Nergensland", ""},
	} {
		got := ""
		if r := g.ByName(tc.name); r != nil {
			got = r.Code
		}
		if got != tc.want {
			t.Errorf("ByName(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	// Every gemeente of 2023 has a GGD region, and every region gemeenten.
	gem := LoadReference().Gemeenten(2023)
	per := map[string]int{}
	for code := range gem {
		gg := g.GGDOf(code, 2023)
		if gg == "" {
			t.Errorf("%s has no GGD region in 2023", code)
		}
		per[gg]++
	}
	if len(gem) != 342 || len(per) != 25 || per["GG2514"] != 26 || per["GG3406"] != 6 {
		t.Errorf("%d gemeenten in %d regions (Regio Utrecht %d, Amsterdam %d); want 342 in 25 (26, 6, as CBS Gebieden in Nederland 2023)",
			len(gem), len(per), per["GG2514"], per["GG3406"])
	}
}
