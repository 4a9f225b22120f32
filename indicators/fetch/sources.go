package fetch

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// target is one file to fetch: a download (url) or a StatLine table
// (query), written under file (relative to the folder, slash-separated).
type target struct {
	source string
	file   string
	url    string
	query  *odataQuery
	pick   func(*table) (string, error) // the $filter, once the metadata is known
	layout layout
}

// firstURL is what the manifest records: the file or the table.
func (t target) firstURL() string {
	if t.query != nil {
		return fmt.Sprintf("https://%s/ODataApi/odata/%s", t.query.host, t.query.table)
	}
	return t.url
}

// sourceInfo describes a source name for --list.
type sourceInfo struct {
	Name, About string
}

// editions50090 are the editions of 50090NED (all in the division of 2020).
var editions50090 = []int{2012, 2016, 2020}

// vektisURL is where Vektis publishes its Zvw open data per gemeente
// ("Vektis Open Databestand Zorgverzekeringswet YEAR - gemeente.csv").
func vektisURL(year int) string {
	const base = "https://www.vektis.nl/uploads/Docs%20per%20pagina/Open%20Data%20Bestanden/"
	y := strconv.Itoa(year)
	name := "Vektis%20Open%20Databestand%20Zorgverzekeringswet%20" + y + "%20-%20gemeente.csv"
	switch {
	case year <= 2016:
		return base + "Gemeentebestanden%202011-2016/" + name
	case year == 2020:
		return base + "2020/Vektis%20Open%20Databestand%20Zorgverzekeringswet%202020%20-%20gemeente_versie2.csv"
	}
	return base + y + "/" + name
}

const firstVektis, lastVektis = 2011, 2023

// geoURL is where cartomap publishes the CBS/PDOK boundaries as TopoJSON.
func geoURL(name string) string { return "https://cartomap.github.io/nl/wgs84/" + name + ".topojson" }

var geoMaps = []string{"gemeente_2020", "gemeente_2023", "ggdregio_2023", "provincie_2023"}

// regionTables are the CBS region references per year: "Gebieden in
// Nederland" (gemeente -> GGD region) and "Kerncijfers wijken en buurten".
var regionTables = map[string]struct{ table, file string }{
	"regios:2020":      {"84721NED", "Gebieden_in_Nederland_2020.csv"},
	"regios:2023":      {"85385NED", "Gebieden_in_Nederland_2023.csv"},
	"kerncijfers:2024": {"85984NED", "Kerncijfers_wijken_en_buurten_2024.csv"},
}

// DefaultSources is what lpa fetch fetches without SOURCE arguments.
var DefaultSources = []string{"50090NED", "50140NED", "85563NED", "regios", "vektis", "geo"}

// Sources lists the source names lpa fetch knows, for --list.
func Sources() []sourceInfo {
	return []sourceInfo{
		{"50090NED[:YEAR[:AGE]]", "RIVM StatLine 50090NED Gezondheid per wijk en buurt (UntypedDataSet); YEAR 2012, 2016 or 2020 (default all three), AGE a Leeftijd key or 18plus (default), 65plus, 18-65 ..."},
		{"50140NED", "RIVM StatLine 50140NED Gezondheidsmonitor Jongvolwassenen 2024 (TypedDataSet; totaal, waarde)"},
		{"85563NED", "CBS 85563NED Gezondheidsmonitor; bevolking 18 jaar of ouder, regio, 2022 (as a StatLine CSV export)"},
		{"NNNNNXXX", "any other StatLine table by id, per region, as a StatLine CSV export (RIVM's 5xxxxNED from dataderden.cbs.nl)"},
		{"regios", "regios:2023 and kerncijfers:2024"},
		{"regios:2020, regios:2023", "CBS Gebieden in Nederland (84721NED, 85385NED): gemeente -> GGD region"},
		{"kerncijfers:2024", "CBS Kerncijfers wijken en buurten 2024 (85984NED): codes and inhabitants"},
		{"vektis[:YEAR]", fmt.Sprintf("Vektis Open Databestand Zorgverzekeringswet YEAR - gemeente (%d-%d; default all)", firstVektis, lastVektis)},
		{"geo[:MAP]", "cartomap/nl boundaries (CBS/PDOK) as TopoJSON into geo/; MAP " + strings.Join(geoMaps, ", ") + " (default all)"},
	}
}

var reTableID = regexp.MustCompile(`^[0-9]{5}[A-Z]{3}$`)

// targets turns source names into the files to fetch.
func targets(names []string) ([]target, error) {
	var out []target
	for _, n := range names {
		ts, err := resolve(strings.TrimSpace(n))
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			if !slices.ContainsFunc(out, func(o target) bool { return o.file == t.file }) {
				out = append(out, t)
			}
		}
	}
	return out, nil
}

func resolve(name string) ([]target, error) {
	head, arg, hasArg := strings.Cut(name, ":")
	switch upper := strings.ToUpper(head); {
	case upper == "50090NED":
		return targets50090(name, arg, hasArg)
	case upper == "50140NED" && !hasArg:
		q := &odataQuery{host: hostDerden, table: "50140NED", dataset: "TypedDataSet",
			filter: "Persoonskenmerken eq 'T009002' and Marges eq 'MW00000'"}
		return []target{{source: name, file: "50140NED_TypedDataSet.csv", query: q, layout: layoutTyped}}, nil
	case head == "regios" && !hasArg:
		return append(must(resolve("regios:2023")), must(resolve("kerncijfers:2024"))...), nil
	case head == "regios" || head == "kerncijfers":
		rt, ok := regionTables[name]
		if !ok {
			return nil, unknown(name, "the years lpa knows are regios:2020, regios:2023 and kerncijfers:2024")
		}
		q := &odataQuery{host: hostCBS, table: rt.table, dataset: "TypedDataSet"}
		return []target{{source: name, file: rt.file, query: q, layout: layoutTableCSV}}, nil
	case head == "vektis":
		years := []int{}
		if !hasArg {
			for y := firstVektis; y <= lastVektis; y++ {
				years = append(years, y)
			}
		} else if y, err := strconv.Atoi(arg); err == nil && y >= firstVektis && y <= lastVektis {
			years = append(years, y)
		} else {
			return nil, unknown(name, fmt.Sprintf("expected vektis:YEAR with YEAR %d-%d", firstVektis, lastVektis))
		}
		var out []target
		for _, y := range years {
			out = append(out, target{source: fmt.Sprintf("vektis:%d", y), file: fmt.Sprintf("vektis_%d_gemeente.csv", y), url: vektisURL(y)})
		}
		return out, nil
	case head == "geo":
		var out []target
		for _, g := range geoMaps {
			if !hasArg || arg == g {
				out = append(out, target{source: "geo:" + g, file: "geo/" + g + ".topojson", url: geoURL(g)})
			}
		}
		if len(out) == 0 {
			return nil, unknown(name, "the maps are "+strings.Join(geoMaps, ", "))
		}
		return out, nil
	case reTableID.MatchString(upper) && !hasArg:
		host := hostCBS
		if upper[0] == '5' {
			host = hostDerden
		}
		q := &odataQuery{host: host, table: upper, dataset: "UntypedDataSet"}
		return []target{{source: upper, file: upper + "_statline_export.csv", query: q, pick: pickTotals, layout: layoutExport}}, nil
	}
	return nil, unknown(name, "")
}

func must(ts []target, err error) []target {
	if err != nil {
		panic(err) // the names above are lpa's own
	}
	return ts
}

func unknown(name, why string) error {
	var names []string
	for _, s := range Sources() {
		names = append(names, s.Name)
	}
	msg := fmt.Sprintf("unknown source %q", name)
	if why != "" {
		msg += ": " + why
	}
	return fmt.Errorf("%w: %s; lpa fetch knows %s (lpa fetch --list)", ErrUnknownSource, msg, strings.Join(names, ", "))
}

// targets50090 are the editions and age group of 50090NED asked for.
func targets50090(name, arg string, hasArg bool) ([]target, error) {
	years, age := editions50090, "20300"
	if hasArg {
		y, a, hasAge := strings.Cut(arg, ":")
		n, err := strconv.Atoi(y)
		if err != nil || !slices.Contains(editions50090, n) {
			return nil, unknown(name, "expected 50090NED:YEAR with YEAR 2012, 2016 or 2020, optionally :AGE (a Leeftijd key such as 20300, or 18plus, 65plus, 18-65)")
		}
		years = []int{n}
		if hasAge {
			age = a
		}
	}
	var out []target
	for _, y := range years {
		ageName := age
		if age == "20300" {
			ageName = "18plus"
		}
		q := &odataQuery{host: hostDerden, table: "50090NED", dataset: "UntypedDataSet"}
		out = append(out, target{source: fmt.Sprintf("50090NED:%d:%s", y, age), file: fmt.Sprintf("50090NED_%d_%s.csv", y, ageName),
			query: q, pick: pick50090(y, age), layout: layoutUntyped})
	}
	return out, nil
}

// pick50090 selects an edition and an age group (resolved against the
// Leeftijd dimension: a key, or 18plus for "18 jaar of ouder", 18-65 for
// "18 tot 65 jaar") and the values (MW00000).
func pick50090(year int, age string) func(*table) (string, error) {
	return func(t *table) (string, error) {
		key, err := ageKey(t, age)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("Perioden eq '%dJJ00' and Leeftijd eq '%s' and Marges eq 'MW00000'", year, key), nil
	}
}

var reAgePlus, reAgeRange = regexp.MustCompile(`^([0-9]{1,3})\+?plus$|^([0-9]{1,3})\+$`), regexp.MustCompile(`^([0-9]{1,3})-([0-9]{1,3})$`)

// ageKey finds the Leeftijd category an age name means.
func ageKey(t *table, age string) (string, error) {
	cats := t.cats["Leeftijd"]
	if _, ok := cats[age]; ok {
		return age, nil
	}
	want := ""
	if m := reAgePlus.FindStringSubmatch(age); m != nil {
		want = m[1] + m[2] + " jaar of ouder"
	} else if m := reAgeRange.FindStringSubmatch(age); m != nil {
		want = m[1] + " tot " + m[2] + " jaar"
	}
	var titles []string
	for _, c := range cats {
		if want != "" && strings.EqualFold(strings.TrimSpace(c.Title), want) {
			return c.Key, nil
		}
		titles = append(titles, fmt.Sprintf("%s (%s)", strings.TrimSpace(c.Key), strings.TrimSpace(c.Title)))
	}
	slices.Sort(titles)
	return "", fmt.Errorf("%w: age group %q is not in table %s; expected one of %s", ErrUnknownSource, age, t.q.table, strings.Join(titles, ", "))
}

// pickTotals selects, for a table read as an export, the values (Marges
// MW00000) and in every dimension other than the region and the period
// its total ("Totaal", else "18 jaar of ouder", else the first category),
// as a StatLine export holds one figure per region and period.
func pickTotals(t *table) (string, error) {
	var conds []string
	for _, p := range t.props {
		if !p.isDimension() || p.Type == "GeoDimension" || p.Type == "TimeDimension" {
			continue
		}
		cats := t.cats[p.Key]
		if _, ok := cats["MW00000"]; ok {
			conds = append(conds, fmt.Sprintf("%s eq 'MW00000'", p.Key))
			continue
		}
		key := ""
		for _, c := range t.orderedCats(p.Key) {
			title := strings.ToLower(strings.TrimSpace(c.Title))
			if strings.HasPrefix(title, "totaal") || title == "18 jaar of ouder" {
				key = c.Key
				break
			}
		}
		if key == "" {
			if cs := t.orderedCats(p.Key); len(cs) > 0 {
				key = cs[0].Key
			}
		}
		if key != "" {
			conds = append(conds, fmt.Sprintf("%s eq '%s'", p.Key, strings.ReplaceAll(key, "'", "''")))
		}
	}
	return strings.Join(conds, " and "), nil
}
