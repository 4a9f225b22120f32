package templates

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"lpa/indicators"
)

// templateTitles are the Dutch titles of the two templates.
var templateTitles = map[string]string{
	indicators.WorkbookProcess: "Sjabloon procesmonitoring lokaal/regionaal preventieakkoord",
	indicators.WorkbookProject: "Sjabloon projectmonitoring lokaal/regionaal preventieakkoord",
}

// templateGeneral is the part of the instructions that holds for every table.
var templateGeneral = []string{
	"Vul dit sjabloon elke ronde in en lever het aan voor de lerende evaluatie. lpa leest het met: lpa load <bestand>.",
	"Elk tabblad is één tabel; de eerste rij bevat de kolomnamen. Verander de kolomnamen en de namen van de tabbladen niet; het tabblad Instructies wordt niet gelezen.",
	"akkoord_id is de id van het akkoord in het akkoordenregister (de naam van het .yaml-bestand, bijv. foodvalley). Een id die lpa niet kent, wordt geweigerd.",
	"Kwartalen schrijft u als JJJJ-Qn, bijvoorbeeld 2021-Q1 (Q1 tot en met Q4).",
	"Aantallen zijn hele getallen, 0 of meer. Bedragen zijn euro's, 0 of meer, met hoogstens 2 decimalen (punt of komma) en zonder punt voor duizendtallen: 12500 of 9870,50.",
	"Een lege cel betekent 'onbekend'. Alleen de verplichte kolommen moeten altijd gevuld zijn.",
	"Waarden uit een vaste lijst (budgetregel, thema, doelgroep, status, ja/nee) kiest u uit de lijst; hoofdletters en spaties maken niet uit (Eigen middelen = eigen_middelen).",
	"Een nieuw bestand vervangt wat eerder is geladen voor dezelfde sleutel: per akkoord de kwartalen die erin staan (Kwartalen, Budget: alle budgetregels van dat kwartaal), de interventies die erin staan (Interventies) en per interventie de kwartalen die erin staan (Bereik). Wat er niet in staat, blijft staan.",
	"Bevat één rij een fout, dan laadt lpa niets van het bestand en noemt het elke fout met tabblad, cel en wat er verwacht werd.",
	"CSV-bestanden: één bestand per tabel, met dezelfde kolommen; komma of puntkomma als scheidingsteken, UTF-8.",
}

// Instructions returns the Dutch instructions of both templates as
// plain text (LEESMIJ.txt beside the blank templates).
func Instructions() string {
	var b strings.Builder
	b.WriteString("Sjablonen proces- en projectmonitoring lokale en regionale preventieakkoorden (lpa)\n")
	b.WriteString(strings.Repeat("=", 84) + "\n\n")
	for _, g := range templateGeneral {
		b.WriteString(wrap("- ", g, 90) + "\n")
	}
	for _, spec := range Tables {
		fmt.Fprintf(&b, "\n%s, tabblad %s (of CSV-bestand %s)\n", templateTitles[spec.Workbook], spec.Sheet, spec.File)
		b.WriteString(wrap("", spec.Desc+" Sleutel: "+spec.Key+".", 90) + "\n\n")
		for _, c := range spec.Columns {
			b.WriteString(wrap(fmt.Sprintf("  %-24s ", c.Name), need(c)+c.Desc+allowed(c), 90) + "\n")
		}
	}
	return b.String()
}

func need(c Column) string {
	switch {
	case c.Required:
		return "verplicht; "
	case c.Optional:
		return "kolom mag ontbreken; "
	}
	return ""
}

func allowed(c Column) string {
	switch {
	case c.Type == colVocab:
		return ". Toegestaan: " + strings.Join(c.Values.Keys(), ", ")
	case c.Type == colYesNo:
		return ". Toegestaan: ja, nee"
	}
	return ""
}

// wrap breaks s into lines of at most width characters after prefix; the
// lines after the first start with as many spaces as prefix is long.
func wrap(prefix, s string, width int) string {
	var b strings.Builder
	b.WriteString(prefix)
	indent := strings.Repeat(" ", len([]rune(prefix)))
	line := len([]rune(prefix))
	for i, w := range strings.Fields(s) {
		switch {
		case i > 0 && line+1+len([]rune(w)) > width:
			b.WriteString("\n" + indent)
			line = len(indent)
		case i > 0:
			b.WriteByte(' ')
			line++
		}
		b.WriteString(w)
		line += len([]rune(w))
	}
	return b.String()
}

// WriteCSV writes one table of a template as CSV: the header and rows
// (none for a blank template).
func WriteCSV(w io.Writer, kind indicators.Kind, rows [][]string) error {
	spec := tableOf(kind)
	if spec == nil {
		return fmt.Errorf("no template table of kind %s", kind)
	}
	cw := csv.NewWriter(w)
	var hdr []string
	for _, c := range spec.Columns {
		hdr = append(hdr, c.Name)
	}
	if len(rows) > 0 && len(rows[0]) < len(hdr) {
		hdr = hdr[:len(rows[0])]
	}
	if err := cw.Write(hdr); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}
