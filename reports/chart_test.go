package reports

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"lpa/indicators"
)

func tickLabels(ts []plot.Tick) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Label)
	}
	return out
}

func TestEditionTicks(t *testing.T) {
	ticks := editionTicks{2012, 2016, 2020}
	got := ticks.Ticks(2011, 2021)
	want := []plot.Tick{{Value: 2012, Label: "2012"}, {Value: 2016, Label: "2016"}, {Value: 2020, Label: "2020"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Ticks(2011, 2021) mismatch (-want +got):\n%s", diff)
	}
	if got := tickLabels(ticks.Ticks(2013, 2021)); !slices.Equal(got, []string{"2016", "2020"}) {
		t.Errorf("Ticks(2013, 2021) = %q, want only the editions in range", got)
	}
}

func TestDecimalTicks(t *testing.T) {
	tests := []struct {
		step, lo, hi float64
		want         []string
	}{
		{10, 0, 60, []string{"0", "10", "20", "30", "40", "50", "60"}},
		{2.5, 0, 12.5, []string{"0,0", "2,5", "5,0", "7,5", "10,0", "12,5"}},
		{0.25, 0, 1, []string{"0,00", "0,25", "0,50", "0,75", "1,00"}},
		{2000, 0, 6000, []string{"0", "2.000", "4.000", "6.000"}},
		{5, 3, 16, []string{"5", "10", "15"}},
	}
	for _, tc := range tests {
		got := tickLabels(decimalTicks{Step: tc.step}.Ticks(tc.lo, tc.hi))
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("decimalTicks{%v}.Ticks(%v, %v) mismatch (-want +got):\n%s", tc.step, tc.lo, tc.hi, diff)
		}
	}
	if got := (decimalTicks{}).Ticks(0, 10); got != nil {
		t.Errorf("zero step gave ticks %v", got)
	}
}

func TestYScale(t *testing.T) {
	tests := []struct{ min, max, step, bottom, top float64 }{
		{47.0, 52.8, 2.5, 42.5, 57.5},            // overweight: accord, GGD and NL a few points apart
		{15.0, 17.9, 1, 14, 19},                  // smokers: the axis spans at least a fifth of the top
		{2.0, 52.8, 10, 0, 60},                   // data near zero: the axis starts at zero
		{10.8, 10.8, 0.5, 9.5, 12.5},             // one value
		{-4, 3, 2, -6, 4},                        // differences may be negative
		{math.Inf(1), math.Inf(-1), 0.2, 0, 1.2}, // no data: a small empty axis
	}
	for _, tc := range tests {
		step, bottom, top := yScale(tc.min, tc.max)
		if math.Abs(step-tc.step) > 1e-9 || math.Abs(bottom-tc.bottom) > 1e-9 || math.Abs(top-tc.top) > 1e-9 {
			t.Errorf("yScale(%v, %v) = %v, %v, %v; want %v, %v, %v", tc.min, tc.max, step, bottom, top, tc.step, tc.bottom, tc.top)
		}
		if !math.IsInf(tc.max, 0) && (top <= tc.max || bottom > tc.min) {
			t.Errorf("yScale(%v, %v): [%v, %v] does not hold the data", tc.min, tc.max, bottom, top)
		}
	}
}

func TestMeasuredRunsGaps(t *testing.T) {
	editions := []int{2012, 2016, 2020, 2024}
	pt := func(e int, v indicators.Value) indicators.Point { return indicators.Point{Period: e, Value: v} }
	tests := []struct {
		name     string
		points   []indicators.Point
		wantAll  plotter.XYs
		wantRuns []plotter.XYs
	}{
		{
			name:     "all measured: one run",
			points:   []indicators.Point{pt(2012, measured(1)), pt(2016, measured(2)), pt(2020, measured(3)), pt(2024, measured(4))},
			wantAll:  plotter.XYs{{X: 2012, Y: 1}, {X: 2016, Y: 2}, {X: 2020, Y: 3}, {X: 2024, Y: 4}},
			wantRuns: []plotter.XYs{{{X: 2012, Y: 1}, {X: 2016, Y: 2}, {X: 2020, Y: 3}, {X: 2024, Y: 4}}},
		},
		{
			name:     "missing first edition",
			points:   []indicators.Point{pt(2016, measured(2)), pt(2020, measured(3))},
			wantAll:  plotter.XYs{{X: 2016, Y: 2}, {X: 2020, Y: 3}},
			wantRuns: []plotter.XYs{{{X: 2016, Y: 2}, {X: 2020, Y: 3}}},
		},
		{
			name:    "suppressed in the middle: no line bridges it, no zero",
			points:  []indicators.Point{pt(2012, measured(1)), pt(2016, suppressed(99)), pt(2020, measured(3))},
			wantAll: plotter.XYs{{X: 2012, Y: 1}, {X: 2020, Y: 3}},
		},
		{
			name:     "absent edition splits runs",
			points:   []indicators.Point{pt(2012, measured(1)), pt(2016, measured(2)), pt(2024, measured(4))},
			wantAll:  plotter.XYs{{X: 2012, Y: 1}, {X: 2016, Y: 2}, {X: 2024, Y: 4}},
			wantRuns: []plotter.XYs{{{X: 2012, Y: 1}, {X: 2016, Y: 2}}},
		},
		{
			name:    "incomplete and NaN are gaps",
			points:  []indicators.Point{pt(2012, incomplete(5)), pt(2016, measured(math.NaN())), pt(2020, measured(3))},
			wantAll: plotter.XYs{{X: 2020, Y: 3}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			all, runs := measuredRuns(tc.points, editions)
			if diff := cmp.Diff(tc.wantAll, all); diff != "" {
				t.Errorf("points mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantRuns, runs); diff != "" {
				t.Errorf("runs mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// findSeries returns the chart series of one indicator and area.
func findSeries(t *testing.T, c chartModel, ind, area string) chartSeries {
	t.Helper()
	for _, s := range c.Series {
		if s.Indicator == ind && s.Area == area {
			return s
		}
	}
	t.Fatalf("no series %s/%s in chart %q", ind, area, c.Title)
	return chartSeries{}
}

func TestBuildChartFixture(t *testing.T) {
	r := achterhoek()
	eds := editions(r)
	if want := []int{2012, 2016, 2020}; !slices.Equal(eds, want) {
		t.Fatalf("editions = %v, want %v", eds, want)
	}
	labels := labelsOf(r)
	charts := map[string]chartModel{}
	for _, th := range r.Themes {
		charts[th.Key] = buildChart(th, eds, labels)
	}

	roken := charts["roken"]
	if roken.Title != "Roken" || roken.Unit != "%" {
		t.Errorf("roken title/unit = %q/%q", roken.Title, roken.Unit)
	}
	if roken.XMin >= 2012 || roken.XMax <= 2020 {
		t.Errorf("x range [%v, %v] does not pad the editions", roken.XMin, roken.XMax)
	}
	if got := tickLabels(editionTicks(roken.Editions).Ticks(roken.XMin, roken.XMax)); !slices.Equal(got, []string{"2012", "2016", "2020"}) {
		t.Errorf("x tick labels = %q", got)
	}
	if got, want := legendLabels(roken.Areas), []string{"Achterhoek", "GGD Noord- en Oost-Gelderland", "Nederland"}; !slices.Equal(got, want) {
		t.Errorf("area legend = %q, want %q", got, want)
	}
	acc := findSeries(t, roken, "roker", "accord")
	if got := acc.Line.Color; got != colorAccord.color() {
		t.Errorf("accord colour = %v", got)
	}
	if got := findSeries(t, roken, "roker", "ggd").Line.Color; got != colorGGD.color() {
		t.Errorf("ggd colour = %v", got)
	}
	if got := findSeries(t, roken, "roker", "nl").Line.Color; got != colorNL.color() {
		t.Errorf("nl colour = %v", got)
	}

	// Indicators of one theme differ in dash pattern and marker shape.
	og := charts["overgewicht"]
	a, b := findSeries(t, og, "overgewicht", "accord"), findSeries(t, og, "ernstig_overgewicht", "accord")
	if cmp.Equal(a.Line.Dashes, b.Line.Dashes) || a.Glyph.Shape == b.Glyph.Shape {
		t.Errorf("overgewicht and ernstig_overgewicht look alike: %v/%T and %v/%T", a.Line.Dashes, a.Glyph.Shape, b.Line.Dashes, b.Glyph.Shape)
	}
	if got, want := legendLabels(og.Indicators), []string{"Overgewicht", "Ernstig overgewicht (obesitas)"}; !slices.Equal(got, want) {
		t.Errorf("indicator legend = %q, want %q", got, want)
	}

	// The incomplete 2020 accord value and the suppressed GGD value are gaps.
	alc := charts["alcohol"]
	zw := findSeries(t, alc, "zware_drinker", "accord")
	if diff := cmp.Diff(plotter.XYs{{X: 2012, Y: 10.8}, {X: 2016, Y: 9.9}}, zw.Points); diff != "" {
		t.Errorf("zware_drinker accord points (-want +got):\n%s", diff)
	}
	om := findSeries(t, alc, "overmatige_drinker", "ggd")
	for _, p := range om.Points {
		if p.X == 2020 || p.Y == hiddenSuppressed || p.Y == 0 {
			t.Errorf("suppressed GGD 2020 value plotted: %v", p)
		}
	}
	if alc.YMax < 10.8 || alc.YMax >= hiddenIncomplete {
		t.Errorf("alcohol y max %v: hidden values must not stretch the axis", alc.YMax)
	}
	wantGaps := []string{
		"Zware drinker, Achterhoek 2020: onvolledig",
		"Overmatige drinker, GGD Noord- en Oost-Gelderland 2020: onderdrukt",
	}
	if diff := cmp.Diff(wantGaps, alc.Gaps); diff != "" {
		t.Errorf("alcohol gap notes (-want +got):\n%s", diff)
	}

	// Bewegen has no 2012 edition: no point there, the tick stays.
	bw := charts["bewegen"]
	for _, s := range bw.Series {
		for _, p := range s.Points {
			if p.X == 2012 {
				t.Errorf("%s/%s has a 2012 point", s.Indicator, s.Area)
			}
		}
		if len(s.Segments) != 1 || len(s.Segments[0]) != 2 || s.Segments[0][0].X != 2016 {
			t.Errorf("%s/%s segments = %v, want one 2016–2020 run", s.Indicator, s.Area, s.Segments)
		}
	}
	if diff := cmp.Diff([]string{"geen gegevens over 2012"}, bw.Gaps); diff != "" {
		t.Errorf("bewegen gap notes (-want +got):\n%s", diff)
	}
}

func legendLabels(items []legendItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Label)
	}
	return out
}

func TestNewPlotAxes(t *testing.T) {
	r := achterhoek()
	hdl, err := textHandler()
	if err != nil {
		t.Fatal(err)
	}
	c := buildChart(r.Themes[2], editions(r), labelsOf(r)) // alcohol
	p := newPlot(c, hdl)
	if p.Y.Min != c.YMin || p.Y.Max != c.YMax || c.YMin >= c.YMax {
		t.Errorf("y range [%v, %v], want [%v, %v]", p.Y.Min, p.Y.Max, c.YMin, c.YMax)
	}
	if got := tickLabels(p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max)); !slices.Equal(got, []string{"2012", "2016", "2020"}) {
		t.Errorf("x ticks = %q", got)
	}
	for _, l := range tickLabels(p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)) {
		for _, r := range l {
			if r == '.' {
				t.Errorf("y tick label %q uses a decimal point", l)
			}
		}
	}
	if got := p.X.Tick.Label.Font.Variant; got != "Sans" {
		t.Errorf("tick font variant %q, want Liberation Sans", got)
	}
}

// TestThemeSVG: the chart code that draws on the PDF page also writes SVG
// (the dashboard's), from the same values; compared with a golden.
func TestThemeSVG(t *testing.T) {
	r := achterhoek()
	b, err := ThemeSVG(r.Themes[0], labelsOf(r).Indicator, labelsOf(r).Area, 480, 260)
	if err != nil {
		t.Fatal(err)
	}
	golden := "testdata/theme_roken.svg"
	if *update {
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (regenerate with go test ./reports -update)", err)
	}
	if !bytes.Equal(want, b) {
		got := filepath.Join(t.TempDir(), "theme_roken.svg")
		os.WriteFile(got, b, 0o644)
		t.Errorf("SVG differs from %s; got written to %s", golden, got)
	}
	for _, w := range []string{"Achterhoek", "Roker", "2016"} {
		if !bytes.Contains(b, []byte(w)) {
			t.Errorf("SVG lacks %q", w)
		}
	}
}
