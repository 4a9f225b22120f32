package indicators

// The small parts of a workbook that the streaming reader reads before
// the sheet: the package's and the workbook's relationships, the sheet
// list and the shared strings, each only in the plain form excelize reads
// the same way (errStreamUnsure for the rest).

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strings"
	"unicode/utf8"
)

// workbookParts are what a workbook's small parts say: its sheets in order
// and, for the first, where its XML is.
type workbookParts struct {
	sheets    []string
	firstPath string
}

// The namespaces excelize insists on.
const (
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsDoc  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

// relationships is a part of a package's relationships (.rels).
type relationships struct {
	XMLName xml.Name `xml:"http://schemas.openxmlformats.org/package/2006/relationships Relationships"`
	Rels    []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// readWorkbookParts reads the sheet list and the first sheet's part name.
// Anything unusual is left to excelize (errStreamUnsure), which may refuse
// the workbook: a package whose main part is not xl/workbook.xml, parts in
// other namespaces (the strict ones among them), sheet names excelize
// refuses or that occur twice, small parts that are no well-formed XML.
func readWorkbookParts(files map[string]*zip.File) (workbookParts, error) {
	var wp workbookParts
	for name, f := range files {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			if strings.HasPrefix(name, "xl/worksheets/") || strings.EqualFold(name, "xl/sharedStrings.xml") {
				continue // read as they are streamed
			}
			if !wellFormed(f) {
				return wp, errStreamUnsure
			}
		}
	}
	var pkg relationships
	if f, ok := files["_rels/.rels"]; !ok || decodePart(f, &pkg) != nil {
		return wp, errStreamUnsure
	}
	main := 0
	for _, r := range pkg.Rels {
		if r.Type == nsDoc+"/officeDocument" {
			if strings.TrimPrefix(r.Target, "/") != "xl/workbook.xml" {
				return wp, errStreamUnsure
			}
			main++
		}
	}
	wb, ok := files["xl/workbook.xml"]
	if !ok || main != 1 {
		return wp, errStreamUnsure
	}
	var book struct {
		XMLName xml.Name `xml:"http://schemas.openxmlformats.org/spreadsheetml/2006/main workbook"`
		Sheets  []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := decodePart(wb, &book); err != nil || len(book.Sheets) == 0 {
		return wp, errStreamUnsure
	}
	var rels relationships
	if rf, ok := files["xl/_rels/workbook.xml.rels"]; !ok || decodePart(rf, &rels) != nil {
		return wp, errStreamUnsure
	}
	seen := map[string]bool{}
	for _, s := range book.Sheets {
		key := strings.ToLower(s.Name)
		if !plainSheetName(s.Name) || seen[key] {
			return wp, errStreamUnsure
		}
		seen[key] = true
		wp.sheets = append(wp.sheets, s.Name)
	}
	targets := 0
	for _, r := range rels.Rels {
		if r.ID != book.Sheets[0].ID {
			continue
		}
		targets++
		if strings.HasPrefix(r.Target, "/") {
			wp.firstPath = strings.TrimPrefix(r.Target, "/")
		} else {
			wp.firstPath = path.Join("xl", r.Target)
		}
	}
	if _, ok := files[wp.firstPath]; !ok || targets != 1 || !strings.HasPrefix(wp.firstPath, "xl/worksheets/") {
		return wp, errStreamUnsure
	}
	return wp, nil
}

// plainSheetName: a sheet name excelize takes as it is (at most 31
// characters, none of :\/?*[], no quote at either end).
func plainSheetName(n string) bool {
	return n != "" && utf8.RuneCountInString(n) <= 31 && !strings.ContainsAny(n, `:\/?*[]`) &&
		!strings.HasPrefix(n, "'") && !strings.HasSuffix(n, "'")
}

// wellFormed reports whether a small part is well-formed XML in none of
// the strict namespaces (excelize rewrites those).
func wellFormed(f *zip.File) bool {
	if f.UncompressedSize64 > 16<<20 {
		return false
	}
	rc, err := f.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil || bytes.Contains(b, []byte("purl.oclc.org/ooxml")) {
		return false
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := dec.Token(); err == io.EOF {
			return true
		} else if err != nil {
			return false
		}
	}
}

func decodePart(f *zip.File, v any) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v)
}

// readSharedStrings reads the shared string table as excelize reads it: an
// item's text is its t element, then the t elements of its runs (phonetic
// runs and formatting left out). Only the plain forms are read here: an
// item with two direct t elements, a run with two, other elements, items
// anywhere but under the root, another root or namespace are left to
// excelize.
func readSharedStrings(f *zip.File) ([]string, error) {
	if f.UncompressedSize64 > 256<<20 {
		return nil, errStreamUnsure
	}
	rc, err := f.Open()
	if err != nil {
		return nil, errStreamUnsure
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil || bytes.Contains(b, []byte("purl.oclc.org/ooxml")) {
		return nil, errStreamUnsure
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	var (
		out        []string
		stack      []string
		direct     []byte // the item's own t
		runs       []byte // its runs' t
		directSeen bool
		runTs      int     // t elements in the current run
		into       *[]byte // the text being read
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if len(stack) != 0 {
				return nil, errStreamUnsure
			}
			return out, nil
		}
		if err != nil {
			return nil, errStreamUnsure
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			at := strings.Join(stack, "/")
			switch {
			case len(stack) == 0:
				if name != "sst" || t.Name.Space != nsMain || out != nil {
					return nil, errStreamUnsure
				}
				out = []string{}
			case at == "sst" && name == "si":
				direct, runs, directSeen = direct[:0], runs[:0], false
			case at == "sst/si" && name == "t":
				if directSeen {
					return nil, errStreamUnsure
				}
				directSeen, into = true, &direct
			case at == "sst/si" && name == "r":
				runTs = 0
			case at == "sst/si/r" && name == "t":
				if runTs++; runTs > 1 {
					return nil, errStreamUnsure
				}
				into = &runs
			case at == "sst/si/r" && name == "rPr", strings.HasPrefix(at, "sst/si/r/rPr"),
				at == "sst/si" && (name == "rPh" || name == "phoneticPr"), strings.HasPrefix(at, "sst/si/rPh"):
				// formatting and phonetic runs: not part of the text
			default:
				return nil, errStreamUnsure
			}
			stack = append(stack, name)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			switch strings.Join(stack, "/") + "/" + t.Name.Local {
			case "sst/si/t", "sst/si/r/t":
				into = nil
			case "sst/si":
				out = append(out, string(direct)+string(runs))
			}
		case xml.CharData:
			if into != nil {
				*into = append(*into, t...)
			}
		}
	}
}
