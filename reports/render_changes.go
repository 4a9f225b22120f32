package reports

import (
	"fmt"
	"time"
)

// Reissue says that a report replaces an earlier issue of the same round,
// and which of its printed figures changed.
type Reissue struct {
	Version         int
	PrevVersion     int
	PrevIssued      time.Time
	PrevFingerprint string
	Changes         []FigureChange
}

// FigureChange is one printed figure that differs from the previous issue.
type FigureChange struct {
	Label  string
	Before string // as printed in the previous issue
	After  string // as printed now
	Page   int    // of this issue
	Cause  string // the loads that changed it, e.g. "lading 58 (velsen.csv, sha256 3fa9…)"; "": not traced
}

// reissuePage opens a re-issued report: what changed since the previous
// issue, figure by figure, and why.
func (d *document) reissuePage() {
	ri := d.r.Reissue
	p := d.pdf
	p.AddPage()
	d.h1("Wijzigingen ten opzichte van de vorige uitgave")
	why := "de gegevens achter het rapport zijn sindsdien gecorrigeerd of aangevuld."
	if len(ri.Changes) == 0 {
		why = "er is sindsdien iets aan het rapport veranderd, maar geen cijfer in de tabellen."
	}
	intro := fmt.Sprintf("Dit is uitgave %d van dit rapport over de ronde van %s. Het vervangt uitgave %d van %s (gegevens %s): %s",
		ri.Version, FormatDate(d.r.Round), ri.PrevVersion, FormatDate(ri.PrevIssued), ri.PrevFingerprint, why)
	d.paragraph(intro, "", 10, 5, colorText)
	p.Ln(2)
	if len(ri.Changes) == 0 {
		d.paragraph("Alle cijfers in de tabellen zijn gelijk aan die van de vorige uitgave. Wat wel anders is: de bronvermelding "+
			"(bijvoorbeeld een opnieuw geladen bestand met dezelfde cijfers), een grafiek of een tekst.", "", 10, 5, colorText)
		return
	}
	d.paragraph(fmt.Sprintf("%d %s anders dan in de vorige uitgave; alle andere cijfers zijn gelijk gebleven.",
		len(ri.Changes), plural(len(ri.Changes), "cijfer is", "cijfers zijn")), "", 10, 5, colorText)
	p.Ln(2)
	cols := []tableCol{{"Cijfer", 58, "L"}, {"Was", 20, "R"}, {"Nu", 20, "R"}, {"Pagina", 15, "R"}, {"Oorzaak", contentW - 113, "L"}}
	d.tableHeader(cols, 7)
	for _, c := range ri.Changes {
		d.font("", 8.5)
		label := d.clampLines(c.Label, cols[0].w-2, 3)
		cause := d.clampLines(c.Cause, cols[4].w-2, 4)
		h := max(6.0, float64(max(len(label), len(cause)))*3.8+1.6)
		d.ensureSpace(h)
		y := p.GetY()
		d.textColor(colorText)
		for i, l := range label {
			p.SetXY(margin, y+0.8+float64(i)*3.8)
			p.CellFormat(cols[0].w, 3.8, l, "", 0, "L", false, 0, "")
		}
		x := margin + cols[0].w
		for i, v := range []string{c.Before, c.After, fmt.Sprint(c.Page)} {
			p.SetXY(x, y)
			p.CellFormat(cols[i+1].w-1, h, d.fit(v, cols[i+1].w-1), "", 0, "RM", false, 0, "")
			x += cols[i+1].w
		}
		d.textColor(colorMuted)
		for i, l := range cause {
			p.SetXY(x+1, y+0.8+float64(i)*3.8)
			p.CellFormat(cols[4].w-1, 3.8, l, "", 0, "L", false, 0, "")
		}
		p.SetY(y + h)
		d.rowRule(p.GetY())
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
