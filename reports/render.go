package reports

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/text"
)

// Page geometry in millimetres (A4 portrait) and type sizes in points.
const (
	pageW       = 210.0
	pageH       = 297.0
	margin      = 20.0
	contentW    = pageW - 2*margin
	topMargin   = 24.0
	breakMargin = 24.0 // bottom margin at which text flows to a new page
	pageBottom  = pageH - breakMargin

	headerY   = 9.0
	headerLn  = 14.0
	footerLn  = pageH - 17.0
	footerY   = pageH - 15.5
	footerY2  = pageH - 11.5
	tinySize  = 7.5
	smallSize = 8.5
	smallLine = 4.1
	bodySize  = 10.0
	bodyLine  = 5.0
	h1Size    = 16.0
	h2Size    = 12.0

	chartH = 86.0 // one theme chart with its legend
)

// Fixed texts.
const (
	exampleFooter         = "Voorbeeldgegevens: de registratie van dit akkoord is (deels) als voorbeeld gecodeerd en niet officieel."
	exampleFooterGemeente = "Voorbeeldgegevens: de status van het preventieakkoord van deze gemeente is als voorbeeld gecodeerd en niet officieel."
	exampleFooterNational = "Voorbeeldgegevens: een deel van de codering van de akkoorden is als voorbeeld gecodeerd en niet officieel."
	exampleTitle          = "Let op: voorbeeldgegevens"
	exampleBody           = "De registratie van dit akkoord (de deelnemende gemeenten en het jaar van ondertekening) " +
		"is geheel of gedeeltelijk als voorbeeld gecodeerd en niet overgenomen uit een officiële bron. " +
		"Gebruik dit overzicht daarom niet als officiële weergave van het akkoord."
	noteSuppressed = "de bron publiceert geen waarde (te weinig respondenten of onbetrouwbaar)."
	noteIncomplete = "niet van alle gemeenten van het akkoord is een waarde bekend; een gedeeltelijk cijfer wordt niet getoond."
	noteNoValue    = "geen waarde beschikbaar."
)

// Render writes the report as one A4 portrait PDF in Dutch: a title page
// with the accord, its gemeenten and the sources; the indicator table of
// the latest edition; one trend chart per theme; and the method. The same
// Report always yields the same bytes. It returns an error wrapping
// ErrInvalidReport when r.Generated is zero, as the PDF's dates come from it.
func Render(w io.Writer, r Report) error {
	_, err := renderDoc(w, r)
	return err
}

// renderDoc lays r out into w and returns the document (with the numbers it
// printed).
func renderDoc(w io.Writer, r Report) (*document, error) {
	if r.Generated.IsZero() {
		return nil, fmt.Errorf("%w: Generated is not set", ErrInvalidReport)
	}
	hdl, err := textHandler()
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", r.Accord.ID, err)
	}
	d := newDocument(r, hdl)
	if r.Reissue != nil {
		d.reissuePage()
	}
	d.titlePage()
	full := len(r.Measures) > 0 // the whole evaluation, not only the NPA table
	if full {
		d.summarySection()
		d.healthSection()
	} else {
		d.indicatorPage()
	}
	if err := d.chartPages(); err != nil {
		return nil, fmt.Errorf("render %s: %w", r.Accord.ID, err)
	}
	if full {
		d.goalsSection()
		d.tripleAimSection()
		d.processSection()
		d.projectsSection()
		d.effectSection()
		d.mapSection()
	}
	if !d.methodDone {
		d.methodSection(true)
	}
	if err := d.pdf.Output(w); err != nil {
		return nil, fmt.Errorf("render %s: %w", r.Accord.ID, err)
	}
	return d, nil
}

// document is one report being laid out.
type document struct {
	pdf        *fpdf.Fpdf
	r          Report
	text       text.Handler
	editions   []int
	labels     chartLabels
	methodDone bool

	nat     *NationalReport // the national factsheet; nil: an accord or gemeente report
	printed []Printed       // the numbers printed so far (national factsheet)
}

func newDocument(r Report, hdl text.Handler) *document {
	pdf := newPDF(r.Generated, kindLabel(r.Accord.Kind)+" "+r.Accord.Name, editionLine(r))
	if r.Fingerprint != "" {
		pdf.SetKeywords("lpa-gegevens "+r.Fingerprint, true)
	}
	d := &document{pdf: pdf, r: r, text: hdl, editions: editions(r), labels: labelsOf(r)}
	pdf.SetHeaderFuncMode(d.header, true)
	pdf.SetFooterFunc(d.footer)
	return d
}

// newPDF is an A4 portrait document with the report's margins, fonts and
// metadata, dated generated so that the same values give the same bytes.
func newPDF(generated time.Time, title, subject string) *fpdf.Fpdf {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	pdf.SetMargins(margin, topMargin, margin)
	pdf.SetAutoPageBreak(true, breakMargin)
	pdf.AliasNbPages("")
	pdf.AddUTF8FontFromBytes(pdfFamily, "", liberationsansregular.TTF)
	pdf.AddUTF8FontFromBytes(pdfFamily, "B", liberationsansbold.TTF)

	// fpdf writes the date without a zone offset, which readers take as
	// UTC; so give it UTC.
	pdf.SetCreationDate(generated.UTC())
	pdf.SetModificationDate(generated.UTC())
	pdf.SetCatalogSort(true)
	pdf.SetProducer("lpa", false)
	pdf.SetCreator("lpa", false)
	pdf.SetAuthor("lpa", false)
	pdf.SetTitle(title, true)
	pdf.SetSubject(subject, true)
	pdf.SetLang("nl-NL")
	return pdf
}

// editions returns the sorted edition years of all series and the table.
func editions(r Report) []int {
	var es []int
	if r.Edition != 0 {
		es = append(es, r.Edition)
	}
	for _, t := range r.Themes {
		for _, s := range t.Series {
			for _, p := range s.Points {
				es = append(es, p.Period)
			}
		}
	}
	slices.Sort(es)
	return slices.Compact(es)
}

func labelsOf(r Report) chartLabels {
	l := chartLabels{
		Indicator: make(map[string]string, len(r.Rows)),
		Area: map[string]string{
			areaAccord: r.Accord.Name,
			areaGGD:    cmp.Or(r.GGDLabel, "GGD-regio"),
			areaNL:     "Nederland",
		},
	}
	for _, row := range r.Rows {
		l.Indicator[row.Indicator] = row.Label
	}
	return l
}

func kindLabel(kind string) string {
	switch kind {
	case "gemeente":
		return "Gemeente"
	case "lokaal":
		return "Lokaal preventieakkoord"
	case "regionaal":
		return "Regionaal preventieakkoord"
	default:
		return "Preventieakkoord"
	}
}

// editionLine is "Gezondheidsmonitor, editie 2020, 18 jaar of ouder".
func editionLine(r Report) string {
	parts := []string{"Gezondheidsmonitor"}
	if r.Edition != 0 {
		parts = append(parts, "editie "+strconv.Itoa(r.Edition))
	}
	if r.AgeLabel != "" {
		parts = append(parts, r.AgeLabel)
	}
	return strings.Join(parts, ", ")
}

// --- Small layout helpers -------------------------------------------------

func (d *document) font(style string, size float64) { d.pdf.SetFont(pdfFamily, style, size) }

func (d *document) textColor(c rgb) { d.pdf.SetTextColor(c.rgb()) }

func (d *document) fillColor(c rgb) { d.pdf.SetFillColor(c.rgb()) }

func (d *document) drawColor(c rgb) { d.pdf.SetDrawColor(c.rgb()) }

// ensureSpace starts a new page unless h millimetres fit above the bottom
// margin.
func (d *document) ensureSpace(h float64) {
	if d.pdf.GetY()+h > pageBottom {
		d.pdf.AddPage()
	}
}

// textHeight is the height of txt set in the current font as a MultiCell of
// width w and line height lh.
func (d *document) textHeight(txt string, w, lh float64) float64 {
	return float64(len(d.pdf.SplitText(txt, w))) * lh
}

// paragraph writes wrapped text across the content width.
func (d *document) paragraph(txt string, style string, size, lh float64, c rgb) {
	d.font(style, size)
	d.textColor(c)
	d.pdf.SetX(margin)
	d.pdf.MultiCell(contentW, lh, txt, "", "L", false)
}

// h1 is a page title, with an outline entry.
func (d *document) h1(title string) {
	d.font("B", h1Size)
	d.textColor(colorHeading)
	d.pdf.Bookmark(title, 0, -1)
	d.pdf.SetX(margin)
	d.pdf.MultiCell(contentW, 8, title, "", "L", false)
	d.pdf.Ln(2)
}

// h2 is a section title, kept together with at least keep millimetres of
// what follows it.
func (d *document) h2(title string, keep float64) {
	d.pdf.Ln(3)
	d.ensureSpace(8 + keep)
	d.font("B", h2Size)
	d.textColor(colorHeading)
	d.pdf.Bookmark(title, 1, -1)
	d.pdf.SetX(margin)
	d.pdf.CellFormat(contentW, 7, title, "", 1, "L", false, 0, "")
	d.pdf.Ln(1)
}

// fit shortens txt with an ellipsis until it is at most w wide in the
// current font.
func (d *document) fit(txt string, w float64) string {
	if d.pdf.GetStringWidth(txt) <= w {
		return txt
	}
	rs := []rune(txt)
	for len(rs) > 0 && d.pdf.GetStringWidth(string(rs)+"…") > w {
		rs = rs[:len(rs)-1]
	}
	return strings.TrimRightFunc(string(rs), unicode.IsSpace) + "…"
}

// clampLines wraps txt to width w in the current font and keeps at most n
// lines, ending the last one with an ellipsis when text was cut.
func (d *document) clampLines(txt string, w float64, n int) []string {
	lines := d.pdf.SplitText(txt, w)
	if len(lines) <= n {
		return lines
	}
	rest := strings.Join(lines[n-1:], " ")
	lines = append(lines[:n-1], d.fit(rest+"…", w))
	return lines
}

// --- Header and footer ------------------------------------------------------

// subjectLine names the report's subject: "Regionaal preventieakkoord
// Achterhoek" or "Gemeente Aa en Hunze".
func (d *document) subjectLine() string {
	if d.subjectIsGemeente() {
		return "Gemeente " + d.r.Accord.Name
	}
	return kindLabel(d.r.Accord.Kind) + " " + d.r.Accord.Name
}

func (d *document) header() {
	p := d.pdf
	d.font("", tinySize)
	d.textColor(colorMuted)
	subject, round := d.subjectLine(), ""
	if !d.r.Round.IsZero() {
		round = "Ronde " + FormatDate(d.r.Round)
	}
	if d.r.Fingerprint != "" {
		round += " · gegevens " + d.r.Fingerprint
	}
	if d.nat != nil {
		subject, round = nationalTitle, d.nat.roundLine()
	}
	p.SetXY(margin, headerY)
	p.CellFormat(contentW*0.55, 4, d.fit(subject, contentW*0.55), "", 0, "L", false, 0, "")
	p.CellFormat(contentW*0.45, 4, d.fit(round, contentW*0.45), "", 0, "R", false, 0, "")
	d.drawColor(colorRule)
	p.SetLineWidth(0.2)
	p.Line(margin, headerLn, pageW-margin, headerLn)
}

func (d *document) footer() {
	p := d.pdf
	d.drawColor(colorRule)
	p.SetLineWidth(0.2)
	p.Line(margin, footerLn, pageW-margin, footerLn)

	d.font("", tinySize)
	d.textColor(colorMuted)
	// The page number goes left: "{nb}" is wider than the number that
	// replaces it, so right-aligned it would not line up with the rule.
	pageText := fmt.Sprintf("Pagina %d van {nb}", p.PageNo())
	const numW = 30.0
	p.SetXY(margin, footerY)
	p.CellFormat(numW, 4, pageText, "", 0, "L", false, 0, "")
	p.CellFormat(contentW-numW, 4, d.fit(d.sourceLine(), contentW-numW), "", 0, "R", false, 0, "")

	if line := d.exampleLine(); line != "" {
		d.textColor(colorWarning)
		p.SetXY(margin, footerY2)
		p.CellFormat(contentW, 4, d.fit(line, contentW), "", 0, "L", false, 0, "")
	}
}

// exampleLine is the footer's warning that the report shows example data,
// or "" when it does not.
func (d *document) exampleLine() string {
	switch {
	case d.nat != nil && d.nat.ExampleData:
		return exampleFooterNational
	case d.nat != nil || !d.r.Accord.ExampleData:
		return ""
	case d.subjectIsGemeente():
		return exampleFooterGemeente
	}
	return exampleFooter
}

// sourceLine is the short source credit in the footer.
func (d *document) sourceLine() string {
	if len(d.r.Sources) == 0 {
		return ""
	}
	s := d.r.Sources[0]
	line := "Bron: " + cmp.Or(s.Attribution, s.Name)
	if len(d.r.Sources) > 1 {
		line += " · overige bronnen: zie ‘Bronnen’"
	}
	return line
}
