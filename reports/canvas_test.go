package reports

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// canvasDoc is an uncompressed one-page A4 document in millimetres with a
// canvas on the rectangle (20, 30, 100, 50).
func canvasDoc(t *testing.T) (*fpdf.Fpdf, *pdfCanvas) {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	pdf.AddUTF8FontFromBytes(pdfFamily, "", liberationsansregular.TTF)
	pdf.AddPage()
	return pdf, newPDFCanvas(pdf, 20, 30, 100, 50)
}

func output(t *testing.T, pdf *fpdf.Fpdf) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCanvasCoordinates(t *testing.T) {
	pdf, c := canvasDoc(t)
	if w, h := c.Size(); math.Abs(w.Points()-100*72/25.4) > 1e-9 || math.Abs(h.Points()-50*72/25.4) > 1e-9 {
		t.Errorf("Size() = %v, %v", w, h)
	}
	c.SetLineWidth(2)
	c.SetLineDash([]vg.Length{4, 2}, 0)
	c.SetColor(color.NRGBA{R: 0x15, G: 0x42, B: 0x73, A: 0xFF})
	var p vg.Path
	p.Move(vg.Point{X: 0, Y: 0})
	p.Line(vg.Point{X: 10, Y: 20})
	c.Stroke(p)
	c.Push()
	c.Translate(vg.Point{X: 5, Y: 7})
	c.Rotate(math.Pi / 2)
	c.Pop()
	if err := c.close(); err != nil {
		t.Fatal(err)
	}
	out := string(output(t, pdf))

	// The canvas origin is the rectangle's bottom-left corner in PDF space:
	// x = 20 mm, y = 297 − 30 − 50 mm (fpdf's A4 is 841.89 pt high), in
	// points.
	for _, want := range []string{
		"q\n1.00000 0.00000 0.00000 1.00000 56.69291 615.11835 cm",
		"2.00 w",
		"[4.00 2.00] 0.00 d",
		"0.082 0.259 0.451 RG",
		"0.00 0.00 m",
		"10.00 20.00 l",
		"1.00000 0.00000 0.00000 1.00000 5.00000 7.00000 cm",
		"0.00000 1.00000 -1.00000 0.00000 0.00000 0.00000 cm",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("content stream lacks %q", want)
		}
	}
	var saves, restores int
	for _, line := range strings.Split(out, "\n") {
		switch line {
		case "q":
			saves++
		case "Q":
			restores++
		}
	}
	if saves != restores || saves != 2 {
		t.Errorf("%d q against %d Q, want 2 each", saves, restores)
	}
}

func TestCanvasUnbalanced(t *testing.T) {
	_, c := canvasDoc(t)
	c.Pop()
	if err := c.close(); err == nil {
		t.Error("Pop without Push was not reported")
	}
	_, c = canvasDoc(t)
	c.Push()
	if err := c.close(); err == nil {
		t.Error("Push without Pop was not reported")
	}
}

func TestArcBeziers(t *testing.T) {
	center := vg.Point{X: 10, Y: 20}
	const r = 5
	for _, sweep := range []float64{math.Pi / 3, math.Pi, 2 * math.Pi, -3 * math.Pi / 2} {
		segs := arcBeziers(center, r, 0.25, sweep)
		if want := int(math.Ceil(math.Abs(sweep) / (math.Pi / 2))); len(segs) != want {
			t.Errorf("sweep %v: %d segments, want %d", sweep, len(segs), want)
		}
		end := segs[len(segs)-1][2]
		want := arcPoint(center, r, 0.25+sweep)
		if math.Hypot(float64(end.X-want.X), float64(end.Y-want.Y)) > 1e-9 {
			t.Errorf("sweep %v ends at %v, want %v", sweep, end, want)
		}
		// The midpoint of every segment lies on the circle, within 0.1 %.
		prev := arcPoint(center, r, 0.25)
		for _, s := range segs {
			mid := vg.Point{
				X: (prev.X + 3*s[0].X + 3*s[1].X + s[2].X) / 8,
				Y: (prev.Y + 3*s[0].Y + 3*s[1].Y + s[2].Y) / 8,
			}
			if d := math.Hypot(float64(mid.X-center.X), float64(mid.Y-center.Y)); math.Abs(d-r) > r*1e-3 {
				t.Errorf("sweep %v: segment midpoint at radius %v", sweep, d)
			}
			prev = s[2]
		}
	}
	if arcBeziers(center, r, 0, 0) != nil {
		t.Error("empty arc produced segments")
	}
}

// TestCanvasText draws UTF-8 text through the canvas and reads it back.
func TestCanvasText(t *testing.T) {
	pdf, c := canvasDoc(t)
	cache, err := plotFonts()
	if err != nil {
		t.Fatal(err)
	}
	face := cache.Lookup(sansFont, 12)
	const txt = "Súdwest-Fryslân – België"
	c.FillString(face, vg.Point{X: 10, Y: 10}, txt)
	c.FillString(font.Face{Font: font.Font{Size: 0}}, vg.Point{}, "invisible") // size 0: not drawn
	c.DrawImage(vg.Rectangle{Max: vg.Point{X: 20, Y: 20}}, image.NewGray(image.Rect(0, 0, 2, 2)))
	if err := c.close(); err != nil {
		t.Fatal(err)
	}
	out := output(t, pdf)
	if bytes.Contains(out, []byte("invisible")) {
		t.Error("zero-size text was drawn")
	}
	got := pdfToText(t, out)
	if !strings.Contains(got, txt) {
		t.Errorf("extracted text %q lacks %q", got, txt)
	}
}

// pdfToText extracts the text of a PDF with poppler's pdftotext -layout;
// pages end in a form feed. It skips the test when pdftotext is missing.
func pdfToText(t testing.TB, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found: install poppler-utils (apt-get install poppler-utils) to check PDF text")
	}
	in := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
