package reports

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/text"

	"lpa/indicators"
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
	if r.Generated.IsZero() {
		return fmt.Errorf("%w: Generated is not set", ErrInvalidReport)
	}
	hdl, err := textHandler()
	if err != nil {
		return fmt.Errorf("render %s: %w", r.Accord.ID, err)
	}
	d := newDocument(r, hdl)
	d.titlePage()
	full := len(r.Measures) > 0 // the whole evaluation, not only the NPA table
	if full {
		d.summarySection()
		d.healthSection()
	} else {
		d.indicatorPage()
	}
	if err := d.chartPages(); err != nil {
		return fmt.Errorf("render %s: %w", r.Accord.ID, err)
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
		return fmt.Errorf("render %s: %w", r.Accord.ID, err)
	}
	return nil
}

// document is one report being laid out.
type document struct {
	pdf        *fpdf.Fpdf
	r          Report
	text       text.Handler
	editions   []int
	labels     chartLabels
	methodDone bool
}

func newDocument(r Report, hdl text.Handler) *document {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	d := &document{pdf: pdf, r: r, text: hdl, editions: editions(r), labels: labelsOf(r)}

	pdf.SetMargins(margin, topMargin, margin)
	pdf.SetAutoPageBreak(true, breakMargin)
	pdf.AliasNbPages("")
	pdf.AddUTF8FontFromBytes(pdfFamily, "", liberationsansregular.TTF)
	pdf.AddUTF8FontFromBytes(pdfFamily, "B", liberationsansbold.TTF)

	// fpdf writes the date without a zone offset, which readers take as
	// UTC; so give it UTC.
	generated := r.Generated.UTC()
	pdf.SetCreationDate(generated)
	pdf.SetModificationDate(generated)
	pdf.SetCatalogSort(true)
	pdf.SetProducer("lpa", false)
	pdf.SetCreator("lpa", false)
	pdf.SetAuthor("lpa", false)
	pdf.SetTitle(kindLabel(r.Accord.Kind)+" "+r.Accord.Name, true)
	pdf.SetSubject(editionLine(r), true)
	pdf.SetLang("nl-NL")

	pdf.SetHeaderFuncMode(d.header, true)
	pdf.SetFooterFunc(d.footer)
	return d
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
	p.SetXY(margin, headerY)
	p.CellFormat(contentW*0.6, 4, d.fit(d.subjectLine(), contentW*0.6), "", 0, "L", false, 0, "")
	round := ""
	if !d.r.Round.IsZero() {
		round = "Ronde " + FormatDate(d.r.Round)
	}
	p.CellFormat(contentW*0.4, 4, round, "", 0, "R", false, 0, "")
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

	if d.r.Accord.ExampleData {
		d.textColor(colorWarning)
		p.SetXY(margin, footerY2)
		line := exampleFooter
		if d.subjectIsGemeente() {
			line = exampleFooterGemeente
		}
		p.CellFormat(contentW, 4, d.fit(line, contentW), "", 0, "L", false, 0, "")
	}
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

// --- Title page -------------------------------------------------------------

func (d *document) titlePage() {
	p := d.pdf
	r := d.r
	p.AddPage()
	p.SetY(38)

	d.font("B", 11)
	d.textColor(colorHeading)
	p.CellFormat(contentW, 6, kindLabel(r.Accord.Kind), "", 1, "L", false, 0, "")
	p.Ln(1)
	d.font("B", 28)
	p.Bookmark(r.Accord.Name, 0, -1)
	p.MultiCell(contentW, 12, r.Accord.Name, "", "L", false)
	p.Ln(1)
	signed := "Jaar van ondertekening onbekend"
	if r.Accord.SignedYear != 0 {
		signed = fmt.Sprintf("Gesloten in %d", r.Accord.SignedYear)
	}
	if d.subjectIsGemeente() {
		signed = d.statusLine()
	}
	d.paragraph(signed, "", 12, 6, colorText)
	p.Ln(6)

	// The edition band.
	y := p.GetY()
	d.fillColor(colorBand)
	p.Rect(margin, y, contentW, 17, "F")
	p.SetXY(margin+5, y+3.2)
	d.font("B", 11)
	d.textColor(colorHeading)
	p.CellFormat(contentW-10, 5.5, editionLine(r), "", 2, "L", false, 0, "")
	d.font("", 9)
	d.textColor(colorText)
	made := "Overzicht gemaakt op " + FormatDate(r.Generated)
	if !r.Round.IsZero() {
		// The round is when the evaluation looked; the data are as old as
		// their edition, which the line above names.
		made = "Evaluatieronde " + FormatDate(r.Round) + " · de cijfers zijn de nieuwste die op die datum bekend waren"
	}
	p.CellFormat(contentW-10, 5, made, "", 2, "L", false, 0, "")
	p.SetY(y + 17 + 6)

	d.paragraph(d.introText(), "", bodySize, bodyLine, colorText)

	if r.Accord.ExampleData {
		p.Ln(5)
		d.exampleNotice()
	}

	d.memberTable()
	d.sourcesBlock()
}

// introText says what the report shows, in one sentence.
// statusLine says where a gemeente stands with a prevention accord.
func (d *document) statusLine() string {
	r := d.r
	words := map[string]string{
		"gesloten": "Preventieakkoord gesloten", "in_voorbereiding": "Preventieakkoord in voorbereiding",
		"verkennen": "Mogelijkheden voor een preventieakkoord worden verkend", "geen_activiteiten": "Geen activiteiten voor een preventieakkoord bekend",
	}
	line := cmp.Or(words[r.Status], "Status van een preventieakkoord onbekend")
	if r.AccordOf != "" {
		line += " (" + r.AccordOf + ")"
	}
	return line
}

func (d *document) introText() string {
	r := d.r
	if d.subjectIsGemeente() {
		return "Dit overzicht toont hoe het gaat met de gezondheid en leefstijl van de inwoners van " + r.Accord.Name +
			", vergeleken met " + cmp.Or(r.GGDLabel, "de GGD-regio") + " en heel Nederland."
	}
	n := len(r.Accord.Members)
	who := fmt.Sprintf("de %d gemeenten", n)
	if n == 1 {
		who = "de gemeente"
	}
	var themes []string
	for _, t := range r.Themes {
		themes = append(themes, lowerFirst(t.Title))
	}
	txt := fmt.Sprintf("Dit overzicht toont hoe het gaat met de gezondheid en leefstijl van de inwoners van %s van dit akkoord", who)
	if len(themes) > 0 {
		txt += ", voor de thema’s " + joinDutch(themes)
	}
	ggd := cmp.Or(r.GGDLabel, "de GGD-regio")
	return txt + ", vergeleken met " + ggd + " en heel Nederland."
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || strings.ToUpper(s) == s {
		return s // empty, or an abbreviation that should stay upper case
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// joinDutch joins "a", "b" and "c" as "a, b en c".
func joinDutch(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	default:
		return strings.Join(items[:len(items)-1], ", ") + " en " + items[len(items)-1]
	}
}

func (d *document) exampleNotice() {
	p := d.pdf
	const pad, bar = 5.0, 1.6
	textW := contentW - 2*pad - bar
	body := exampleBody
	if d.subjectIsGemeente() {
		body = "De status van het preventieakkoord van deze gemeente is als voorbeeld gecodeerd en niet overgenomen uit een officiële bron. " +
			"De gezondheidscijfers zijn echt."
	}
	d.font("", 9.5)
	h := pad + 5.5 + d.textHeight(body, textW, 4.6) + pad - 1
	d.ensureSpace(h)
	y := p.GetY()
	d.fillColor(colorNotice)
	p.Rect(margin, y, contentW, h, "F")
	d.fillColor(colorGGD)
	p.Rect(margin, y, bar, h, "F")

	p.SetXY(margin+bar+pad, y+pad-1)
	d.font("B", 10.5)
	d.textColor(colorWarning)
	p.CellFormat(textW, 5.5, exampleTitle, "", 2, "L", false, 0, "")
	d.font("", 9.5)
	d.textColor(colorText)
	p.SetX(margin + bar + pad)
	p.MultiCell(textW, 4.6, body, "", "L", false)
	p.SetY(y + h)
}

// tableCol is one column of a simple table.
type tableCol struct {
	title string
	w     float64
	align string // "L" or "R"
}

// tableHeader draws a header band with bold titles.
func (d *document) tableHeader(cols []tableCol, h float64) {
	p := d.pdf
	d.fillColor(colorBand)
	d.font("B", 9)
	d.textColor(colorHeading)
	p.SetX(margin)
	for _, c := range cols {
		p.CellFormat(c.w, h, c.title, "", 0, c.align+"M", true, 0, "")
	}
	p.Ln(h)
}

// rowRule draws the thin rule under a table row at y.
func (d *document) rowRule(y float64) {
	d.drawColor(colorGrid)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(margin, y, pageW-margin, y)
}

func (d *document) memberTable() {
	p := d.pdf
	r := d.r
	const rowH, headH = 6.0, 7.0
	cols := []tableCol{
		{"Gemeente", 54, "L"},
		{"CBS-code", 24, "L"},
		{"Inwoners", 26, "R"},
		{"", 8, "L"}, // keeps the numbers apart from the GGD names
		{"GGD-regio", 58, "L"},
	}
	title := "Deelnemende gemeenten"
	if d.subjectIsGemeente() {
		title = "De gemeente"
	}
	d.h2(title, headH+2*rowH)
	d.tableHeader(cols, headH)

	var total int64
	unknown := 0
	for _, m := range r.Accord.Members {
		if p.GetY()+rowH > pageBottom {
			p.AddPage()
			d.tableHeader(cols, headH)
		}
		pop := "onbekend"
		if m.Population > 0 {
			pop = FormatNumber(float64(m.Population), 0)
			total += m.Population
		} else {
			unknown++
		}
		cells := []string{m.Name, m.Code, pop, "", m.GGDName}
		d.font("", 9.5)
		d.textColor(colorText)
		p.SetX(margin)
		for i, c := range cols {
			p.CellFormat(c.w, rowH, d.fit(cells[i], c.w-2), "", 0, c.align+"M", false, 0, "")
		}
		p.Ln(rowH)
		d.rowRule(p.GetY())
	}

	if p.GetY()+rowH > pageBottom {
		p.AddPage()
	}
	label := "Totaal (" + countGemeenten(len(r.Accord.Members))
	if unknown > 0 {
		label += fmt.Sprintf(", %d zonder inwonertal", unknown)
	}
	label += ")"
	d.font("B", 9.5)
	d.textColor(colorText)
	p.SetX(margin)
	p.CellFormat(cols[0].w+cols[1].w, rowH, label, "", 0, "LM", false, 0, "")
	p.CellFormat(cols[2].w, rowH, FormatNumber(float64(total), 0), "", 0, "RM", false, 0, "")
	p.Ln(rowH)
}

// countGemeenten is "1 gemeente" or "n gemeenten".
func countGemeenten(n int) string {
	if n == 1 {
		return "1 gemeente"
	}
	return fmt.Sprintf("%d gemeenten", n)
}

func (d *document) sourcesBlock() {
	p := d.pdf
	if len(d.r.Sources) == 0 {
		return
	}
	d.h2("Bronnen", 14)
	for _, s := range d.r.Sources {
		d.font("", smallSize)
		h := 5 + d.textHeight(s.Attribution, contentW, smallLine) + d.textHeight(s.Detail, contentW, smallLine)
		d.ensureSpace(h)
		d.paragraph(s.Name, "B", 9.5, 5, colorText)
		if s.Attribution != "" {
			d.paragraph(s.Attribution, "", smallSize, smallLine, colorText)
		}
		if s.Detail != "" {
			d.paragraph(s.Detail, "", smallSize, smallLine, colorMuted)
		}
		p.Ln(2)
	}
}

// --- Indicator table --------------------------------------------------------

// rowGroup is the rows of one theme, in their given order.
type rowGroup struct {
	title string
	rows  []Row
}

// groupRows groups rows by theme, themes in order of first appearance.
func groupRows(r Report) []rowGroup {
	var groups []rowGroup
	for _, row := range r.Rows {
		i := slices.IndexFunc(groups, func(g rowGroup) bool { return g.title == themeTitle(r, row.Theme) })
		if i < 0 {
			groups = append(groups, rowGroup{title: themeTitle(r, row.Theme)})
			i = len(groups) - 1
		}
		groups[i].rows = append(groups[i].rows, row)
	}
	return groups
}

// themeTitle is the Dutch title of a theme key.
func themeTitle(r Report, key string) string {
	for _, t := range r.Themes {
		if t.Key == key {
			return t.Title
		}
	}
	if key == "" {
		return "Overig"
	}
	s := strings.ReplaceAll(key, "_", " ")
	c, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(c)) + s[n:]
}

// formatValue shows a table value: a percentage, or the word for its status.
func formatValue(v indicators.Value, unit string) string {
	if v.OK() && unit != "" && unit != "%" {
		return FormatNumber(v.V, 1) + " " + unit
	}
	return FormatPercent(v)
}

func (d *document) indicatorPage() {
	p := d.pdf
	r := d.r
	// When the title page ran over (many members or sources), the table
	// follows on that second page instead of leaving it nearly empty.
	if p.PageNo() > 1 && p.GetY() < 140 {
		p.Ln(10)
	} else {
		p.AddPage()
	}
	title := "Indicatoren"
	if r.Edition != 0 {
		title = fmt.Sprintf("Indicatoren, editie %d", r.Edition)
	}
	d.h1(title)
	sub := "Percentage van de inwoners"
	if r.AgeLabel != "" {
		sub += " van " + r.AgeLabel
	}
	sub += " volgens de Gezondheidsmonitor"
	if r.Edition != 0 {
		sub += " " + strconv.Itoa(r.Edition)
	}
	sub += "."
	d.paragraph(sub, "", 9.5, 4.8, colorMuted)
	p.Ln(4)

	d.indicatorTable()
	d.tableNotes()

	// The method follows the table when it fits on this page, otherwise it
	// comes after the charts.
	if d.methodHeight() <= pageBottom-p.GetY() {
		d.methodSection(false)
	}
}

// Indicator table columns, in millimetres.
const (
	colLabel = 64.0
	colValue = (contentW - colLabel) / 3
	valuePad = 5.0 // right padding in value cells; room for a footnote mark
)

func (d *document) indicatorTable() {
	p := d.pdf
	r := d.r
	const lh = 4.6

	header := func() {
		d.font("", 8)
		ggdLines := d.clampLines(cmp.Or(r.GGDLabel, "GGD-regio"), colValue-valuePad-1, 2)
		nameLines := d.clampLines(r.Accord.Name, colValue-valuePad-1, 2)
		n := max(len(ggdLines), len(nameLines), 1)
		h := 3 + 5 + float64(n)*3.8 + 2
		y := p.GetY()
		d.fillColor(colorBand)
		p.Rect(margin, y, contentW, h, "F")

		d.font("B", 9)
		d.textColor(colorHeading)
		p.SetXY(margin, y+3)
		p.CellFormat(colLabel, 5, "Indicator", "", 0, "L", false, 0, "")
		subs := [][]string{nameLines, ggdLines, nil}
		for i, t := range []string{"Akkoord", "GGD-regio", "Nederland"} {
			x := margin + colLabel + float64(i)*colValue
			d.font("B", 9)
			d.textColor(colorHeading)
			p.SetXY(x, y+3)
			p.CellFormat(colValue-valuePad, 5, t, "", 0, "R", false, 0, "")
			d.font("", 8)
			d.textColor(colorMuted)
			for j, line := range subs[i] {
				p.SetXY(x, y+8+float64(j)*3.8)
				p.CellFormat(colValue-valuePad, 3.8, line, "", 0, "R", false, 0, "")
			}
		}
		p.SetY(y + h)
	}
	header()

	marks := 0
	for _, g := range groupRows(r) {
		if p.GetY()+8+8 > pageBottom {
			p.AddPage()
			header()
		}
		p.Ln(1.5)
		d.font("B", 9.5)
		d.textColor(colorHeading)
		p.SetX(margin)
		p.CellFormat(contentW, 6.5, g.title, "", 1, "LM", false, 0, "")
		d.rowRule(p.GetY())

		for _, row := range g.rows {
			d.font("", 9.5)
			lines := p.SplitText(row.Label, colLabel-2)
			h := max(6.5, float64(len(lines))*lh+2)
			if p.GetY()+h > pageBottom {
				p.AddPage()
				header()
			}
			y := p.GetY()
			d.textColor(colorText)
			for i, line := range lines {
				p.SetXY(margin, y+1+float64(i)*lh)
				p.CellFormat(colLabel, lh, line, "", 0, "LM", false, 0, "")
			}
			mark := ""
			if row.Missing > 0 {
				mark = footnoteMark(marks)
				marks++
			}
			for i, v := range []indicators.Value{row.Accord, row.GGD, row.NL} {
				x := margin + colLabel + float64(i)*colValue
				d.font("", 9.5)
				d.textColor(colorText)
				if !v.OK() {
					d.textColor(colorMuted)
				}
				p.SetXY(x, y)
				p.CellFormat(colValue-valuePad, h, formatValue(v, row.Unit), "", 0, "RM", false, 0, "")
				if i == 0 && mark != "" {
					d.font("", 6.5)
					d.textColor(colorText)
					_, fs := p.GetFontSize()
					p.Text(x+colValue-valuePad-0.4, y+h/2+0.3*fs-1.1, mark)
				}
			}
			p.SetY(y + h)
			d.rowRule(p.GetY())
		}
	}
}

// footnoteMark is the i-th footnote letter: a, b, …, z, aa, ab, …
func footnoteMark(i int) string {
	s := string(rune('a' + i%26))
	if i >= 26 {
		s = footnoteMark(i/26-1) + s
	}
	return s
}

// tableNotes explains the footnote marks and the words shown instead of
// numbers.
func (d *document) tableNotes() {
	p := d.pdf
	r := d.r
	const lh = smallLine
	p.Ln(3)

	n := len(r.Accord.Members)
	marks := 0
	for _, row := range r.Rows {
		if row.Missing <= 0 {
			continue
		}
		note := fmt.Sprintf("%s: voor %d van de %d gemeenten is geen waarde bekend (onderdrukt of niet gemeten).",
			row.Label, row.Missing, n)
		if n == 0 {
			note = fmt.Sprintf("%s: %d gemeenten zonder waarde.", row.Label, row.Missing)
		}
		d.note(footnoteMark(marks), note, lh)
		marks++
	}

	seen := map[indicators.Status]bool{}
	for _, row := range r.Rows {
		for _, v := range []indicators.Value{row.Accord, row.GGD, row.NL} {
			switch v.Status {
			case indicators.Measured, indicators.Suppressed, indicators.Incomplete:
				seen[v.Status] = true
			default:
				seen[""] = true
			}
		}
	}
	if marks > 0 {
		p.Ln(1.5)
	}
	if seen[indicators.Suppressed] {
		d.note(textSuppressed+":", noteSuppressed, lh)
	}
	if seen[indicators.Incomplete] {
		d.note(textIncomplete+":", noteIncomplete, lh)
	}
	if seen[""] {
		d.note(textNoValue+":", noteNoValue, lh)
	}
}

// note writes a small note with a bold lead-in that hangs in front of the
// wrapped text.
func (d *document) note(lead, txt string, lh float64) {
	p := d.pdf
	const hang = 18.0
	d.font("", smallSize)
	lead = strings.TrimSpace(lead)
	leadW := hang
	if utf8.RuneCountInString(lead) <= 2 { // a footnote letter
		leadW = 4
	}
	d.ensureSpace(d.textHeight(txt, contentW-leadW, lh))
	y := p.GetY()
	d.font("B", smallSize)
	d.textColor(colorText)
	p.SetXY(margin, y)
	p.CellFormat(leadW, lh, lead, "", 0, "L", false, 0, "")
	d.font("", smallSize)
	d.textColor(colorMuted)
	p.SetXY(margin+leadW, y)
	p.MultiCell(contentW-leadW, lh, txt, "", "L", false)
}

// --- Method -----------------------------------------------------------------

// methodHeight estimates the height of the method section.
func (d *document) methodHeight() float64 {
	if len(d.r.Method) == 0 {
		return 0
	}
	d.font("", bodySize)
	h := 3 + 8 + 1.0
	for _, para := range d.r.Method {
		h += d.textHeight(para, contentW, bodyLine) + 2
	}
	return h
}

func (d *document) methodSection(after bool) {
	d.methodDone = true
	if len(d.r.Method) == 0 {
		return
	}
	first := d.r.Method[0]
	d.font("", bodySize)
	keep := d.textHeight(first, contentW, bodyLine)
	if after {
		d.pdf.Ln(4)
	}
	d.h2("Werkwijze", keep)
	for _, para := range d.r.Method {
		d.paragraph(para, "", bodySize, bodyLine, colorText)
		d.pdf.Ln(2)
	}
}

// --- Charts -----------------------------------------------------------------

func (d *document) chartPages() error {
	if len(d.r.Themes) == 0 {
		return nil
	}
	p := d.pdf
	p.AddPage()
	title := "Ontwikkeling per thema"
	if n := len(d.editions); n > 1 {
		title = fmt.Sprintf("Ontwikkeling %d–%d", d.editions[0], d.editions[n-1])
	}
	d.h1(title)
	intro := "Per thema het percentage van de inwoners"
	if d.r.AgeLabel != "" {
		intro += " van " + d.r.AgeLabel
	}
	intro += " in elke editie van de Gezondheidsmonitor. Een ontbrekend punt of een onderbroken lijn " +
		"betekent dat er voor die editie geen bruikbare waarde is: niet gemeten, onderdrukt of onvolledig."
	d.paragraph(intro, "", 9.5, 4.8, colorMuted)

	for _, t := range d.r.Themes {
		m := buildChart(t, d.editions, d.labels)
		if !hasPoints(m) {
			d.h2(t.Title, bodyLine)
			d.paragraph("Voor dit thema zijn geen gemeten waarden beschikbaar.", "", bodySize, bodyLine, colorMuted)
			continue
		}
		gaps := ""
		if len(m.Gaps) > 0 {
			gaps = "Ontbrekende punten: " + strings.Join(m.Gaps, "; ") + "."
		}
		d.font("", smallSize)
		gapsH := 0.0
		if gaps != "" {
			gapsH = 1 + d.textHeight(gaps, contentW, smallLine)
		}
		d.h2(t.Title, chartH+gapsH)
		y := p.GetY()
		if err := drawChart(p, margin, y, contentW, chartH, m, d.text); err != nil {
			return fmt.Errorf("chart %s: %w", t.Key, err)
		}
		p.SetY(y + chartH + 1)
		if gaps != "" {
			d.paragraph(gaps, "", smallSize, smallLine, colorMuted)
		}
		p.Ln(2)
	}
	return nil
}

func hasPoints(m chartModel) bool {
	for _, s := range m.Series {
		if len(s.Points) > 0 {
			return true
		}
	}
	return false
}
