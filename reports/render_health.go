package reports

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"lpa/indicators"
)

// Verdict colours: better, comparable or worse than the benchmark.
const (
	colorGood    rgb = 0x2E7D32
	colorSimilar rgb = 0x9AA3AD
	colorBad     rgb = 0xC62828
)

var verdictWords = map[string]string{
	"gunstig":       "gunstiger",
	"vergelijkbaar": "vergelijkbaar",
	"ongunstig":     "ongunstiger",
	"neutraal":      "geen oordeel",
}

// verdictMark draws the coloured mark of a verdict centred at (x, y): a
// filled dot (gunstig green, vergelijkbaar grey, ongunstig red), a ring for
// an indicator without a direction, nothing without a verdict.
func (d *document) verdictMark(x, y float64, verdict string) {
	p := d.pdf
	const r = 1.3
	switch verdict {
	case "gunstig", "vergelijkbaar", "ongunstig":
		c := map[string]rgb{"gunstig": colorGood, "vergelijkbaar": colorSimilar, "ongunstig": colorBad}[verdict]
		d.fillColor(c)
		p.Circle(x, y, r, "F")
	case "neutraal":
		d.drawColor(colorSimilar)
		p.SetLineWidth(0.3)
		p.Circle(x, y, r, "D")
	}
}

// verdictLegend explains the marks in one line.
func (d *document) verdictLegend() {
	p := d.pdf
	d.ensureSpace(6)
	y := p.GetY() + 2.5
	x := margin
	d.font("", smallSize)
	d.textColor(colorMuted)
	for _, v := range []string{"gunstig", "vergelijkbaar", "ongunstig", "neutraal"} {
		d.verdictMark(x+1.3, y, v)
		label := verdictWords[v]
		p.SetXY(x+3.5, y-2)
		p.CellFormat(p.GetStringWidth(label)+1, 4, label, "", 0, "L", false, 0, "")
		x += 3.5 + p.GetStringWidth(label) + 7
	}
	p.SetY(y + 3)
}

// latestMeasures are the measures of the newest edition per source,
// indicator, age group and sex, sources with the newest edition first.
func latestMeasures(ms []Measure) []Measure {
	type key struct{ source, ind, age, sex string }
	latest := map[key]int{}
	for _, m := range ms {
		k := key{m.Source, m.Indicator, m.AgeLabel, m.Sex}
		latest[k] = max(latest[k], m.Period)
	}
	var out []Measure
	for _, m := range ms {
		if latest[key{m.Source, m.Indicator, m.AgeLabel, m.Sex}] == m.Period {
			out = append(out, m)
		}
	}
	newest := map[string]int{}
	for _, m := range out {
		newest[m.Source] = max(newest[m.Source], m.Period)
	}
	slices.SortStableFunc(out, func(a, b Measure) int {
		return cmp.Or(cmp.Compare(newest[b.Source], newest[a.Source]), cmp.Compare(a.Source, b.Source))
	})
	return out
}

// summarySection: the subject's indicators against GGD region and NL as
// coloured marks, goals on and off track, and what changed since the
// previous round.
func (d *document) summarySection() {
	r := d.r
	p := d.pdf
	p.AddPage()
	d.h1("Samenvatting")
	core := d.summaryMeasures()
	if len(core) == 0 {
		d.paragraph("Er zijn voor deze ronde geen indicatoren met een waarde.", "", bodySize, bodyLine, colorMuted)
	} else {
		d.paragraph(fmt.Sprintf("Hoe %s ervoor staat ten opzichte van %s en Nederland, per indicator van het Nationaal Preventieakkoord (nieuwste editie). "+
			"Een stip vat samen of de waarde gunstiger, vergelijkbaar of ongunstiger is, rekening houdend met de onzekerheid van de schatting.",
			r.Accord.Name, cmp.Or(r.GGDLabel, "de GGD-regio")), "", 9.5, 4.8, colorMuted)
		p.Ln(2)
		d.summaryTable(core)
		d.verdictLegend()
	}
	if len(r.Goals) > 0 {
		d.h2("Doelen", 10)
		counts := map[string]int{}
		for _, g := range r.Goals {
			if g.Kind == "akkoord" {
				counts[g.Verdict]++
			}
		}
		var parts []string
		for _, v := range []struct{ key, word string }{{"behaald", "behaald"}, {"op_koers", "op koers"},
			{"niet_op_koers", "niet op koers"}, {"geen_gegevens", "zonder gegevens om de voortgang te volgen"}} {
			if n := counts[v.key]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, v.word))
			}
		}
		if len(parts) == 0 {
			d.paragraph("Het akkoord heeft geen eigen doelen met een indicator; de ambities van het Nationaal Preventieakkoord staan bij Doelen.", "", bodySize, bodyLine, colorText)
		} else {
			d.paragraph("Van de eigen doelen van het akkoord: "+joinDutch(parts)+".", "", bodySize, bodyLine, colorText)
		}
	}
	d.changesBlock()
}

// summaryMeasures are the NPA core indicators of the main source's newest
// edition, for the whole population.
func (d *document) summaryMeasures() []Measure {
	var out []Measure
	core := map[string]bool{}
	for _, row := range d.r.Rows {
		core[row.Indicator] = true
	}
	for _, m := range latestMeasures(d.r.Measures) {
		if (len(core) == 0 || core[m.Indicator]) && m.Sex != "man" && m.Sex != "vrouw" && m.Value.OK() {
			if !slices.ContainsFunc(out, func(o Measure) bool { return o.Indicator == m.Indicator }) {
				out = append(out, m)
			}
		}
	}
	return out
}

func (d *document) summaryTable(ms []Measure) {
	p := d.pdf
	cols := []tableCol{{"Indicator", 76, "L"}, {"Waarde", 26, "R"}, {"Editie", 18, "R"}, {"t.o.v. GGD", 25, "C"}, {"t.o.v. NL", 25, "C"}}
	d.tableHeader(cols, 7)
	for _, m := range ms {
		d.ensureSpace(6.5)
		y := p.GetY()
		d.font("", 9.5)
		d.textColor(colorText)
		p.SetXY(margin, y)
		p.CellFormat(cols[0].w, 6.5, d.fit(m.Label, cols[0].w-2), "", 0, "LM", false, 0, "")
		p.CellFormat(cols[1].w, 6.5, formatValue(m.Value, m.Unit), "", 0, "RM", false, 0, "")
		p.CellFormat(cols[2].w, 6.5, fmt.Sprint(m.Period), "", 0, "RM", false, 0, "")
		x := margin + cols[0].w + cols[1].w + cols[2].w
		d.verdictMark(x+cols[3].w/2, y+3.25, m.VerdictGGD)
		d.verdictMark(x+cols[3].w+cols[4].w/2, y+3.25, m.VerdictNL)
		p.SetY(y + 6.5)
		d.rowRule(p.GetY())
	}
}

// changesBlock says what changed since the previous round.
func (d *document) changesBlock() {
	r := d.r
	if r.PrevRound.IsZero() {
		return
	}
	d.h2("Veranderd sinds de vorige ronde", 10)
	if len(r.Changes) == 0 {
		d.paragraph("Sinds de ronde van "+FormatDate(r.PrevRound)+" is er niets veranderd in de gegevens van dit akkoord.", "", bodySize, bodyLine, colorText)
		return
	}
	d.paragraph("Sinds de ronde van "+FormatDate(r.PrevRound)+":", "", bodySize, bodyLine, colorText)
	words := map[string]string{
		"partner_erbij": "Nieuwe partner", "partner_weg": "Partner vertrokken", "doel_behaald": "Doel behaald",
		"doel_niet_meer_behaald": "Doel niet meer behaald", "indicator_gewijzigd": "Indicator veranderd",
		"nieuwe_editie": "Nieuwe editie", "status_gewijzigd": "Status gemeente veranderd",
	}
	for i, c := range r.Changes {
		if i == 12 {
			d.paragraph(fmt.Sprintf("… en %d andere veranderingen (zie de tabel round_changes).", len(r.Changes)-12), "", smallSize, smallLine, colorMuted)
			break
		}
		kind := cmp.Or(words[c.Kind], strings.ReplaceAll(c.Kind, "_", " "))
		line := "• " + kind + ": " + c.Item
		if c.Detail != "" {
			line += " (" + c.Detail + ")"
		}
		d.paragraph(line, "", 9.5, 4.8, colorText)
	}
}

// healthSection: every source that has a value, newest edition first, with
// its interval and the member gemeenten beside the accord.
func (d *document) healthSection() {
	r := d.r
	if len(r.Measures) == 0 {
		return
	}
	p := d.pdf
	p.AddPage()
	d.h1("Gezondheid en leefstijl")
	d.paragraph("Alle bronnen met een waarde voor "+r.Accord.Name+", de GGD-regio of Nederland, de nieuwste editie eerst. "+
		"Tussen haakjes het 95%-betrouwbaarheidsinterval waar de bron dat geeft. Onderdrukte en ontbrekende waarden staan er als woord, nooit als getal.",
		"", 9.5, 4.8, colorMuted)
	latest := latestMeasures(r.Measures)
	var sources []string
	for _, m := range latest {
		if !slices.Contains(sources, m.Source) {
			sources = append(sources, m.Source)
		}
	}
	for _, src := range sources {
		var rows []Measure
		for _, m := range latest {
			if m.Source == src {
				rows = append(rows, m)
			}
		}
		title := cmp.Or(rows[0].SourceName, src)
		if rows[0].Period != 0 {
			title += fmt.Sprintf(", %d", rows[0].Period)
		}
		d.h2(title, 14)
		d.measureTable(rows)
	}
	d.membersBlock(latest)
}

func (d *document) measureTable(ms []Measure) {
	p := d.pdf
	cols := []tableCol{{"Indicator", 62, "L"}, {d.fit(d.r.Accord.Name, 38), 40, "R"}, {"GGD-regio", 22, "R"}, {"Nederland", 22, "R"}, {"", 24, "C"}}
	d.font("B", 9)
	d.tableHeader(cols, 7)
	for _, m := range ms {
		label := m.Label
		if m.Sex == "man" || m.Sex == "vrouw" {
			label += " (" + m.Sex + "en)"
		}
		if m.AgeLabel != "" && m.AgeLabel != d.r.AgeLabel {
			label += ", " + m.AgeLabel
		}
		d.font("", 9)
		lines := d.clampLines(label, cols[0].w-2, 2)
		h := max(6.0, float64(len(lines))*4.2+1.8)
		d.ensureSpace(h)
		y := p.GetY()
		d.textColor(colorText)
		for i, l := range lines {
			p.SetXY(margin, y+0.9+float64(i)*4.2)
			p.CellFormat(cols[0].w, 4.2, l, "", 0, "LM", false, 0, "")
		}
		val := formatValue(m.Value, m.Unit)
		if m.HasCI && m.Value.OK() {
			val += " (" + FormatNumber(m.CILow, 1) + "–" + FormatNumber(m.CIHigh, 1) + ")"
		}
		x := margin + cols[0].w
		if m.Key != "" {
			for i, c := range []struct {
				col  string
				v    indicators.Value
				what string
			}{{"value", m.Value, d.r.Accord.Name}, {"ggd_value", m.GGD, "GGD-regio"}, {"nl_value", m.NL, "Nederland"}} {
				if c.v.OK() {
					text := formatValue(c.v, m.Unit)
					if i == 0 {
						text = val
					}
					d.recordFigure("gezondheid", label+" — "+c.what, text, c.v.V, "population_metrics", m.Key+"; column="+c.col)
				}
			}
		}
		for i, v := range []string{val, formatValue(m.GGD, m.Unit), formatValue(m.NL, m.Unit)} {
			d.textColor(colorText)
			if (i == 0 && !m.Value.OK()) || (i == 1 && !m.GGD.OK()) || (i == 2 && !m.NL.OK()) {
				d.textColor(colorMuted)
			}
			d.font("", 9)
			p.SetXY(x, y)
			p.CellFormat(cols[i+1].w-1, h, d.fit(v, cols[i+1].w-1), "", 0, "RM", false, 0, "")
			x += cols[i+1].w
		}
		d.verdictMark(x+cols[4].w/2-3, y+h/2, m.VerdictGGD)
		d.verdictMark(x+cols[4].w/2+3, y+h/2, m.VerdictNL)
		p.SetY(y + h)
		d.rowRule(p.GetY())
	}
	d.font("", 7.5)
	d.textColor(colorMuted)
	p.SetX(margin)
	p.CellFormat(contentW, 4, "Stippen: links ten opzichte van de GGD-regio, rechts ten opzichte van Nederland.", "", 1, "R", false, 0, "")
}

// membersBlock shows each member gemeente's values of the NPA core
// indicators beside the accord's: the regional accord's spread.
func (d *document) membersBlock(latest []Measure) {
	r := d.r
	if len(r.Accord.Members) < 2 {
		return
	}
	var ms []Measure
	for _, m := range latest {
		if len(m.Members) > 0 && m.Sex != "man" && m.Sex != "vrouw" && slices.ContainsFunc(r.Rows, func(row Row) bool { return row.Indicator == m.Indicator }) {
			if !slices.ContainsFunc(ms, func(o Measure) bool { return o.Indicator == m.Indicator }) {
				ms = append(ms, m)
			}
		}
	}
	if len(ms) == 0 {
		return
	}
	if len(ms) > 5 {
		ms = ms[:5]
	}
	p := d.pdf
	d.h2("De gemeenten van het akkoord", 20)
	d.paragraph(fmt.Sprintf("De waarden van elke deelnemende gemeente (editie %d) naast die van het akkoord.", ms[0].Period), "", 9.5, 4.8, colorMuted)
	p.Ln(1)
	labelW := 46.0
	colW := (contentW - labelW) / float64(len(ms))
	header := func() {
		d.fillColor(colorBand)
		y := p.GetY()
		d.font("B", 8)
		d.textColor(colorHeading)
		h := 10.0
		p.Rect(margin, y, contentW, h, "F")
		p.SetXY(margin, y)
		p.CellFormat(labelW, h, "Gemeente", "", 0, "LM", false, 0, "")
		for i, m := range ms {
			lines := d.clampLines(m.Label, colW-2, 2)
			for j, l := range lines {
				p.SetXY(margin+labelW+float64(i)*colW, y+1+float64(j)*3.8)
				p.CellFormat(colW-1, 3.8, l, "", 0, "R", false, 0, "")
			}
		}
		p.SetY(y + h)
	}
	header()
	row := func(name string, vals []indicators.Value, bold bool) {
		if p.GetY()+5.5 > pageBottom {
			p.AddPage()
			header()
		}
		y := p.GetY()
		style := ""
		if bold {
			style = "B"
		}
		d.font(style, 8.5)
		d.textColor(colorText)
		p.SetXY(margin, y)
		p.CellFormat(labelW, 5.5, d.fit(name, labelW-1), "", 0, "LM", false, 0, "")
		for i, v := range vals {
			d.textColor(colorText)
			if !v.OK() {
				d.textColor(colorMuted)
			}
			p.CellFormat(colW-1, 5.5, formatValue(v, ms[i].Unit), "", 0, "RM", false, 0, "")
			p.SetX(margin + labelW + float64(i+1)*colW)
		}
		p.SetY(y + 5.5)
		d.rowRule(p.GetY())
	}
	acc := make([]indicators.Value, len(ms))
	for i, m := range ms {
		acc[i] = m.Value
	}
	row(r.Accord.Name, acc, true)
	for _, mem := range r.Accord.Members {
		vals := make([]indicators.Value, len(ms))
		for i, m := range ms {
			for _, mv := range m.Members {
				if mv.Code == mem.Code {
					vals[i] = mv.Value
				}
			}
		}
		row(mem.Name, vals, false)
	}
}

// Latest are the measures of the newest edition per source, indicator, age
// group and sex, newest source first (as the report's health section).
func Latest(ms []Measure) []Measure { return latestMeasures(ms) }
