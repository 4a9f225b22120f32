package indicators

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// sheetRow is a row as a reader gives it: its number and cells.
type sheetRow struct {
	n     int
	cells []string
}

// excelizeRows reads the first sheet the way lpa read workbooks before the
// streaming reader: excelize's Rows and Columns.
func excelizeRows(t *testing.T, data []byte) []sheetRow {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []sheetRow
	for n := 1; rows.Next(); n++ {
		cols, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		if len(cols) > 0 {
			out = append(out, sheetRow{n, slices.Clone(cols)})
		}
	}
	return out
}

// tableRows reads every non-empty row through XLSXTable, the header too;
// it reports whether the streaming reader read the whole sheet.
func tableRows(t *testing.T, data []byte) ([]sheetRow, bool) {
	t.Helper()
	x := &XLSXTable{name: "test.xlsx", data: data, lim: DefaultLimits()}
	if err := x.openStream(); err != nil {
		if err := x.openRows(); err != nil {
			t.Fatal(err)
		}
	}
	defer x.Close()
	var out []sheetRow
	for {
		cells, ok, err := x.nextRow()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		if len(cells) > 0 {
			out = append(out, sheetRow{x.row, slices.Clone(cells)})
		}
	}
	return out, x.rows == nil
}

func sameRows(t *testing.T, name string, got, want []sheetRow) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d rows, excelize %d", name, len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if got[i].n != want[i].n || !slices.Equal(got[i].cells, want[i].cells) {
			t.Fatalf("%s: row %d is %d %q; excelize gives %d %q", name, i, got[i].n, got[i].cells, want[i].n, want[i].cells)
		}
	}
}

// The streaming reader gives the rows excelize gives for the real
// workbooks: the StatLine editions of 50090NED and every workbook of the
// repository's test data and examples.
func TestXLSXStreamAsExcelize(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../examples/*/*.xlsx", "../cmd/lpa/testdata/bad/*.xlsx", "../pipeline/testdata/*.xlsx", "testdata/*.xlsx"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	shared := os.Getenv("LPA_SHARED_DATA")
	if shared == "" {
		shared = filepath.Join("..", "..", "shared", "data")
	}
	if m, _ := filepath.Glob(filepath.Join(shared, "rivm_gezondheid_wijk_buurt_50090NED", "*.xlsx")); len(m) > 0 {
		files = append(files, m...)
	} else {
		t.Logf("the StatLine workbooks of ../shared/data are not here (set LPA_SHARED_DATA): only the repository's workbooks are compared")
	}
	if len(files) < 3 {
		t.Fatalf("found %d workbooks to compare", len(files))
	}
	streamed := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		got, whole := tableRows(t, data)
		sameRows(t, f, got, excelizeRows(t, data))
		if whole {
			streamed++
		}
		if strings.Contains(f, "50090NED") && !whole {
			t.Errorf("%s: the streaming reader handed over to excelize", f)
		}
	}
	t.Logf("%d workbooks compared, %d read by the streaming reader to the end", len(files), streamed)
}

// Cells of every kind excelize writes, compared with excelize's reading;
// a styled cell hands over to excelize at its row and the rows before it
// stay as read.
func TestXLSXStreamCells(t *testing.T) {
	f := excelize.NewFile()
	sh := "Blad1"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		t.Fatal(err)
	}
	set := func(cell string, v any) {
		t.Helper()
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "code")
	set("B1", "waarde & <marge>")
	set("D1", "tekst \"quoted\" 'single'")
	set("A2", "GM0363")
	set("B2", 76.1)
	set("C2", 0.1+0.2)
	set("D2", "Ünïcode — ✓")
	set("A3", "GM0453")
	set("B3", 123456789012345678)
	set("C3", 1e-7)
	set("D3", "  spaties  ")
	set("A5", "GM0392") // row 4 left out
	set("B5", -0.0)
	set("C5", "3.10")
	if err := f.SetCellFormula(sh, "D5", "B2*2"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStr(sh, "E6", "ver weg"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellRichText(sh, "A7", []excelize.RichTextRun{{Text: "rijk "}, {Text: "tekst", Font: &excelize.Font{Bold: true}}}); err != nil {
		t.Fatal(err)
	}
	set("B8", "_x0041_ escaped")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, _ := tableRows(t, buf.Bytes())
	sameRows(t, "cells", got, excelizeRows(t, buf.Bytes()))

	// A styled cell in row 4: rows 1-3 streamed, the rest by excelize.
	style, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	if err != nil {
		t.Fatal(err)
	}
	set("B4", 2.5)
	if err := f.SetCellStyle(sh, "B4", "B4", style); err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, whole := tableRows(t, buf.Bytes())
	if whole {
		t.Error("a styled cell did not hand over to excelize")
	}
	want := excelizeRows(t, buf.Bytes())
	sameRows(t, "styled", got, want)
	if r := want[3]; r.n != 4 || r.cells[1] != "2.50" {
		t.Errorf("row 4 is %d %q; expected the styled value 2.50", r.n, r.cells)
	}
}

// Each number a cell may hold reads as excelize formats it.
func TestGeneralNumber(t *testing.T) {
	for _, v := range []string{"76.1", "76.099999999999994", "0.30000000000000004", "123456789012345678",
		"1e-7", "-0", "3.10", "1_000", "abc", "", "12345678901234567890123", "1E+30", "0.1234567890123456789", "Inf"} {
		c := &excelizeCell{v}
		if got, want := generalNumber(v), c.excelize(); got != want {
			t.Errorf("%q: %q; excelize gives %q", v, got, want)
		}
	}
}

// excelizeCell reads one number cell through excelize.
type excelizeCell struct{ v string }

func (c *excelizeCell) excelize() string {
	f := excelize.NewFile()
	defer f.Close()
	ws := fmt.Sprintf(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>%s</v></c></row></sheetData></worksheet>`, c.v)
	f.Pkg.Store("xl/worksheets/sheet1.xml", []byte(ws))
	f.Sheet.Delete("xl/worksheets/sheet1.xml")
	rows, err := f.GetRows("Sheet1")
	if err != nil || len(rows) == 0 || len(rows[0]) == 0 {
		return ""
	}
	return rows[0][0]
}

// The rows of a StatLine workbook (24 MB of sheet XML) read by the
// streaming reader and by excelize: time, bytes and allocations.
func BenchmarkXLSXRows(b *testing.B) {
	shared := os.Getenv("LPA_SHARED_DATA")
	if shared == "" {
		shared = filepath.Join("..", "..", "shared", "data")
	}
	data, err := os.ReadFile(filepath.Join(shared, "rivm_gezondheid_wijk_buurt_50090NED", "50090NED_2020_18plus.xlsx"))
	if err != nil {
		b.Skipf("the StatLine workbook of ../shared/data is not here (set LPA_SHARED_DATA): %v", err)
	}
	read := func(b *testing.B, x *XLSXTable) int {
		defer x.Close()
		n := 0
		for {
			cells, ok, err := x.nextRow()
			if err != nil {
				b.Fatal(err)
			}
			if !ok {
				return n
			}
			n += len(cells)
		}
	}
	b.Run("stream", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			x := &XLSXTable{name: "w.xlsx", data: data, lim: DefaultLimits()}
			if err := x.openStream(); err != nil {
				b.Fatal(err)
			}
			read(b, x)
		}
	})
	b.Run("excelize", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			x := &XLSXTable{name: "w.xlsx", data: data, lim: DefaultLimits()}
			if err := x.openRows(); err != nil {
				b.Fatal(err)
			}
			read(b, x)
		}
	})
}

// FuzzXLSXStream changes the sheet XML of a workbook and compares the rows
// the table gives (the streaming reader, handing over where unsure) with
// excelize's: the same rows, and an error where excelize has one.
//
//	go test -tags duckdb_arrow -run '^$' -fuzz FuzzXLSXStream -fuzztime 60s ./indicators/
func FuzzXLSXStream(f *testing.F) {
	zr := fuzzBase(f)
	for _, zf := range zr.File {
		if zf.Name == fuzzSheet {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>1.50</v></c></row><row r="4"><c t="inlineStr"><is><t>a</t><r><t>b</t></r></is></c></row></sheetData></worksheet>`,
		`<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row><x:c><x:v>12345678901234567890</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>&lt;5&#x41;</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
		`<worksheet><sheetData><row r="2"><c r="B2" t="e"><v>#N/A</v></c><c r="AA2" t="b"><v>1</v></c></row><row r="1"><c><v>1</v></c></row></sheetData></worksheet>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sheet string) { compareSheet(t, zr, sheet) })
}

// fuzzSheet is the part FuzzXLSXStream replaces.
const fuzzSheet = "xl/worksheets/sheet1.xml"

// fuzzBase is a small workbook with shared strings and numbers.
func fuzzBase(tb testing.TB) *zip.Reader {
	base := excelize.NewFile()
	for cell, v := range map[string]any{"A1": "code", "B1": "waarde", "A2": "GM0363", "B2": 76.1, "C3": "x & y"} {
		if err := base.SetCellValue("Sheet1", cell, v); err != nil {
			tb.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := base.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		tb.Fatal(err)
	}
	return zr
}

// compareSheet puts sheet into the workbook zr and compares the table's
// rows with excelize's.
func compareSheet(t *testing.T, zr *zip.Reader, sheet string) {
	compareParts(t, zr, map[string]string{fuzzSheet: sheet})
}

// compareParts replaces parts of the workbook zr (a part "": left out)
// and compares the table's rows with excelize's. A workbook excelize
// cannot open must not open as a table either.
func compareParts(t *testing.T, zr *zip.Reader, parts map[string]string) {
	t.Helper()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		content, replaced := parts[zf.Name]
		if replaced && content == "" {
			continue
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		if replaced {
			io.WriteString(w, content)
			continue
		}
		rc, _ := zf.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	data := out.Bytes()
	want, wantErr, ok := excelizeRowsOrErr(data)
	got, gotErr := tableRowsOrErr(data)
	if !ok {
		if gotErr == nil {
			t.Fatalf("excelize cannot open the workbook, the table reads %v\nparts: %q", got, parts)
		}
		return
	}
	if (gotErr != nil) != (wantErr != nil) {
		t.Fatalf("error %v; excelize: %v\nparts: %q", gotErr, wantErr, parts)
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows %v; excelize %d %v\nparts: %q", len(got), got, len(want), want, parts)
	}
	for i := range got {
		if got[i].n != want[i].n || !slices.Equal(got[i].cells, want[i].cells) {
			t.Fatalf("row %d is %d %q; excelize %d %q\nparts: %q", i, got[i].n, got[i].cells, want[i].n, want[i].cells, parts)
		}
	}
}

// The cases a review found: shared strings, inline strings and workbook
// parts that excelize reads its own way; each gives excelize's rows now
// (the streaming reader hands over) or, where excelize cannot open the
// workbook, an error.
func TestXLSXStreamReviewCases(t *testing.T) {
	zr := fuzzBase(t)
	const sst = "xl/sharedStrings.xml"
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	sheet := func(rows string) string {
		return `<worksheet ` + ns + `><sheetData>` + rows + `</sheetData></worksheet>`
	}
	twoRows := sheet(`<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row><row r="2"><c><v>2</v></c></row>`)
	for name, parts := range map[string]map[string]string{
		"two t in an item":           {sst: `<sst ` + ns + `><si><t>a</t><t>b</t></si><si><t>c</t></si></sst>`, fuzzSheet: twoRows},
		"run before t":               {sst: `<sst ` + ns + `><si><r><t>a</t></r><t>b</t></si><si><t>c</t></si></sst>`, fuzzSheet: twoRows},
		"item below another":         {sst: `<sst ` + ns + `><foo><si><t>x</t></si></foo><si><t>a</t></si><si><t>c</t></si></sst>`, fuzzSheet: twoRows},
		"item after the root":        {sst: `<sst ` + ns + `><si><t>a</t></si></sst><si><t>b</t></si>`, fuzzSheet: twoRows},
		"no namespace":               {sst: `<sst><si><t>a</t></si><si><t>b</t></si></sst>`, fuzzSheet: twoRows},
		"strict namespace text":      {sst: `<sst ` + ns + `><si><t>http://purl.oclc.org/ooxml/spreadsheetml/main</t></si><si><t>b</t></si></sst>`, fuzzSheet: twoRows},
		"two t inline":               {fuzzSheet: sheet(`<row r="1"><c t="inlineStr"><is><t>a</t><t>b</t></is></c></row>`)},
		"run before t inline":        {fuzzSheet: sheet(`<row r="1"><c t="inlineStr"><is><r><t>a</t></r><t>b</t></is></c></row>`)},
		"two is":                     {fuzzSheet: sheet(`<row r="1"><c t="inlineStr"><is><t>a</t></is><is><t>b</t></is></c></row>`)},
		"v in is":                    {fuzzSheet: sheet(`<row r="1"><c t="inlineStr"><is><v>5</v></is></c></row>`)},
		"rPh outside is":             {fuzzSheet: sheet(`<row r="1"><c><rPh><v>5</v></rPh></c></row>`)},
		"rPh holding a row":          {fuzzSheet: sheet(`<row r="1"><c><rPh><row r="7"/></rPh><v>1</v></c></row><row r="2"><c><v>2</v></c><c t="b"><v>1</v></c></row><row r="3"><c><v>3</v></c></row>`)},
		"empty v after a value":      {fuzzSheet: sheet(`<row r="1"><c><v>5</v><v/></c></row>`)},
		"blank shared index":         {fuzzSheet: sheet(`<row r="1"><c t="s"><v> </v></c></row>`)},
		"a row after sheetData":      {fuzzSheet: `<worksheet ` + ns + `><sheetData><row r="1"><c><v>1</v></c></row></sheetData><foo><row r="2"><c><v>2</v></c></row></foo></worksheet>`},
		"dashes in a comment":        {fuzzSheet: sheet(`<row r="1"><c><v>1</v></c></row><!-- a -- b --><row r="2"><c><v>2</v></c></row>`)},
		"comment <!-->":              {fuzzSheet: sheet(`<row r="1"><c><v>1</v></c></row><!--><row r="2"><c><v>2</v></c></row>-->`)},
		"CDATA end across chunks":    {fuzzSheet: sheet(`<row r="1"><c><v>1</v></c></row>` + strings.Repeat(" ", 65534) + `]]><row r="2"><c><v>2</v></c></row>`)},
		"row number too large":       {fuzzSheet: sheet(`<row r="1"><c r="A99999999"><v>1</v></c></row>`)},
		"no package relationships":   {"_rels/.rels": "", fuzzSheet: twoRows},
		"workbook without namespace": {"xl/workbook.xml": `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		"long sheet name":            {"xl/workbook.xml": `<workbook ` + ns + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="` + strings.Repeat("x", 40) + `" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		"broken styles":              {"xl/styles.xml": `<styleSheet ` + ns + `><cellXfs>`},
	} {
		t.Run(name, func(t *testing.T) { compareParts(t, zr, parts) })
	}
}

func excelizeRowsOrErr(data []byte) ([]sheetRow, error, bool) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, nil, false
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetList()[0])
	if err != nil {
		return nil, nil, false
	}
	defer rows.Close()
	var out []sheetRow
	for n := 1; rows.Next(); n++ {
		cols, err := rows.Columns()
		if err != nil {
			return out, err, true
		}
		if len(cols) > 0 {
			out = append(out, sheetRow{n, slices.Clone(cols)})
		}
	}
	return out, rows.Error(), true
}

func tableRowsOrErr(data []byte) ([]sheetRow, error) {
	x := &XLSXTable{name: "fuzz.xlsx", data: data, lim: DefaultLimits()}
	if err := x.openStream(); err != nil {
		if err := x.openRows(); err != nil {
			return nil, err
		}
	}
	defer x.Close()
	var out []sheetRow
	for {
		cells, ok, err := x.nextRow()
		if err != nil {
			return out, err
		}
		if !ok {
			return out, nil
		}
		if len(cells) > 0 {
			out = append(out, sheetRow{x.row, slices.Clone(cells)})
		}
	}
}
