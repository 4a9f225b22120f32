package reports

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"lpa/indicators"
)

func npaThemeWord(k string) string { return indicators.NPAThemes.Label(k) }
func themeWord(k string) string    { return indicators.Themes.Label(k) }
func sectorLabel(k string) string  { return indicators.Sectors.Label(k) }

func npaThemeRank(k string) int {
	return cmp.Or(slices.Index(indicators.NPAThemes.Keys(), k)+1, 99)
}

// vocabularyOrder sorts rows of a section in the order of a vocabulary,
// unknown items last in their own order.
func vocabularyOrder(fs []NationalFigure, v indicators.Vocabulary) []NationalFigure {
	keys := v.Keys()
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b NationalFigure) int {
		ia, ib := slices.Index(keys, a.Item), slices.Index(keys, b.Item)
		if ia < 0 {
			ia = len(keys)
		}
		if ib < 0 {
			ib = len(keys)
		}
		return cmp.Compare(ia, ib)
	})
	return out
}

// additionalThemes is Table 1: the additional themes, how many accords
// name them, and example interventions where the registry has them.
func (d *document) additionalThemes() {
	n, p := d.nat, d.pdf
	rows := vocabularyOrder(n.section("aanvullende_themas"), indicators.Themes)
	p.AddPage()
	d.h1("Aanvullende thema's")
	if len(rows) == 0 {
		d.paragraph("De codering van de akkoorden noemt geen aanvullende thema's.", "", bodySize, bodyLine, colorMuted)
		return
	}
	d.paragraph("Naast de thema's van het NPA zetten gemeenten en regio's in op thema's die de doelen ondersteunen of ingaan op de achterliggende problematiek (tabel 1).",
		"", bodySize, bodyLine, colorText)
	p.Ln(2)
	cols := []tableCol{{"Aanvullend thema", 56, "L"}, {"Frequentie", 22, "R"}, {"", 4, "L"}, {"Voorbeelden van interventies", 88, "L"}}
	d.tableHeader(cols, 7)
	for _, f := range rows {
		examples := n.ThemeExamples[f.Item]
		txt := textNoValue
		if len(examples) > 0 {
			txt = strings.Join(examples, "; ")
		}
		d.font("", 9)
		lines := d.clampLines(txt, cols[3].w, 3)
		nameLines := d.clampLines(themeWord(f.Item), cols[0].w-1, 2)
		rowH := max(6, 4.6*float64(max(len(lines), len(nameLines)))+1.4)
		d.ensureSpace(rowH)
		y := p.GetY()
		d.textColor(colorText)
		for i, l := range nameLines {
			p.SetXY(margin, y+0.7+4.6*float64(i))
			p.CellFormat(cols[0].w, 4.6, l, "", 0, "L", false, 0, "")
		}
		p.SetXY(margin+cols[0].w, y+0.7)
		p.CellFormat(cols[1].w, 4.6, d.count("tabel_1", themeWord(f.Item), f.Section, f.Item, ""), "", 0, "R", false, 0, "")
		if len(examples) == 0 {
			d.textColor(colorMuted)
		}
		for i, l := range lines {
			p.SetXY(margin+cols[0].w+cols[1].w+cols[2].w, y+0.7+4.6*float64(i))
			p.CellFormat(cols[3].w, 4.6, l, "", 0, "L", false, 0, "")
		}
		p.SetY(y + rowH)
		d.rowRule(p.GetY())
	}
	p.Ln(1)
	closed := d.count("tabel_1", "akkoorden gesloten", "akkoorden", "gesloten", "")
	d.paragraph(fmt.Sprintf("Tabel 1: Aanvullende thema's waar gemeenten en regio's op inzetten, met het aantal akkoorden (n=%s) waarin ze terugkomen en voorbeelden "+
		"van interventies uit de projectgegevens; – : de projectgegevens noemen voor dit thema geen interventie.", closed), "", smallSize, smallLine, colorMuted)
}

// programmesGoalsMonitoring: the programmes the accords link to, their
// goals with and without interventions, and their local monitoring.
func (d *document) programmesGoalsMonitoring() {
	n, p := d.nat, d.pdf
	d.h2("Andere programma's", 40)
	progs := vocabularyOrder(n.section("programmas"), indicators.Programmes)
	if len(progs) == 0 {
		d.paragraph("De codering van de akkoorden noemt geen andere programma's.", "", bodySize, bodyLine, colorMuted)
	} else {
		cols := []tableCol{{"Programma", 90, "L"}, {"Akkoorden", 40, "R"}, {"Aandeel", 40, "R"}}
		d.tableHeader(cols, 7)
		var note string
		for _, f := range progs {
			d.ensureSpace(6)
			label := indicators.Programmes.Label(f.Item)
			d.shareRow(cols, label, "programmas", f)
			if f.Item == "sportakkoord" && f.Base != nil {
				note = fmt.Sprintf("Sportakkoord: van de %d akkoorden die niet zelf vanuit het Nationaal Sportakkoord zijn ingestoken; de andere programma's: van alle gesloten akkoorden.", *f.Base)
			}
		}
		if note != "" {
			p.Ln(1)
			d.paragraph(note, "", smallSize, smallLine, colorMuted)
		}
	}

	d.h2("Doelen en interventies", 14)
	if g, ok := findFigure(n.Figures, "doelen", "met_doelen", ""); ok && g.Count != nil && g.Base != nil {
		txt := fmt.Sprintf("%s van de %s akkoorden (%s) formuleren doelen en ambities.",
			d.count("doelen", "akkoorden met doelen", "doelen", "met_doelen", ""), fmt.Sprint(*g.Base), d.pct("doelen", "akkoorden met doelen, aandeel", g))
		if gi, ok := findFigure(n.Figures, "doelen", "met_doelen_en_interventies", ""); ok && gi.Count != nil && gi.Base != nil {
			txt += fmt.Sprintf(" In %s van deze %d akkoorden (%s) worden ook bijbehorende interventies beschreven; in %d niet.",
				d.count("doelen", "akkoorden met doelen en interventies", "doelen", "met_doelen_en_interventies", ""), *gi.Base,
				d.pct("doelen", "akkoorden met doelen en interventies, aandeel", gi), *gi.Base-*gi.Count)
		}
		d.paragraph(txt, "", bodySize, bodyLine, colorText)
	} else {
		d.paragraph("De codering van de akkoorden zegt niets over doelen.", "", bodySize, bodyLine, colorMuted)
	}

	d.h2("Lokale monitoring", 30)
	if f, ok := findFigure(n.Figures, "monitoring", "niet_uitgewerkt", ""); ok && f.Count != nil && f.Base != nil {
		d.paragraph(fmt.Sprintf("In %s van de %d akkoorden met een gecodeerde monitoring (%s) is de lokale monitoring nog niet uitgewerkt. "+
			"Waar dat wel zo is, richt de monitoring zich op populatie-, proces- of projectniveau:",
			d.count("monitoring", "akkoorden zonder uitgewerkte monitoring", "monitoring", "niet_uitgewerkt", ""), *f.Base,
			d.pct("monitoring", "akkoorden zonder uitgewerkte monitoring, aandeel", f)), "", bodySize, bodyLine, colorText)
		p.Ln(1)
	}
	if len(n.Monitoring) == 0 {
		d.paragraph("De codering van de akkoorden noemt geen niveaus van monitoring.", "", bodySize, bodyLine, colorMuted)
		return
	}
	cols := []tableCol{{"Niveau", 90, "L"}, {"Akkoorden", 40, "R"}, {"Aandeel", 40, "R"}}
	d.tableHeader(cols, 7)
	for _, m := range n.Monitoring {
		d.ensureSpace(6)
		label := indicators.MonitoringLevels.Label(m.Level)
		key := "level=" + m.Level
		cells := []string{label, d.emit("monitoring", label, fmt.Sprint(m.Accords), float64(m.Accords), viewMonitoring, key), textNoValue}
		if m.Base > 0 {
			share := 100 * float64(m.Accords) / float64(m.Base)
			cells[2] = d.emit("monitoring", label+", aandeel", pctText(int(math.Round(share))), share, viewMonitoring, key)
		}
		d.tableRow(cols, cells)
	}
}

// shareRow is a table row of a label, a count and its share.
func (d *document) shareRow(cols []tableCol, label, figure string, f NationalFigure) {
	d.tableRow(cols, []string{label, d.count(figure, label, f.Section, f.Item, f.Detail), d.pct(figure, label+", aandeel", f)})
}

// tableRow draws one row of a simple table with a rule under it.
func (d *document) tableRow(cols []tableCol, cells []string) {
	p := d.pdf
	d.ensureSpace(6)
	y := p.GetY()
	d.font("", 9)
	d.textColor(colorText)
	p.SetXY(margin, y)
	for i, c := range cols {
		p.CellFormat(c.w, 6, d.fit(cells[i], c.w-1), "", 0, c.align+"M", false, 0, "")
	}
	p.SetY(y + 6)
	d.rowRule(p.GetY())
}
