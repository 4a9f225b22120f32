package reports

import (
	"fmt"
	"strings"
)

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
