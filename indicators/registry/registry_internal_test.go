package registry

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"lpa/indicators"
)

// The JSON Schema of the registry lists the same fixed values as lpa.
func TestRegistrySchemaMatchesVocabularies(t *testing.T) {
	b, err := os.ReadFile("../../examples/accords/accord.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(b, &schema); err != nil {
		t.Fatal(err)
	}
	get := func(path ...string) any {
		var v any = schema
		for _, p := range path {
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("schema: no %v", path)
			}
			v = m[p]
		}
		return v
	}
	enum := func(path ...string) []string {
		var out []string
		for _, x := range get(append(path, "enum")...).([]any) {
			out = append(out, x.(string))
		}
		return out
	}
	keys := func(path ...string) []string {
		var out []string
		for k := range get(path...).(map[string]any) {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	sorted := func(v indicators.Vocabulary) []string { k := v.Keys(); slices.Sort(k); return k }
	coding := []string{"$defs", "coding", "properties"}
	for _, c := range []struct {
		name string
		got  []string
		want []string
	}{
		{"coverage", enum(append(coding, "npa_themes", "properties", "roken")...), indicators.Coverages.Keys()},
		{"npa themes", keys(append(coding, "npa_themes", "properties")...), sorted(indicators.NPAThemes)},
		{"themes", enum(append(coding, "themes", "items")...), indicators.Themes.Keys()},
		{"sectors", enum("$defs", "party", "properties", "sector"), indicators.Sectors.Keys()},
		{"programmes", enum(append(coding, "programmes", "items")...), indicators.Programmes.Keys()},
		{"roles", enum(append(coding, "municipality_roles", "items")...), indicators.Roles.Keys()},
		{"working methods", enum(append(coding, "working_methods", "items")...), indicators.WorkingMethods.Keys()},
		{"monitoring", enum(append(coding, "monitoring", "items")...), indicators.MonitoringLevels.Keys()},
		{"ehealth", enum(append(coding, "ehealth")...), indicators.EHealthUses.Keys()},
		{"based_on", enum(append(coding, "based_on")...), indicators.Origins.Keys()},
		{"uitgangspunten", keys(append(coding, "uitgangspunten", "properties")...), sorted(indicators.Uitgangspunten)},
		{"goal theme", enum("$defs", "goal", "properties", "theme"), append(indicators.NPAThemes.Keys(), indicators.Themes.Keys()...)},
		{"coding keys", keys(coding...), strings.Split(strings.NewReplacer(" and ", ", ").Replace(nestedKeys["codingFile"].keys), ", ")},
		{"goal keys", keys("$defs", "goal", "properties"), strings.Split(strings.NewReplacer(" and ", ", ").Replace(nestedKeys["goalFile"].keys), ", ")},
	} {
		if c.name == "coding keys" || c.name == "goal keys" {
			slices.Sort(c.want)
		}
		if diff := cmp.Diff(c.want, c.got); diff != "" {
			t.Errorf("%s (-lpa +schema):\n%s", c.name, diff)
		}
	}
}
