package reports

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"

	"codeberg.org/go-pdf/fpdf"
	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// pdfCanvas is a vg.Canvas that draws onto a rectangle of the current page
// of an fpdf document, so gonum/plot charts become vector graphics of the
// report itself and their text uses the report's embedded UTF-8 font.
//
// vg works in points with the origin bottom-left and y up; that is exactly
// the PDF's own user space, translated. The canvas therefore opens a
// graphics state ("q") with a translation to the rectangle's bottom-left
// corner and then feeds fpdf coordinates that fpdf maps back onto vg's
// numbers: fpdf writes x·k and (pageHeight−y)·k, so x = X/k and
// y = pageHeight − Y/k. Rotate, Translate and Scale become raw "cm"
// operators in the current space, and Push/Pop become "q"/"Q".
type pdfCanvas struct {
	pdf   *fpdf.Fpdf
	w, h  vg.Length
	k     float64 // points per fpdf unit
	pageH float64 // page height in fpdf units
	stack []canvasState
	err   error
}

// canvasState is the part of the PDF graphics state the canvas consults;
// Push saves it and Pop restores it, as "q" and "Q" do in the PDF.
type canvasState struct {
	alpha float64   // fill and stroke opacity
	width vg.Length // stroke width; Stroke draws nothing when not positive
}

var _ vg.CanvasSizer = (*pdfCanvas)(nil)

// newPDFCanvas starts a canvas on the rectangle (x, y, w, h) of the current
// page, given in fpdf units with (x, y) its top-left corner. Call close when
// done drawing.
func newPDFCanvas(pdf *fpdf.Fpdf, x, y, w, h float64) *pdfCanvas {
	k := pdf.GetConversionRatio()
	_, pageH := pdf.GetPageSize()
	c := &pdfCanvas{
		pdf:   pdf,
		w:     vg.Points(w * k),
		h:     vg.Points(h * k),
		k:     k,
		pageH: pageH,
		stack: []canvasState{{alpha: 1}},
	}
	pdf.TransformBegin()
	pdf.Transform(fpdf.TransformMatrix{A: 1, D: 1, E: x * k, F: (pageH - y - h) * k})
	vg.Initialize(c)
	return c
}

// close ends the canvas's graphics state and reports unbalanced Push/Pop
// calls or drawing errors.
func (c *pdfCanvas) close() error {
	for len(c.stack) > 1 {
		c.Pop()
		c.fail(errors.New("canvas: Push without Pop"))
	}
	c.pdf.TransformEnd()
	c.pdf.SetDashPattern(nil, 0)
	return c.err
}

func (c *pdfCanvas) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

func (c *pdfCanvas) state() *canvasState { return &c.stack[len(c.stack)-1] }

// Size implements vg.CanvasSizer.
func (c *pdfCanvas) Size() (w, h vg.Length) { return c.w, c.h }

// unit converts a vg length to fpdf units.
func (c *pdfCanvas) unit(l vg.Length) float64 { return l.Points() / c.k }

// xy converts a point of the current vg space to the fpdf coordinates that
// fpdf writes out as that same point.
func (c *pdfCanvas) xy(p vg.Point) (x, y float64) {
	return p.X.Points() / c.k, c.pageH - p.Y.Points()/c.k
}

// SetLineWidth implements vg.Canvas.
func (c *pdfCanvas) SetLineWidth(w vg.Length) {
	c.state().width = w
	if w > 0 {
		c.pdf.SetLineWidth(c.unit(w))
	}
}

// SetLineDash implements vg.Canvas.
func (c *pdfCanvas) SetLineDash(dashes []vg.Length, offset vg.Length) {
	ds := make([]float64, len(dashes))
	for i, d := range dashes {
		ds[i] = c.unit(d)
	}
	c.pdf.SetDashPattern(ds, c.unit(offset))
}

// SetColor implements vg.Canvas. Fill, stroke and text share one colour, as
// vg prescribes.
func (c *pdfCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	s := c.state()
	r, g, b, a := rgba(clr)
	c.pdf.SetDrawColor(r, g, b)
	c.pdf.SetFillColor(r, g, b)
	c.pdf.SetTextColor(r, g, b)
	if a != s.alpha {
		// Only translucent colours touch the graphics state, so opaque
		// charts add no ExtGState objects to the PDF.
		s.alpha = a
		c.pdf.SetAlpha(a, "Normal")
	}
}

// rgba returns the straight (not premultiplied) 8-bit components and the
// alpha of clr.
func rgba(clr color.Color) (r, g, b int, alpha float64) {
	nc := color.NRGBAModel.Convert(clr).(color.NRGBA)
	return int(nc.R), int(nc.G), int(nc.B), float64(nc.A) / 255
}

// Rotate implements vg.Canvas; rad turns counterclockwise.
func (c *pdfCanvas) Rotate(rad float64) {
	sin, cos := math.Sincos(rad)
	c.pdf.Transform(fpdf.TransformMatrix{A: cos, B: sin, C: -sin, D: cos})
}

// Translate implements vg.Canvas.
func (c *pdfCanvas) Translate(pt vg.Point) {
	c.pdf.Transform(fpdf.TransformMatrix{A: 1, D: 1, E: pt.X.Points(), F: pt.Y.Points()})
}

// Scale implements vg.Canvas.
func (c *pdfCanvas) Scale(x, y float64) {
	if x == 0 || y == 0 {
		c.fail(fmt.Errorf("canvas: scale by zero (%g, %g)", x, y))
		return
	}
	c.pdf.Transform(fpdf.TransformMatrix{A: x, D: y})
}

// Push implements vg.Canvas.
func (c *pdfCanvas) Push() {
	c.stack = append(c.stack, *c.state())
	c.pdf.TransformBegin()
}

// Pop implements vg.Canvas. "Q" restores line width, dashes, colours and
// the transformation in the PDF itself; fpdf writes every later setting out
// in full, so its own memory of the values does not matter here.
func (c *pdfCanvas) Pop() {
	if len(c.stack) < 2 {
		c.fail(errors.New("canvas: Pop without Push"))
		return
	}
	c.stack = c.stack[:len(c.stack)-1]
	c.pdf.TransformEnd()
}

// Stroke implements vg.Canvas.
func (c *pdfCanvas) Stroke(p vg.Path) {
	if c.state().width <= 0 {
		return
	}
	if c.path(p) {
		c.pdf.DrawPath("D")
	}
}

// Fill implements vg.Canvas.
func (c *pdfCanvas) Fill(p vg.Path) {
	if c.path(p) {
		c.pdf.DrawPath("F")
	}
}

// path emits p's segments and reports whether it emitted any.
func (c *pdfCanvas) path(p vg.Path) bool {
	var (
		start, cur vg.Point
		open       bool // a current point exists
	)
	moveOrLine := func(pt vg.Point) {
		x, y := c.xy(pt)
		if open {
			c.pdf.LineTo(x, y)
		} else {
			c.pdf.MoveTo(x, y)
			start, open = pt, true
		}
		cur = pt
	}
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			x, y := c.xy(comp.Pos)
			c.pdf.MoveTo(x, y)
			start, cur, open = comp.Pos, comp.Pos, true
		case vg.LineComp:
			moveOrLine(comp.Pos)
		case vg.ArcComp:
			moveOrLine(arcPoint(comp.Pos, comp.Radius, comp.Start))
			for _, seg := range arcBeziers(comp.Pos, comp.Radius, comp.Start, comp.Angle) {
				c.cubic(seg[0], seg[1], seg[2])
				cur = seg[2]
			}
		case vg.CurveComp:
			if !open {
				moveOrLine(cur)
			}
			switch len(comp.Control) {
			case 1:
				// Raise the quadratic to a cubic with the same shape.
				q := comp.Control[0]
				c1 := cur.Add(q.Sub(cur).Scale(2.0 / 3))
				c2 := comp.Pos.Add(q.Sub(comp.Pos).Scale(2.0 / 3))
				c.cubic(c1, c2, comp.Pos)
			case 2:
				c.cubic(comp.Control[0], comp.Control[1], comp.Pos)
			default:
				c.fail(fmt.Errorf("canvas: curve with %d control points", len(comp.Control)))
				continue
			}
			cur = comp.Pos
		case vg.CloseComp:
			if open {
				c.pdf.ClosePath()
				cur = start
			}
		default:
			c.fail(fmt.Errorf("canvas: unknown path component %d", comp.Type))
		}
	}
	return open
}

func (c *pdfCanvas) cubic(c1, c2, end vg.Point) {
	x1, y1 := c.xy(c1)
	x2, y2 := c.xy(c2)
	x, y := c.xy(end)
	c.pdf.CurveBezierCubicTo(x1, y1, x2, y2, x, y)
}

func arcPoint(center vg.Point, r vg.Length, angle float64) vg.Point {
	sin, cos := math.Sincos(angle)
	return vg.Point{X: center.X + r*vg.Length(cos), Y: center.Y + r*vg.Length(sin)}
}

// arcBeziers approximates the arc around center from angle start through
// sweep (radians, counterclockwise when positive) by cubic Bézier segments
// of at most a quarter turn each. Each segment is {control1, control2, end}.
func arcBeziers(center vg.Point, r vg.Length, start, sweep float64) [][3]vg.Point {
	if sweep == 0 || r == 0 {
		return nil
	}
	n := int(math.Ceil(math.Abs(sweep) / (math.Pi / 2)))
	step := sweep / float64(n)
	kappa := vg.Length(4.0 / 3 * math.Tan(step/4))
	segs := make([][3]vg.Point, 0, n)
	for i := range n {
		a0 := start + float64(i)*step
		a1 := a0 + step
		s0, c0 := math.Sincos(a0)
		s1, c1 := math.Sincos(a1)
		p0 := arcPoint(center, r, a0)
		p1 := arcPoint(center, r, a1)
		segs = append(segs, [3]vg.Point{
			{X: p0.X - kappa*r*vg.Length(s0), Y: p0.Y + kappa*r*vg.Length(c0)},
			{X: p1.X + kappa*r*vg.Length(s1), Y: p1.Y - kappa*r*vg.Length(c1)},
			p1,
		})
	}
	return segs
}

// FillString implements vg.Canvas. The text goes out with the report's own
// embedded UTF-8 font, so it stays selectable and searchable.
func (c *pdfCanvas) FillString(f font.Face, pt vg.Point, txt string) {
	if f.Font.Size <= 0 || txt == "" {
		return
	}
	style := ""
	if f.Font.Weight >= stdfont.WeightSemiBold {
		style = "B"
	}
	c.pdf.SetFont(pdfFamily, style, f.Font.Size.Points())
	x, y := c.xy(pt)
	c.pdf.Text(x, y, txt)
}

// DrawImage implements vg.Canvas. Images are registered under a name derived
// from their PNG bytes, which keeps the output reproducible and stores each
// distinct image once.
func (c *pdfCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		c.fail(fmt.Errorf("canvas: encode image: %w", err))
		return
	}
	sum := sha256.Sum256(buf.Bytes())
	name := "lpa-img-" + hex.EncodeToString(sum[:8])
	opts := fpdf.ImageOptions{ImageType: "PNG"}
	c.pdf.RegisterImageOptionsReader(name, opts, &buf)

	w, h := c.unit(rect.Size().X), c.unit(rect.Size().Y)
	x, yBottom := c.xy(rect.Min)
	// fpdf places an image by its top-left corner.
	c.pdf.ImageOptions(name, x, yBottom-h, w, h, false, opts, 0, "")
}
