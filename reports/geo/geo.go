// Package geo holds the boundaries of Dutch gemeenten (divisions 2020 and
// 2023), GGD regions and provinces, shipped in the binary (data/, CBS/PDOK
// via cartomap/nl), and draws them as a choropleth on any gonum/plot
// canvas: the PDF page of a report and the SVG of the dashboard alike.
package geo

import (
	"embed"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"sync"
)

//go:embed data/*.topojson
var files embed.FS

// Credit is the attribution every map carries.
const Credit = "Kaart: CBS/PDOK, gegeneraliseerde gebiedsindeling (via cartomap/nl)"

// Point is a position in degrees (WGS84).
type Point struct{ Lon, Lat float64 }

// Ring is a closed line; a polygon is an outer ring followed by its holes.
type Ring []Point

// Area is one region: its CBS code, name and polygons.
type Area struct {
	Code     string // GM0363, GG3406, PV27
	Name     string
	Polygons [][]Ring
}

// Layer is every area of one boundary file.
type Layer struct {
	Name  string // e.g. gemeente_2020
	Areas []Area // sorted by code
	index map[string]int
}

// Area returns the area with code, if the layer has it.
func (l *Layer) Area(code string) (Area, bool) {
	i, ok := l.index[code]
	if !ok {
		return Area{}, false
	}
	return l.Areas[i], true
}

// Layers the binary ships.
const (
	Gemeenten2020 = "gemeente_2020"
	Gemeenten2023 = "gemeente_2023"
	GGDRegions    = "ggdregio_2023"
	Provinces     = "provincie_2023"
)

var layers = sync.OnceValue(func() map[string]*Layer {
	out := map[string]*Layer{}
	for _, name := range []string{Gemeenten2020, Gemeenten2023, GGDRegions, Provinces} {
		b, err := files.ReadFile("data/" + name + ".topojson")
		if err != nil {
			panic(err) // embedded: a broken build
		}
		l, err := decode(name, b)
		if err != nil {
			panic(fmt.Sprintf("geo: %s: %v", name, err)) // embedded: a broken build
		}
		out[name] = l
	}
	return out
})

// Load returns a shipped layer by name (Gemeenten2020, ...).
func Load(name string) (*Layer, bool) {
	l, ok := layers()[name]
	return l, ok
}

// GemeentenOf returns the gemeente layer of a municipal division: 2020
// and earlier use the 2020 boundaries, later divisions the 2023 ones
// (the only mergers between 2023 and 2025 are not in the shipped maps; an
// area the layer lacks is drawn as missing).
func GemeentenOf(division int) *Layer {
	if division <= 2022 {
		l, _ := Load(Gemeenten2020)
		return l
	}
	l, _ := Load(Gemeenten2023)
	return l
}

// topology is the part of TopoJSON the shipped files use.
type topology struct {
	Type      string `json:"type"`
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects map[string]struct {
		Type       string `json:"type"`
		Geometries []struct {
			Type       string          `json:"type"`
			ID         string          `json:"id"`
			Arcs       json.RawMessage `json:"arcs"`
			Properties struct {
				StatCode string `json:"statcode"`
				StatNaam string `json:"statnaam"`
			} `json:"properties"`
		} `json:"geometries"`
	} `json:"objects"`
}

// decode reads a quantized, delta-encoded TopoJSON topology.
func decode(name string, b []byte) (*Layer, error) {
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, err
	}
	if t.Type != "Topology" {
		return nil, fmt.Errorf("type %q, want Topology", t.Type)
	}
	obj, ok := t.Objects[name]
	if !ok {
		return nil, fmt.Errorf("no object %q", name)
	}
	// Undo the delta encoding and the quantization of every arc.
	arcs := make([][]Point, len(t.Arcs))
	for i, a := range t.Arcs {
		var x, y float64
		pts := make([]Point, len(a))
		for j, d := range a {
			x += d[0]
			y += d[1]
			pts[j] = Point{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
		}
		arcs[i] = pts
	}
	ring := func(idx []int) (Ring, error) {
		var r Ring
		for k, ai := range idx {
			rev := ai < 0
			if rev {
				ai = ^ai
			}
			if ai >= len(arcs) {
				return nil, fmt.Errorf("arc %d of %d", ai, len(arcs))
			}
			pts := arcs[ai]
			if rev {
				pts = reversed(pts)
			}
			if k > 0 && len(pts) > 0 {
				pts = pts[1:] // the first point repeats the last of the arc before
			}
			r = append(r, pts...)
		}
		return r, nil
	}
	l := &Layer{Name: name, index: map[string]int{}}
	for _, g := range obj.Geometries {
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, fmt.Errorf("%s: %w", g.ID, err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("%s: %w", g.ID, err)
			}
		default:
			return nil, fmt.Errorf("%s: geometry %s", g.ID, g.Type)
		}
		a := Area{Code: g.Properties.StatCode, Name: g.Properties.StatNaam}
		if a.Code == "" {
			a.Code = g.ID
		}
		for _, p := range polys {
			var rings []Ring
			for _, idx := range p {
				r, err := ring(idx)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", a.Code, err)
				}
				rings = append(rings, r)
			}
			a.Polygons = append(a.Polygons, rings)
		}
		l.Areas = append(l.Areas, a)
	}
	sort.Slice(l.Areas, func(i, j int) bool { return l.Areas[i].Code < l.Areas[j].Code })
	for i, a := range l.Areas {
		l.index[a.Code] = i
	}
	return l, nil
}

func reversed(p []Point) []Point {
	out := make([]Point, len(p))
	for i, q := range p {
		out[len(p)-1-i] = q
	}
	return out
}

// Bounds is a box in degrees.
type Bounds struct{ Min, Max Point }

// BoundsOf is the box around the areas.
func BoundsOf(areas []Area) Bounds {
	b := Bounds{Point{math.Inf(1), math.Inf(1)}, Point{math.Inf(-1), math.Inf(-1)}}
	for _, a := range areas {
		for _, p := range a.Polygons {
			for _, r := range p {
				for _, q := range r {
					b.Min.Lon, b.Min.Lat = math.Min(b.Min.Lon, q.Lon), math.Min(b.Min.Lat, q.Lat)
					b.Max.Lon, b.Max.Lat = math.Max(b.Max.Lon, q.Lon), math.Max(b.Max.Lat, q.Lat)
				}
			}
		}
	}
	return b
}
