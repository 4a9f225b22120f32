package reports

import (
	"cmp"
	"fmt"
	"lpa/indicators"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

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
