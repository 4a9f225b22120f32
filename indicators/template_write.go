package indicators

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// templateTitles are the Dutch titles of the two templates.
var templateTitles = map[string]string{
	WorkbookProcess: "Sjabloon procesmonitoring lokaal/regionaal preventieakkoord",
	WorkbookProject: "Sjabloon projectmonitoring lokaal/regionaal preventieakkoord",
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

// TemplateInstructions returns the Dutch instructions of both templates as
// plain text (LEESMIJ.txt beside the blank templates).
func TemplateInstructions() string {
	var b strings.Builder
	b.WriteString("Sjablonen proces- en projectmonitoring lokale en regionale preventieakkoorden (lpa)\n")
	b.WriteString(strings.Repeat("=", 84) + "\n\n")
	for _, g := range templateGeneral {
		b.WriteString(wrap("- ", g, 90) + "\n")
	}
	for _, spec := range TemplateTables {
		fmt.Fprintf(&b, "\n%s, tabblad %s (of CSV-bestand %s)\n", templateTitles[spec.Workbook], spec.Sheet, spec.File)
		b.WriteString(wrap("", spec.Desc+" Sleutel: "+spec.Key+".", 90) + "\n\n")
		for _, c := range spec.Columns {
			b.WriteString(wrap(fmt.Sprintf("  %-24s ", c.Name), need(c)+c.Desc+allowed(c), 90) + "\n")
		}
	}
	return b.String()
}

func need(c TemplateColumn) string {
	switch {
	case c.Required:
		return "verplicht; "
	case c.Optional:
		return "kolom mag ontbreken; "
	}
	return ""
}

func allowed(c TemplateColumn) string {
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

// WriteTemplateCSV writes one table of a template as CSV: the header and rows
// (none for a blank template).
func WriteTemplateCSV(w io.Writer, kind Kind, rows [][]string) error {
	spec := templateTable(kind)
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

// WriteTemplateWorkbook writes a process or project workbook: the sheet
// Instructies (in Dutch) and one sheet per table, with drop-down lists for
// the fixed lists. rows holds the filled-in rows per kind, in column order
// (nil: a blank template); a row may leave out the optional columns at its
// end, and then the sheet has only as many columns.
func WriteTemplateWorkbook(w io.Writer, workbook string, rows map[Kind][][]string) error {
	title, ok := templateTitles[workbook]
	if !ok {
		return fmt.Errorf("no template workbook %q", workbook)
	}
	f := excelize.NewFile()
	defer f.Close()
	wb := &workbookWriter{f: f}
	if err := wb.styles(); err != nil {
		return err
	}
	if err := wb.instructions(workbook, title); err != nil {
		return err
	}
	listRange, err := wb.lists(workbook)
	if err != nil {
		return err
	}
	for _, spec := range TemplateTables {
		if spec.Workbook != workbook {
			continue
		}
		if err := wb.table(spec, rows[spec.Kind], listRange); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// workbookWriter writes the sheets of a template workbook.
type workbookWriter struct {
	f               *excelize.File
	bold, head, big int // styles
}

func (wb *workbookWriter) styles() error {
	var err error
	if wb.bold, err = wb.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return err
	}
	if wb.head, err = wb.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}}); err != nil {
		return err
	}
	wb.big, err = wb.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	return err
}

// set writes v into the cell of column col and row row (1-based).
func (wb *workbookWriter) set(sheet string, col, row int, v any) error {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return err
	}
	return wb.f.SetCellValue(sheet, cell, v)
}

// setRow writes vals into row, from column 1 on.
func (wb *workbookWriter) setRow(sheet string, row int, vals ...string) error {
	for i, v := range vals {
		if err := wb.set(sheet, i+1, row, v); err != nil {
			return err
		}
	}
	return nil
}

// instructions writes the sheet Instructies: the general instructions and
// a row per column of every table of the workbook.
func (wb *workbookWriter) instructions(workbook, title string) error {
	f := wb.f
	const ins = "Instructies"
	if err := f.SetSheetName("Sheet1", ins); err != nil {
		return err
	}
	row := 1
	if err := wb.set(ins, 1, row, title); err != nil {
		return err
	}
	if err := f.SetCellStyle(ins, "A1", "A1", wb.big); err != nil {
		return err
	}
	row += 2
	for _, g := range templateGeneral {
		if err := wb.set(ins, 1, row, g); err != nil {
			return err
		}
		row++
	}
	row++
	if err := wb.setRow(ins, row, "Tabblad", "Kolom", "Verplicht", "Betekenis", "Toegestane waarden", "Voorbeeld"); err != nil {
		return err
	}
	if err := f.SetCellStyle(ins, fmt.Sprintf("A%d", row), fmt.Sprintf("F%d", row), wb.head); err != nil {
		return err
	}
	row++
	for _, spec := range TemplateTables {
		if spec.Workbook != workbook {
			continue
		}
		if err := wb.set(ins, 1, row, spec.Sheet); err != nil {
			return err
		}
		if err := wb.set(ins, 4, row, spec.Desc+" Sleutel: "+spec.Key+"."); err != nil {
			return err
		}
		if err := f.SetCellStyle(ins, fmt.Sprintf("A%d", row), fmt.Sprintf("D%d", row), wb.bold); err != nil {
			return err
		}
		row++
		for _, c := range spec.Columns {
			verplicht := "nee"
			switch {
			case c.Required:
				verplicht = "ja"
			case c.Optional:
				verplicht = "nee (kolom mag ontbreken)"
			}
			vals := strings.TrimPrefix(allowed(c), ". Toegestaan: ")
			if err := wb.setRow(ins, row, spec.Sheet, c.Name, verplicht, c.Desc, vals, c.Example); err != nil {
				return err
			}
			row++
		}
	}
	for i, width := range []float64{14, 26, 12, 90, 40, 22} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(ins, col, col, width); err != nil {
			return err
		}
	}
	return nil
}

// lists writes the fixed lists, for the drop-downs (Excel limits a literal
// list to 255 characters), on a hidden sheet, and returns the range of
// each column's list.
func (wb *workbookWriter) lists(workbook string) (map[string]string, error) {
	const lists = "Lijsten"
	if _, err := wb.f.NewSheet(lists); err != nil {
		return nil, err
	}
	listRange := map[string]string{}
	listCol := 0
	for _, spec := range TemplateTables {
		if spec.Workbook != workbook {
			continue
		}
		for _, c := range spec.Columns {
			var keys []string
			switch c.Type {
			case colVocab:
				keys = c.Values.Keys()
			case colYesNo:
				keys = []string{"ja", "nee"}
			}
			if keys == nil || listRange[c.Name] != "" {
				continue
			}
			listCol++
			if err := wb.set(lists, listCol, 1, c.Name); err != nil {
				return nil, err
			}
			for i, k := range keys {
				if err := wb.set(lists, listCol, i+2, k); err != nil {
					return nil, err
				}
			}
			name, _ := excelize.ColumnNumberToName(listCol)
			listRange[c.Name] = fmt.Sprintf("%s!$%s$2:$%s$%d", lists, name, name, len(keys)+1)
		}
	}
	return listRange, wb.f.SetSheetVisible(lists, false)
}

// table writes the sheet of one table: its header, input checks and the
// filled-in rows (data), numbers as numbers.
func (wb *workbookWriter) table(spec TemplateTable, data [][]string, listRange map[string]string) error {
	f := wb.f
	if _, err := f.NewSheet(spec.Sheet); err != nil {
		return err
	}
	cols := spec.Columns
	if len(data) > 0 && len(data[0]) < len(cols) {
		cols = cols[:len(data[0])]
	}
	for i, c := range cols {
		if err := wb.set(spec.Sheet, i+1, 1, c.Name); err != nil {
			return err
		}
		name, _ := excelize.ColumnNumberToName(i + 1)
		width := float64(max(len(c.Name)+4, 14))
		if c.Name == "naam" || c.Name == "toelichting" {
			width = 40
		}
		if err := f.SetColWidth(spec.Sheet, name, name, width); err != nil {
			return err
		}
		if err := validation(f, spec.Sheet, name, c, listRange[c.Name]); err != nil {
			return err
		}
	}
	last, _ := excelize.ColumnNumberToName(len(cols))
	if err := f.SetCellStyle(spec.Sheet, "A1", last+"1", wb.head); err != nil {
		return err
	}
	if err := f.SetPanes(spec.Sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for r, rec := range data {
		for i, v := range rec {
			if v == "" || i >= len(cols) {
				continue
			}
			var cell any = v
			switch cols[i].Type {
			case colCount:
				if n, err := strconv.ParseInt(v, 10, 64); err == nil {
					cell = n
				}
			case colMoney:
				if x, err := strconv.ParseFloat(v, 64); err == nil {
					cell = x
				}
			}
			if err := wb.set(spec.Sheet, i+1, r+2, cell); err != nil {
				return err
			}
		}
	}
	return nil
}

// validation adds the input check of column c (rows 2-10000) to a sheet;
// list is the range holding its fixed list, if it has one.
func validation(f *excelize.File, sheet, col string, c TemplateColumn, list string) error {
	dv := excelize.NewDataValidation(!c.Required)
	dv.Sqref = fmt.Sprintf("%s2:%s10000", col, col)
	var err error
	switch c.Type {
	case colVocab, colYesNo:
		dv.SetSqrefDropList(list)
	case colCount:
		err = dv.SetRange(0, 100000000, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
	case colMoney:
		err = dv.SetRange(0, 1e12, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
	default:
		return nil
	}
	if err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Ongeldige waarde", "Zie het tabblad Instructies voor de toegestane waarden.")
	return f.AddDataValidation(sheet, dv)
}
