package reports

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"lpa/reports/geo"
)

// TestNationalStatusMap: the map of the 2020 division draws its 355
// gemeenten; a status for each leaves none grey, and a code the
// boundaries lack is counted as missing.
func TestNationalStatusMap(t *testing.T) {
	status := map[string]string{}
	for i, a := range geo.GemeentenOf(2020).Areas {
		status[a.Code] = StatusKeys[i%len(StatusKeys)].Key
	}
	c := vgsvg.NewWith(vgsvg.UseWH(vg.Points(300), vg.Points(360)))
	drawn, missing, unknown := drawStatusMap(draw.New(c), 2020, status)
	if drawn != 355 || missing != 0 || unknown != 0 {
		t.Errorf("drawn %d, missing %d, unknown %d; want 355, 0, 0", drawn, missing, unknown)
	}
	status["GM9999"] = "gesloten"
	delete(status, geo.GemeentenOf(2020).Areas[0].Code)
	if _, missing, unknown := drawStatusMap(draw.New(c), 2020, status); missing != 1 || unknown != 1 {
		t.Errorf("missing %d, unknown %d; want 1, 1", missing, unknown)
	}
}

// TestNationalFigureSVG: Figures 2 and 3 draw as SVG with the PDF's code.
func TestNationalFigureSVG(t *testing.T) {
	pct := func(p int) *int { return &p }
	r := NationalReport{Figures: []NationalFigure{
		{Section: "sectoren", Item: "zorg", Count: pct(14), Base: pct(14), Pct: pct(100)},
		{Section: "npa_themas", Item: "roken", Detail: "uitgebreid", Pct: pct(57)},
		{Section: "npa_themas", Item: "roken", Detail: "deels", Pct: pct(22)},
		{Section: "npa_themas", Item: "roken", Detail: "niet", Pct: pct(21)},
	}}
	for id, want := range map[string]string{"figuur_2": "Zorg", "figuur_3": "Komt deels terug"} {
		svg, err := NationalFigureSVG(r, id, 400, 200)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("%s lacks %q", id, want)
		}
	}
	if _, err := NationalFigureSVG(r, "figuur_9", 10, 10); !errors.Is(err, ErrInvalidReport) {
		t.Errorf("unknown figure: %v", err)
	}
	var buf bytes.Buffer
	if _, err := RenderNational(&buf, NationalReport{}); !errors.Is(err, ErrInvalidReport) {
		t.Errorf("no round: %v", err)
	}
}

// TestNationalFingerprint: the fingerprint stands in every page's header
// and in the PDF's metadata, and the same report gives the same bytes.
func TestNationalFingerprint(t *testing.T) {
	round := time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC)
	r := NationalReport{Round: round, Generated: round, Fingerprint: "f1e2d3c4", Division: 2020}
	var a, b bytes.Buffer
	if _, err := RenderNational(&a, r); err != nil {
		t.Fatal(err)
	}
	if _, err := RenderNational(&b, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("rendering twice gave different bytes")
	}
	if !bytes.Contains(a.Bytes(), []byte("f1e2d3c4")) {
		t.Error("the metadata lacks the fingerprint")
	}
	for i, p := range pages(pdfToText(t, a.Bytes())) {
		if !strings.Contains(p, "Ronde 1 november 2020 · gegevens f1e2d3c4") {
			t.Errorf("page %d lacks the round and fingerprint", i+1)
		}
	}
}
