package statline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"lpa/indicators"
)

// Dimensions lpa reads, as filters ("Leeftijd: Totaal") or row columns.
const (
	dimRegio       = "Regio's"
	dimPerioden    = "Perioden"
	dimLeeftijd    = "Leeftijd"
	dimGeslacht    = "Geslacht"
	dimMarges      = "Marges"
	dimCijfersoort = "Cijfersoort"
)

// exportDims maps NormName of a dimension name to its canonical name.
// "Regio's" comes with a straight or a typographic apostrophe (Regio’s).
var exportDims = map[string]string{
	"regio s": dimRegio, "regios": dimRegio, "perioden": dimPerioden, "leeftijd": dimLeeftijd,
	"geslacht": dimGeslacht, "marges": dimMarges, "cijfersoort": dimCijfersoort,
}

var exportDimList = []string{dimRegio, dimPerioden, dimLeeftijd, dimGeslacht, dimMarges, dimCijfersoort}

// exportTopicKeys maps topics (NormName of the last "|" level) to catalogue
// keys where they mean the same as an indicator lpa knows; the others get
// the snake_case of their last level. The Gezondheidsmonitor's own topic
// names of 85563NED are included (MonitorTopicKey).
var exportTopicKeys = map[string]string{
	"overgewicht":                  "overgewicht", // BMI >= 25
	"overgewicht totaal":           "overgewicht", // 2012: "Overgewicht|Overgewicht totaal"
	"ernstig overgewicht":          "ernstig_overgewicht",
	"ernstig overgewicht obesitas": "ernstig_overgewicht", // 2020/2022: "... (obesitas)"
	"obesitas":                     "ernstig_overgewicht",
	"ondergewicht":                 "ondergewicht",
	"normaal gewicht":              "normaal_gewicht",
	"gezond gewicht":               "normaal_gewicht",
	"matig overgewicht":            "matig_overgewicht",
}

func exportTopicKey(leaf string) string {
	n := indicators.NormName(leaf)
	if k, ok := exportTopicKeys[n]; ok {
		return k
	}
	if k, ok := indicators.MonitorTopicKey(n); ok {
		return k
	}
	return strings.ReplaceAll(n, " ", "_")
}

var (
	reExportFilter   = regexp.MustCompile(`^([^:]+):\s*(.*)$`)
	reExportIndeling = regexp.MustCompile(`(?i)\(\s*indeling\s+([0-9]{4})\s*\)`)
	reExportAge      = regexp.MustCompile(`(?i)(?:bevolking\s+)?(?:van\s+)?\b([0-9]{1,3})\s+jaar\s+of\s+ouder\b`)
	reExportTitleYr  = regexp.MustCompile(`(?:^|[\s,;])((?:19|20)[0-9]{2})\s*$`)
	reExportPeriod   = regexp.MustCompile(`^((?:19|20)[0-9]{2})(\*{0,2})$`)
)

// exportAge turns "N jaar of ouder" into an age group: StatLine's code
// 20300 for 18 and older (as 50090NED), otherwise lpa's "N+" ("19+" for
// the 2012 and 2016 monitors, whose population is 19 and older), which
// cannot be mistaken for a StatLine code.
func exportAge(years string) string {
	n, _ := strconv.Atoi(years)
	if n == 18 {
		return indicators.AgeAdults
	}
	return fmt.Sprintf("%d+", n)
}

// exportSourceID derives the source id from the title: without the
// division "(indeling 2024)", the age phrase (the age group is a column of
// its own) and a year at the end (the period is one), in snake_case, after
// "statline_". So the editions of one series share an id:
// "Gezondheidsmonitor; bevolking 18 jaar of ouder, regio, 2020" and
// "Gezondheidsmonitor; regio, bevolking van 19 jaar of ouder, 2012" are
// both statline_gezondheidsmonitor_regio. Filters lpa does not read
// (extra) select a part of the table: they add a short hash of their text,
// so two selections of one table never replace each other.
func exportSourceID(title string, extra []exportFilter) string {
	t := reExportIndeling.ReplaceAllString(title, " ")
	t = reExportAge.ReplaceAllString(t, " ")
	t = reExportTitleYr.ReplaceAllString(t, " ")
	id := sourcePrefixExport + strings.ReplaceAll(indicators.NormName(t), " ", "_")
	if len(extra) > 0 {
		h := sha256.New()
		for _, f := range extra {
			fmt.Fprintf(h, "%s: %s\n", indicators.NormName(f.key), indicators.NormName(f.value))
		}
		id += "_" + hex.EncodeToString(h.Sum(nil))[:6]
	}
	return id
}

// exportRegions resolves region names of one municipal division.
type exportRegions struct {
	division int
	full     map[string]string   // NormName(CBS name) -> code
	base     map[string][]string // NormName(name without "(...)") -> codes
	names    map[string]string   // code -> CBS name
}

func newExportRegions(division int) *exportRegions {
	x := &exportRegions{division: division, full: map[string]string{}, base: map[string][]string{}, names: indicators.LoadReference().Gemeenten(division)}
	for _, code := range slices.Sorted(maps.Keys(x.names)) {
		name := x.names[code]
		x.full[indicators.NormName(name)] = code
		b := indicators.NormName(indicators.WithoutSuffix(name))
		x.base[b] = append(x.base[b], code)
	}
	return x
}

// Suffixes of other region levels in StatLine names.
var exportOtherLevels = map[string]string{
	"pv": "a province", "ld": "a landsdeel", "cr": "a COROP region", "wk": "a wijk", "bu": "a buurt",
}

// resolve returns the code and level of a region name, or what is wrong.
// Nederland is NL01; a gemeente matches its CBS name of the division
// (case, diacritics and punctuation ignored), or, when the file leaves off
// CBS's disambiguation suffix ("Utrecht" for "Utrecht (gemeente)", "Hengelo"
// for "Hengelo (O.)"), the one gemeente whose name it is without it; a name
// with a suffix must match in full. GGD regions match by their CBS names
// (ggd_regions.csv, with or without " (GG)").
func (x *exportRegions) resolve(name string) (code, level, problem string) {
	n := indicators.NormName(name)
	if n == "nederland" {
		return "NL01", indicators.LevelLand, ""
	}
	if c, ok := x.full[n]; ok {
		return c, indicators.LevelGemeente, ""
	}
	suffix := indicators.NameSuffix(name)
	if suffix == "" {
		switch codes := x.base[n]; {
		case len(codes) == 1:
			return codes[0], indicators.LevelGemeente, ""
		case len(codes) > 1:
			var alts []string
			for _, c := range codes {
				alts = append(alts, x.names[c])
			}
			return "", "", fmt.Sprintf("region %q is ambiguous in the municipal division of %d; expected the CBS name with its suffix: %s", name, x.division, indicators.OneOf(alts))
		}
		if c := indicators.PopularName(n); c != "" && x.names[c] != "" {
			return c, indicators.LevelGemeente, ""
		}
	}
	if g := indicators.LoadGGDReference().ByName(name); g != nil {
		return g.Code, indicators.LevelGGDRegio, ""
	}
	if what := exportOtherLevels[indicators.NormName(suffix)]; what != "" {
		return "", "", fmt.Sprintf("region %q is %s; expected Nederland, a gemeente or a GGD region (other levels are not supported)", name, what)
	}
	return "", "", fmt.Sprintf("region %q is not Nederland, a gemeente of the municipal division of %d or a GGD region; expected a CBS region name such as \"Amsterdam\" or \"Utrecht (gemeente)\"", name, x.division)
}
