package reports

import (
	"bytes"
	"fmt"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"lpa/indicators"
)

// The factsheet's Figures 2 and 3 are drawn on a draw.Canvas: the PDF's
// page (pdfCanvas) or SVG for the dashboard, by the same code.

// shareBar is one bar of Figure 2: a sector and the share of the accords
// with a party of it.
type shareBar struct {
	Label string
	Pct   int
	fig   NationalFigure
}

// stack is one column of Figure 3: an NPA theme and its shares per
// coverage level, adding up to 100.
type stack struct {
	Item, Label string
	Parts       []int // per coverageLevels
	figs        []NationalFigure
}

// coverageLevel is a level of Figure 3 with its colour.
type coverageLevel struct {
	Key, Word string
	Color     rgb
	Light     bool // dark text on it
}

var coverageLevels = []coverageLevel{
	{"uitgebreid", indicators.Coverages.Label("uitgebreid"), 0x154273, false},
	{"deels", indicators.Coverages.Label("deels"), 0x7AA5CD, false},
	{"niet", indicators.Coverages.Label("niet"), 0xDCE8F3, true},
}

const (
	barLabelSize = 8.5
	barTextGap   = 4.0 // points between a bar and its text
)

// drawShareBars draws one horizontal bar per sector, on a scale of 0 to
// 100 %, with the share at the end of each bar.
func drawShareBars(dc draw.Canvas, hdl text.Handler, bars []shareBar) {
	if len(bars) == 0 {
		return
	}
	w, h := dc.Max.X-dc.Min.X, dc.Max.Y-dc.Min.Y
	labelW := w * 0.3
	barMax := w - labelW - vg.Points(40)
	rowH := h / vg.Length(len(bars))
	label := textStyle(hdl, barLabelSize, colorText.color())
	label.XAlign, label.YAlign = draw.XRight, draw.YCenter
	value := textStyle(hdl, barLabelSize, colorText.color())
	value.YAlign = draw.YCenter
	x0 := dc.Min.X + labelW
	for i, b := range bars {
		mid := dc.Max.Y - rowH*vg.Length(i) - rowH/2
		dc.FillText(label, vg.Point{X: x0 - vg.Points(barTextGap+2), Y: mid}, b.Label)
		end := x0 + barMax*vg.Length(b.Pct)/100
		half := rowH * 0.32
		if b.Pct > 0 {
			fillRect(dc, colorAccord, vg.Rectangle{Min: vg.Point{X: x0, Y: mid - half}, Max: vg.Point{X: end, Y: mid + half}})
		}
		dc.FillText(value, vg.Point{X: end + vg.Points(barTextGap), Y: mid}, pctText(b.Pct))
	}
	dc.StrokeLine2(draw.LineStyle{Color: colorRule.color(), Width: vg.Points(0.6)}, x0, dc.Min.Y, x0, dc.Max.Y)
}

// drawStacks draws one stacked column per NPA theme, the levels bottom up
// in the order of coverageLevels, each part labelled with its share; the
// theme's name goes under its column and the legend under all.
func drawStacks(dc draw.Canvas, hdl text.Handler, stacks []stack) {
	if len(stacks) == 0 {
		return
	}
	const legendH, nameH = 16, 16 // points
	w := dc.Max.X - dc.Min.X
	bottom := dc.Min.Y + vg.Points(legendH+nameH)
	top := dc.Max.Y - vg.Points(2)
	slot := w / vg.Length(len(stacks))
	colW := min(vg.Points(90), slot*0.5)
	name := textStyle(hdl, 9, colorText.color())
	name.XAlign, name.YAlign = draw.XCenter, draw.YTop
	for i, s := range stacks {
		cx := dc.Min.X + slot*vg.Length(i) + slot/2
		x0, x1 := cx-colW/2, cx+colW/2
		y := bottom
		for j, part := range s.Parts {
			lv := coverageLevels[j]
			hgt := (top - bottom) * vg.Length(part) / 100
			if part > 0 {
				fillRect(dc, lv.Color, vg.Rectangle{Min: vg.Point{X: x0, Y: y}, Max: vg.Point{X: x1, Y: y + hgt}})
				lbl := textStyle(hdl, barLabelSize, colorText.color())
				lbl.YAlign = draw.YCenter
				at := vg.Point{X: cx, Y: y + hgt/2}
				switch {
				case hgt < vg.Points(11): // too low to hold its share: beside it
					lbl.XAlign = draw.XLeft
					at.X = x1 + vg.Points(barTextGap)
				case !lv.Light:
					lbl.Color = colorWhite.color()
					lbl.XAlign = draw.XCenter
				default:
					lbl.XAlign = draw.XCenter
				}
				dc.FillText(lbl, at, pctText(part))
			}
			y += hgt
		}
		dc.FillText(name, vg.Point{X: cx, Y: bottom - vg.Points(4)}, s.Label)
	}
	// The legend, one line under the columns.
	legend := textStyle(hdl, barLabelSize, colorText.color())
	legend.YAlign = draw.YCenter
	x := dc.Min.X + slot/2 - colW/2
	mid := dc.Min.Y + vg.Points(legendH)/2
	for _, lv := range coverageLevels {
		fillRect(dc, lv.Color, vg.Rectangle{Min: vg.Point{X: x, Y: mid - vg.Points(4)}, Max: vg.Point{X: x + vg.Points(8), Y: mid + vg.Points(4)}})
		if lv.Light {
			dc.SetLineStyle(draw.LineStyle{Color: colorRule.color(), Width: vg.Points(0.5)})
			dc.Stroke(rectPath(vg.Rectangle{Min: vg.Point{X: x, Y: mid - vg.Points(4)}, Max: vg.Point{X: x + vg.Points(8), Y: mid + vg.Points(4)}}))
		}
		dc.FillText(legend, vg.Point{X: x + vg.Points(12), Y: mid}, lv.Word)
		x += vg.Points(12+20) + legend.Width(lv.Word)
	}
}

const colorWhite rgb = 0xFFFFFF

func rectPath(r vg.Rectangle) vg.Path {
	var p vg.Path
	p.Move(r.Min)
	p.Line(vg.Point{X: r.Max.X, Y: r.Min.Y})
	p.Line(r.Max)
	p.Line(vg.Point{X: r.Min.X, Y: r.Max.Y})
	p.Close()
	return p
}

func fillRect(dc draw.Canvas, c rgb, r vg.Rectangle) {
	dc.SetColor(c.color())
	dc.Fill(rectPath(r))
}

// svgOf draws fn on an SVG canvas of w by h points.
func svgOf(w, h float64, fn func(draw.Canvas)) ([]byte, error) {
	c := vgsvg.NewWith(vgsvg.UseWH(vg.Points(w), vg.Points(h)))
	fn(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// NationalFigureSVG draws a figure of the national factsheet as SVG, w by
// h points, with the same code as the PDF: "figuur_1" (the status map),
// "figuur_2" (sectors) or "figuur_3" (NPA themes).
func NationalFigureSVG(r NationalReport, id string, w, h float64) ([]byte, error) {
	hdl, err := textHandler()
	if err != nil {
		return nil, err
	}
	switch id {
	case "figuur_1":
		return StatusMapSVG(r.Division, r.Status, w, h)
	case "figuur_2":
		bars := sectorBars(r.section("sectoren"))
		return svgOf(w, h, func(dc draw.Canvas) { drawShareBars(dc, hdl, bars) })
	case "figuur_3":
		stacks := npaStacks(r.section("npa_themas"))
		return svgOf(w, h, func(dc draw.Canvas) { drawStacks(dc, hdl, stacks) })
	}
	return nil, fmt.Errorf("%w: no national figure %q", ErrInvalidReport, id)
}
