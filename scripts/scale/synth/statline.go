package synth

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"

	"lpa/indicators"
)

// writeKerncijfers writes CBS Kerncijfers wijken en buurten 2024: Nederland,
// every gemeente of the 2024 division with its wijken and buurten, their
// inhabitants, men and women, five age groups. BOM, CRLF, ";", text
// quoted and padded, numbers not quoted, "." for unknown.
func (g *gen) writeKerncijfers() error {
	name := "cbs_regiocodes/Kerncijfers_wijken_en_buurten_2024_geslachten.csv"
	rng := g.rng(name)
	var b bytes.Buffer
	b.WriteString(bom)
	quotedLine(&b, "\r\n", "Wijken en buurten", "Regioaanduiding/Gemeentenaam (naam)", "Regioaanduiding/Soort regio (omschrijving)",
		"Regioaanduiding/Codering (code)", "Regioaanduiding/Indelingswijziging gemeente, wijk, buurt (code)", "Bevolking/Aantal inwoners (aantal)",
		"Bevolking/Geslacht/Mannen (aantal)", "Bevolking/Geslacht/Vrouwen (aantal)", "Bevolking/Leeftijdsgroepen/0 tot 15 jaar (aantal)",
		"Bevolking/Leeftijdsgroepen/15 tot 25 jaar (aantal)", "Bevolking/Leeftijdsgroepen/25 tot 45 jaar (aantal)",
		"Bevolking/Leeftijdsgroepen/45 tot 65 jaar (aantal)", "Bevolking/Leeftijdsgroepen/65 jaar of ouder (aantal)")
	rows := 0
	line := func(label, gemeente, soort, code, change string, pop float64, by5 bool) {
		r := func(v float64) float64 {
			if by5 { // CBS rounds wijken and buurten to fives
				return 5 * math.Round(v/5)
			}
			return math.Round(v)
		}
		p := r(pop)
		men := r(p * (0.49 + 0.02*rng.Float64()))
		ages := []float64{0.151, 0.123, 0.256, 0.265, 0.205}
		var sb bytes.Buffer
		quotedLine(&sb, "", label, pad(gemeente, 40), pad(soort, 10), pad(code, 10), change)
		b.Write(sb.Bytes())
		fmt.Fprintf(&b, ";%.0f;%.0f;%.0f", p, men, r(p-men))
		for _, a := range ages {
			fmt.Fprintf(&b, ";%.0f", r(p*a*(0.8+0.4*rng.Float64())))
		}
		b.WriteString("\r\n")
		rows++
	}
	gms := g.u.gemeenten(2024, g.plan.Thin)
	var total float64
	for _, gm := range gms {
		total += gm.pop
	}
	line("Nederland", "Nederland", "Land", "NL00", ".", total, false)
	for _, gm := range gms {
		line(gm.name, gm.name, "Gemeente", gm.code, "1", gm.pop, false)
		for _, w := range gm.wijken {
			line(w.name, gm.name, "Wijk", w.code, "1", w.pop, true)
			for _, bu := range w.buurten {
				line(bu.name, gm.name, "Buurt", bu.code, "1", bu.pop, true)
			}
		}
	}
	return g.save(name, string(indicators.KindCBSKerncijfers), int64(rows), b.Bytes())
}

// The four cities of the StatLine export samples, in their StatLine names.
var exportCities = []string{"Amsterdam", "Groningen (gemeente)", "Maastricht", "Utrecht (gemeente)"}

// writeExportOverweight writes a StatLine "CSV export" of the
// Gezondheidsmonitor for the four cities in the layout of that year's
// table (82166NED 2012, 83674NED 2016, 85012NED 2020, 85563NED 2022): title
// and filter lines, a two-level header, a units row, the source footer;
// ";", everything quoted, decimal comma, BOM, CRLF.
func (g *gen) writeExportOverweight(year int) error {
	name := fmt.Sprintf("cbs_statline_export_4steden/Overgewicht%d.csv", year)
	rng := g.rng(name)
	var b bytes.Buffer
	b.WriteString(bom)
	q := func(f ...string) { quotedLine(&b, "\r\n", f...) }
	five := func() []string {
		under, over := 1.5+rng.Float64()*1.5, 37+rng.Float64()*10
		severe := 8.5 + rng.Float64()*6.5
		return []string{fixed(under, 1, true), fixed(100-over-under, 1, true), fixed(over, 1, true), fixed(over-severe, 1, true), fixed(severe, 1, true)}
	}
	cells := 0
	switch year {
	case 2012:
		q("Gezondheidsmonitor; regio, bevolking van 19 jaar of ouder, 2012")
		q("Cijfersoort: Waarde")
		q("Perioden: 2012")
		q("", "", "Onderwerp")
		q("", "", "Overgewicht|Overgewicht totaal", "Overgewicht|Ernstig overgewicht")
		q("Leeftijd", "Regio's", "%", "%")
		for _, c := range exportCities {
			v := five()
			q("Totaal", c, v[2], v[4])
			cells += 2
		}
		q("Bron: CBS, RIVM, GGD")
	case 2016:
		q("Gezondheidsmonitor; bevolking 19 jaar of ouder, regio, 2016")
		q("Marges: Waarde")
		q("Perioden: 2016")
		q("", "", "Onderwerp")
		q("", "", "Onder- en overgewicht|Ondergewicht", "Onder- en overgewicht|Normaal gewicht", "Onder- en overgewicht|Overgewicht ",
			"Onder- en overgewicht|Mate van overgewicht|Matig overgewicht", "Onder- en overgewicht|Mate van overgewicht|Ernstig overgewicht")
		q("Leeftijd", "Regio's", "%", "%", "%", "%", "%")
		for _, c := range exportCities {
			q(append([]string{"Totaal", c}, five()...)...)
			cells += 5
		}
		q("Bron: GGD, RIVM, CBS")
	default: // 2020 and 2022: regions in the rows, Nederland too
		q(fmt.Sprintf("Gezondheidsmonitor; bevolking 18 jaar of ouder, regio, %d", year))
		q("Leeftijd: Totaal")
		q("Marges: Waarde")
		q("", "Onderwerp")
		q("", "Onder- en overgewicht|Ondergewicht", "Onder- en overgewicht|Normaal gewicht", "Onder- en overgewicht|Overgewicht",
			"Onder- en overgewicht|Mate van overgewicht|Matig overgewicht", "Onder- en overgewicht|Mate van overgewicht|Ernstig overgewicht (obesitas)")
		regio, footer := "Regio's", "Bron: GGD, RIVM en CBS"
		if year == 2020 {
			regio, footer = "Regio\u2019s", "Bron: CBS"
		}
		q(regio, "%", "%", "%", "%", "%")
		for _, c := range append([]string{"Nederland"}, exportCities...) {
			q(append([]string{c}, five()...)...)
			cells += 5
		}
		q(footer)
	}
	return g.save(name, string(indicators.KindStatLineExport), int64(cells), b.Bytes())
}

// writeExportIncome writes a StatLine export of 86161NED (income of
// households, indeling 2024) for Nederland and the four cities.
func (g *gen) writeExportIncome(year int) error {
	name := fmt.Sprintf("cbs_statline_export_4steden/Inkomen%d.csv", year)
	rng := g.rng(name)
	var b bytes.Buffer
	b.WriteString(bom)
	q := func(f ...string) { quotedLine(&b, "\r\n", f...) }
	q("Inkomen van huishoudens; huishoudenskenmerken, regio (indeling 2024)")
	q("Populatie: Particuliere huishoudens incl. studenten")
	q("Kenmerken van huishoudens: Particuliere huishoudens")
	q("Perioden: " + strconv.Itoa(year))
	q("", "Onderwerp")
	q("", "Particuliere huishoudens", "Particuliere huishoudens relatief", "Inkomen|Gemiddeld gestandaardiseerd inkomen",
		"Inkomen|Mediaan gestandaardiseerd inkomen", "Inkomen|Gemiddeld besteedbaar inkomen", "Inkomen|Mediaan besteedbaar inkomen")
	q("Regio's", "x 1 000", "%", "1 000 euro", "1 000 euro", "1 000 euro", "1 000 euro")
	growth := math.Pow(1.03, float64(year-2012))
	households := []float64{7412, 429, 122, 60, 161}
	for i, c := range append([]string{"Nederland"}, exportCities...) {
		q(c, fixed(households[i]*(1+0.01*float64(year-2012))*(0.98+0.04*rng.Float64()), 1, true), "100",
			income(rng, 25.8*growth), income(rng, 23*growth), income(rng, 36.8*growth), income(rng, 31.4*growth))
	}
	q("Bron: CBS")
	return g.save(name, string(indicators.KindStatLineExport), 30, b.Bytes())
}

func income(rng *rand.Rand, mean float64) string { return fixed(mean*(0.8+0.3*rng.Float64()), 1, true) }
