package reports

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gonum.org/v1/plot/vg/draw"

	"lpa/reports/geo"
)

// keyBox is one key figure: a large number (or two) over a label.
type keyBox struct {
	number string
	label  string
	swatch *rgb // a status colour, for the map's statuses
}

// keyFigures draws the key figures as two rows of four boxes: the accords,
// and the gemeenten per VNG status.
func (d *document) keyFigures() {
	const fig = "kerncijfers"
	d.h2("Kerncijfers", 52)
	accords := []keyBox{
		{d.count(fig, "akkoorden gesloten", "akkoorden", "gesloten", ""), "akkoorden gesloten", nil},
		{d.count(fig, "gemeenten betrokken", "akkoorden", "gemeenten", ""), "gemeenten betrokken bij een gesloten akkoord", nil},
		{d.count(fig, "lokale akkoorden", "akkoorden", "lokaal", "") + " / " + d.count(fig, "regionale akkoorden", "akkoorden", "regionaal", ""),
			"lokale / regionale akkoorden", nil},
		{d.value(fig, "partijen per akkoord, gemiddeld", "partijen_per_akkoord", "gemiddeld", 0),
			fmt.Sprintf("partijen per akkoord gemiddeld (van %s tot %s)",
				d.value(fig, "partijen per akkoord, minimum", "partijen_per_akkoord", "minimum", 0),
				d.value(fig, "partijen per akkoord, maximum", "partijen_per_akkoord", "maximum", 0)), nil},
	}
	d.boxRow(accords)
	var statuses []keyBox
	for _, s := range StatusKeys {
		f, ok := findFigure(d.nat.Figures, "status_gemeenten", s.Key, "")
		num := textNoValue
		label := "gemeenten: " + s.Word
		if ok {
			num = d.count(fig, label, "status_gemeenten", s.Key, "")
			label += " (" + d.pct(fig, label+", aandeel", f) + ")"
		}
		c := s.Color
		statuses = append(statuses, keyBox{num, label, &c})
	}
	d.pdf.Ln(2)
	d.boxRow(statuses)
}

// boxRow draws key boxes side by side across the content width.
func (d *document) boxRow(boxes []keyBox) {
	p := d.pdf
	const gap, h, pad = 3.0, 24.0, 2.5
	w := (contentW - gap*float64(len(boxes)-1)) / float64(len(boxes))
	d.ensureSpace(h)
	y := p.GetY()
	for i, b := range boxes {
		x := margin + float64(i)*(w+gap)
		d.fillColor(colorBand)
		p.Rect(x, y, w, h, "F")
		if b.swatch != nil {
			d.fillColor(*b.swatch)
			p.Rect(x, y, 2.2, h, "F")
		}
		d.font("B", 17)
		d.textColor(colorHeading)
		p.SetXY(x+pad+1, y+pad)
		p.CellFormat(w-2*pad-1, 8, d.fit(b.number, w-2*pad-1), "", 0, "L", false, 0, "")
		d.font("", 8)
		d.textColor(colorText)
		for j, line := range d.clampLines(b.label, w-2*pad-1, 3) {
			p.SetXY(x+pad+1, y+pad+9+float64(j)*3.8)
			p.CellFormat(w-2*pad-1, 3.8, line, "", 0, "L", false, 0, "")
		}
	}
	p.SetXY(margin, y+h)
}

// statusMapPage is Figure 1: every gemeente of the round's division
// coloured by its VNG status, with a legend that counts them.
func (d *document) statusMapPage() error {
	n, p := d.nat, d.pdf
	p.AddPage()
	d.h1("Figuur 1: status per gemeente")
	const mapH = 182.0
	y := p.GetY() + 1
	c := newPDFCanvas(p, margin, y, contentW, mapH)
	drawn, missing, unknown := drawStatusMap(draw.New(c), n.Division, n.Status)
	if err := c.close(); err != nil {
		return fmt.Errorf("status map: %w", err)
	}
	p.SetY(y + mapH + 3)
	d.statusLegend(unknown)
	p.Ln(2)
	caption := fmt.Sprintf("Figuur 1: Status van het lokale of regionale preventieakkoord per gemeente, %s. "+
		"De kaart toont %s gemeenten in de gemeentelijke indeling %d; de status is die van de VNG op de laatste peildatum tot en met de ronde.",
		FormatDate(n.Round), d.emit("figuur_1", "gemeenten op de kaart", fmt.Sprint(drawn), float64(drawn), viewStatus,
			fmt.Sprintf("peildatum<=%s; division=%d", n.Round.Format("2006-01-02"), n.Division)), n.Division)
	if missing > 0 {
		caption += fmt.Sprintf(" Van %d gemeenten met een status ontbreekt de grens in de kaart van deze indeling.", missing)
	}
	d.paragraph(caption, "", smallSize, smallLine, colorMuted)
	d.paragraph(geo.Credit+".", "", tinySize, 3.6, colorMuted)
	return nil
}

// statusLegend is the map's legend: a swatch, the status and how many
// gemeenten have it (national_evaluation, status_gemeenten).
func (d *document) statusLegend(unknown int) {
	p := d.pdf
	d.font("B", 9)
	d.textColor(colorText)
	p.SetX(margin)
	p.CellFormat(contentW, 5, "Status lokaal/regionaal preventieakkoord in gemeente of regio", "", 1, "L", false, 0, "")
	d.font("", 9)
	const colW = contentW / 2
	for i, s := range StatusKeys {
		x := margin + float64(i%2)*colW
		y := p.GetY()
		d.fillColor(s.Color)
		p.Rect(x, y+1, 5, 3.5, "F")
		label := "gemeenten: " + s.Word
		txt := fmt.Sprintf("%s (%s)", upperFirst(s.Word), d.count("figuur_1", label, "status_gemeenten", s.Key, ""))
		p.SetXY(x+7, y)
		p.CellFormat(colW-8, 5.5, txt, "", 0, "LM", false, 0, "")
		if i%2 == 1 || i == len(StatusKeys)-1 {
			p.SetXY(margin, y+5.5)
		}
	}
	if unknown > 0 {
		p.Ln(1)
		d.paragraph(fmt.Sprintf("%d gemeenten zonder bekende status zijn lichtgrijs.", unknown), "", smallSize, smallLine, colorMuted)
	}
}

func upperFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// sectorsAndThemes: Figure 2 (share of accords per sector) with the
// parties, and Figure 3 (how far the NPA themes are worked out).
func (d *document) sectorsAndThemes() error {
	n, p := d.nat, d.pdf
	p.AddPage()
	d.h1("Partijen en thema's")
	closed := d.count("partijen", "akkoorden gesloten", "akkoorden", "gesloten", "")
	d.paragraph(fmt.Sprintf("Van de %s akkoorden loopt het aantal aangesloten partijen uiteen van %s tot %s, gemiddeld %s per akkoord en %s in totaal. "+
		"De partijen komen uit verschillende sectoren (figuur 2).", closed,
		d.value("partijen", "partijen per akkoord, minimum", "partijen_per_akkoord", "minimum", 0),
		d.value("partijen", "partijen per akkoord, maximum", "partijen_per_akkoord", "maximum", 0),
		d.value("partijen", "partijen per akkoord, gemiddeld", "partijen_per_akkoord", "gemiddeld", 0),
		d.value("partijen", "partijen, totaal", "partijen_per_akkoord", "totaal", 0)), "", bodySize, bodyLine, colorText)
	p.Ln(2)

	bars := sectorBars(n.section("sectoren"))
	h := float64(len(bars))*6.2 + 4
	d.ensureSpace(h + 12)
	y := p.GetY()
	for _, b := range bars {
		d.pct("figuur_2", "akkoorden met een partij uit de sector "+b.Label, b.fig)
	}
	if err := d.drawOnPage(margin, y, contentW, h, func(dc draw.Canvas) { drawShareBars(dc, d.text, bars) }); err != nil {
		return fmt.Errorf("figure 2: %w", err)
	}
	p.SetY(y + h + 1)
	d.paragraph(fmt.Sprintf("Figuur 2: Percentage van het aantal akkoorden waarin een bepaalde sector is vertegenwoordigd (n=%s). "+
		"Overig bevat onder andere stichtingen en maatschappelijke-, welzijns- en vrijwilligersorganisaties.", closed), "", smallSize, smallLine, colorMuted)

	groups := npaStacks(n.section("npa_themas"))
	d.h2("Thema's van het Nationaal Preventieakkoord", 95)
	const fh = 80.0
	y = p.GetY() + 1
	for _, g := range groups {
		for i, f := range g.figs {
			d.pct("figuur_3", npaThemeWord(g.Item)+": "+coverageLevels[i].Word, f)
		}
	}
	if err := d.drawOnPage(margin, y, contentW, fh, func(dc draw.Canvas) { drawStacks(dc, d.text, groups) }); err != nil {
		return fmt.Errorf("figure 3: %w", err)
	}
	p.SetY(y + fh + 1)
	d.paragraph(fmt.Sprintf("Figuur 3: Mate waarin de thema's van het NPA terugkomen in de lokale en regionale preventieakkoorden (n=%s). "+
		"Komt uitgebreid terug: doelen en ambities zijn helder geformuleerd, net als bijbehorende acties; komt deels terug: wordt genoemd, "+
		"maar doelen en ambities zijn niet concreet geformuleerd; komt niet terug: geen doelen of ambities en geen acties. "+
		"Afgerond met de methode van de grootste resten, zodat elke kolom optelt tot 100%%.", closed), "", smallSize, smallLine, colorMuted)
	return nil
}

// drawOnPage draws fn as vector graphics into the rectangle (x, y, w, h)
// of the current page.
func (d *document) drawOnPage(x, y, w, h float64, fn func(draw.Canvas)) error {
	c := newPDFCanvas(d.pdf, x, y, w, h)
	fn(draw.New(c))
	return c.close()
}

// sectorBars are the sectors of Figure 2: most often represented first,
// Overig last.
func sectorBars(fs []NationalFigure) []shareBar {
	var out []shareBar
	for _, f := range fs {
		if f.Pct == nil {
			continue
		}
		out = append(out, shareBar{Label: sectorLabel(f.Item), Pct: *f.Pct, fig: f})
	}
	slices.SortStableFunc(out, func(a, b shareBar) int {
		return cmp.Or(cmp.Compare(boolRank(a.fig.Item == "overig"), boolRank(b.fig.Item == "overig")),
			cmp.Compare(b.Pct, a.Pct), cmp.Compare(a.Label, b.Label))
	})
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// npaStacks are the columns of Figure 3, one per NPA theme, the theme most
// often worked out extensively first.
func npaStacks(fs []NationalFigure) []stack {
	var out []stack
	for _, f := range fs {
		i := slices.IndexFunc(out, func(s stack) bool { return s.Item == f.Item })
		if i < 0 {
			out = append(out, stack{Item: f.Item, Label: npaThemeWord(f.Item), figs: make([]NationalFigure, len(coverageLevels)),
				Parts: make([]int, len(coverageLevels))})
			i = len(out) - 1
		}
		if j := slices.IndexFunc(coverageLevels, func(l coverageLevel) bool { return l.Key == f.Detail }); j >= 0 && f.Pct != nil {
			out[i].figs[j], out[i].Parts[j] = f, *f.Pct
		}
	}
	slices.SortStableFunc(out, func(a, b stack) int {
		return cmp.Or(cmp.Compare(b.Parts[0], a.Parts[0]), cmp.Compare(npaThemeRank(a.Item), npaThemeRank(b.Item)))
	})
	return out
}
