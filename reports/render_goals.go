package reports

import (
	"cmp"
	"fmt"
	"math"
	"strings"

	"lpa/indicators"
)

var goalVerdicts = map[string]struct {
	word  string
	color rgb
}{
	"behaald":       {"behaald", colorGood},
	"op_koers":      {"op koers", colorGood},
	"niet_op_koers": {"niet op koers", colorBad},
	"geen_gegevens": {"geen gegevens", colorSimilar},
}

// optNumber shows an optional number in the goal's unit.
func optNumber(v *float64, unit string) string {
	if v == nil || math.IsNaN(*v) {
		return textNoValue
	}
	s := FormatNumber(*v, 1)
	if unit == "%" {
		return s + "%"
	}
	if unit != "" {
		return s + " " + unit
	}
	return s
}

// goalsSection: per goal the path baseline → latest → target with the
// linear projection to the deadline and the verdict; the NPA 2040
// ambitions beside them.
func (d *document) goalsSection() {
	r := d.r
	if len(r.Goals) == 0 {
		return
	}
	p := d.pdf
	p.AddPage()
	d.h1("Doelen")
	d.paragraph("Per doel: de uitgangswaarde, de laatst gemeten waarde, het streefcijfer en de deadline. "+
		"De prognose trekt de lijn door de gemeten edities door tot de deadline (lineair); het oordeel zegt of het doel "+
		"met die lijn gehaald wordt.", "", 9.5, 4.8, colorMuted)
	for _, kind := range []struct{ key, title string }{{"akkoord", "Doelen van het akkoord"}, {"npa_2040", "Ambities van het Nationaal Preventieakkoord (2040)"}} {
		var goals []Goal
		for _, g := range r.Goals {
			if g.Kind == kind.key {
				goals = append(goals, g)
			}
		}
		if len(goals) == 0 {
			continue
		}
		d.h2(kind.title, 16)
		for _, g := range goals {
			d.goalRow(g)
		}
	}
}

// goalRow draws one goal: its text, and a bar from baseline to target with
// the latest value and the projection marked.
func (d *document) goalRow(g Goal) {
	p := d.pdf
	d.font("B", 9.5)
	text := g.Text
	if g.ExampleData {
		text += " (voorbeeld)"
	}
	lines := d.clampLines(text, contentW-34, 2)
	h := float64(len(lines))*4.6 + 14
	d.ensureSpace(h)
	y := p.GetY()
	d.textColor(colorText)
	for i, l := range lines {
		p.SetXY(margin, y+float64(i)*4.6)
		p.CellFormat(contentW-34, 4.6, l, "", 0, "L", false, 0, "")
	}
	v := goalVerdicts[g.Verdict]
	d.fillColor(v.color)
	p.RoundedRect(pageW-margin-30, y, 30, 5.2, 1.2, "1234", "F")
	d.font("B", 8)
	p.SetTextColor(255, 255, 255)
	p.SetXY(pageW-margin-30, y)
	p.CellFormat(30, 5.2, cmp.Or(v.word, g.Verdict), "", 0, "CM", false, 0, "")

	y += float64(len(lines))*4.6 + 1
	d.font("", 8.5)
	d.textColor(colorMuted)
	facts := []string{}
	if g.Label != "" {
		facts = append(facts, g.Label)
	}
	if g.Baseline != nil {
		facts = append(facts, fmt.Sprintf("uitgangswaarde %s (%d)", optNumber(g.Baseline, g.Unit), g.BaselinePeriod))
	}
	if g.Latest != nil && g.LatestPeriod != g.BaselinePeriod {
		facts = append(facts, fmt.Sprintf("laatst %s (%d)", optNumber(g.Latest, g.Unit), g.LatestPeriod))
	}
	if g.Target != nil {
		t := "doel " + optNumber(g.Target, g.Unit)
		if g.Deadline != 0 {
			t += fmt.Sprintf(" in %d", g.Deadline)
		}
		facts = append(facts, t)
	}
	if g.Projected != nil && g.Deadline != 0 {
		facts = append(facts, fmt.Sprintf("prognose %d: %s", g.Deadline, optNumber(g.Projected, g.Unit)))
	}
	if g.Verdict == "geen_gegevens" && g.Reason != "" {
		facts = append(facts, g.Reason)
	}
	p.SetXY(margin, y)
	p.MultiCell(contentW, 4.2, strings.Join(facts, " · "), "", "L", false)
	y = p.GetY() + 1
	if g.Baseline != nil && g.Target != nil && *g.Baseline != *g.Target {
		d.goalBar(y, g)
		y += 6
	}
	p.SetY(y + 2)
	d.rowRule(p.GetY() - 1)
}

// goalBar draws the way from baseline (left) to target (right): filled up
// to the latest value, a tick at the projection.
func (d *document) goalBar(y float64, g Goal) {
	p := d.pdf
	const x0, w, h = margin, contentW - 34, 3.2
	d.fillColor(colorGrid)
	p.Rect(x0, y, w, h, "F")
	pos := func(v float64) float64 {
		f := (v - *g.Baseline) / (*g.Target - *g.Baseline)
		return x0 + w*math.Max(0, math.Min(1, f))
	}
	if g.Latest != nil {
		d.fillColor(colorAccord)
		p.Rect(x0, y, pos(*g.Latest)-x0, h, "F")
	}
	if g.Projected != nil {
		x := pos(*g.Projected)
		d.drawColor(colorGGD)
		p.SetLineWidth(0.8)
		p.Line(x, y-1, x, y+h+1)
	}
	d.font("", 7)
	d.textColor(colorMuted)
	p.SetXY(x0+w+1, y-0.5)
	p.CellFormat(33, 4, "oranje: prognose", "", 0, "L", false, 0, "")
}

// tripleMax is the most indicators one dimension of the panel shows.
const tripleMax = 4

const tripleIntro = "De drie doelen van Triple Aim naast elkaar, steeds ten opzichte van Nederland: de gezondheid van de bevolking, " +
	"de ervaren kwaliteit van zorg en de zorgkosten per verzekerdenjaar (Zvw, gestandaardiseerd naar leeftijd en geslacht)."

var dimensionTitles = []struct{ key, title string }{
	{"populatiegezondheid", "Gezondheid van de bevolking"},
	{"ervaren_kwaliteit_van_zorg", "Ervaren kwaliteit van zorg"},
	{"zorgkosten", "Zorgkosten"},
}

// tripleAimSection: the three dimensions side by side against NL.
func (d *document) tripleAimSection() {
	r := d.r
	if len(r.TripleAim) == 0 {
		return
	}
	p := d.pdf
	rowsOf := map[string][]TripleAimRow{}
	most := 1
	for _, dim := range dimensionTitles {
		rows := latestTriple(r.TripleAim, dim.key)
		if len(rows) > tripleMax {
			rows = rows[:tripleMax]
		}
		rowsOf[dim.key] = rows
		most = max(most, len(rows))
	}
	panelH := 10 + float64(most)*18
	d.font("", 9.5)
	introH := d.textHeight(tripleIntro, contentW, 4.8)
	if p.GetY()+14+introH+panelH > pageBottom {
		p.AddPage()
	} else if p.GetY() > 60 {
		p.Ln(4)
	}
	d.h1("Triple Aim")
	d.paragraph(tripleIntro, "", 9.5, 4.8, colorMuted)
	p.Ln(2)
	// The panel is laid out by hand: no page break inside it.
	p.SetAutoPageBreak(false, breakMargin)
	defer p.SetAutoPageBreak(true, breakMargin)
	colW := (contentW - 8) / 3
	top := p.GetY()
	bottom := top
	for i, dim := range dimensionTitles {
		x := margin + float64(i)*(colW+4)
		p.SetXY(x, top)
		d.fillColor(colorBand)
		p.Rect(x, top, colW, 8, "F")
		d.font("B", 9)
		d.textColor(colorHeading)
		p.SetXY(x+2, top)
		p.CellFormat(colW-4, 8, dim.title, "", 0, "LM", false, 0, "")
		y := top + 10
		rows := rowsOf[dim.key]
		if len(rows) == 0 {
			d.font("", 8.5)
			d.textColor(colorMuted)
			p.SetXY(x+2, y)
			p.MultiCell(colW-4, 4, "Geen gegevens voor dit akkoord.", "", "L", false)
			y = p.GetY()
		}
		for _, t := range rows {
			d.font("", 8.5)
			d.textColor(colorText)
			label := t.Label
			if t.Proxy {
				label += " *"
			}
			p.SetXY(x+2, y)
			p.MultiCell(colW-4, 4, label, "", "L", false)
			y = p.GetY()
			d.font("B", 11)
			p.SetXY(x+2, y)
			p.CellFormat(colW-12, 6, tripleValue(t.Value, t.Unit), "", 0, "L", false, 0, "")
			d.verdictMark(x+colW-5, y+3, t.Verdict)
			y += 6
			d.font("", 8)
			d.textColor(colorMuted)
			p.SetXY(x+2, y)
			p.CellFormat(colW-4, 4, fmt.Sprintf("Nederland %s · %d", tripleValue(t.NL, t.Unit), t.Period), "", 0, "L", false, 0, "")
			y += 6
		}
		bottom = math.Max(bottom, y)
	}
	p.SetY(bottom + 1)
	for _, t := range r.TripleAim {
		if t.Proxy {
			d.paragraph("* Benadering: de Gezondheidsmonitor meet de ervaren kwaliteit van zorg niet; de regie over het eigen leven staat ervoor in.", "", smallSize, smallLine, colorMuted)
			break
		}
	}
	d.verdictLegend()
}

// latestTriple is the newest year of each indicator of one dimension.
func latestTriple(rows []TripleAimRow, dim string) []TripleAimRow {
	latest := map[string]int{}
	for _, t := range rows {
		if t.Dimension == dim {
			latest[t.Indicator] = max(latest[t.Indicator], t.Period)
		}
	}
	var out []TripleAimRow
	for _, t := range rows {
		if t.Dimension == dim && t.Period == latest[t.Indicator] {
			out = append(out, t)
		}
	}
	return out
}

func tripleValue(v indicators.Value, unit string) string {
	if v.OK() && (unit == "euro" || unit == "€") {
		return "€ " + FormatNumber(v.V, 0)
	}
	return formatValue(v, unit)
}

// effectSection: the difference in differences per NPA indicator, and in
// plain Dutch what it can and cannot say.
func (d *document) effectSection() {
	r := d.r
	if len(r.Effects) == 0 {
		return
	}
	p := d.pdf
	d.ensureSpace(60)
	p.Ln(4)
	d.h1("Effect")
	d.paragraph("Veranderde de leefstijl in de gemeenten van het akkoord meer dan in vergelijkbare gemeenten zonder akkoord? "+
		"Voor elke gemeente van het akkoord zijn vijf gemeenten zonder akkoord gekozen die er in inwonertal en inkomen op lijken. "+
		"Het verschil tussen beide veranderingen (verschil-in-verschillen) met zijn 95%-interval staat hieronder. "+
		"Dit is geen bewijs van oorzaak en gevolg: andere verschillen tussen de gemeenten kunnen meespelen, en de cijfers zijn schattingen.",
		"", 9.5, 4.8, colorMuted)
	p.Ln(2)
	cols := []tableCol{{"Indicator", 56, "L"}, {"Periode", 24, "R"}, {"Akkoord", 22, "R"}, {"Vergelijking", 24, "R"}, {"Verschil (95%-interval)", 44, "R"}}
	d.tableHeader(cols, 7)
	for _, e := range r.Effects {
		d.ensureSpace(6)
		y := p.GetY()
		d.font("", 9)
		d.textColor(colorText)
		p.SetXY(margin, y)
		p.CellFormat(cols[0].w, 6, d.fit(e.Label, cols[0].w-1), "", 0, "LM", false, 0, "")
		p.CellFormat(cols[1].w, 6, fmt.Sprintf("%d–%d", e.From, e.To), "", 0, "RM", false, 0, "")
		if e.Status != "measured" {
			d.textColor(colorMuted)
			p.CellFormat(cols[2].w+cols[3].w+cols[4].w, 6, "niet te berekenen: "+cmp.Or(statusWord(e.Status), e.Status), "", 0, "RM", false, 0, "")
		} else {
			p.CellFormat(cols[2].w, 6, signed(e.Treated), "", 0, "RM", false, 0, "")
			p.CellFormat(cols[3].w, 6, signed(e.Control), "", 0, "RM", false, 0, "")
			p.CellFormat(cols[4].w, 6, fmt.Sprintf("%s (%s tot %s)", signed(e.DiD), signed(e.CILow), signed(e.CIHigh)), "", 0, "RM", false, 0, "")
		}
		p.SetY(y + 6)
		d.rowRule(p.GetY())
	}
	d.paragraph("Veranderingen in procentpunten. Ligt 0 binnen het interval, dan is er geen aantoonbaar verschil.", "", smallSize, smallLine, colorMuted)
}

func signed(x float64) string {
	if x > 0 {
		return "+" + FormatNumber(x, 1)
	}
	return FormatNumber(x, 1)
}

func statusWord(s string) string {
	switch s {
	case "incomplete":
		return "niet van alle gemeenten een waarde"
	case "suppressed":
		return textSuppressed
	}
	return ""
}
