package synth

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"time"
)

// xlsxWriter makes a workbook of one sheet with shared strings, the way
// Excel saves a downloaded table. The zip entries carry a fixed time, so
// the same rows give the same bytes.
type xlsxWriter struct {
	sheetName string
	sheet     bytes.Buffer
	strings   map[string]int
	order     []string
	refs      int
	rows      int
	cols      int
}

func newXLSX(sheet string) *xlsxWriter {
	return &xlsxWriter{sheetName: sheet, strings: map[string]int{}}
}

// row adds a row; numeric[i] writes field i as a number. Empty fields are
// left out.
func (w *xlsxWriter) row(fields []string, numeric []bool) {
	w.rows++
	w.cols = max(w.cols, len(fields))
	fmt.Fprintf(&w.sheet, `<row r="%d">`, w.rows)
	for i, f := range fields {
		if f == "" {
			continue
		}
		ref := colName(i) + strconv.Itoa(w.rows)
		if i < len(numeric) && numeric[i] {
			fmt.Fprintf(&w.sheet, `<c r="%s"><v>%s</v></c>`, ref, f)
			continue
		}
		k, ok := w.strings[f]
		if !ok {
			k = len(w.order)
			w.strings[f] = k
			w.order = append(w.order, f)
		}
		w.refs++
		fmt.Fprintf(&w.sheet, `<c r="%s" t="s"><v>%d</v></c>`, ref, k)
	}
	w.sheet.WriteString(`</row>`)
}

func colName(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

const xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

func (w *xlsxWriter) bytes() ([]byte, error) {
	var sst bytes.Buffer
	fmt.Fprintf(&sst, `%s<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, xmlHead, w.refs, len(w.order))
	for _, s := range w.order {
		sst.WriteString(`<si><t xml:space="preserve">`)
		if err := xml.EscapeText(&sst, []byte(s)); err != nil {
			return nil, err
		}
		sst.WriteString(`</t></si>`)
	}
	sst.WriteString(`</sst>`)
	var sheet bytes.Buffer
	fmt.Fprintf(&sheet, `%s<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:%s%d"/><sheetData>`,
		xmlHead, colName(max(w.cols, 1)-1), max(w.rows, 1))
	sheet.Write(w.sheet.Bytes())
	sheet.WriteString(`</sheetData></worksheet>`)
	var name bytes.Buffer
	if err := xml.EscapeText(&name, []byte(w.sheetName)); err != nil {
		return nil, err
	}
	parts := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", []byte(xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)},
		{"_rels/.rels", []byte(xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)},
		{"xl/workbook.xml", []byte(xmlHead + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="` + name.String() + `" sheetId="1" r:id="rId1"/></sheets></workbook>`)},
		{"xl/_rels/workbook.xml.rels", []byte(xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)},
		{"xl/styles.xml", []byte(xmlHead + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`)},
		{"xl/worksheets/sheet1.xml", sheet.Bytes()},
		{"xl/sharedStrings.xml", sst.Bytes()},
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	stamp := time.Date(2022, 7, 1, 0, 0, 0, 0, time.UTC)
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(p.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
