package reports

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"lpa/reports/geo"
)

// Map colours: five classes of one hue, light to dark; a gemeente without
// a value is hatched grey.
var mapClasses = []rgb{0xDCE8F3, 0xAFC9E2, 0x7AA5CD, 0x4679AE, 0x154273}

const colorNoValue rgb = 0xE6E6E6

const mapH = 120.0 // mm

// mapSection: the subject's gemeenten in their GGD region(s), coloured by
// a key indicator.
func (d *document) mapSection() {
	m := d.r.Map
	if m == nil || len(m.Region) == 0 {
		return
	}
	p := d.pdf
	p.AddPage()
	d.h1("Kaart")
	d.paragraph(fmt.Sprintf("%s per gemeente in %s (%d), %s. De gemeenten van %s hebben een donkere rand.",
		m.Label, d.regionWords(), m.Period, unitWords(m.Unit), d.r.Accord.Name), "", 9.5, 4.8, colorMuted)
	y := p.GetY() + 2
	c := newPDFCanvas(p, margin, y, contentW, mapH)
	breaks, missing := drawMap(draw.New(c), m)
	if err := c.close(); err != nil {
		d.paragraph("De kaart kon niet worden getekend.", "", bodySize, bodyLine, colorMuted)
	}
	p.SetY(y + mapH + 2)
	d.mapLegend(breaks, m.Unit)
	if missing > 0 {
		d.paragraph(fmt.Sprintf("%d gemeenten van de regio staan niet op de kaart van deze indeling.", missing), "", smallSize, smallLine, colorMuted)
	}
	d.paragraph(geo.Credit+".", "", 7.5, 3.8, colorMuted)
}

// drawMap draws the choropleth of m into dc (the PDF page or an SVG): the
// region's gemeenten in classes of their value, the subject's outlined. It
// returns the class breaks and how many gemeenten the map lacks.
func drawMap(dc draw.Canvas, m *MapData) (breaks []float64, missing int) {
	layer := geo.GemeentenOf(m.Division)
	var vals []float64
	for _, code := range m.Region {
		if v, ok := m.Values[code]; ok && v.OK() {
			vals = append(vals, v.V)
		}
	}
	breaks = classBreaks(vals, len(mapClasses))
	var shapes []geo.Shape
	var all []geo.Area
	for _, code := range m.Region {
		a, ok := layer.Area(code)
		if !ok {
			missing++
			continue
		}
		fill := colorNoValue.color()
		if v, ok := m.Values[code]; ok && v.OK() {
			fill = mapClasses[classOf(v.V, breaks)].color()
		}
		shapes = append(shapes, geo.Shape{Area: a, Fill: fill})
		all = append(all, a)
	}
	geo.Draw(dc, geo.Map{Shapes: shapes, Outline: color.White, Width: vg.Points(0.5)})
	var members []geo.Shape
	for _, s := range shapes {
		if slices.Contains(m.Members, s.Code) {
			members = append(members, geo.Shape{Area: s.Area})
		}
	}
	// The members' outlines on top, fitted to the same bounds.
	geo.Draw(dc, geo.Map{Shapes: members, Outline: colorText.color(), Width: vg.Points(1.4), Fit: all})
	return breaks, missing
}

// MapSVG draws the map of a report as SVG, w by h points: the same drawing
// as the PDF's, for the dashboard.
func MapSVG(m *MapData, w, h float64) ([]byte, error) {
	if m == nil {
		return nil, nil
	}
	c := vgsvg.NewWith(vgsvg.UseWH(vg.Points(w), vg.Points(h)))
	drawMap(draw.New(c), m)
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (d *document) regionWords() string {
	if d.r.GGDLabel != "" {
		return d.r.GGDLabel
	}
	return "de GGD-regio"
}

func unitWords(unit string) string {
	if unit == "%" {
		return "percentage van de inwoners"
	}
	return "in " + unit
}

// classBreaks splits values into n classes of equal count (quantiles),
// rounded to one decimal; n-1 upper bounds.
func classBreaks(vals []float64, n int) []float64 {
	if len(vals) == 0 {
		return nil
	}
	s := slices.Clone(vals)
	slices.Sort(s)
	var out []float64
	for i := 1; i < n; i++ {
		q := s[min(len(s)-1, i*len(s)/n)]
		q = math.Round(q*10) / 10
		if len(out) == 0 || q > out[len(out)-1] {
			out = append(out, q)
		}
	}
	return out
}

func classOf(v float64, breaks []float64) int {
	for i, b := range breaks {
		if v < b {
			return i
		}
	}
	return len(breaks)
}

func (d *document) mapLegend(breaks []float64, unit string) {
	p := d.pdf
	d.ensureSpace(8)
	y := p.GetY()
	x := margin
	d.font("", 8)
	d.textColor(colorText)
	suffix := ""
	if unit == "%" {
		suffix = "%"
	}
	labels := make([]string, len(breaks)+1)
	for i := range labels {
		switch {
		case len(breaks) == 0:
			labels[i] = "alle waarden"
		case i == 0:
			labels[i] = "< " + FormatNumber(breaks[0], 1) + suffix
		case i == len(breaks):
			labels[i] = "≥ " + FormatNumber(breaks[i-1], 1) + suffix
		default:
			labels[i] = FormatNumber(breaks[i-1], 1) + "–" + FormatNumber(breaks[i], 1) + suffix
		}
	}
	for i, l := range labels {
		d.fillColor(mapClasses[min(i, len(mapClasses)-1)])
		p.Rect(x, y+1, 5, 3.5, "F")
		p.SetXY(x+6, y)
		p.CellFormat(p.GetStringWidth(l)+2, 5.5, l, "", 0, "LM", false, 0, "")
		x += 6 + p.GetStringWidth(l) + 6
	}
	d.fillColor(colorNoValue)
	p.Rect(x, y+1, 5, 3.5, "F")
	p.SetXY(x+6, y)
	p.CellFormat(30, 5.5, "geen waarde", "", 0, "LM", false, 0, "")
	p.SetY(y + 7)
}
