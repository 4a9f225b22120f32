package monitor

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"lpa/indicators"
)

// SourceLifeExpectancy is the source id of VZinfo's life expectancy: its
// values are years (0-120), no percentages.
const SourceLifeExpectancy = "vzinfo_levensverwachting"

// AboutLifeExpectancy describes the kind of file (sources.KnownKinds).
const AboutLifeExpectancy = "RIVM/VZinfo life expectancy per GGD region (id;GGD-regio;Geslacht;Bij geboorte;...;Bij 65 jaar;...; window of years in the file name)"

// The window of the file lpa was built on, used when the file name states
// none (and said so in loads.message).
const (
	lvDefaultFrom = 2019
	lvDefaultTo   = 2022
)

var colsLV = []string{"id", "GGD-regio", "Geslacht", "Bij geboorte", "Afwijking bij geboorte", "Bij 65 jaar", "Afwijking bij 65 jaar"}

var sexesLV = map[string]string{"Totaal": indicators.SexTotal, "Mannen": indicators.SexMale, "Vrouwen": indicators.SexFemale}

// reSignificance is the form of VZinfo's verdict: "geen" (no significant
// difference from Nederland) or "onder"/"boven" with the certainty.
var reSignificance = regexp.MustCompile(`^(?:geen|(?:onder|boven), (?:95|99)% zeker)$`)

// reWindowInName finds a window of years in a file name: 20192022,
// 2019-2022 or 2019_2022.
var reWindowInName = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})[-_]?((?:19|20)[0-9]{2})(?:[^0-9]|$)`)

// lvWindow reads the window of years from the file name; ok is false when
// the name states none and the default window is used.
func lvWindow(name string) (from, to int, fromName bool, err error) {
	m := reWindowInName.FindStringSubmatch(filepath.Base(name))
	if m == nil {
		return lvDefaultFrom, lvDefaultTo, false, nil
	}
	from, _ = strconv.Atoi(m[1])
	to, _ = strconv.Atoi(m[2])
	if from > to {
		return 0, 0, true, &indicators.ParseError{File: name, Err: indicators.ErrInvalidValue,
			Msg: fmt.Sprintf("file name states the window %s-%s, which ends before it starts; expected first and last year as VZinfo names its files (klik_lv_ggd_20192022.csv)", m[1], m[2])}
	}
	return from, to, true, nil
}

// ParseLifeExpectancy reads VZinfo's life expectancy per GGD region; the
// period is the last year of the window, read from the file name.
func ParseLifeExpectancy(ctx context.Context, name string, t indicators.Table) (*indicators.Parsed, error) {
	idx, err := indicators.RequireColumns(name, t, colsLV, indicators.ExpectColumns(colsLV, "VZinfo life expectancy per GGD region"))
	if err != nil {
		return nil, err
	}
	from, to, fromName, err := lvWindow(name)
	if err != nil {
		return nil, err
	}
	period := to
	r := indicators.NewRowReader(name, t)
	b := indicators.NewDatasetBuilder(SourceLifeExpectancy, period) // division: the last year of the window
	type measure struct {
		val, sig int
		ind      uint16
	}
	measures := []measure{
		{idx["Bij geboorte"], idx["Afwijking bij geboorte"], b.Indicator("levensverwachting_bij_geboorte")},
		{idx["Bij 65 jaar"], idx["Afwijking bij 65 jaar"], b.Indicator("levensverwachting_op_65")},
	}
	ggd := indicators.LoadGGDReference()
	iID, iName, iSex := idx["id"], idx["GGD-regio"], idx["Geslacht"]
	type key struct{ code, sex string }
	seen := map[key]int{}
	err = r.Each(ctx, func(rec []string, line int) {
		regio := strings.TrimSpace(rec[iName])
		g := ggd.ByName(regio)
		if g == nil {
			r.Bad(line, iName, fmt.Sprintf("GGD region %q unknown; expected a GGD region as CBS names it: %s", regio, ggd.Names()))
			return
		}
		if id := strings.TrimSpace(rec[iID]); id != g.VZinfoID {
			other := ""
			if o := ggd.ByVZinfoID(id); o != nil {
				other = fmt.Sprintf(" (VZinfo's id of %s)", o.Name)
			}
			r.Bad(line, iID, fmt.Sprintf("id %q%s does not belong to %s; expected VZinfo's id of that region, %s", id, other, g.Name, g.VZinfoID))
			return
		}
		sexRaw := strings.TrimSpace(rec[iSex])
		sex, ok := sexesLV[sexRaw]
		if !ok {
			r.Bad(line, iSex, fmt.Sprintf("sex %q unknown; expected Totaal, Mannen or Vrouwen", sexRaw))
			return
		}
		k := key{g.Code, sex}
		if first, dup := seen[k]; dup {
			r.Dup(line, iName, fmt.Sprintf("second row for %s, %s (first on line %d); expected one row per GGD region and sex", g.Name, sexRaw, first))
			return
		}
		seen[k] = line
		row := b.Row(g.Code, indicators.LevelGGDRegio, period, indicators.AgeAll, sex, line)
		for _, m := range measures {
			raw := strings.TrimSpace(rec[m.val])
			v, ok := indicators.ParseDecimalComma(raw)
			if !ok {
				r.Bad(line, m.val, indicators.NumberProblem(raw, true)+" of years")
				continue
			}
			if v <= 0 || v > 120 {
				r.Bad(line, m.val, fmt.Sprintf("life expectancy %s is outside 0-120; expected years", raw))
				continue
			}
			sig := strings.TrimSpace(rec[m.sig])
			if !reSignificance.MatchString(sig) {
				r.Bad(line, m.sig, fmt.Sprintf("verdict %q unknown; expected \"geen\", or \"onder\"/\"boven\" with \", 95%% zeker\" or \", 99%% zeker\" (\"onder, 99%% zeker\")", sig))
				continue
			}
			b.Add(indicators.Cell{Row: row, Indicator: m.ind, Value: v + 0, Note: b.Dataset().AddNote(sig)})
		}
	})
	if err != nil {
		return nil, err
	}
	d, err := b.Done(name)
	if err != nil {
		return nil, err
	}
	note := fmt.Sprintf("period %d = the window %d-%d (life expectancy over %d years)", period, from, to, to-from+1)
	if fromName {
		note += ", from the file name"
	} else {
		note += fmt.Sprintf(": the file name states no window, so lpa assumed %d-%d, the window of VZinfo's klik_lv_ggd_20192022.csv; name the file like that to state another", from, to)
	}
	return &indicators.Parsed{Kind: indicators.KindLevensverwachting, Dataset: d, Note: note}, nil
}
