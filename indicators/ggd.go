package indicators

import (
	"fmt"
	"strings"
	"sync"
)

// GGDRegion is one GGD region of indicators/data/ggd_regions.csv.
type GGDRegion struct {
	Code     string   // GG####, as in CBS Gebieden in Nederland 2023
	Name     string   // CBS name
	Aliases  []string // other spellings the sources use
	VZinfoID string   // the numeric id of VZinfo's life expectancy files
}

// ggdDivision is the division of the shipped gemeente -> GGD list
// (indicators/data/gemeente_ggd_2023.csv, from CBS Gebieden in Nederland
// 2023). The shipped changes end in 2023, so it holds for 2023-2025 too.
const ggdDivision = 2023

// GGDReference is the GGD region reference shipped with lpa.
type GGDReference struct {
	Regions  []GGDRegion
	byCode   map[string]*GGDRegion
	byName   map[string]*GGDRegion // normalised name or alias
	byVZinfo map[string]*GGDRegion
	gemeente map[string]string // gemeente code (division 2023) -> GGD code
}

// LoadGGDReference returns the embedded GGD regions, parsed once. Broken
// embedded data is a programmer error and panics.
var LoadGGDReference = sync.OnceValue(func() *GGDReference {
	r, err := parseGGDReference()
	if err != nil {
		panic(fmt.Sprintf("indicators: embedded GGD reference: %v", err))
	}
	return r
})

func parseGGDReference() (*GGDReference, error) {
	r := &GGDReference{byCode: map[string]*GGDRegion{}, byName: map[string]*GGDRegion{}, byVZinfo: map[string]*GGDRegion{},
		gemeente: map[string]string{}}
	recs := readEmbedded("ggd_regions.csv")
	r.Regions = make([]GGDRegion, 0, len(recs))
	for i, rec := range recs {
		if len(rec) != 4 || !RegionCodeOK(rec[0], LevelGGDRegio) || rec[1] == "" {
			return nil, fmt.Errorf("ggd_regions.csv line %d: expected code, name, aliases, vzinfo_id", i+2)
		}
		g := GGDRegion{Code: rec[0], Name: rec[1], VZinfoID: rec[3]}
		if rec[2] != "" {
			g.Aliases = strings.Split(rec[2], "|")
		}
		r.Regions = append(r.Regions, g)
	}
	for i := range r.Regions {
		g := &r.Regions[i]
		if r.byCode[g.Code] != nil {
			return nil, fmt.Errorf("ggd_regions.csv: %s twice", g.Code)
		}
		r.byCode[g.Code] = g
		for _, n := range append([]string{g.Name}, g.Aliases...) {
			k := NormName(n)
			if o := r.byName[k]; o != nil {
				return nil, fmt.Errorf("ggd_regions.csv: name %q of %s is also a name of %s", n, g.Code, o.Code)
			}
			r.byName[k] = g
		}
		if g.VZinfoID != "" {
			r.byVZinfo[g.VZinfoID] = g
		}
	}
	for i, rec := range readEmbedded("gemeente_ggd_2023.csv") {
		if !RegionCodeOK(rec[0], LevelGemeente) || r.byCode[rec[1]] == nil {
			return nil, fmt.Errorf("gemeente_ggd_2023.csv line %d: %q -> %q", i+2, rec[0], rec[1])
		}
		r.gemeente[rec[0]] = rec[1]
	}
	for code, c := range GemeenteClusters {
		for _, m := range c.Members {
			if r.gemeente[m] != c.GGDCode {
				return nil, fmt.Errorf("cluster %s: member %s is not in %s", code, m, c.GGDCode)
			}
		}
	}
	return r, nil
}

// Region returns the GGD region with the code, or nil.
func (r *GGDReference) Region(code string) *GGDRegion { return r.byCode[code] }

// ByVZinfoID finds a GGD region by the number VZinfo's files give it, or nil.
func (r *GGDReference) ByVZinfoID(id string) *GGDRegion { return r.byVZinfo[id] }

// ByName finds a GGD region by its CBS name or an alias, ignoring case,
// diacritics, punctuation and a trailing " (GG)" as StatLine exports add it.
func (r *GGDReference) ByName(name string) *GGDRegion {
	return r.byName[NormName(strings.TrimSuffix(strings.TrimSpace(name), " (GG)"))]
}

// GGDOf returns the GGD region of a gemeente (or gemeente cluster) of the
// division, "" when unknown. It follows the regions view (sql/schema/008):
// a GGD exception shipped for the division (Weesp before 2022), else the
// 2023 list for a code that still existed in 2023, else the region of the
// gemeente's successor.
func (r *GGDReference) GGDOf(code string, division int) string {
	if c, ok := GemeenteClusters[code]; ok {
		return c.GGDCode
	}
	ref := LoadReference()
	for _, e := range ref.GGDExceptions {
		if e.Division == division && e.GemeenteCode == code {
			return e.GGDCode
		}
	}
	for range 10 { // a chain of changes is short; 10 stops a cycle
		if division >= ggdDivision {
			return r.gemeente[code]
		}
		if _, ok := ref.Gemeenten(ggdDivision)[code]; ok {
			return r.gemeente[code]
		}
		next := ""
		for _, c := range ref.Changes {
			if c.OldCode == code && !c.Effective.Before(divisionStart(division)) {
				if next == "" || c.Share > 0.5 {
					next = c.NewCode
				}
			}
		}
		if next == "" {
			return ""
		}
		code = next
		division = ggdDivision
	}
	return ""
}

// Names lists the CBS Names, for messages.
func (r *GGDReference) Names() string {
	out := make([]string, len(r.Regions))
	for i, g := range r.Regions {
		out[i] = g.Name
	}
	return strings.Join(out, ", ")
}
