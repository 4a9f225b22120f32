package reports

import (
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"lpa/reports/geo"
)

// StatusKeys are VNG's statuses of a gemeente's prevention accord, in the
// order of the map's legend, with their Dutch words and colours.
var StatusKeys = []struct {
	Key, Word string
	Color     rgb
}{
	{"gesloten", "gesloten", 0x154273},
	{"in_voorbereiding", "in voorbereiding", 0x4679AE},
	{"verkennen", "mogelijkheden worden verkend", 0xAFC9E2},
	{"geen_activiteiten", "geen activiteiten bekend", 0xE6E6E6},
}

// StatusColor is the map colour of a status (CSS hex), for legends.
func StatusColor(key string) string {
	for _, s := range StatusKeys {
		if s.Key == key {
			return s.Color.hex()
		}
	}
	return colorNoValue.hex()
}

func (c rgb) hex() string {
	const digits = "0123456789ABCDEF"
	b := []byte{'#', 0, 0, 0, 0, 0, 0}
	for i := 0; i < 6; i++ {
		b[6-i] = digits[(c>>(4*i))&0xF]
	}
	return string(b)
}

// colorNoStatus fills a gemeente of the map without a known status.
const colorNoStatus rgb = 0xF4F4F4

// drawStatusMap draws every gemeente of the division coloured by its
// status; a gemeente without one is light grey. It returns how many
// gemeenten it drew, how many gemeenten with a status the division's
// boundaries lack, and how many it drew without a status.
func drawStatusMap(dc draw.Canvas, division int, status map[string]string) (drawn, missing, unknown int) {
	layer := geo.GemeentenOf(division)
	fill := map[string]color.Color{}
	for _, s := range StatusKeys {
		fill[s.Key] = s.Color.color()
	}
	shapes := make([]geo.Shape, 0, len(layer.Areas))
	for _, a := range layer.Areas {
		c, ok := fill[status[a.Code]]
		if !ok {
			c = colorNoStatus.color()
			unknown++
		}
		shapes = append(shapes, geo.Shape{Area: a, Fill: c})
	}
	for code := range status {
		if _, ok := layer.Area(code); !ok {
			missing++
		}
	}
	geo.Draw(dc, geo.Map{Shapes: shapes, Outline: color.White, Width: vg.Points(0.3)})
	return len(shapes), missing, unknown
}

// StatusMapSVG draws the Netherlands with every gemeente coloured by its
// VNG status, as SVG w by h points.
func StatusMapSVG(division int, status map[string]string, w, h float64) ([]byte, error) {
	return svgOf(w, h, func(dc draw.Canvas) { drawStatusMap(dc, division, status) })
}
