package indicators

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormaliseVektisName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"S GRAVENHAGE", "S GRAVENHAGE"},
		{"'s-Gravenhage", "S GRAVENHAGE"},
		{"'s-Hertogenbosch", "S HERTOGENBOSCH"},
		{"Súdwest-Fryslân", "SUDWEST FRYSLAN"},
		{"SUDWEST-FRYSLAN", "SUDWEST FRYSLAN"},
		{"Nuenen, Gerwen en Nederwetten", "NUENEN GERWEN EN NEDERWETTEN"},
		{"  aa en  hunze ", "AA EN HUNZE"},
		{"Bergen (L.)", "BERGEN L"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := NormaliseVektisName(tc.in); got != tc.want {
			t.Errorf("NormaliseVektisName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// The shipped name list: the hand matches the docs promise, and the names
// normalisation alone cannot resolve.
func TestVektisGemeentenList(t *testing.T) {
	byName := map[string]VektisGemeente{}
	for _, g := range VektisGemeenten() {
		byName[g.Name] = g
	}
	if len(byName) != 360 {
		t.Errorf("vektis_gemeenten.csv has %d names, want 360 (every name of the 2011-2023 files)", len(byName))
	}
	want := map[string]string{
		"S GRAVENHAGE": "GM0518", "S HERTOGENBOSCH": "GM0796", "BERGEN LB": "GM0893", "BERGEN NH": "GM0373",
		"NUENEN CA": "GM0820", "SUDWEST-FRYSLAN": "GM1900", "NOARDEAST-FRYSLAN": "GM1970", "GRONINGEN": "GM0014",
		"HENGELO": "GM0164", "UTRECHT": "GM0344", "EEMSDELTA": "GM1979", "VOORNE AAN ZEE": "GM1992", "HAAREN": "GM0788",
	}
	for name, code := range want {
		if got := byName[name].Code; got != code {
			t.Errorf("%s -> %q, want %s", name, got, code)
		}
	}
	var hand []string
	for _, g := range VektisGemeenten() {
		if g.Match == "hand" {
			hand = append(hand, g.Name)
		}
	}
	if diff := cmp.Diff([]string{"BERGEN LB", "BERGEN NH", "NUENEN CA"}, hand); diff != "" {
		t.Errorf("hand matches (-want +got):\n%s", diff)
	}
	// Every automatic match is what the normalisation of the CBS name gives,
	// once CBS's disambiguation suffix such as " (gemeente)" or " (O.)" is cut.
	for _, g := range VektisGemeenten() {
		if g.Match != "automatic" {
			continue
		}
		cbs := g.CBSName
		if i := strings.Index(cbs, " ("); i > 0 {
			cbs = cbs[:i]
		}
		if NormaliseVektisName(cbs) != NormaliseVektisName(g.Name) {
			t.Errorf("automatic match %q -> %s %q: the names do not normalise alike", g.Name, g.Code, g.CBSName)
		}
	}
}

func TestVektisCategories(t *testing.T) {
	cat := map[string]CostCategory{}
	for _, c := range VektisCategories() {
		cat[c.SourceColumn] = c
	}
	// The 2023 names cut to 32 characters mean the same as the full ones.
	for cut, full := range map[string]string{
		"kosten_medisch_specialistische_z": "kosten_medisch_specialistische_zorg",
		"kosten_paramedische_zorg_fysioth": "kosten_paramedische_zorg_fysiotherapie",
		"kosten_geriatrische_revalidatiez": "kosten_geriatrische_revalidatiezorg",
	} {
		if len(cut) != 32 || !strings.HasPrefix(full, cut) {
			t.Errorf("%s is not %s cut to 32 characters", cut, full)
		}
		if cat[cut].Category == "" || cat[cut].Category != cat[full].Category {
			t.Errorf("%s -> %q, %s -> %q; want one category", cut, cat[cut].Category, full, cat[full].Category)
		}
	}
	// GGZ columns stay separate categories in one family.
	ggz := map[string]bool{}
	for _, c := range VektisCategories() {
		if c.Family == "ggz" {
			ggz[c.Category] = true
		}
	}
	if len(ggz) != 9 || !ggz["tweedelijns_ggz"] || !ggz["specialistische_ggz"] || !ggz["consulten_ggz"] {
		t.Errorf("ggz family = %v, want 9 categories from tweedelijns_ggz to overige_prestaties_ggz", ggz)
	}
}
