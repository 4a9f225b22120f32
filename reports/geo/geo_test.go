package geo

import (
	"bytes"
	"image/color"
	"math"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

func TestLayers(t *testing.T) {
	for _, c := range []struct {
		name  string
		areas int
		code  string
		area  string
	}{
		{Gemeenten2020, 355, "GM0363", "Amsterdam"},
		{Gemeenten2023, 342, "GM1980", "Dijk en Waard"},
		{GGDRegions, 25, "GG3406", "GGD Amsterdam"},
		{Provinces, 12, "PV27", "Noord-Holland"},
	} {
		l, ok := Load(c.name)
		if !ok {
			t.Fatalf("%s not shipped", c.name)
		}
		if len(l.Areas) != c.areas {
			t.Errorf("%s: %d areas, want %d", c.name, len(l.Areas), c.areas)
		}
		a, ok := l.Area(c.code)
		if !ok || a.Name != c.area {
			t.Errorf("%s %s: %q, want %q", c.name, c.code, a.Name, c.area)
		}
		// Decoded rings are closed and lie within the published extent.
		b := BoundsOf(l.Areas)
		if b.Min.Lon < 3.35 || b.Max.Lon > 7.23 || b.Min.Lat < 50.75 || b.Max.Lat > 53.56 {
			t.Errorf("%s: bounds %+v outside the Netherlands", c.name, b)
		}
		for _, a := range l.Areas {
			for _, p := range a.Polygons {
				for _, r := range p {
					if d := math.Hypot(r[0].Lon-r[len(r)-1].Lon, r[0].Lat-r[len(r)-1].Lat); d > 1e-9 {
						t.Fatalf("%s %s: ring not closed (%g)", c.name, a.Code, d)
					}
				}
			}
		}
	}
	if GemeentenOf(2020).Name != Gemeenten2020 || GemeentenOf(2024).Name != Gemeenten2023 {
		t.Error("GemeentenOf picks the wrong division")
	}
}

// TestDrawSVG draws the gemeenten of GGD Amsterdam's region and checks
// the SVG: one filled path per polygon, with the fill given.
func TestDrawSVG(t *testing.T) {
	l := GemeentenOf(2020)
	var shapes []Shape
	for _, code := range []string{"GM0363", "GM0362", "GM0384", "GM0437", "GM0451", "GM0415"} {
		a, ok := l.Area(code)
		if !ok {
			t.Fatalf("no %s", code)
		}
		shapes = append(shapes, Shape{Area: a, Fill: color.RGBA{R: 0, G: 100, B: 160, A: 255}})
	}
	c := vgsvg.New(vg.Points(200), vg.Points(200))
	Draw(draw.New(c), Map{Shapes: shapes})
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	svg := buf.String()
	if n := bytes.Count(buf.Bytes(), []byte("fill:#0064A0")); n < len(shapes) {
		t.Errorf("%d filled paths, want at least %d\n%.400s", n, len(shapes), svg)
	}
}
