package templates

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"lpa/indicators"
)

// WriteWorkbook writes a process or project workbook: the sheet
// Instructies (in Dutch) and one sheet per table, with drop-down lists for
// the fixed lists. rows holds the filled-in rows per kind, in column order
// (nil: a blank template); a row may leave out the optional columns at its
// end, and then the sheet has only as many columns.
func WriteWorkbook(w io.Writer, workbook string, rows map[indicators.Kind][][]string) error {
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
	for _, spec := range Tables {
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
	for _, spec := range Tables {
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
	for _, spec := range Tables {
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
func (wb *workbookWriter) table(spec Table, data [][]string, listRange map[string]string) error {
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
func validation(f *excelize.File, sheet, col string, c Column, list string) error {
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
