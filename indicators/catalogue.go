package indicators

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"maps"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:embed data/*.csv
var dataFS embed.FS

// Indicator is one entry of the catalogue (indicators/data/catalogue.csv).
type Indicator struct {
	Key       string // snake_case, as in observations.indicator
	Label     string // Dutch label
	Unit      string
	Theme     string
	Direction string // hoger_beter, lager_beter, neutraal
	TripleAim string // populatiegezondheid, ervaren_kwaliteit_van_zorg, zorgkosten or ""
	NPACore   bool   // shown in the NPA table of the accord report
	Order     int
	SourceKey string // StatLine key without suffix
	Note      string
}

// GemeenteChange is one municipal reorganisation (indicators/data/gemeente_changes.csv).
type GemeenteChange struct {
	Effective time.Time
	OldCode   string
	OldName   string
	NewCode   string
	NewName   string
	Kind      string
	Note      string
	Share     float64 // share of OldCode's inhabitants that went to NewCode
}

// GGDException is a GGD membership that differs from the successor's
// (indicators/data/ggd_exceptions.csv).
type GGDException struct {
	Division     int
	GemeenteCode string
	GGDCode      string
	Note         string
}

// Ambition is a national reference goal (indicators/data/npa_ambitions.csv).
type Ambition struct {
	Indicator string
	Target    float64
	Deadline  int // year
	Label     string
	Source    string
}

// Reference is the reference data shipped with lpa.
type Reference struct {
	Catalogue     []Indicator
	Changes       []GemeenteChange
	GGDExceptions []GGDException
	Ambitions     []Ambition
	base          map[string]string // the gemeenten of BaseDivision: code -> name
}

// LoadReference returns the embedded reference data, parsed once. Broken
// embedded data is a programmer error and panics.
var LoadReference = sync.OnceValue(func() *Reference {
	ref, err := parseReference()
	if err != nil {
		panic(fmt.Sprintf("indicators: embedded reference data: %v", err))
	}
	return ref
})

func readEmbedded(name string) [][]string {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		panic(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		panic(fmt.Sprintf("indicators: data/%s: %v", name, err))
	}
	return recs[1:]
}

func parseReference() (*Reference, error) {
	ref := &Reference{}
	seen := map[string]bool{}
	for i, r := range readEmbedded("catalogue.csv") {
		order, err := strconv.Atoi(r[7])
		if err != nil {
			return nil, fmt.Errorf("catalogue.csv line %d: sort_order %q", i+2, r[7])
		}
		ind := Indicator{Key: r[0], Label: r[1], Unit: r[2], Theme: r[3], Direction: r[4], TripleAim: r[5],
			NPACore: r[6] == "true", Order: order, SourceKey: r[8], Note: r[9]}
		switch {
		case seen[ind.Key]:
			return nil, fmt.Errorf("catalogue.csv line %d: duplicate %s", i+2, ind.Key)
		case IndicatorKey(ind.SourceKey) != ind.Key:
			return nil, fmt.Errorf("catalogue.csv line %d: key %s does not match source key %s", i+2, ind.Key, ind.SourceKey)
		case ind.Direction != "hoger_beter" && ind.Direction != "lager_beter" && ind.Direction != "neutraal":
			return nil, fmt.Errorf("catalogue.csv line %d: direction %q", i+2, ind.Direction)
		}
		seen[ind.Key] = true
		ref.Catalogue = append(ref.Catalogue, ind)
	}
	for i, r := range readEmbedded("gemeente_changes.csv") {
		d, err := time.Parse("2006-01-02", r[0])
		share, err2 := strconv.ParseFloat(r[7], 64)
		if err != nil || err2 != nil || share <= 0 || share > 1 || !RegionCodeOK(r[1], LevelGemeente) || !RegionCodeOK(r[3], LevelGemeente) {
			return nil, fmt.Errorf("gemeente_changes.csv line %d: bad date, code or share", i+2)
		}
		ref.Changes = append(ref.Changes, GemeenteChange{d, r[1], r[2], r[3], r[4], r[5], r[6], share})
	}
	ref.base = map[string]string{}
	for _, r := range readEmbedded("gemeenten_2020.csv") {
		if !RegionCodeOK(r[0], LevelGemeente) {
			return nil, fmt.Errorf("gemeenten_2020.csv: code %q", r[0])
		}
		ref.base[r[0]] = r[1]
	}
	if err := ref.checkChanges(); err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, ind := range ref.Catalogue {
		known[ind.Key] = true
	}
	for i, r := range readEmbedded("npa_ambitions.csv") {
		target, err1 := strconv.ParseFloat(r[1], 64)
		year, err2 := strconv.Atoi(r[2])
		if err1 != nil || err2 != nil || !known[r[0]] || r[4] == "" {
			return nil, fmt.Errorf("npa_ambitions.csv line %d: bad target, year, indicator or missing source", i+2)
		}
		ref.Ambitions = append(ref.Ambitions, Ambition{r[0], target, year, r[3], r[4]})
	}
	for i, r := range readEmbedded("ggd_exceptions.csv") {
		div, err := strconv.Atoi(r[0])
		if err != nil || !RegionCodeOK(r[1], LevelGemeente) || !RegionCodeOK(r[2], LevelGGDRegio) {
			return nil, fmt.Errorf("ggd_exceptions.csv line %d: bad division or code", i+2)
		}
		ref.GGDExceptions = append(ref.GGDExceptions, GGDException{div, r[1], r[2], r[3]})
	}
	return ref, nil
}

var reStatLineKey = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9]*)_[0-9]+$`)

// IsStatLineKey reports whether col is a StatLine column key: a CamelCase
// name and a number (Roker_11).
func IsStatLineKey(col string) bool { return reStatLineKey.MatchString(col) }

// IndicatorKey turns a StatLine column key into a catalogue key: the numeric
// suffix goes and CamelCase becomes snake_case ("Roker_11" -> "roker",
// "HeelVeelStressInAfgelopen4Weken_26" -> "heel_veel_stress_in_afgelopen_4_weken").
func IndicatorKey(statlineKey string) string {
	s := statlineKey
	if m := reStatLineKey.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	var b strings.Builder
	isUpper := func(c byte) bool { return c >= 'A' && c <= 'Z' }
	isLower := func(c byte) bool { return c >= 'a' && c <= 'z' }
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i > 0 {
			p := s[i-1]
			switch {
			case isUpper(c) && (isLower(p) || isDigit(p)):
				b.WriteByte('_')
			case isUpper(c) && isUpper(p) && i+1 < len(s) && isLower(s[i+1]):
				b.WriteByte('_')
			case isDigit(c) && !isDigit(p):
				b.WriteByte('_')
			}
		}
		if isUpper(c) {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// monitorTopics maps the topics of the Gezondheidsmonitor tables of CBS
// (85563NED and its StatLine exports), folded by NormName on their last "|"
// level, to catalogue keys. Where the meaning is that of a 50090NED
// indicator, its key is used.
var monitorTopics = map[string]string{
	"ervaren gezondheid goed zeer goed":    "ervaren_gezondheid_goed_zeer_goed",
	"psychische klachten mhi 5 60":         "psychische_klachten",
	"een of meer langdurige aandoeningen":  "langdurige_aandoeningen",
	"voldoet aan beweegrichtlijn":          "voldoet_aan_beweegrichtlijn",
	"wekelijkse sporters":                  "wekelijkse_sporters",
	"rokers":                               "roker",
	"voldoet aan richtlijn alcoholgebruik": "voldoet_aan_alcohol_richtlijn",
	"overmatige drinkers onder bevolking":  "overmatige_drinker",
}

// MonitorTopicKey returns the catalogue key of a Gezondheidsmonitor topic
// (its last level, folded by NormName).
func MonitorTopicKey(folded string) (string, bool) {
	k, ok := monitorTopics[folded]
	return k, ok
}

// MonitorTopics returns every topic MonitorTopicKey knows with its key.
func MonitorTopics() map[string]string { return maps.Clone(monitorTopics) }
