package indicators

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Sport club memberships per gemeente (sportenbewegenincijfers.nl, "sportlidmaatschappen", NOC*NSF
// registration), in long form: id (the CBS gemeente number without "GM"
// and without leading zeros), Gemeente, Sport, Percentage (% of the
// inhabitants who are members). ",", decimal point.

const (
	sourceSport = "sportlidmaatschappen"
	// The year of the file lpa was built on, used when the file name states
	// none (and said so in loads.message).
	sportDefaultYear = 2024
)

var colsSport = []string{"id", "Gemeente", "Sport", "Percentage"}

// sportsKnown are the sports of the file; each is an indicator
// lidmaatschap_<sport>.
var sportsKnown = []string{"Atletiek", "Golf", "Gymnastiek", "Hockey", "Paardensport", "Sportvissen", "Tennis", "Voetbal", "Volleybal", "Zwemmen"}

// SportIndicator is the indicator key of a sport's membership share.
func SportIndicator(sport string) string { return "lidmaatschap_" + strings.ToLower(sport) }

// yearNote says where a period came from, for loads.message. why says
// where the default comes from.
func yearNote(year int, fromName bool, why, name string) string {
	if fromName {
		return fmt.Sprintf("period %d from the file name (the file itself does not state its year)", year)
	}
	base := filepath.Base(name)
	example := base + "_" + fmt.Sprint(year)
	if i := strings.Index(base, "."); i > 0 {
		example = base[:i] + "_" + fmt.Sprint(year) + base[i:]
	}
	return fmt.Sprintf("period %d ASSUMED: neither the file nor its name states the year; %d is %s; to state the year, put it in the file name (%s)",
		year, year, why, example)
}

func parseSport(ctx context.Context, name string, t Table) (*Parsed, error) {
	idx, err := RequireColumns(name, t, colsSport, ExpectColumns(colsSport, "the sport club memberships per gemeente (sportenbewegenincijfers.nl)"))
	if err != nil {
		return nil, err
	}
	year, fromName := YearFromName(name)
	if !fromName {
		year = sportDefaultYear
	}
	r := NewRowReader(name, t)
	b := NewDatasetBuilder(sourceSport, 0)
	iID, iName, iSport, iPct := idx["id"], idx["Gemeente"], idx["Sport"], idx["Percentage"]
	type rowIn struct {
		code, name string
		line       int
		ind        uint16
		value      float64
	}
	var rows []rowIn
	type key struct{ code, sport string }
	seen := map[key]int{}
	codeLine := map[string]int{}
	err = r.Each(ctx, func(rec []string, line int) {
		id := strings.TrimSpace(rec[iID])
		n, err := strconv.Atoi(id)
		if err != nil || n < 1 || n > 9999 || id[0] == '0' || id[0] == '+' {
			r.Bad(line, iID, fmt.Sprintf("id %q; expected the CBS gemeente number without GM and leading zeros (14 for GM0014)", id))
			return
		}
		code := fmt.Sprintf("GM%04d", n)
		sport := strings.TrimSpace(rec[iSport])
		if !containsFold(sportsKnown, sport) {
			r.Bad(line, iSport, fmt.Sprintf("sport %q unknown; expected %s", sport, OneOf(sportsKnown)))
			return
		}
		raw := strings.TrimSpace(rec[iPct])
		v, ok := ParseDecimal(raw)
		if !ok {
			r.Bad(line, iPct, NumberProblem(raw, false))
			return
		}
		if v < 0 || v > 100 {
			r.Bad(line, iPct, fmt.Sprintf("value %s is outside 0-100; expected a percentage of the inhabitants", raw))
			return
		}
		k := key{code, strings.ToLower(sport)}
		if first, dup := seen[k]; dup {
			r.Dup(line, iSport, fmt.Sprintf("second row for %s (id %s), %s (first on line %d); expected one row per gemeente and sport", code, id, sport, first))
			return
		}
		seen[k] = line
		if _, ok := codeLine[code]; !ok {
			codeLine[code] = line
		}
		rows = append(rows, rowIn{code, strings.TrimSpace(rec[iName]), line, b.Indicator(SportIndicator(sport)), v})
	})
	if err != nil {
		return nil, err
	}
	div, ok := checkGemeenten(r, codeLine, year, iID, func(c string) string { return "id " + strings.TrimLeft(c[2:], "0") + " (" + c + ")" })
	if !ok {
		return nil, r.Err()
	}
	b.Dataset().Division = div
	names := LoadReference().Gemeenten(div)
	for _, x := range rows {
		if !GemeenteNameOK(x.name, names[x.code], x.code) {
			r.Bad(x.line, iName, fmt.Sprintf("gemeente %q does not match id %s, which is %s (%s) in the division of %d; expected the name of that gemeente",
				x.name, strings.TrimLeft(x.code[2:], "0"), x.code, names[x.code], div))
			continue
		}
		b.Value(b.Row(x.code, LevelGemeente, year, AgeAll, SexTotal, codeLine[x.code]), x.ind, x.value)
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	d, err := b.Done(name)
	if err != nil {
		return nil, err
	}
	return &Parsed{Kind: KindSportLidmaatschap, Dataset: d, Note: yearNote(year, fromName, "the year of gemeente_sportlidmaatschappen_2024.csv, the file lpa was built on", name) +
		fmt.Sprintf("; gemeenten in the division of %d", div)}, nil
}

// checkGemeenten finds the division of the codes (first seen on the lines
// given) for the data year, reporting every code that fits none.
func checkGemeenten(r *RowReader, codeLine map[string]int, year, col int, show func(string) string) (int, bool) {
	div, ok, missing := divisionFor(slices.Sorted(maps.Keys(codeLine)), year)
	if !ok {
		for _, c := range missing {
			r.Bad(codeLine[c], col, fmt.Sprintf("%s is not a gemeente of the municipal division of %d (the division that holds most of this file's gemeenten); expected the gemeenten of one division", show(c), div))
		}
	}
	return div, ok
}

func containsFold(ss []string, s string) bool {
	for _, x := range ss {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
