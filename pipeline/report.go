package pipeline

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"lpa/indicators"
	"lpa/pipeline/store"
	"lpa/reports"
)

// ErrNoMetrics: report found nothing computed.
var ErrNoMetrics = errors.New("no accord metrics")

// ErrUnknownAccord: a requested accord id is not in the registry.
var ErrUnknownAccord = errors.New("unknown accord")

// ErrUnknownGemeente: a requested gemeente code is not in the division.
var ErrUnknownGemeente = errors.New("unknown gemeente")

// reportAgeGroup is the age group the accord report shows when the
// warehouse holds it: 18 jaar of ouder.
const reportAgeGroup = "20300"

// reportSource is the source of the report's table and trends: one source,
// so that editions compare like with like (50090NED: the same small-area
// model for 2012, 2016 and 2020).
const reportSource = "50090NED"

var ageLabels = map[string]string{"20300": "18 jaar of ouder"}

// themeTitles gives the Dutch chart title of each NPA theme, in report order.
var themeTitles = []struct{ key, title string }{
	{"roken", "Roken"},
	{"overgewicht", "Overgewicht"},
	{"alcohol", "Alcohol"},
	{"bewegen", "Bewegen en sport"},
}

// ErrNoRound: report found no computed round (or not the one asked for).
var ErrNoRound = errors.New("no computed round")

// ReportResult is what a report run wrote.
type ReportResult struct {
	Round     time.Time
	Dir       string // the folder the reports are in (gemeente reports: in its gemeenten/)
	Paths     []string
	Gemeenten int // of Paths, the gemeente reports
	Issued    int // new versions recorded (first issues included)
	// NewVersions are the files of reports issued again (version 2 and
	// later) because their data changed.
	NewVersions []string
	Skipped     []string // accords signed after the round's peildatum
}

// Report writes one PDF per accord (or per id in only) of the round (zero:
// the latest computed round) into outDir. PDFs are written to a temporary
// name and renamed, so a reader never sees half a file.
func (p *Pipeline) Report(ctx context.Context, outDir string, only []string, round time.Time) (*ReportResult, error) {
	return p.ReportWith(ctx, ReportOptions{Dir: outDir, Only: only, Round: round})
}

// ReportOptions say which reports of which round to write where.
type ReportOptions struct {
	Dir   string
	Round time.Time // zero: the latest computed round
	// Only: accord ids and CBS gemeente codes (GM0363); none: every accord
	// (and, with Gemeenten, every gemeente).
	Only []string
	// Gemeenten adds a report per gemeente of the newest division, in
	// Dir/gemeenten.
	Gemeenten bool
	// OnlyNew writes only the reports whose data changed since their last
	// issue of the round, as their next version (lpa reissue).
	OnlyNew bool
}

// resolveRound is round when it is computed, or the latest computed round
// when round is zero.
func (p *Pipeline) resolveRound(ctx context.Context, round time.Time) (time.Time, error) {
	rounds, err := p.db.Rounds(ctx)
	if err != nil {
		return time.Time{}, err
	}
	if len(rounds) == 0 {
		return time.Time{}, fmt.Errorf("%w: run lpa compute --round YYYY-MM-DD first", ErrNoRound)
	}
	if round.IsZero() {
		return rounds[len(rounds)-1].Round, nil
	}
	if !slices.ContainsFunc(rounds, func(r store.Round) bool { return r.Round.Equal(round) }) {
		var have []string
		for _, r := range rounds {
			have = append(have, r.Round.Format(time.DateOnly))
		}
		return time.Time{}, fmt.Errorf("%w for %s (computed: %s): run lpa compute --round %s first",
			ErrNoRound, round.Format(time.DateOnly), strings.Join(have, ", "), round.Format(time.DateOnly))
	}
	return round, nil
}

// selectAccords is the registry, or the accords in only; none when only
// gemeenten were asked for.
func (p *Pipeline) selectAccords(ctx context.Context, only []string, gemeentenOnly bool, round time.Time) ([]store.AccordInfo, error) {
	accords, err := p.db.Accords(ctx)
	if err != nil || len(only) == 0 && gemeentenOnly {
		return nil, err
	}
	if len(only) == 0 {
		return accords, nil
	}
	var keep []store.AccordInfo
	for _, id := range only {
		i := slices.IndexFunc(accords, func(a store.AccordInfo) bool { return a.ID == id })
		if i < 0 {
			return nil, p.unknownAccord(ctx, id, accords, round)
		}
		keep = append(keep, accords[i])
	}
	return keep, nil
}

// ReportValues are the values of a round's reports: what the PDFs and the
// dashboard show.
type ReportValues struct {
	Round     time.Time
	Accords   []reports.Report
	Gemeenten []reports.Report
	Skipped   []string // accords signed after the round
}

// Values builds the values of the reports o asks for, without rendering.
func (p *Pipeline) Values(ctx context.Context, o ReportOptions) (*ReportValues, error) {
	var only, gemOnly []string
	for _, id := range o.Only {
		if isGemeenteCode(id) {
			gemOnly = append(gemOnly, strings.ToUpper(id))
		} else {
			only = append(only, id)
		}
	}
	round, err := p.resolveRound(ctx, o.Round)
	if err != nil {
		return nil, err
	}
	accords, err := p.selectAccords(ctx, only, len(gemOnly) > 0, round)
	if err != nil {
		return nil, err
	}
	if len(accords) == 0 && len(gemOnly) == 0 && !o.Gemeenten {
		return nil, fmt.Errorf("%w: the registry is empty; load a registry folder first (lpa load examples/accords)", ErrNoMetrics)
	}
	loads, err := p.db.ActiveLoads(ctx)
	if err != nil {
		return nil, err
	}
	data, err := p.db.ReportData(ctx, round)
	if err != nil {
		return nil, err
	}
	// A report is dated by its round, not by the clock or the last load:
	// the same warehouse and round give the same bytes.
	generated := time.Date(round.Year(), round.Month(), round.Day(), 12, 0, 0, 0, indicators.Amsterdam)
	regions := map[int]map[string][]string{}
	sourcesFor, err := p.sourcesFor(ctx, round, loads)
	if err != nil {
		return nil, err
	}
	v := &ReportValues{Round: round}
	for _, a := range accords {
		if a.SignedYear > round.Year() || (!a.SignedOn.IsZero() && a.SignedOn.After(round)) {
			v.Skipped = append(v.Skipped, a.ID)
			continue
		}
		ms, err := p.db.AccordMetrics(ctx, a.ID, round)
		if err != nil {
			return nil, err
		}
		if len(ms) == 0 {
			return nil, fmt.Errorf("%w for accord %s in round %s: the warehouse holds no monitor data for its gemeenten (load e.g. 50090NED), then run lpa compute --round %s",
				ErrNoMetrics, a.ID, round.Format(time.DateOnly), round.Format(time.DateOnly))
		}
		codes := make([]string, len(a.Members))
		for i, m := range a.Members {
			codes[i] = m.Code
		}
		r := buildReport(a, ms, sourcesFor(codes), generated)
		r.Round = round
		if err := p.fillSections(ctx, &r, a, data, regions); err != nil {
			return nil, err
		}
		v.Accords = append(v.Accords, r)
	}
	if o.Gemeenten || len(gemOnly) > 0 {
		if v.Gemeenten, err = p.gemeenteReports(ctx, data, gemOnly, sourcesFor, generated, round, regions); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// ReportWith writes the reports of o.
func (p *Pipeline) ReportWith(ctx context.Context, o ReportOptions) (*ReportResult, error) {
	start := p.now()
	v, err := p.Values(ctx, o)
	if err != nil {
		return nil, err
	}
	res := &ReportResult{Round: v.Round, Dir: o.Dir, Skipped: v.Skipped}
	if err := p.renderAndPublish(ctx, res, o.Dir, v.Accords, v.Gemeenten, o.OnlyNew); err != nil {
		return nil, err
	}
	took := p.now().Sub(start)
	p.log.Info("reports written", "count", len(res.Paths), "dir", o.Dir, "took", took)
	p.events.ReportsWritten(res, took)
	return res, nil
}

// renderAndPublish renders the accord and gemeente reports in parallel,
// decides each one's version (see issue), publishes each folder's set at
// once and records the new versions, adding the paths to res. onlyNew:
// publish only the new versions (lpa reissue).
func (p *Pipeline) renderAndPublish(ctx context.Context, res *ReportResult, outDir string, reps, gems []reports.Report, onlyNew bool) error {
	all := append(slices.Clone(reps), gems...)
	latest, err := p.db.LatestIssues(ctx, res.Round)
	if err != nil {
		return err
	}
	out := make([]*issued, len(all))
	errs := make([]error, len(all))
	var stepMu sync.Mutex
	done := 0
	parallel(p.workers, len(all), func(i int) {
		if ctx.Err() != nil {
			errs[i] = ctx.Err()
			return
		}
		out[i], errs[i] = p.issue(ctx, accordDoc{all[i]}, latest)
		stepMu.Lock()
		done++
		p.events.Step(StageReport, done, len(all))
		stepMu.Unlock()
	})
	if err := ctx.Err(); err != nil {
		return err // stopped: nothing is published
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	// Each folder's reports of the round appear together or not at all.
	var record []store.Issue
	for si, set := range []struct {
		dir  string
		from int
		to   int
	}{{outDir, 0, len(reps)}, {filepath.Join(outDir, "gemeenten"), len(reps), len(all)}} {
		files := map[string][]byte{}
		for _, o := range out[set.from:set.to] {
			if onlyNew && (!o.isNew || o.issue.Version == 1) {
				continue // unchanged, or never issued: not lpa reissue's
			}
			files[o.issue.FileName] = o.pdf
			res.Paths = append(res.Paths, filepath.Join(set.dir, o.issue.FileName))
			if o.isNew {
				o.issue.IssuedAt = p.now()
				record = append(record, o.issue)
				if o.issue.Version > 1 {
					res.NewVersions = append(res.NewVersions, o.issue.FileName)
				}
			}
		}
		if si == 1 {
			res.Gemeenten = len(files)
		}
		if len(files) == 0 {
			continue
		}
		if err := publish(set.dir, files); err != nil {
			return fmt.Errorf("write the reports to %s: %w", set.dir, err)
		}
	}
	res.Issued = len(record)
	return p.db.RecordIssues(ctx, record)
}

// buildReport turns warehouse values into what the PDF shows: the NPA
// indicators of the catalogue for the latest edition, and their trends.
func buildReport(a store.AccordInfo, ms []store.AccordMetric, sources []reports.Source, generated time.Time) reports.Report {
	src := reportSource
	if !slices.ContainsFunc(ms, func(m store.AccordMetric) bool { return m.Source == src }) {
		src = ms[0].Source
	}
	ms = slices.DeleteFunc(slices.Clone(ms), func(m store.AccordMetric) bool {
		return m.Source != src || m.Sex != indicators.SexTotal
	})
	if len(ms) == 0 {
		ms = []store.AccordMetric{{AgeGroup: reportAgeGroup}}
	}
	age := reportAgeGroup
	if !slices.ContainsFunc(ms, func(m store.AccordMetric) bool { return m.AgeGroup == age }) {
		age = ms[0].AgeGroup
	}
	cat := indicators.LoadReference().Catalogue
	core := map[string]indicators.Indicator{}
	for _, ind := range cat {
		if ind.NPACore {
			core[ind.Key] = ind
		}
	}
	byInd := map[string][]store.AccordMetric{}
	edition := 0
	for _, m := range ms {
		if m.AgeGroup != age {
			continue
		}
		if _, ok := core[m.Indicator]; !ok {
			continue
		}
		byInd[m.Indicator] = append(byInd[m.Indicator], m)
		edition = max(edition, m.Period)
	}
	r := reports.Report{
		Accord:  reports.Accord{ID: a.ID, Name: a.Name, Kind: a.Kind, SignedYear: a.SignedYear, ExampleData: a.ExampleData},
		Edition: edition, AgeGroup: age, AgeLabel: ageLabel(age),
		Sources: sources, Generated: generated,
	}
	ggds := map[string]string{}
	members := slices.Clone(a.Members)
	coll := collate.New(language.Dutch)
	slices.SortStableFunc(members, func(x, y store.Member) int { return coll.CompareString(x.Name, y.Name) })
	for _, m := range members {
		name := ggdDisplayName(m.GGDName)
		r.Accord.Members = append(r.Accord.Members, reports.Member{Code: m.Code, Name: m.Name, Population: m.Population, GGDName: name})
		ggds[m.GGDCode] = name
	}
	r.GGDLabel = "GGD-regio"
	if len(ggds) == 1 {
		for _, name := range ggds {
			if name != "" {
				r.GGDLabel = name
			}
		}
	} else if len(ggds) > 1 {
		r.GGDLabel = "GGD-regio's (gewogen)"
	}
	for _, ind := range cat {
		series := byInd[ind.Key]
		if !ind.NPACore || len(series) == 0 {
			continue
		}
		for _, m := range series {
			if m.Period == edition {
				r.Rows = append(r.Rows, reports.Row{Indicator: ind.Key, Label: ind.Label, Unit: ind.Unit, Theme: ind.Theme,
					Direction: ind.Direction, Accord: m.Value, GGD: m.GGD, NL: m.NL, Missing: m.Missing})
			}
		}
	}
	for _, th := range themeTitles {
		t := reports.Theme{Key: th.key, Title: th.title}
		for _, ind := range cat {
			series := byInd[ind.Key]
			if !ind.NPACore || ind.Theme != th.key || len(series) == 0 {
				continue
			}
			acc := indicators.Series{Indicator: ind.Key, Area: "accord", Label: a.Name}
			ggd := indicators.Series{Indicator: ind.Key, Area: "ggd", Label: r.GGDLabel}
			nl := indicators.Series{Indicator: ind.Key, Area: "nl", Label: "Nederland"}
			for _, m := range series {
				acc.Points = append(acc.Points, indicators.Point{Period: m.Period, Value: m.Value})
				ggd.Points = append(ggd.Points, indicators.Point{Period: m.Period, Value: m.GGD})
				nl.Points = append(nl.Points, indicators.Point{Period: m.Period, Value: m.NL})
			}
			t.Series = append(t.Series, acc, ggd, nl)
		}
		if len(t.Series) > 0 {
			r.Themes = append(r.Themes, t)
		}
	}
	r.Method = methodText(a, len(ggds) > 1)
	return r
}

// ggdDisplayName is the name a reader knows a GGD region by, where CBS's
// official name is long or an organisation's name.
func ggdDisplayName(name string) string {
	switch name {
	case "Veiligheids- en Gezondheidsregio Gelderland-Midden":
		return "GGD Gelderland-Midden"
	case "Dienst Gezondheid & Jeugd ZHZ":
		return "GGD Zuid-Holland Zuid"
	}
	return name
}

func ageLabel(code string) string {
	if l, ok := ageLabels[code]; ok {
		return l
	}
	return "leeftijdsgroep " + code
}

func methodText(a store.AccordInfo, multiGGD bool) []string {
	out := []string{}
	if a.Kind == "gemeente" {
		out = append(out, "De waarden van de gemeente zijn de door RIVM gepubliceerde waarden (kleinereichtschattingen uit de Gezondheidsmonitor van GGD'en, CBS en RIVM), met hun 95%-betrouwbaarheidsinterval waar de bron dat geeft.")
	} else if len(a.Members) == 1 {
		out = append(out, "De waarden van het akkoord zijn de door RIVM gepubliceerde waarden van de gemeente (StatLine-tabel 50090NED, kleinereichtschattingen uit de Gezondheidsmonitor Volwassenen en Ouderen van GGD'en, CBS en RIVM).")
	} else {
		out = append(out, fmt.Sprintf("De waarden van het akkoord zijn het naar inwonertal gewogen gemiddelde van de %d deelnemende gemeenten (StatLine-tabel 50090NED, indeling 2020; gewichten: inwoners volgens CBS Gebieden in Nederland, in dezelfde gemeentelijke indeling). Ontbreekt de waarde van een gemeente, dan wordt voor het akkoord geen waarde berekend.", len(a.Members)))
	}
	ggd := "De GGD-regio is het naar inwonertal gewogen gemiddelde van alle gemeenten in de GGD-regio; de tabel publiceert zelf geen cijfers per GGD-regio."
	if multiGGD {
		ggd += " Omdat de gemeenten van dit akkoord in meer dan één GGD-regio liggen, zijn de waarden van die regio's gewogen naar het aantal inwoners van het akkoord in elke regio."
	}
	out = append(out, ggd, "Nederland is de door RIVM gepubliceerde landelijke waarde. Cijfers zijn schattingen met onzekerheidsmarges; kleine verschillen zijn niet zonder meer betekenisvol.")
	return out
}

// reportSources describes the loaded sources that the report shows, with
// their attribution.
func reportSources(loads []store.LoadInfo) []reports.Source {
	type src struct{ name, attribution string }
	known := map[string]src{
		string(indicators.KindStatLine50090): {"RIVM StatLine 50090NED, Gezondheid per wijk en buurt; 2012/2016/2020 (indeling 2020), uit de Gezondheidsmonitor Volwassenen en Ouderen",
			"RIVM, GGD'en en CBS; CC BY 4.0"},
		string(indicators.KindCBSGebieden):    {"CBS, Gebieden in Nederland (gemeenten, provincies, inwoners)", "CBS; CC BY 4.0"},
		string(indicators.KindCBSGebiedenGGD): {"CBS, Gebieden in Nederland (gemeenten en GGD-regio's)", "CBS; CC BY 4.0"},
		string(indicators.KindRegistry): {"Registratie lokale en regionale preventieakkoorden",
			"Naam, jaar en soort van het akkoord: RIVM, factsheet Lokale en regionale preventieakkoorden (peildatum 1 november 2020); deelnemende gemeenten in de gemeentelijke indeling van CBS"},
	}
	byKind := map[string][]store.LoadInfo{}
	var kinds []string
	for _, l := range loads {
		if _, ok := byKind[l.Kind]; !ok {
			kinds = append(kinds, l.Kind)
		}
		byKind[l.Kind] = append(byKind[l.Kind], l)
	}
	sort.SliceStable(kinds, func(i, j int) bool { return kindOrder(kinds[i]) < kindOrder(kinds[j]) })
	var out []reports.Source
	for _, k := range kinds {
		s, ok := known[k]
		if !ok {
			continue // a source the report does not show
		}
		ls := byKind[k]
		last := ls[len(ls)-1].LoadedAt
		var detail string
		switch {
		case k == string(indicators.KindRegistry):
			detail = "Geladen op " + reports.FormatDate(last)
		case len(ls) == 1:
			detail = fmt.Sprintf("Bestand %s, geladen op %s", ls[0].FileName, reports.FormatDate(last))
		default:
			detail = fmt.Sprintf("%d bestanden, laatst geladen op %s", len(ls), reports.FormatDate(last))
		}
		out = append(out, reports.Source{Name: s.name, Attribution: s.attribution, Detail: detail})
	}
	return out
}

func kindOrder(k string) int {
	switch indicators.Kind(k) {
	case indicators.KindStatLine50090:
		return 0
	case indicators.KindCBSGebieden, indicators.KindCBSGebiedenGGD, indicators.KindCBSKerncijfers:
		return 1
	}
	return 2
}
