package reports

import (
	"bytes"
	"slices"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// placedItem is a legend item with its offset from the left of its line.
type placedItem struct {
	item legendItem
	x    vg.Length
}

// layoutLegend breaks each row of legend items into lines no wider than
// width and returns the lines and the height they take.
func layoutLegend(rows [][]legendItem, width vg.Length, sty text.Style) (lines [][]placedItem, height vg.Length) {
	for _, row := range rows {
		var line []placedItem
		x := vg.Length(0)
		for _, it := range row {
			w := vg.Points(legendSwatch+legendGap) + sty.Width(it.Label)
			if len(line) > 0 && x+w > width {
				lines = append(lines, line)
				line, x = nil, 0
			}
			line = append(line, placedItem{item: it, x: x})
			x += w + vg.Points(legendItemGap)
		}
		if len(line) > 0 {
			lines = append(lines, line)
		}
	}
	return lines, vg.Points(legendRowHeight) * vg.Length(len(lines))
}

// drawChart draws a chart model as vector graphics into the rectangle
// (x, y, w, h) of the current page, in fpdf units with (x, y) the top-left
// corner.
func drawChart(pdf *fpdf.Fpdf, x, y, w, h float64, m chartModel, hdl text.Handler) error {
	c := newPDFCanvas(pdf, x, y, w, h)
	m.draw(draw.New(c), hdl)
	return c.close()
}

// ThemeSVG draws the trend chart of a theme as SVG, w by h points: the
// same chart code and values as the PDF's, for the dashboard.
func ThemeSVG(t Theme, labels map[string]string, areas map[string]string, w, h float64) ([]byte, error) {
	hdl, err := textHandler()
	if err != nil {
		return nil, err
	}
	var editions []int
	for _, s := range t.Series {
		for _, p := range s.Points {
			editions = append(editions, p.Period)
		}
	}
	slices.Sort(editions)
	m := buildChart(t, slices.Compact(editions), chartLabels{Indicator: labels, Area: areas})
	c := vgsvg.NewWith(vgsvg.UseWH(vg.Points(w), vg.Points(h)))
	m.draw(draw.New(c), hdl)
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// draw draws the chart into dc: the unit label, the plot, and below it
// the legends.
func (m chartModel) draw(dc draw.Canvas, hdl text.Handler) {
	legendStyle := textStyle(hdl, chartLegendFont, colorText.color())
	lines, legendH := layoutLegend([][]legendItem{m.Areas, m.Indicators}, dc.Max.X-dc.Min.X, legendStyle)

	// The unit above the y tick labels.
	unitStyle := textStyle(hdl, chartTickFont, colorMuted.color())
	unitStyle.YAlign = draw.YTop
	dc.FillText(unitStyle, vg.Point{X: dc.Min.X, Y: dc.Max.Y}, m.Unit)

	plotArea := draw.Crop(dc, 0, 0, legendH+vg.Points(legendTopGap), -vg.Points(unitLabelHeight))
	newPlot(m, hdl).Draw(plotArea)

	// Legends, from the top of the legend band down.
	top := dc.Min.Y + legendH
	for i, line := range lines {
		rowTop := top - vg.Points(legendRowHeight)*vg.Length(i)
		mid := rowTop - vg.Points(legendRowHeight)/2
		for _, pi := range line {
			x0 := dc.Min.X + pi.x
			sample := draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
				Min: vg.Point{X: x0, Y: mid - 3},
				Max: vg.Point{X: x0 + vg.Points(legendSwatch), Y: mid + 3},
			}}
			(&plotter.Line{LineStyle: pi.item.Line}).Thumbnail(&sample)
			if pi.item.Glyph.Shape != nil {
				sample.DrawGlyph(pi.item.Glyph, sample.Center())
			}
			labelStyle := legendStyle
			labelStyle.YAlign = draw.YCenter
			dc.FillText(labelStyle, vg.Point{X: x0 + vg.Points(legendSwatch+legendGap), Y: mid}, pi.item.Label)
		}
	}
}
