package reports

import (
	"fmt"
	"time"
)

// indicatorComparison: the NPA indicators of the gemeenten with and
// without an accord side by side, with the accords' differences in
// differences.
func (d *document) indicatorComparison() {
	n, p := d.nat, d.pdf
	p.AddPage()
	d.h1("Gezondheid in gemeenten met en zonder akkoord")
	if len(n.Indicators) == 0 {
		d.paragraph("Er zijn geen monitorgegevens van de gemeenten geladen (StatLine 50090NED).", "", bodySize, bodyLine, colorMuted)
		return
	}
	first := n.Indicators[0]
	d.paragraph(fmt.Sprintf("De indicatoren van het NPA voor volwassenen (18 jaar of ouder) uit de Gezondheidsmonitor, editie %d, in de %d gemeenten die op de peildatum aan een gesloten akkoord deelnemen "+
		"en in de %d andere gemeenten: het gemiddelde van de gemeenten, gewogen naar inwonertal, en de verandering sinds editie %d. "+
		"Het verschil-in-verschillen vergelijkt per akkoord de verandering in zijn gemeenten met die in vergelijkbare gemeenten zonder akkoord; hier staat het gemiddelde over de akkoorden "+
		"en hoeveel akkoorden een gunstig of ongunstig verschil hebben dat buiten de onzekerheidsmarge valt.",
		first.Period, first.WithTotal, first.WithoutTotal, first.PrevPeriod), "", 9.5, 4.8, colorMuted)
	p.Ln(2)
	top := []tableCol{{"", 44, "L"}, {fmt.Sprintf("Waarde %d", first.Period), 38, "C"},
		{fmt.Sprintf("Verandering %d–%d", first.PrevPeriod, first.Period), 38, "C"}, {"Verschil-in-verschillen", 50, "C"}}
	cols := []tableCol{{"Indicator", 44, "L"}, {"met", 19, "R"}, {"zonder", 19, "R"}, {"met", 19, "R"},
		{"zonder", 19, "R"}, {"gemiddeld", 18, "R"}, {"gunstig", 15, "R"}, {"ongunstig", 17, "R"}}
	d.tableHeader(top, 5.5)
	d.tableHeader(cols, 5.5)
	for _, ind := range n.Indicators {
		d.ensureSpace(6)
		key := func(group string, period int) string {
			return fmt.Sprintf("source=50090NED; age_group=20300; sex=totaal; indicator=%s; period=%d; gemeenten=%s", ind.Indicator, period, group)
		}
		val := func(group string, v *float64, period int) string {
			if v == nil {
				return textNoValue
			}
			return d.emit("indicatoren", ind.Label+", "+group+" "+fmt.Sprint(period), FormatNumber(*v, 1)+unitSuffix(ind.Unit), *v, viewObservation, key(group, period))
		}
		change := func(group string, v, prev *float64) string {
			if v == nil || prev == nil {
				return textNoValue
			}
			x := *v - *prev
			return d.emit("indicatoren", ind.Label+", verandering "+group, signedPP(x), x, viewObservation,
				key(group, ind.Period)+fmt.Sprintf("; minus period=%d", ind.PrevPeriod))
		}
		did, good, bad := textNoValue, textNoValue, textNoValue
		effKey := fmt.Sprintf("round=%s; source=50090NED; age_group=20300; sex=totaal; indicator=%s; status=measured", n.Round.Format(time.DateOnly), ind.Indicator)
		if ind.DiDMean != nil {
			did = d.emit("indicatoren", ind.Label+", verschil-in-verschillen gemiddeld over "+fmt.Sprint(ind.DiDAccords)+" akkoorden",
				signedPP(*ind.DiDMean), *ind.DiDMean, viewEffects, effKey+"; mean of did")
			good = d.emit("indicatoren", ind.Label+", akkoorden met een gunstig verschil", fmt.Sprint(ind.Gunstig), float64(ind.Gunstig), viewEffects, effKey+"; verdict=gunstig")
			bad = d.emit("indicatoren", ind.Label+", akkoorden met een ongunstig verschil", fmt.Sprint(ind.Ongunstig), float64(ind.Ongunstig), viewEffects, effKey+"; verdict=ongunstig")
		}
		d.tableRow(cols, []string{ind.Label, val("met_akkoord", ind.With, ind.Period), val("zonder_akkoord", ind.Without, ind.Period),
			change("met_akkoord", ind.With, ind.WithPrev), change("zonder_akkoord", ind.Without, ind.WithoutPrev), did, good, bad})
	}
	p.Ln(1)
	d.paragraph("Veranderingen en verschillen in procentpunten. Gunstig en ongunstig: het aantal akkoorden waarvan het 95%-interval van het verschil-in-verschillen "+
		"aan de gunstige of de ongunstige kant van 0 ligt; de overige akkoorden hebben geen aantoonbaar verschil. De waarden zijn modelschattingen voor kleine gebieden en de "+
		"meeste akkoorden zijn kort voor de laatste editie gesloten: lees een verschil als signaal om nader te bekijken, niet als bewijs van effect.",
		"", smallSize, smallLine, colorMuted)
}

// signedPP is a change in percentage points with its sign, "0,0" when
// it rounds to zero.
func signedPP(x float64) string {
	if FormatNumber(x, 1) == "0,0" {
		return "0,0"
	}
	return signed(x)
}

func unitSuffix(unit string) string {
	if unit == "%" {
		return "%"
	}
	if unit == "" {
		return ""
	}
	return " " + unit
}

// compareRow is one key figure of the comparison of rounds.
type compareRow struct {
	label                 string
	section, item, detail string
	pct                   bool // compare the share, not the count
}

// roundComparison compares the key figures with the previous computed
// round.
func (d *document) roundComparison() {
	n := d.nat
	d.h2("Vergelijking met de vorige ronde", 40)
	if n.PrevRound.IsZero() {
		d.paragraph("Er is geen eerdere berekende ronde; de vergelijking volgt zodra er een vorige ronde is.", "", bodySize, bodyLine, colorMuted)
		return
	}
	rows := []compareRow{
		{"Akkoorden gesloten", "akkoorden", "gesloten", "", false},
		{"Lokale akkoorden", "akkoorden", "lokaal", "", false},
		{"Regionale akkoorden", "akkoorden", "regionaal", "", false},
		{"Gemeenten betrokken", "akkoorden", "gemeenten", "", false},
	}
	for _, s := range StatusKeys[1:] {
		rows = append(rows, compareRow{"Gemeenten: " + s.Word, "status_gemeenten", s.Key, "", false})
	}
	for _, f := range npaStacks(n.section("npa_themas")) {
		rows = append(rows, compareRow{npaThemeWord(f.Item) + ": komt uitgebreid terug", "npa_themas", f.Item, "uitgebreid", true})
	}
	cols := []tableCol{{"Kerncijfer", 86, "L"}, {FormatDate(n.PrevRound), 30, "R"}, {FormatDate(n.Round), 30, "R"}, {"Verschil", 24, "R"}}
	d.tableHeader(cols, 7)
	prevKey := "round=" + n.PrevRound.Format(time.DateOnly) + "; "
	for _, r := range rows {
		d.ensureSpace(6)
		cur, okCur := findFigure(n.Figures, r.section, r.item, r.detail)
		prev, okPrev := findFigure(n.PrevFigures, r.section, r.item, r.detail)
		num := func(f NationalFigure, ok bool, keyPrefix string) (string, *int) {
			v := f.Count
			if r.pct {
				v = f.Pct
			}
			if !ok || v == nil {
				return textNoValue, nil
			}
			txt := fmt.Sprint(*v)
			if r.pct {
				txt = pctText(*v)
			}
			return d.emit("vergelijking", r.label, txt, float64(*v), viewNational, keyPrefix+figureKey(f)), v
		}
		curTxt, c := num(cur, okCur, "")
		prevTxt, pv := num(prev, okPrev, prevKey)
		diff := textNoValue
		if c != nil && pv != nil {
			diff = signedInt(*c - *pv)
			if r.pct {
				diff += " pp"
			}
		}
		d.tableRow(cols, []string{r.label, prevTxt, curTxt, diff})
	}
}

func signedInt(x int) string {
	if x > 0 {
		return fmt.Sprintf("+%d", x)
	}
	return fmt.Sprint(x)
}

// nationalMethod says how the figures were made and lists the sources.
func (d *document) nationalMethod() {
	n, p := d.nat, d.pdf
	// The method and its sources stay together on one page where they fit.
	d.ensureSpace(80 + 13*float64(len(n.Sources)))
	p.Ln(4)
	d.h1("Werkwijze en bronnen")
	for _, s := range []string{
		fmt.Sprintf("Gesloten akkoorden zijn de akkoorden in de registratie die op of voor de peildatum (%s) zijn ondertekend. "+
			"De thema's, partijen, programma's, doelen en monitoring komen uit de codering van de akkoorden (documentanalyse), zoals in RIVM's factsheet van november 2020.", FormatDate(n.Round)),
		"De status per gemeente is die van de VNG op de laatste peildatum tot en met de ronde. Aandelen die samen 100% moeten zijn (de status van de gemeenten, " +
			"de mate waarin een NPA-thema terugkomt) zijn afgerond met de methode van de grootste resten; andere aandelen zijn gewoon afgerond.",
		"Alle cijfers in deze factsheet komen uit de openbare views van het lpa-warehouse (national_evaluation, accord_status, accord_monitoring, observations, accord_effects); " +
			"elk afgedrukt cijfer staat met zijn bronrij in de view report_figures.",
	} {
		d.paragraph(s, "", 9.5, 4.8, colorText)
		p.Ln(1.5)
	}
	if len(n.Sources) == 0 {
		return
	}
	d.h2("Bronnen", 12)
	for _, s := range n.Sources {
		d.ensureSpace(12)
		d.paragraph(s.Name, "B", 9, 4.5, colorText)
		line := s.Attribution
		if s.Detail != "" {
			line += " · " + s.Detail
		}
		d.paragraph(line, "", smallSize, smallLine, colorMuted)
		p.Ln(1)
	}
}
