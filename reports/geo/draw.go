package geo

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Shape is an area as a map shows it.
type Shape struct {
	Area
	Fill color.Color // nil: not filled
}

// Map is what Draw draws: the shapes, and around them the context areas
// (outlines only, e.g. the GGD region), fitted into the canvas.
type Map struct {
	Shapes  []Shape
	Context []Area // drawn first, as light outlines
	Outline color.Color
	Width   vg.Length // of the shapes' outlines
	// Fit, when set, are the areas whose bounds fill the canvas (so that
	// a second layer drawn over a map lines up with it).
	Fit []Area
}

// Draw draws m into c, fitting the shapes' bounds (and the context's) into
// c's rectangle with the right aspect at the map's latitude.
func Draw(c draw.Canvas, m Map) {
	var all []Area
	for _, s := range m.Shapes {
		all = append(all, s.Area)
	}
	all = append(all, m.Context...)
	if len(m.Fit) > 0 {
		all = m.Fit
	}
	if len(all) == 0 {
		return
	}
	b := BoundsOf(all)
	proj := fit(b, c.Rectangle)
	for _, a := range m.Context {
		for _, p := range a.Polygons {
			c.Stroke(path(p, proj))
		}
	}
	outline := m.Outline
	if outline == nil {
		outline = color.Gray{Y: 255}
	}
	width := m.Width
	if width == 0 {
		width = vg.Points(0.4)
	}
	for _, s := range m.Shapes {
		for _, p := range s.Polygons {
			pa := path(p, proj)
			if s.Fill != nil {
				c.SetColor(s.Fill)
				c.Fill(pa)
			}
			c.SetLineStyle(draw.LineStyle{Color: outline, Width: width})
			c.Stroke(pa)
		}
	}
}

// fit projects degrees onto r: longitudes shrink by the cosine of the
// middle latitude (an equirectangular map true at the centre), and the
// result is scaled to fit and centred.
func fit(b Bounds, r vg.Rectangle) func(Point) vg.Point {
	k := math.Cos((b.Min.Lat + b.Max.Lat) / 2 * math.Pi / 180)
	w, h := (b.Max.Lon-b.Min.Lon)*k, b.Max.Lat-b.Min.Lat
	rw, rh := float64(r.Max.X-r.Min.X), float64(r.Max.Y-r.Min.Y)
	s := math.Min(rw/math.Max(w, 1e-9), rh/math.Max(h, 1e-9))
	ox := float64(r.Min.X) + (rw-w*s)/2
	oy := float64(r.Min.Y) + (rh-h*s)/2
	return func(p Point) vg.Point {
		return vg.Point{X: vg.Length(ox + (p.Lon-b.Min.Lon)*k*s), Y: vg.Length(oy + (p.Lat-b.Min.Lat)*s)}
	}
}

// path is a polygon (outer ring and holes) as one path of closed subpaths.
func path(rings []Ring, proj func(Point) vg.Point) vg.Path {
	var p vg.Path
	for _, r := range rings {
		for i, q := range r {
			if i == 0 {
				p.Move(proj(q))
			} else {
				p.Line(proj(q))
			}
		}
		p.Close()
	}
	return p
}
