package reports

import (
	"fmt"
	"sync"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	stdfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
)

// pdfFamily is the family name under which the report's TTFs are added to
// fpdf; the chart canvas uses the same name, so text and charts share one
// embedded font.
const pdfFamily = "LiberationSans"

// sansFont is the gonum/plot font descriptor for Liberation Sans; only its
// Weight and Size vary.
var sansFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// plotFonts holds the parsed Liberation Sans faces for gonum/plot. Parsing
// happens once per process; the result is read-only afterwards.
var plotFonts = sync.OnceValues(func() (*font.Cache, error) {
	regular, err := opentype.Parse(liberationsansregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("parse Liberation Sans: %w", err)
	}
	bold, err := opentype.Parse(liberationsansbold.TTF)
	if err != nil {
		return nil, fmt.Errorf("parse Liberation Sans Bold: %w", err)
	}
	boldFont := sansFont
	boldFont.Weight = stdfont.WeightBold
	return font.NewCache(font.Collection{
		{Font: sansFont, Face: regular},
		{Font: boldFont, Face: bold},
	}), nil
})

// textHandler returns the plain-text handler that measures plot text with
// the report's own Liberation Sans.
func textHandler() (text.Handler, error) {
	cache, err := plotFonts()
	if err != nil {
		return nil, err
	}
	return text.Plain{Fonts: cache}, nil
}
