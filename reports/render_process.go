package reports

import (
	"cmp"
	"fmt"
	"strings"
)

// processSection: parties per sector, activity, meetings, budget per line,
// the six uitgangspunten and the goals' deadlines and owners.
func (d *document) processSection() {
	r := d.r
	if d.subjectIsGemeente() {
		return
	}
	p := d.pdf
	p.AddPage()
	d.h1("Proces")
	pr := r.Process
	if pr == nil {
		d.paragraph("Voor dit akkoord zijn geen procesgegevens aangeleverd (het sjabloon Proces is niet geladen).", "", bodySize, bodyLine, colorMuted)
		return
	}
	if pr.ExampleData {
		d.paragraph("Voorbeeldgegevens: de procesgegevens van dit akkoord zijn als voorbeeld gegenereerd.", "B", 9, 4.6, colorWarning)
		p.Ln(1)
	}
	var facts []string
	if pr.Parties > 0 {
		facts = append(facts, fmt.Sprintf("%d partijen uit %d sectoren", pr.Parties, len(pr.Sectors)))
	}
	if pr.ShareActive != nil {
		facts = append(facts, fmt.Sprintf("%s actief in %s", FormatNumber(*pr.ShareActive*100, 0)+"%", cmp.Or(pr.LastQuarter, "het laatste kwartaal")))
	}
	if pr.Meetings != nil {
		facts = append(facts, fmt.Sprintf("%d overleggen", *pr.Meetings))
	}
	if pr.Residents != nil {
		facts = append(facts, fmt.Sprintf("%d betrokken inwoners", *pr.Residents))
	}
	if len(facts) > 0 {
		d.paragraph(strings.Join(facts, " · ")+".", "", bodySize, bodyLine, colorText)
	}
	if pr.LastQuarter == "" {
		d.paragraph("Het sjabloon Proces is voor dit akkoord niet aangeleverd: er zijn geen gegevens over activiteit, overleg en budget.", "", bodySize, bodyLine, colorMuted)
	}
	if len(pr.Sectors) > 0 {
		d.h2("Partijen per sector", 30)
		d.shareBars(pr.Sectors)
	}
	if len(pr.Budget) > 0 {
		d.h2("Budget", 20)
		cols := []tableCol{{"Budgetlijn", 70, "L"}, {"Gepland", 32, "R"}, {"Besteed", 32, "R"}, {"Besteed deel", 36, "R"}}
		d.tableHeader(cols, 7)
		for _, b := range pr.Budget {
			d.ensureSpace(6)
			y := p.GetY()
			d.font("", 9)
			d.textColor(colorText)
			p.SetXY(margin, y)
			p.CellFormat(cols[0].w, 6, budgetLineWord(b.Line), "", 0, "LM", false, 0, "")
			p.CellFormat(cols[1].w, 6, "€ "+FormatNumber(b.Planned, 0), "", 0, "RM", false, 0, "")
			p.CellFormat(cols[2].w, 6, "€ "+FormatNumber(b.Spent, 0), "", 0, "RM", false, 0, "")
			share := textNoValue
			if b.Planned > 0 {
				share = FormatNumber(b.Spent/b.Planned*100, 0) + "%"
			}
			p.CellFormat(cols[3].w, 6, share, "", 0, "RM", false, 0, "")
			p.SetY(y + 6)
			d.rowRule(p.GetY())
		}
	}
	d.h2("Uitgangspunten", 12)
	if pr.UitgangspuntenN == 0 {
		d.paragraph("De zes uitgangspunten van een lokaal akkoord zijn voor dit akkoord niet beoordeeld.", "", bodySize, bodyLine, colorMuted)
	} else {
		txt := fmt.Sprintf("%d van de %d beoordeelde uitgangspunten worden gehaald.", pr.UitgangspuntenOK, pr.UitgangspuntenN)
		if len(pr.NotMet) > 0 {
			txt += " Niet gehaald: " + joinDutch(pr.NotMet) + "."
		}
		d.paragraph(txt, "", bodySize, bodyLine, colorText)
	}
	if pr.Goals > 0 {
		d.paragraph(fmt.Sprintf("Van de %d doelen hebben er %d een deadline en %d een eigenaar.", pr.Goals, pr.WithDeadline, pr.WithOwner), "", bodySize, bodyLine, colorText)
	}
	if len(pr.Programmes) > 0 {
		d.paragraph("Verbonden programma's: "+joinDutch(pr.Programmes)+".", "", bodySize, bodyLine, colorText)
	}
}

// shareBars draws one horizontal bar per item, as the factsheet's Figure 2.
func (d *document) shareBars(items []Share) {
	p := d.pdf
	const labelW, barW, rowH = 62.0, 90.0, 5.2
	for _, it := range items {
		d.ensureSpace(rowH)
		y := p.GetY()
		d.font("", 8.5)
		d.textColor(colorText)
		p.SetXY(margin, y)
		p.CellFormat(labelW, rowH, d.fit(sectorWord(it.Item), labelW-1), "", 0, "LM", false, 0, "")
		d.fillColor(colorAccord)
		p.Rect(margin+labelW, y+1, barW*it.Share, rowH-2, "F")
		p.SetXY(margin+labelW+barW*it.Share+1, y)
		p.CellFormat(20, rowH, fmt.Sprintf("%d (%s%%)", it.Count, FormatNumber(it.Share*100, 0)), "", 0, "LM", false, 0, "")
		p.SetY(y + rowH)
	}
}

func sectorWord(s string) string {
	s = strings.ReplaceAll(s, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func budgetLineWord(s string) string {
	switch s {
	case "ondersteuningsbudget":
		return "Ondersteuningsbudget (VNG)"
	case "uitvoeringsbudget":
		return "Uitvoeringsbudget (VNG)"
	case "eigen_middelen":
		return "Eigen middelen"
	}
	return sectorWord(s)
}

// projectsSection: interventions per theme, share recognised, reach
// against plan, and the gaps.
func (d *document) projectsSection() {
	r := d.r
	if d.subjectIsGemeente() {
		return
	}
	p := d.pdf
	d.ensureSpace(50)
	p.Ln(4)
	d.h1("Projecten")
	if len(r.Projects) == 0 {
		d.paragraph("Voor dit akkoord zijn geen projectgegevens aangeleverd (het sjabloon Project is niet geladen).", "", bodySize, bodyLine, colorMuted)
		return
	}
	total := 0
	for _, t := range r.Projects {
		total += t.Interventions
	}
	if total == 0 {
		d.paragraph("Het sjabloon Project is voor dit akkoord niet aangeleverd: er zijn geen interventies bekend. De thema's en doelen hieronder komen uit de registratie.", "", bodySize, bodyLine, colorMuted)
	}
	if r.Projects[0].ExampleData {
		d.paragraph("Voorbeeldgegevens: de projectgegevens van dit akkoord zijn als voorbeeld gegenereerd.", "B", 9, 4.6, colorWarning)
		p.Ln(1)
	}
	cols := []tableCol{{"Thema", 52, "L"}, {"Interventies", 24, "R"}, {"Erkend", 22, "R"}, {"Bereik t.o.v. plan", 32, "R"}, {"Doelen", 18, "R"}, {"", 22, "L"}}
	d.tableHeader(cols, 7)
	var gaps []string
	for _, t := range r.Projects {
		d.ensureSpace(6)
		y := p.GetY()
		d.font("", 9)
		d.textColor(colorText)
		p.SetXY(margin, y)
		p.CellFormat(cols[0].w, 6, d.fit(cmp.Or(t.Title, sectorWord(t.Theme)), cols[0].w-1), "", 0, "LM", false, 0, "")
		p.CellFormat(cols[1].w, 6, fmt.Sprint(t.Interventions), "", 0, "RM", false, 0, "")
		rec := textNoValue
		if t.RecognitionKnown > 0 {
			rec = fmt.Sprintf("%d van %d", t.Recognised, t.RecognitionKnown)
		}
		p.CellFormat(cols[2].w, 6, rec, "", 0, "RM", false, 0, "")
		reach := textNoValue
		if t.Planned > 0 {
			reach = FormatNumber(float64(t.Reached)/float64(t.Planned)*100, 0) + "%"
		}
		p.CellFormat(cols[3].w, 6, reach, "", 0, "RM", false, 0, "")
		p.CellFormat(cols[4].w, 6, fmt.Sprint(t.Goals), "", 0, "RM", false, 0, "")
		if t.Gap != "" {
			d.textColor(colorBad)
			p.CellFormat(cols[5].w, 6, "  let op", "", 0, "LM", false, 0, "")
			switch t.Gap {
			case "npa_thema_zonder_doel":
				gaps = append(gaps, fmt.Sprintf("%s: een thema van het preventieakkoord zonder doel", cmp.Or(t.Title, t.Theme)))
			case "doel_zonder_interventie":
				gaps = append(gaps, fmt.Sprintf("%s: een doel zonder interventie", cmp.Or(t.Title, t.Theme)))
			}
		}
		p.SetY(y + 6)
		d.rowRule(p.GetY())
	}
	p.Ln(1)
	d.paragraph("Erkend: opgenomen in de databank Interventies van Loketgezondleven (van de interventies waarvan dat bekend is).", "", smallSize, smallLine, colorMuted)
	for _, g := range gaps {
		d.paragraph("Let op — "+g+".", "", 9, 4.6, colorBad)
	}
}
