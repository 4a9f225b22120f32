package reports

import "image/color"

// rgb is an opaque colour written as 0xRRGGBB, so palette entries can be
// constants.
type rgb uint32

// The report's palette: RIVM dark blue for headings and the accord, orange
// for the GGD region, grey for the Netherlands, and quiet greys and a light
// blue-grey for text, rules and table bands.
const (
	colorAccord  rgb = 0x154273
	colorGGD     rgb = 0xE17000
	colorNL      rgb = 0x777777
	colorHeading rgb = 0x154273
	colorText    rgb = 0x222222
	colorMuted   rgb = 0x5A5A5A
	colorRule    rgb = 0xB4BCC6
	colorGrid    rgb = 0xDDE1E6
	colorBand    rgb = 0xDCE4EE // table header band
	colorNotice  rgb = 0xFCEBD9 // example-data notice background
	colorWarning rgb = 0xA34F00 // example-data notice text, darker than the GGD orange for contrast
)

func (c rgb) rgb() (r, g, b int) { return int(c >> 16 & 0xFF), int(c >> 8 & 0xFF), int(c & 0xFF) }

func (c rgb) color() color.Color {
	r, g, b := c.rgb()
	return color.NRGBA{R: uint8(r), G: uint8(g), B: uint8(b), A: 0xFF}
}
