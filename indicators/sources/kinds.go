package sources

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"lpa/indicators"
	"lpa/indicators/cbs"
	"lpa/indicators/local"
	"lpa/indicators/monitor"
	"lpa/indicators/registry"
	"lpa/indicators/statline"
	"lpa/indicators/templates"
	"lpa/indicators/vektis"
)

// The kind table: every kind of file lpa loads, one line each, in the order
// KnownKinds lists them: the kind, what it is (from its package), how it
// is recognised and which parser reads it. A new source is a package under
// indicators/ and a line here.
//
// The stages (see stage) are tried in their order; within a stage the
// first line that recognises the file wins.
var kinds = []kind{
	{indicators.KindStatLine50090, statline.About50090, header("WijkenEnBuurten", "SoortRegio_2"), table(statline.Parse50090)},
	{indicators.KindCBSGebiedenGGD, cbs.AboutGebiedenGGD, header("Codes en namen van gemeenten/Code (code)", "Lokaliseringen van gemeenten/GGD-regio's/Code (code)"), table(cbs.ParseGebiedenGGD)},
	{indicators.KindCBSGebieden, cbs.AboutGebieden, header("municipalityCode", "population"), table(cbs.ParseGebieden)},
	{indicators.KindCBSKerncijfers, cbs.AboutKerncijfers, header("Regioaanduiding/Codering (code)", "Bevolking/Aantal inwoners (aantal)"), table(cbs.ParseKerncijfers)},
	{indicators.KindMonitor2022GGD, monitor.About85563, header("Regio", "Ervaren_gezondheid_(goed/zeer_goed)", "Rokers"), table(monitor.Parse85563)},
	{indicators.KindLevensverwachting, monitor.AboutLifeExpectancy, header("GGD-regio", "Geslacht", "Bij geboorte", "Bij 65 jaar"), table(monitor.ParseLifeExpectancy)},
	{indicators.KindStatLine50140, monitor.About50140, header("Persoonskenmerken", "RegioS", "GoedErvarenGezondheid_6"), table(monitor.Parse50140)},
	{indicators.KindSportLidmaatschap, monitor.AboutSport, header("id", "Gemeente", "Sport", "Percentage"), table(monitor.ParseSport)},
	{indicators.KindVZinfoOvergewicht, monitor.AboutOverweight, header("Gemeentecode", "Indicator", "Betrouwbaarheidsinterval (95%)", "GGD percentage"), table(monitor.ParseOverweight)},
	{indicators.KindVektisZvw, vektis.About, header("LEEFTIJDSKLASSE", "GEMEENTENAAM", "AANTAL_VERZEKERDEJAREN"), table(vektis.Parse)},
	{indicators.KindLocal, local.About, header("bron", "indeling", "regiocode", "periode", "indicator", "waarde"), table(local.Parse)},
	{indicators.KindAccordStatus, registry.AboutStatus, header("peildatum", "gemeente_code", "status"), table(registry.ParseStatus)},
	{indicators.KindProcessQuarters, templates.AboutQuarters, header("akkoord_id", "kwartaal", "partijen_actief"), table(templates.TableParser(indicators.KindProcessQuarters))},
	{indicators.KindProcessBudget, templates.AboutBudget, header("akkoord_id", "kwartaal", "budgetregel"), table(templates.TableParser(indicators.KindProcessBudget))},
	{indicators.KindProjectInterventions, templates.AboutInterventions, header("akkoord_id", "interventie_id", "naam"), table(templates.TableParser(indicators.KindProjectInterventions))},
	{indicators.KindProjectReach, templates.AboutReach, header("akkoord_id", "interventie_id", "deelnemers_gepland"), table(templates.TableParser(indicators.KindProjectReach))},
	{indicators.KindProcessWorkbook, templates.AboutProcessWorkbook, workbook(templates.IsProcessWorkbook), book(templates.ParseWorkbook)},
	{indicators.KindProjectWorkbook, templates.AboutProjectWorkbook, workbook(templates.IsProjectWorkbook), book(templates.ParseWorkbook)},
	{indicators.KindStatLineExport, statline.AboutExport, content(statline.IsExport), file(statline.ParseExport)},
	{indicators.KindRegistry, registry.About, named(registry.IsFile), file(registry.ParseFile)},
}

// kind is one line of the kind table.
type kind struct {
	kind  indicators.Kind
	about string // for KnownKinds
	is    sniffer
	parse parser
}

// stage is how far a file has been read when a kind is recognised. The
// stages are tried in this order.
type stage int

const (
	byName     stage = iota // the file name, before the content is looked at
	byContent               // the content (gzip undone), before it is read as a table
	byWorkbook              // the sheets of a workbook
	byHeader                // the header of the table (of a workbook's first sheet)
)

// sniffer recognises a kind at a stage.
type sniffer struct {
	stage stage
	match func(*input) bool
}

// parser reads a file of a kind.
type parser func(context.Context, *input) (*indicators.Parsed, error)

// header recognises a table whose header holds every one of cols (compared
// case-insensitively: Vektis changed case in 2019); the parser then checks
// the full set and names any missing column.
func header(cols ...string) sniffer {
	return sniffer{byHeader, func(in *input) bool {
		for _, col := range cols {
			if !slices.ContainsFunc(in.table.Header(), func(h string) bool { return strings.EqualFold(h, col) }) {
				return false
			}
		}
		return true
	}}
}

// workbook recognises a workbook by its sheets.
func workbook(is func(sheets []string) bool) sniffer {
	return sniffer{byWorkbook, func(in *input) bool {
		x, ok := in.table.(*indicators.XLSXTable)
		return ok && is(x.Sheets())
	}}
}

// content recognises a file by its content.
func content(is func(data []byte) bool) sniffer {
	return sniffer{byContent, func(in *input) bool { return is(in.data) }}
}

// named recognises a file by its name.
func named(is func(name string) bool) sniffer {
	return sniffer{byName, func(in *input) bool { return is(in.name) }}
}

// table reads the file as a table.
func table(parse func(ctx context.Context, name string, t indicators.Table) (*indicators.Parsed, error)) parser {
	return func(ctx context.Context, in *input) (*indicators.Parsed, error) { return parse(ctx, in.name, in.table) }
}

// book reads the file as a workbook.
func book(parse func(ctx context.Context, name string, f *excelize.File) (*indicators.Parsed, error)) parser {
	return func(ctx context.Context, in *input) (*indicators.Parsed, error) {
		f, err := in.table.(*indicators.XLSXTable).Workbook()
		if err != nil {
			return nil, err
		}
		return parse(ctx, in.name, f)
	}
}

// file reads the content as it is (gzip undone).
func file(parse func(ctx context.Context, name string, data []byte) (*indicators.Parsed, error)) parser {
	return func(ctx context.Context, in *input) (*indicators.Parsed, error) { return parse(ctx, in.name, in.data) }
}

// KnownKinds describes every kind, one per line, for error messages and help.
func KnownKinds() string {
	var b strings.Builder
	for _, k := range kinds {
		fmt.Fprintf(&b, "  - %s: %s\n", k.kind, k.about)
	}
	return strings.TrimRight(b.String(), "\n")
}
