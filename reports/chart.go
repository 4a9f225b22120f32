package reports

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"lpa/indicators"
)

// Areas of a series, in the order the legend lists them.
const (
	areaAccord = "accord"
	areaGGD    = "ggd"
	areaNL     = "nl"
)

func areaRank(area string) int {
	switch area {
	case areaAccord:
		return 0
	case areaGGD:
		return 1
	case areaNL:
		return 2
	default:
		return 3
	}
}

// areaColor is the line colour of an area: RIVM dark blue for the accord,
// orange for the GGD region, grey for the Netherlands.
func areaColor(area string) color.Color {
	switch area {
	case areaAccord:
		return colorAccord.color()
	case areaGGD:
		return colorGGD.color()
	case areaNL:
		return colorNL.color()
	default:
		return colorText.color()
	}
}

// indicatorLook is how the i-th indicator of a theme is told apart from the
// others: a dash pattern and a marker shape.
func indicatorLook(i int) (dashes []vg.Length, shape draw.GlyphDrawer) {
	switch i % 4 {
	case 0:
		return nil, draw.CircleGlyph{}
	case 1:
		return []vg.Length{vg.Points(5), vg.Points(2.5)}, draw.BoxGlyph{}
	case 2:
		return []vg.Length{vg.Points(1.5), vg.Points(2)}, draw.PyramidGlyph{}
	default:
		return []vg.Length{vg.Points(7), vg.Points(2.5), vg.Points(1.5), vg.Points(2.5)}, draw.RingGlyph{}
	}
}

// Chart dimensions, in points.
const (
	chartLineWidth   = 1.6
	chartGlyphRadius = 2.6
	chartTickFont    = 8.5
	chartLegendFont  = 8.5
	legendSwatch     = 24 // width of a legend line sample
	legendGap        = 5  // between a sample and its label
	legendItemGap    = 14 // between legend items
	legendRowHeight  = 13
	legendTopGap     = 10 // between the x axis labels and the legend
	unitLabelHeight  = 13 // room above the plot for the "%" label
)

// chartModel is everything one theme chart shows, before it is drawn. Tests
// assert on it rather than on pixels.
type chartModel struct {
	Title      string
	Unit       string  // y-axis unit, shown above the axis
	Editions   []int   // x ticks
	XMin, XMax float64 // x range, padded around the editions
	YMin, YMax float64 // the y range: fitted to the data, so that accord, GGD and NL can be told apart
	YStep      float64 // distance between y ticks
	Series     []chartSeries
	Areas      []legendItem // colour legend
	Indicators []legendItem // dash and marker legend
	Gaps       []string     // Dutch notes on the editions a series has no point for
}

// chartSeries is one indicator for one area. Only measured values are
// points; a missing, suppressed or incomplete edition splits the line, so
// Segments holds the runs of consecutive editions that are measured.
type chartSeries struct {
	Indicator string
	Area      string
	Label     string
	Points    plotter.XYs   // every measured edition
	Segments  []plotter.XYs // runs of two or more consecutive measured editions
	Line      draw.LineStyle
	Glyph     draw.GlyphStyle
}

// legendItem is one entry of a legend: a line sample, an optional marker
// and a label.
type legendItem struct {
	Label string
	Line  draw.LineStyle
	Glyph draw.GlyphStyle // no marker when Shape is nil
}

// chartLabels names indicators and areas for the legends.
type chartLabels struct {
	Indicator map[string]string // catalogue key -> Dutch label
	Area      map[string]string // area -> label when a series has none
}

// buildChart turns a theme into a chart model. editions are the report's
// edition years, shared by all charts so their x axes line up.
func buildChart(t Theme, editions []int, labels chartLabels) chartModel {
	m := chartModel{Title: t.Title, Unit: "%", Editions: editions}
	if len(editions) > 0 {
		first, last := float64(editions[0]), float64(editions[len(editions)-1])
		pad := max(1, (last-first)*0.1)
		m.XMin, m.XMax = first-pad, last+pad
	}

	// Indicators in order of first appearance; areas in legend order.
	var order []string
	areaLabel := map[string]string{}
	for _, s := range t.Series {
		if !slices.Contains(order, s.Indicator) {
			order = append(order, s.Indicator)
		}
		if _, ok := areaLabel[s.Area]; !ok || areaLabel[s.Area] == "" {
			areaLabel[s.Area] = s.Label
		}
	}
	series := slices.Clone(t.Series)
	slices.SortStableFunc(series, func(a, b indicators.Series) int {
		return cmp.Or(
			cmp.Compare(slices.Index(order, a.Indicator), slices.Index(order, b.Indicator)),
			cmp.Compare(areaRank(a.Area), areaRank(b.Area)),
		)
	})

	yMin, yMax := math.Inf(1), math.Inf(-1)
	for _, s := range series {
		dashes, shape := indicatorLook(slices.Index(order, s.Indicator))
		cs := chartSeries{
			Indicator: s.Indicator,
			Area:      s.Area,
			Label:     cmp.Or(s.Label, labels.Area[s.Area], s.Area),
			Line: draw.LineStyle{
				Color:  areaColor(s.Area),
				Width:  vg.Points(chartLineWidth),
				Dashes: dashes,
			},
			Glyph: draw.GlyphStyle{
				Color:  areaColor(s.Area),
				Radius: vg.Points(chartGlyphRadius),
				Shape:  shape,
			},
		}
		cs.Points, cs.Segments = measuredRuns(s.Points, editions)
		for _, p := range cs.Points {
			yMin, yMax = min(yMin, p.Y), max(yMax, p.Y)
		}
		m.Series = append(m.Series, cs)
	}
	m.YStep, m.YMin, m.YMax = yScale(yMin, yMax)
	m.Gaps = gapNotes(t.Series, editions, labels, areaLabel)

	areas := make([]string, 0, len(areaLabel))
	for a := range areaLabel {
		areas = append(areas, a)
	}
	slices.SortFunc(areas, func(a, b string) int {
		return cmp.Or(cmp.Compare(areaRank(a), areaRank(b)), cmp.Compare(a, b))
	})
	for _, a := range areas {
		m.Areas = append(m.Areas, legendItem{
			Label: cmp.Or(areaLabel[a], labels.Area[a], a),
			Line:  draw.LineStyle{Color: areaColor(a), Width: vg.Points(2.2)},
		})
	}
	for i, ind := range order {
		dashes, shape := indicatorLook(i)
		m.Indicators = append(m.Indicators, legendItem{
			Label: cmp.Or(labels.Indicator[ind], ind),
			Line:  draw.LineStyle{Color: colorText.color(), Width: vg.Points(1.2), Dashes: dashes},
			Glyph: draw.GlyphStyle{Color: colorText.color(), Radius: vg.Points(chartGlyphRadius), Shape: shape},
		})
	}
	return m
}

// gapNotes lists why points are missing: editions without any value in the
// theme first ("geen gegevens over 2012"), then each missing point of a
// series with its reason.
func gapNotes(series []indicators.Series, editions []int, labels chartLabels, areaLabel map[string]string) []string {
	if len(series) == 0 {
		return nil
	}
	type key struct {
		ind, area string
		period    int
	}
	values := map[key]indicators.Value{}
	for _, s := range series {
		for _, p := range s.Points {
			values[key{s.Indicator, s.Area, p.Period}] = p.Value
		}
	}
	var empty []string
	var notes []string
	for _, e := range editions {
		found := false
		for _, s := range series {
			if v, ok := values[key{s.Indicator, s.Area, e}]; ok && v.OK() {
				found = true
				break
			}
		}
		if !found {
			empty = append(empty, strconv.Itoa(e))
		}
	}
	if len(empty) > 0 {
		notes = append(notes, "geen gegevens over "+joinDutch(empty))
	}
	for _, s := range series {
		for _, e := range editions {
			if slices.Contains(empty, strconv.Itoa(e)) {
				continue
			}
			v, ok := values[key{s.Indicator, s.Area, e}]
			if ok && v.OK() {
				continue
			}
			reason := "niet gemeten"
			if ok && (v.Status == indicators.Suppressed || v.Status == indicators.Incomplete) {
				reason = FormatPercent(v)
			}
			notes = append(notes, fmt.Sprintf("%s, %s %d: %s",
				cmp.Or(labels.Indicator[s.Indicator], s.Indicator),
				cmp.Or(areaLabel[s.Area], labels.Area[s.Area], s.Area), e, reason))
		}
	}
	return notes
}

// measuredRuns returns the measured points of a series and its runs of
// measured values in consecutive editions. A point that is absent, not
// measured or not finite ends a run, so the chart shows a gap rather than a
// zero or an interpolation.
func measuredRuns(points []indicators.Point, editions []int) (all plotter.XYs, runs []plotter.XYs) {
	byPeriod := make(map[int]indicators.Value, len(points))
	for _, p := range points {
		byPeriod[p.Period] = p.Value
	}
	var run plotter.XYs
	flush := func() {
		if len(run) >= 2 {
			runs = append(runs, run)
		}
		run = nil
	}
	for _, e := range editions {
		v, ok := byPeriod[e]
		if !ok || !v.OK() || math.IsNaN(v.V) || math.IsInf(v.V, 0) {
			flush()
			continue
		}
		xy := plotter.XY{X: float64(e), Y: v.V}
		all = append(all, xy)
		run = append(run, xy)
	}
	flush()
	return all, runs
}

// yScale fits the y axis to the data: about five intervals, a little room
// below the lowest and above the highest point, and a span of at least a
// fifth of the highest value, so that a difference of tenths of a percent
// does not fill the chart. The axis starts at zero only when the data come
// near it; it never goes below zero for data that do not.
func yScale(dataMin, dataMax float64) (step, bottom, top float64) {
	if math.IsInf(dataMin, 0) || math.IsInf(dataMax, 0) || math.IsNaN(dataMin) || math.IsNaN(dataMax) {
		return 0.2, 0, 1.2 // no data: a small empty axis, never a zero range
	}
	lo, hi := dataMin, dataMax
	if minSpan := 0.2 * max(math.Abs(dataMax), math.Abs(dataMin), 1); hi-lo < minSpan {
		mid := (lo + hi) / 2
		lo, hi = mid-minSpan/2, mid+minSpan/2
	}
	pad := 0.08 * (hi - lo)
	lo, hi = lo-pad, hi+pad
	if dataMin >= 0 {
		lo = max(lo, 0)
	}
	step = niceStep((hi - lo) / 6)
	bottom = math.Floor(lo/step) * step
	top = math.Ceil(hi/step) * step
	return step, bottom, top
}

// niceStep rounds raw up to 1, 2, 2.5 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, f := range []float64{1, 2, 2.5, 5} {
		if raw <= f*mag*(1+1e-9) {
			return f * mag
		}
	}
	return 10 * mag
}

// editionTicks puts a labelled tick at each edition year and nowhere else.
type editionTicks []int

var _ plot.Ticker = editionTicks(nil)

// Ticks implements plot.Ticker.
func (e editionTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for _, y := range e {
		if v := float64(y); v >= lo && v <= hi {
			ticks = append(ticks, plot.Tick{Value: v, Label: strconv.Itoa(y)})
		}
	}
	return ticks
}

// decimalTicks puts labelled ticks at multiples of Step, written with a
// decimal comma and as many decimals as the step needs.
type decimalTicks struct{ Step float64 }

var _ plot.Ticker = decimalTicks{}

// Ticks implements plot.Ticker.
func (d decimalTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(d.Step > 0) || hi < lo {
		return nil
	}
	dec := decimalsOf(d.Step)
	var ticks []plot.Tick
	for i := math.Ceil(lo/d.Step - 1e-9); i*d.Step <= hi+d.Step*1e-9; i++ {
		v := i * d.Step
		ticks = append(ticks, plot.Tick{Value: v, Label: FormatNumber(v, dec)})
	}
	return ticks
}

// decimalsOf returns how many decimals show step exactly (at most 4).
func decimalsOf(step float64) int {
	for d := range 4 {
		scaled := step * math.Pow(10, float64(d))
		if math.Abs(scaled-math.Round(scaled)) < 1e-6 {
			return d
		}
	}
	return 4
}

// textStyle is a left-aligned Liberation Sans text style for the charts.
func textStyle(h text.Handler, size float64, c color.Color) text.Style {
	return text.Style{
		Color:   c,
		Font:    font.From(sansFont, vg.Points(size)),
		XAlign:  draw.XLeft,
		YAlign:  draw.YBottom,
		Handler: h,
	}
}

// newPlot builds the gonum plot of a chart model: axes, grid, one line per
// run and the markers. The legends and the unit label are drawn by
// drawChart.
func newPlot(m chartModel, h text.Handler) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil
	p.TextHandler = h

	tick := func(a *plot.Axis) {
		a.Tick.Label.Font = font.From(sansFont, vg.Points(chartTickFont))
		a.Tick.Label.Color = colorText.color()
		a.Tick.Label.Handler = h
		a.Label.TextStyle.Handler = h
		a.Label.TextStyle.Font = font.From(sansFont, vg.Points(chartTickFont))
	}
	tick(&p.X)
	tick(&p.Y)

	p.X.Min, p.X.Max = m.XMin, m.XMax
	p.X.Tick.Marker = editionTicks(m.Editions)
	p.X.LineStyle = draw.LineStyle{Color: colorRule.color(), Width: vg.Points(0.8)}
	p.X.Tick.LineStyle = p.X.LineStyle
	p.X.Tick.Length = vg.Points(3)
	p.X.Padding = 0

	p.Y.Min, p.Y.Max = m.YMin, m.YMax
	p.Y.Tick.Marker = decimalTicks{Step: m.YStep}
	p.Y.LineStyle.Width = 0
	p.Y.Tick.LineStyle.Width = 0
	p.Y.Tick.Length = 0
	p.Y.Padding = vg.Points(2)

	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal = draw.LineStyle{Color: colorGrid.color(), Width: vg.Points(0.5)}
	p.Add(grid)

	// Netherlands first, the accord last: the accord line stays on top.
	series := slices.Clone(m.Series)
	slices.SortStableFunc(series, func(a, b chartSeries) int {
		return cmp.Compare(areaRank(b.Area), areaRank(a.Area))
	})
	for _, s := range series {
		for _, run := range s.Segments {
			p.Add(&plotter.Line{XYs: run, LineStyle: s.Line})
		}
		if len(s.Points) > 0 {
			p.Add(&plotter.Scatter{XYs: s.Points, GlyphStyle: s.Glyph})
		}
	}
	return p
}

// ReportThemeSVG draws the i-th trend chart of a report as SVG, w by h
// points, with the report's labels and editions: the dashboard's copy of
// the PDF's chart.
func ReportThemeSVG(r Report, i int, w, h float64) ([]byte, error) {
	if i < 0 || i >= len(r.Themes) {
		return nil, fmt.Errorf("theme %d of %d", i, len(r.Themes))
	}
	l := labelsOf(r)
	return ThemeSVG(r.Themes[i], l.Indicator, l.Area, w, h)
}
