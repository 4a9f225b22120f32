package reports

import (
	"cmp"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

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
	if d.nat != nil {
		body = exampleBodyNational
	} else if d.subjectIsGemeente() {
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
