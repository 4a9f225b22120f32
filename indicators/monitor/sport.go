package monitor

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"lpa/indicators"
)

const (
	sourceSport = "sportlidmaatschappen"
	// The year of the file lpa was built on, used when the file name states
	// none (and said so in loads.message).
	sportDefaultYear = 2024
)

// AboutSport describes the kind of file (sources.KnownKinds).
const AboutSport = "sport club memberships per gemeente, sportenbewegenincijfers.nl (id,Gemeente,Sport,Percentage; year in the file name)"

var colsSport = []string{"id", "Gemeente", "Sport", "Percentage"}

// sportsKnown are the sports of the file; each is an indicator
// lidmaatschap_<sport>.
var sportsKnown = []string{"Atletiek", "Golf", "Gymnastiek", "Hockey", "Paardensport", "Sportvissen", "Tennis", "Voetbal", "Volleybal", "Zwemmen"}

// SportIndicator is the indicator key of a sport's membership share.
func SportIndicator(sport string) string { return "lidmaatschap_" + strings.ToLower(sport) }

// ParseSport reads the sport club memberships per gemeente; the division is
// the one that holds the file's gemeenten for its year.
func ParseSport(ctx context.Context, name string, t indicators.Table) (*indicators.Parsed, error) {
	idx, err := indicators.RequireColumns(name, t, colsSport, indicators.ExpectColumns(colsSport, "the sport club memberships per gemeente (sportenbewegenincijfers.nl)"))
	if err != nil {
		return nil, err
	}
	year, fromName := indicators.YearFromName(name)
	if !fromName {
		year = sportDefaultYear
	}
	r := indicators.NewRowReader(name, t)
	b := indicators.NewDatasetBuilder(sourceSport, 0)
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
			r.Bad(line, iSport, fmt.Sprintf("sport %q unknown; expected %s", sport, indicators.OneOf(sportsKnown)))
			return
		}
		raw := strings.TrimSpace(rec[iPct])
		v, ok := indicators.ParseDecimal(raw)
		if !ok {
			r.Bad(line, iPct, indicators.NumberProblem(raw, false))
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
	names := indicators.LoadReference().Gemeenten(div)
	for _, x := range rows {
		if !indicators.GemeenteNameOK(x.name, names[x.code], x.code) {
			r.Bad(x.line, iName, fmt.Sprintf("gemeente %q does not match id %s, which is %s (%s) in the division of %d; expected the name of that gemeente",
				x.name, strings.TrimLeft(x.code[2:], "0"), x.code, names[x.code], div))
			continue
		}
		b.Value(b.Row(x.code, indicators.LevelGemeente, year, indicators.AgeAll, indicators.SexTotal, codeLine[x.code]), x.ind, x.value)
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	d, err := b.Done(name)
	if err != nil {
		return nil, err
	}
	return &indicators.Parsed{Kind: indicators.KindSportLidmaatschap, Dataset: d, Note: yearNote(year, fromName, "the year of gemeente_sportlidmaatschappen_2024.csv, the file lpa was built on", name) +
		fmt.Sprintf("; gemeenten in the division of %d", div)}, nil
}
