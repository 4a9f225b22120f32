package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// The national factsheet of a round: RIVM's factsheet on the local and
// regional prevention accords (peildatum 1 November 2020) is its model.
// Every number it prints comes from a NationalReport field that the
// pipeline read from a public view; RenderNational returns a Printed for
// each.

const (
	nationalTitle = "Lokale en regionale preventieakkoorden"
	// The public views the national numbers come from.
	viewNational    = "national_evaluation"
	viewStatus      = "accord_status"
	viewMonitoring  = "accord_monitoring"
	viewObservation = "observations"
	viewEffects     = "accord_effects"

	exampleBodyNational = "Een deel van de codering van de akkoorden (thema's, partijen, programma's, doelen, monitoring) " +
		"en een deel van de VNG-status van de gemeenten is als voorbeeld gecodeerd en niet overgenomen uit een officiële bron. " +
		"De aantallen gesloten akkoorden en hun gemeenten zijn echt."
)

// NationalReport is everything the national factsheet of a round shows.
// The pipeline fills it from the warehouse; RenderNational only lays it out.
type NationalReport struct {
	Round     time.Time // the peildatum
	Generated time.Time // the PDF's dates; fixed per round
	// Fingerprint identifies the data behind the report; when set, every
	// page's header and the PDF's metadata carry it.
	Fingerprint string
	// Reissue: this factsheet replaces an earlier issue of the round; its
	// first page lists the figures that changed.
	Reissue     *Reissue
	ExampleData bool // some of the rows shown are coded example data

	Figures []NationalFigure // the rows of national_evaluation of the round

	Division int               // municipal division of the map
	Status   map[string]string // gemeente code -> VNG status (accord_status)

	Monitoring    []MonitoringShare   // levels of local monitoring
	ThemeExamples map[string][]string // additional theme -> example interventions

	Indicators []NationalIndicator // NPA indicators with and without an accord

	PrevRound   time.Time        // the previous computed round; zero: none
	PrevFigures []NationalFigure // national_evaluation of PrevRound

	Sources []Source
}

// NationalFigure is one row of national_evaluation.
type NationalFigure struct {
	Section, Item, Detail string
	Count, Base, Pct      *int
	Value                 *float64
	ExampleData           bool
}

// MonitoringShare is the closed accords monitoring on one level, of the
// accords whose monitoring is coded (accord_monitoring).
type MonitoringShare struct {
	Level       string // populatie | proces | project
	Accords     int
	Base        int
	ExampleData bool
}

// NationalIndicator is one NPA indicator for the gemeenten with and without
// an accord (inhabitant-weighted means of the monitor's values) and the
// accords' differences in differences.
type NationalIndicator struct {
	Indicator, Label, Unit, Direction       string
	Period, PrevPeriod                      int
	With, WithPrev                          *float64
	WithN, WithTotal                        int
	Without, WithoutPrev                    *float64
	WithoutN, WithoutTotal                  int
	DiDAccords                              int      // accords with a measured effect
	DiDMean                                 *float64 // their mean difference in differences
	Gunstig, Ongunstig, NietOnderscheidbaar int
}

// figure finds a row of the round; ok is false when the view has none.
func findFigure(fs []NationalFigure, section, item, detail string) (NationalFigure, bool) {
	for _, f := range fs {
		if f.Section == section && f.Item == item && f.Detail == detail {
			return f, true
		}
	}
	return NationalFigure{}, false
}

// section is the rows of one section, in the view's order.
func (n *NationalReport) section(name string) []NationalFigure {
	var out []NationalFigure
	for _, f := range n.Figures {
		if f.Section == name {
			out = append(out, f)
		}
	}
	return out
}

// roundLine is the header's right part: the round and the fingerprint.
func (n *NationalReport) roundLine() string {
	s := "Ronde " + FormatDate(n.Round)
	if n.Fingerprint != "" {
		s += " · gegevens " + n.Fingerprint
	}
	return s
}

// figureKey is the key of a national_evaluation row in a Printed.
func figureKey(f NationalFigure) string {
	k := "section=" + f.Section + "; item=" + f.Item
	if f.Detail != "" {
		k += "; detail=" + f.Detail
	}
	return k
}

// RenderNational writes the national factsheet of a round as one A4 PDF in
// Dutch and returns every number it printed, with its page and source row.
// The same NationalReport always yields the same bytes. It returns an
// error wrapping ErrInvalidReport when r.Generated or r.Round is zero.
func RenderNational(w io.Writer, r NationalReport) ([]Printed, error) {
	if r.Generated.IsZero() || r.Round.IsZero() {
		return nil, fmt.Errorf("%w: Generated or Round is not set", ErrInvalidReport)
	}
	hdl, err := textHandler()
	if err != nil {
		return nil, fmt.Errorf("render national: %w", err)
	}
	subject := "Landelijke factsheet, peildatum " + FormatDate(r.Round)
	if r.Fingerprint != "" {
		subject += ", gegevens " + r.Fingerprint
	}
	pdf := newPDF(r.Generated, nationalTitle+" – landelijk beeld", subject)
	if r.Fingerprint != "" {
		pdf.SetKeywords("lpa ronde "+r.Round.Format(time.DateOnly)+" gegevens "+r.Fingerprint, false) // ASCII: searchable as is
	}
	d := &document{pdf: pdf, r: Report{Round: r.Round, Sources: r.Sources, Reissue: r.Reissue}, text: hdl, nat: &r}
	pdf.SetHeaderFuncMode(d.header, true)
	pdf.SetFooterFunc(d.footer)
	if r.Reissue != nil {
		d.reissuePage()
	}

	d.nationalSummary()
	if err := d.statusMapPage(); err != nil {
		return nil, fmt.Errorf("render national: %w", err)
	}
	if err := d.sectorsAndThemes(); err != nil {
		return nil, fmt.Errorf("render national: %w", err)
	}
	d.additionalThemes()
	d.programmesGoalsMonitoring()
	d.indicatorComparison()
	d.roundComparison()
	d.nationalMethod()
	if err := pdf.Output(w); err != nil {
		return nil, fmt.Errorf("render national: %w", err)
	}
	return d.printed, nil
}

// emit records a printed number (on the current page) and returns its
// text.
func (d *document) emit(figure, label, txt string, value float64, view, key string) string {
	d.printed = append(d.printed, Printed{Page: d.pdf.PageNo(), FigureID: figure, Label: label, Text: txt,
		Value: value, View: view, Key: key})
	return txt
}

// count prints the count of a national_evaluation row; "–" when the view
// has no such row.
func (d *document) count(figure, label, section, item, detail string) string {
	f, ok := findFigure(d.nat.Figures, section, item, detail)
	if !ok || f.Count == nil {
		return textNoValue
	}
	return d.emit(figure, label, strconv.Itoa(*f.Count), float64(*f.Count), viewNational, figureKey(f))
}

// pct prints the rounded share of a national_evaluation row, "86%"; the
// Printed's value is the unrounded share.
func (d *document) pct(figure, label string, f NationalFigure) string {
	if f.Pct == nil {
		return textNoValue
	}
	exact := float64(*f.Pct)
	if f.Count != nil && f.Base != nil && *f.Base > 0 {
		exact = 100 * float64(*f.Count) / float64(*f.Base)
	}
	return d.emit(figure, label, pctText(*f.Pct), exact, viewNational, figureKey(f))
}

// value prints the value column of a national_evaluation row with the
// given decimals.
func (d *document) value(figure, label, section, item string, decimals int) string {
	f, ok := findFigure(d.nat.Figures, section, item, "")
	if !ok || f.Value == nil {
		return textNoValue
	}
	return d.emit(figure, label, FormatNumber(*f.Value, decimals), *f.Value, viewNational, figureKey(f))
}

func pctText(p int) string { return strconv.Itoa(p) + "%" }

// nationalSummary is the first page: the title, the summary and the key
// figures.
func (d *document) nationalSummary() {
	n, p := d.nat, d.pdf
	p.AddPage()
	d.font("B", 22)
	d.textColor(colorHeading)
	p.SetX(margin)
	p.MultiCell(contentW, 10, nationalTitle, "", "L", false)
	d.font("", 12)
	d.textColor(colorMuted)
	p.SetX(margin)
	p.MultiCell(contentW, 6, "Landelijk beeld op peildatum "+FormatDate(n.Round), "", "L", false)
	p.Ln(4)
	if n.ExampleData {
		d.exampleNotice()
		p.Ln(3)
	}
	d.h2("Samenvatting", 30)
	for _, s := range d.summaryParagraphs() {
		d.paragraph(s, "", bodySize, bodyLine, colorText)
		p.Ln(1.5)
	}
	d.keyFigures()
}

// summaryParagraphs says in words what the figures show.
func (d *document) summaryParagraphs() []string {
	n := d.nat
	const fig = "samenvatting"
	closed := d.count(fig, "akkoorden gesloten", "akkoorden", "gesloten", "")
	first := fmt.Sprintf("Op de peildatum van %s zijn %s lokale en regionale preventieakkoorden gesloten, waarbij in totaal %s gemeenten zijn betrokken. "+
		"Van de %s akkoorden zijn er %s gestart vanuit één gemeente (lokaal preventieakkoord) en %s vanuit een samenwerking van meerdere gemeenten (regionaal preventieakkoord).",
		FormatDate(n.Round), closed, d.count(fig, "gemeenten betrokken", "akkoorden", "gemeenten", ""), closed,
		d.count(fig, "lokale akkoorden", "akkoorden", "lokaal", ""), d.count(fig, "regionale akkoorden", "akkoorden", "regionaal", ""))
	first += fmt.Sprintf(" Daarnaast bereiden %s gemeenten, al dan niet in regioverband, een akkoord voor en verkennen %s gemeenten de mogelijkheden daartoe.",
		d.count(fig, "gemeenten in voorbereiding", "status_gemeenten", "in_voorbereiding", ""),
		d.count(fig, "gemeenten die verkennen", "status_gemeenten", "verkennen", ""))

	second := fmt.Sprintf("De akkoorden zijn een samenwerking van verschillende sectoren, zoals sport, zorg en onderwijs, met gemiddeld %s aangesloten partijen per akkoord (van %s tot %s).",
		d.value(fig, "partijen per akkoord, gemiddeld", "partijen_per_akkoord", "gemiddeld", 0),
		d.value(fig, "partijen per akkoord, minimum", "partijen_per_akkoord", "minimum", 0),
		d.value(fig, "partijen per akkoord, maximum", "partijen_per_akkoord", "maximum", 0))
	if top, ok := d.topNPATheme(); ok {
		second += fmt.Sprintf(" Van de drie thema's van het Nationaal Preventieakkoord (roken, problematisch alcoholgebruik en overgewicht) komt %s het vaakst uitgebreid terug (%s van de akkoorden).",
			strings.ToLower(npaThemeWord(top.Item)), d.pct(fig, npaThemeWord(top.Item)+": komt uitgebreid terug", top))
	}
	if themes := d.topThemes(); len(themes) > 0 {
		second += fmt.Sprintf(" Daarnaast noemen de akkoorden aanvullende thema's, het vaakst %s.", joinDutch(themes))
	}
	return []string{first, second}
}

// topNPATheme is the NPA theme most often worked out extensively.
func (d *document) topNPATheme() (NationalFigure, bool) {
	var best NationalFigure
	found := false
	for _, f := range d.nat.section("npa_themas") {
		if f.Detail == "uitgebreid" && f.Count != nil && (!found || *f.Count > *best.Count) {
			best, found = f, true
		}
	}
	return best, found
}

// topThemes names the additional themes with the highest count.
func (d *document) topThemes() []string {
	top := 0
	for _, f := range d.nat.section("aanvullende_themas") {
		if f.Count != nil {
			top = max(top, *f.Count)
		}
	}
	var out []string
	for _, f := range d.nat.section("aanvullende_themas") {
		if f.Count != nil && *f.Count == top && top > 0 {
			out = append(out, strings.ToLower(themeWord(f.Item)))
		}
	}
	return out
}
