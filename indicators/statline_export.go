package indicators

// The StatLine "CSV export" layout: what CBS StatLine (and RIVM's StatLine)
// writes when a user downloads a table view as CSV. One generic parser for
// every table in this layout:
//
//	"Gezondheidsmonitor; bevolking 18 jaar of ouder, regio, 2020"   title (one field)
//	"Leeftijd: Totaal"                                               filter lines, "Key: value"
//	"Marges: Waarde"
//	"";"Onderwerp"                                                   header block: one empty field
//	"";"Onder- en overgewicht|Ondergewicht";...                      per row dimension, then topics
//	"Regio’s";"%";...                                                (levels joined by "|") and the
//	"Nederland";"1,7";...                                            units row naming the row dimensions
//	"Bron: CBS"                                                      footer
//
// ";" (or ","), every field quoted, decimal comma, UTF-8 with BOM, CRLF.
// Which dimensions are filters and which are row columns differs per
// download (Leeftijd is a column in the 2012 overweight file and a filter
// in 2020). The header is not on line 1, so the kind is recognised from
// this structure (sniffStatLineExport), not from kindSpecs' columns.

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// sourcePrefixExport starts the source id of every StatLine export: the
// files do not name their table (82166NED...), so the id is derived from
// the title (exportSourceID).
const sourcePrefixExport = "statline_"

// exportSniffLines is how far sniffStatLineExport looks for the "Onderwerp"
// line: a title and a handful of filter lines come before it.
const exportSniffLines = 40

// exportFile is a file recognised as a StatLine export: its text (gzip
// undone, BOM removed) and its separator.
type exportFile struct {
	text []byte
	sep  rune
}

// sniffStatLineExport reports whether data (gzip already undone) is a
// StatLine export: a first line that is one quoted field (the title) and,
// within the next lines, the "Onderwerp" line that opens the header block
// ("";"Onderwerp" with one empty field per row dimension). Everything in
// between is checked by the parser, so a damaged file of this layout gets
// precise messages instead of "unknown kind".
func sniffStatLineExport(data []byte) (*exportFile, bool) {
	head := TrimBOM(data[:min(len(data), 16<<10)])
	lines := bytes.SplitN(head, []byte("\n"), exportSniffLines+2)
	if len(lines) > exportSniffLines+1 {
		lines = lines[:exportSniffLines+1]
	}
	if len(lines) < 2 || !oneQuotedField(bytes.TrimSuffix(lines[0], []byte("\r"))) {
		return nil, false
	}
	sep := rune(0)
	for _, l := range lines[1:] {
		if s, ok := onderwerpLine(bytes.TrimSuffix(l, []byte("\r"))); ok {
			sep = s
			break
		}
	}
	if sep == 0 {
		return nil, false
	}
	return &exportFile{text: TrimBOM(data), sep: sep}, true
}

// oneQuotedField reports whether line is exactly one quoted CSV field.
func oneQuotedField(line []byte) bool {
	if len(line) < 3 || line[0] != '"' || line[len(line)-1] != '"' {
		return false
	}
	inner := line[1 : len(line)-1]
	// Inside, quotes come only doubled.
	for i := 0; i < len(inner); i++ {
		if inner[i] == '"' {
			if i+1 >= len(inner) || inner[i+1] != '"' {
				return false
			}
			i++
		}
	}
	return len(bytes.TrimSpace(inner)) > 0
}

// onderwerpLine reports whether line is `"";"Onderwerp"` (one or more empty
// fields, then "Onderwerp") and returns its separator.
func onderwerpLine(line []byte) (rune, bool) {
	const word = `"Onderwerp"`
	if !bytes.HasSuffix(line, []byte(word)) {
		return 0, false
	}
	lead := line[:len(line)-len(word)]
	if len(lead) < 3 || (lead[2] != ';' && lead[2] != ',') {
		return 0, false
	}
	cell := []byte{'"', '"', lead[2]}
	if len(lead)%3 != 0 {
		return 0, false
	}
	for i := 0; i < len(lead); i += 3 {
		if !bytes.Equal(lead[i:i+3], cell) {
			return 0, false
		}
	}
	return rune(lead[2]), true
}

// Dimensions lpa reads, as filters ("Leeftijd: Totaal") or row columns.
const (
	dimRegio       = "Regio's"
	dimPerioden    = "Perioden"
	dimLeeftijd    = "Leeftijd"
	dimGeslacht    = "Geslacht"
	dimMarges      = "Marges"
	dimCijfersoort = "Cijfersoort"
)

// exportDims maps NormName of a dimension name to its canonical name.
// "Regio's" comes with a straight or a typographic apostrophe (Regio’s).
var exportDims = map[string]string{
	"regio s": dimRegio, "regios": dimRegio, "perioden": dimPerioden, "leeftijd": dimLeeftijd,
	"geslacht": dimGeslacht, "marges": dimMarges, "cijfersoort": dimCijfersoort,
}

var exportDimList = []string{dimRegio, dimPerioden, dimLeeftijd, dimGeslacht, dimMarges, dimCijfersoort}

// exportTopicKeys maps topics (NormName of the last "|" level) to catalogue
// keys where they mean the same as an indicator lpa knows; the others get
// the snake_case of their last level. The Gezondheidsmonitor's own topic
// names of 85563NED are included (MonitorTopicKey).
var exportTopicKeys = map[string]string{
	"overgewicht":                  "overgewicht", // BMI >= 25
	"overgewicht totaal":           "overgewicht", // 2012: "Overgewicht|Overgewicht totaal"
	"ernstig overgewicht":          "ernstig_overgewicht",
	"ernstig overgewicht obesitas": "ernstig_overgewicht", // 2020/2022: "... (obesitas)"
	"obesitas":                     "ernstig_overgewicht",
	"ondergewicht":                 "ondergewicht",
	"normaal gewicht":              "normaal_gewicht",
	"gezond gewicht":               "normaal_gewicht",
	"matig overgewicht":            "matig_overgewicht",
}

func exportTopicKey(leaf string) string {
	n := NormName(leaf)
	if k, ok := exportTopicKeys[n]; ok {
		return k
	}
	if k, ok := MonitorTopicKey(n); ok {
		return k
	}
	return strings.ReplaceAll(n, " ", "_")
}

var (
	reExportFilter   = regexp.MustCompile(`^([^:]+):\s*(.*)$`)
	reExportIndeling = regexp.MustCompile(`(?i)\(\s*indeling\s+([0-9]{4})\s*\)`)
	reExportAge      = regexp.MustCompile(`(?i)(?:bevolking\s+)?(?:van\s+)?\b([0-9]{1,3})\s+jaar\s+of\s+ouder\b`)
	reExportTitleYr  = regexp.MustCompile(`(?:^|[\s,;])((?:19|20)[0-9]{2})\s*$`)
	reExportPeriod   = regexp.MustCompile(`^((?:19|20)[0-9]{2})(\*{0,2})$`)
)

// exportAge turns "N jaar of ouder" into an age group: StatLine's code
// 20300 for 18 and older (as 50090NED), otherwise lpa's "N+" ("19+" for
// the 2012 and 2016 monitors, whose population is 19 and older), which
// cannot be mistaken for a StatLine code.
func exportAge(years string) string {
	n, _ := strconv.Atoi(years)
	if n == 18 {
		return AgeAdults
	}
	return fmt.Sprintf("%d+", n)
}

// exportSourceID derives the source id from the title: without the
// division "(indeling 2024)", the age phrase (the age group is a column of
// its own) and a year at the end (the period is one), in snake_case, after
// "statline_". So the editions of one series share an id:
// "Gezondheidsmonitor; bevolking 18 jaar of ouder, regio, 2020" and
// "Gezondheidsmonitor; regio, bevolking van 19 jaar of ouder, 2012" are
// both statline_gezondheidsmonitor_regio. Filters lpa does not read
// (extra) select a part of the table: they add a short hash of their text,
// so two selections of one table never replace each other.
func exportSourceID(title string, extra []exportFilter) string {
	t := reExportIndeling.ReplaceAllString(title, " ")
	t = reExportAge.ReplaceAllString(t, " ")
	t = reExportTitleYr.ReplaceAllString(t, " ")
	id := sourcePrefixExport + strings.ReplaceAll(NormName(t), " ", "_")
	if len(extra) > 0 {
		h := sha256.New()
		for _, f := range extra {
			fmt.Fprintf(h, "%s: %s\n", NormName(f.key), NormName(f.value))
		}
		id += "_" + hex.EncodeToString(h.Sum(nil))[:6]
	}
	return id
}

type exportFilter struct {
	key, value string
	line       int
}

type exportTopic struct {
	text string // as in the file, levels joined by "|"
	unit string
	key  string
	ind  uint16
	col  int // 0-based field
}

// exportReader reads the records of an export with their line numbers.
type exportReader struct {
	name  string
	cr    *csv.Reader
	last  int
	probs Problems
}

// next returns the next record and its line, io.EOF at the end; a CSV
// syntax error is returned as a located *ParseError.
func (r *exportReader) next() ([]string, int, error) {
	rec, err := r.cr.Read()
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			e := &ParseError{File: r.name, Line: pe.StartLine, Column: pe.Column, Err: ErrMalformed,
				Msg: fmt.Sprintf("%v; expected RFC 4180 CSV with every field quoted", pe.Err)}
			if errors.Is(pe.Err, csv.ErrQuote) {
				e.Msg = fmt.Sprintf("%v (a file cut off, or a stray quote?); expected RFC 4180 CSV with every field quoted", pe.Err)
			}
			if pe.StartLine != pe.Line && pe.StartLine > 0 {
				e.Column = 0
				e.Msg = fmt.Sprintf("%v (the row starting here runs to line %d: an unclosed quote, or a file cut off?); expected RFC 4180 CSV", pe.Err, pe.Line)
			}
			if e.Line == 0 {
				e.Line = pe.Line
			}
			return nil, 0, e
		}
		return nil, 0, &ParseError{File: r.name, Line: r.last + 1, Err: ErrMalformed, Msg: err.Error()}
	}
	line, _ := r.cr.FieldPos(0)
	r.last = line
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	return rec, line, nil
}

func (r *exportReader) bad(line, col int, field string, sentinel error, msg string) {
	r.probs.Add(&ParseError{File: r.name, Line: line, Column: col, Field: field, Err: sentinel, Msg: msg})
}

// exportHeader is what the lines before the data say.
type exportHeader struct {
	title     string
	titleLine int
	filters   map[string]exportFilter // by canonical dimension name
	extra     []exportFilter          // filters lpa does not read
	dims      []string                // row dimensions, canonical, in column order
	topics    []exportTopic
	width     int // fields of a data row
	topicLine int
	unitsLine int
}

func isOnderwerp(rec []string) bool {
	if len(rec) < 2 || rec[len(rec)-1] != "Onderwerp" {
		return false
	}
	for _, f := range rec[:len(rec)-1] {
		if f != "" {
			return false
		}
	}
	return true
}

// readExportHeader reads the title, the filters and the header block.
// ok is false when the data rows cannot be read (problems say why).
func readExportHeader(r *exportReader) (*exportHeader, bool) {
	h := &exportHeader{filters: map[string]exportFilter{}}
	rec, line, err := r.next()
	if err != nil {
		r.probs.AddErr(r.name, err)
		return nil, false
	}
	h.title, h.titleLine = rec[0], line
	if len(rec) != 1 || rec[0] == "" {
		r.bad(line, 0, "", ErrMalformed, fmt.Sprintf("first line has %d fields; expected the table title as one field", len(rec)))
	}
	k, onderwerp, ok := r.filters(h)
	if !ok || !r.topics(h, k, onderwerp) || !r.units(h, k) {
		return nil, false
	}
	return h, r.probs.Len() == 0
}

// nextOr is next for a line the file must have: at the end of the file it
// adds a problem on line eofLine saying msg.
func (r *exportReader) nextOr(eofLine int, msg string) ([]string, int, bool) {
	rec, line, err := r.next()
	if err != nil {
		if err == io.EOF {
			err = &ParseError{File: r.name, Line: eofLine, Err: ErrMalformed, Msg: msg}
		}
		r.probs.AddErr(r.name, err)
		return nil, 0, false
	}
	return rec, line, true
}

// filters reads the filter lines up to the "Onderwerp" line, which has an
// empty field for each of the k row dimensions.
func (r *exportReader) filters(h *exportHeader) (k, onderwerp int, ok bool) {
	for {
		rec, line, ok := r.nextOr(r.last+1, "file ends before the header block; expected a line \"\";\"Onderwerp\"")
		if !ok {
			return 0, 0, false
		}
		if isOnderwerp(rec) {
			return len(rec) - 1, line, true
		}
		m := reExportFilter.FindStringSubmatch(rec[0])
		if len(rec) != 1 || m == nil || strings.TrimSpace(m[2]) == "" {
			r.bad(line, 0, "", ErrMalformed, fmt.Sprintf("line of %d fields starting %q before the header block (a data row out of place?); expected a filter line such as \"Perioden: 2020\" or the \"Onderwerp\" line", len(rec), rec[0]))
			continue
		}
		f := exportFilter{key: strings.TrimSpace(m[1]), value: strings.TrimSpace(m[2]), line: line}
		dim, known := exportDims[NormName(f.key)]
		if !known {
			for _, o := range h.extra {
				if NormName(o.key) == NormName(f.key) {
					r.bad(line, 0, "", ErrDuplicateKey, fmt.Sprintf("second filter %q (first on line %d); expected each filter once", f.key, o.line))
				}
			}
			h.extra = append(h.extra, f)
			continue
		}
		if o, dup := h.filters[dim]; dup {
			r.bad(line, 0, "", ErrDuplicateKey, fmt.Sprintf("second filter %q (first on line %d); expected each filter once", f.key, o.line))
			continue
		}
		h.filters[dim] = f
	}
}

// topics reads the line after "Onderwerp": k empty fields, then one topic
// per column.
func (r *exportReader) topics(h *exportHeader, k, onderwerp int) bool {
	rec, line, ok := r.nextOr(onderwerp+1, "file ends after the \"Onderwerp\" line; expected the line of topics")
	if !ok {
		return false
	}
	if len(rec) <= k || slices.ContainsFunc(rec[:k], func(s string) bool { return s != "" }) {
		r.bad(line, 0, "", ErrMalformed, fmt.Sprintf("line after \"Onderwerp\" is not a line of topics; expected %d empty field(s), one per row dimension, then the topics (\"Overgewicht|Ernstig overgewicht\")", k))
		return false
	}
	h.topicLine = line
	h.width = len(rec)
	for i := k; i < len(rec); i++ {
		levels := strings.Split(rec[i], "|")
		leaf := strings.TrimSpace(levels[len(levels)-1])
		if leaf == "" {
			r.bad(line, i+1, "", ErrMalformed, fmt.Sprintf("topic %q has an empty last level; expected a topic name (levels joined by \"|\")", rec[i]))
			continue
		}
		key := exportTopicKey(leaf)
		if key == "" {
			r.bad(line, i+1, "", ErrMalformed, fmt.Sprintf("topic %q has no letters or digits in its last level; expected a topic name", rec[i]))
			continue
		}
		h.topics = append(h.topics, exportTopic{text: rec[i], key: key, col: i})
	}
	return true
}

// units reads the units row: the names of the k row dimensions, then a
// unit per topic.
func (r *exportReader) units(h *exportHeader, k int) bool {
	rec, line, ok := r.nextOr(h.topicLine+1, "file ends after the topics; expected the units row (\"Regio's\";\"%\";...)")
	if !ok {
		return false
	}
	h.unitsLine = line
	if len(rec) > k && !slices.ContainsFunc(rec[:k], func(s string) bool { return s != "" }) {
		r.bad(line, 0, "", ErrMalformed, "a second line of column headers; expected the units row: lpa reads exports with only the topics (Onderwerp) as columns")
		return false
	}
	if len(rec) != h.width {
		r.bad(line, 0, "", ErrMalformed, fmt.Sprintf("units row has %d fields, the line of topics %d; expected the %d row dimension name(s) and a unit for each of the %d topics", len(rec), h.width, k, h.width-k))
		return false
	}
	for i := 0; i < k; i++ {
		dim, ok := exportDims[NormName(rec[i])]
		switch {
		case !ok:
			r.bad(line, i+1, "", ErrInvalidValue, fmt.Sprintf("row dimension %q is not one lpa reads; expected %s", rec[i], OneOf(exportDimList)))
		case slices.Contains(h.dims, dim):
			r.bad(line, i+1, "", ErrDuplicateKey, fmt.Sprintf("row dimension %q twice; expected each dimension once", rec[i]))
		default:
			if f, isFilter := h.filters[dim]; isFilter {
				r.bad(line, i+1, "", ErrDuplicateKey, fmt.Sprintf("%s is a row dimension and a filter (line %d); expected one of the two", dim, f.line))
			}
		}
		h.dims = append(h.dims, dim)
	}
	for j := range h.topics {
		u := rec[h.topics[j].col]
		if u == "" {
			r.bad(line, h.topics[j].col+1, h.topics[j].text, ErrMalformed, "empty unit; expected the topic's unit (\"%\", \"x 1 000\", \"1 000 euro\")")
		}
		h.topics[j].unit = u
	}
	if !slices.Contains(h.dims, dimRegio) {
		if _, ok := h.filters[dimRegio]; !ok {
			r.bad(line, 0, "", ErrMissingColumn, fmt.Sprintf("no Regio's: the units row names the row dimension(s) %s and no filter line names a region; expected a column or a filter \"Regio's\"", OneOf(rec[:k])))
		}
	}
	return true
}

// exportKey is what the filters and a row's dimension columns say about
// its values.
type exportKey struct {
	period int
	prelim string // "*" or "**": provisional at the source
	age    string // "" = the table population (Totaal)
	sex    string
}

// dimValue checks the value of dimension dim and fills it into k; it
// returns what is wrong, or "".
func dimValue(dim, v string, k *exportKey) string {
	n := NormName(v)
	switch dim {
	case dimPerioden:
		m := reExportPeriod.FindStringSubmatch(v)
		if m == nil {
			return fmt.Sprintf("period %q; expected a year such as 2020 (CBS marks provisional figures 2020*)", v)
		}
		k.period, _ = strconv.Atoi(m[1])
		k.prelim = m[2]
	case dimLeeftijd:
		if n == "totaal" {
			return ""
		}
		if m := reExportAge.FindStringSubmatch(v); m != nil && strings.EqualFold(strings.TrimSpace(m[0]), v) {
			k.age = exportAge(m[1])
			return ""
		}
		return fmt.Sprintf("Leeftijd %q; expected Totaal or \"N jaar of ouder\" (other age groups are not supported yet)", v)
	case dimGeslacht:
		switch n {
		case "totaal", "totaal mannen en vrouwen":
			k.sex = SexTotal
		case "mannen":
			k.sex = SexMale
		case "vrouwen":
			k.sex = SexFemale
		default:
			return fmt.Sprintf("Geslacht %q; expected Totaal, Mannen or Vrouwen", v)
		}
	case dimMarges, dimCijfersoort:
		if n != "waarde" {
			return fmt.Sprintf("%s %q: only values are supported for now (no interval bounds or other figure types); expected Waarde", dim, v)
		}
	}
	return ""
}

// exportRegions resolves region names of one municipal division.
type exportRegions struct {
	division int
	full     map[string]string   // NormName(CBS name) -> code
	base     map[string][]string // NormName(name without "(...)") -> codes
	names    map[string]string   // code -> CBS name
}

func newExportRegions(division int) *exportRegions {
	x := &exportRegions{division: division, full: map[string]string{}, base: map[string][]string{}, names: LoadReference().Gemeenten(division)}
	for _, code := range slices.Sorted(maps.Keys(x.names)) {
		name := x.names[code]
		x.full[NormName(name)] = code
		b := NormName(WithoutSuffix(name))
		x.base[b] = append(x.base[b], code)
	}
	return x
}

// Suffixes of other region levels in StatLine names.
var exportOtherLevels = map[string]string{
	"pv": "a province", "ld": "a landsdeel", "cr": "a COROP region", "wk": "a wijk", "bu": "a buurt",
}

// resolve returns the code and level of a region name, or what is wrong.
// Nederland is NL01; a gemeente matches its CBS name of the division
// (case, diacritics and punctuation ignored), or, when the file leaves off
// CBS's disambiguation suffix ("Utrecht" for "Utrecht (gemeente)", "Hengelo"
// for "Hengelo (O.)"), the one gemeente whose name it is without it; a name
// with a suffix must match in full. GGD regions match by their CBS names
// (ggd_regions.csv, with or without " (GG)").
func (x *exportRegions) resolve(name string) (code, level, problem string) {
	n := NormName(name)
	if n == "nederland" {
		return "NL01", LevelLand, ""
	}
	if c, ok := x.full[n]; ok {
		return c, LevelGemeente, ""
	}
	suffix := NameSuffix(name)
	if suffix == "" {
		switch codes := x.base[n]; {
		case len(codes) == 1:
			return codes[0], LevelGemeente, ""
		case len(codes) > 1:
			var alts []string
			for _, c := range codes {
				alts = append(alts, x.names[c])
			}
			return "", "", fmt.Sprintf("region %q is ambiguous in the municipal division of %d; expected the CBS name with its suffix: %s", name, x.division, OneOf(alts))
		}
		if c := PopularName(n); c != "" && x.names[c] != "" {
			return c, LevelGemeente, ""
		}
	}
	if g := LoadGGDReference().ByName(name); g != nil {
		return g.Code, LevelGGDRegio, ""
	}
	if what := exportOtherLevels[NormName(suffix)]; what != "" {
		return "", "", fmt.Sprintf("region %q is %s; expected Nederland, a gemeente or a GGD region (other levels are not supported)", name, what)
	}
	return "", "", fmt.Sprintf("region %q is not Nederland, a gemeente of the municipal division of %d or a GGD region; expected a CBS region name such as \"Amsterdam\" or \"Utrecht (gemeente)\"", name, x.division)
}

// parseStatLineExport parses a StatLine export (see the top of this file)
// into a dataset, catalogue entries for the topics lpa's catalogue does
// not know (with the file's unit), and a note on what lpa decided: source
// id, period, age group, division, units and the filters it does not read.
func parseStatLineExport(ctx context.Context, name string, f *exportFile) (*Parsed, error) {
	d, h, note, err := readStatLineExport(ctx, name, f)
	if err != nil {
		return nil, err
	}
	p := &Parsed{Kind: KindStatLineExport, Dataset: d, Note: note}
	for i, tp := range h.topics {
		if catalogueUnit(tp.key) != "" {
			continue
		}
		levels := strings.Split(tp.text, "|")
		p.LocalIndicators = append(p.LocalIndicators, Indicator{Key: tp.key, Label: strings.TrimSpace(levels[len(levels)-1]),
			Unit: tp.unit, Theme: exportTheme, Direction: "neutraal", Order: 2000 + i,
			Note: fmt.Sprintf("onderwerp %q van de StatLine-export %q; zonder plaats in lpa's catalogus", tp.text, h.title)})
	}
	return p, nil
}

// exportTheme is the theme of the catalogue entries an export brings.
const exportTheme = "statline"

func readStatLineExport(ctx context.Context, name string, f *exportFile) (*Dataset, *exportHeader, string, error) {
	cr := csv.NewReader(bytes.NewReader(f.text))
	cr.Comma = f.sep
	cr.FieldsPerRecord = -1
	r := &exportReader{name: name, cr: cr}
	h, ok := readExportHeader(r)
	if !ok {
		return nil, nil, "", r.probs.Err(name)
	}
	p := r.plan(h)
	if err := r.probs.Err(name); err != nil {
		return nil, nil, "", err
	}
	b := NewDatasetBuilder(p.slug, 0)
	r.indicators(h, b)
	if err := r.probs.Err(name); err != nil {
		return nil, nil, "", err
	}
	rows, err := r.rows(ctx, h, p)
	if err != nil {
		return nil, nil, "", err
	}
	if err := r.probs.Err(name); err != nil {
		return nil, nil, "", err
	}
	p.divide(rows)
	b.Dataset().Division = p.division
	ages, prelim := r.values(h, p, rows, b)
	if err := r.probs.Err(name); err != nil {
		return nil, nil, "", err
	}
	d, err := b.Done(name)
	if err != nil {
		return nil, nil, "", err
	}
	return d, h, exportNote(h, d, p.periodFrom, p.divisionFrom, ages, prelim), nil
}

// exportPlan is what the filters and the title fix for the whole file.
type exportPlan struct {
	fixed        exportKey
	titleAge     string // age group of "N jaar of ouder" in the title
	titleYear    int    // the year the title ends with, 0 for none
	periodFrom   string // where the period comes from, for the note
	division     int    // 0 until stated or derived
	divisionFrom string
	slug         string // the source id
}

// plan reads what the filters and the title say about every row.
func (r *exportReader) plan(h *exportHeader) *exportPlan {
	p := &exportPlan{}
	for _, dim := range exportDimList {
		fl, ok := h.filters[dim]
		if !ok || dim == dimRegio {
			continue
		}
		if msg := dimValue(dim, fl.value, &p.fixed); msg != "" {
			r.bad(fl.line, 0, dim, ErrInvalidValue, msg)
		}
	}
	if m := reExportAge.FindStringSubmatch(h.title); m != nil {
		p.titleAge = exportAge(m[1])
	}
	if m := reExportTitleYr.FindStringSubmatch(h.title); m != nil {
		p.titleYear, _ = strconv.Atoi(m[1])
	}
	switch {
	case p.fixed.period != 0:
		p.periodFrom = fmt.Sprintf("from %q", h.filters[dimPerioden].key+": "+h.filters[dimPerioden].value)
	case slices.Contains(h.dims, dimPerioden):
		p.periodFrom = "from the Perioden column"
	case p.titleYear != 0:
		p.fixed.period = p.titleYear
		p.periodFrom = "from the year at the end of the title"
	case h.filters[dimPerioden].line == 0: // a bad Perioden filter is reported already
		r.bad(h.titleLine, 0, "", ErrMissingColumn,
			fmt.Sprintf("no period: no filter line \"Perioden: YYYY\", no Perioden column and no year at the end of the title %q; expected one of them", h.title))
	}
	if m := reExportIndeling.FindStringSubmatch(h.title); m != nil {
		p.division, _ = strconv.Atoi(m[1])
		p.divisionFrom = "as the title states: " + m[0]
		if LoadReference().Gemeenten(p.division) == nil {
			r.bad(h.titleLine, 0, "", ErrInvalidValue, fmt.Sprintf("title states %s; expected a municipal division lpa knows, %d-%d", m[0], BaseDivision, LastDivision))
		}
	}
	p.slug = exportSourceID(h.title, h.extra)
	if p.slug == sourcePrefixExport {
		r.bad(h.titleLine, 0, "", ErrMalformed, fmt.Sprintf("title %q names no table; expected the table title (the source id is made from it)", h.title))
	}
	return p
}

// divide picks the division when the title states none: the latest
// period's year, within the divisions lpa knows.
func (p *exportPlan) divide(rows []exportRow) {
	if p.division != 0 {
		return
	}
	latest := 0
	for _, rw := range rows {
		latest = max(latest, rw.key.period)
	}
	p.division = min(max(latest, BaseDivision), LastDivision)
	if p.division == latest {
		p.divisionFrom = "the period's year (the title states no indeling)"
	} else {
		p.divisionFrom = fmt.Sprintf("the period %d brought within the divisions lpa knows, %d-%d (the title states no indeling): names and codes as of %d", latest, BaseDivision, LastDivision, p.division)
	}
}

// indicators makes each topic an indicator of b: once each, and in the
// catalogue's unit where the catalogue has it.
func (r *exportReader) indicators(h *exportHeader, b *DatasetBuilder) {
	seenKey := map[string]int{}
	for j := range h.topics {
		tp := &h.topics[j]
		if first, dup := seenKey[tp.key]; dup {
			r.bad(h.topicLine, tp.col+1, tp.text, ErrDuplicateKey, fmt.Sprintf("topic %q is indicator %s again (column %d); expected each indicator once", tp.text, tp.key, first+1))
			continue
		}
		seenKey[tp.key] = tp.col
		if want := catalogueUnit(tp.key); want != "" && want != tp.unit {
			r.bad(h.unitsLine, tp.col+1, tp.text, ErrInvalidValue, fmt.Sprintf("topic %q has unit %q, but it is indicator %s, which lpa's catalogue has in %q; expected %q", tp.text, tp.unit, tp.key, want, want))
			continue
		}
		tp.ind = b.Indicator(tp.key)
	}
}

// exportRow is a data row whose dimension values are read.
type exportRow struct {
	rec  []string
	line int
	key  exportKey
}

// rows reads the data rows up to the footer ("Bron: CBS"), which must end
// the file.
func (r *exportReader) rows(ctx context.Context, h *exportHeader, p *exportPlan) ([]exportRow, error) {
	var rows []exportRow
	footer := 0
	for {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		rec, line, err := r.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			r.probs.AddErr(r.name, err)
			break
		}
		if r.probs.Full() {
			r.probs.Skip()
			continue
		}
		if len(rec) == 1 && strings.HasPrefix(NormName(rec[0]), "bron") {
			if footer == 0 {
				footer = line
			}
			continue
		}
		if footer != 0 {
			r.bad(line, 0, "", ErrMalformed, fmt.Sprintf("line after the footer %q (line %d); expected the footer to end the file", "Bron: ...", footer))
			continue
		}
		if k, ok := r.rowKey(h, p, rec, line); ok {
			rows = append(rows, exportRow{slices.Clone(rec), line, k})
		}
	}
	if footer == 0 && r.probs.Len() == 0 {
		r.bad(r.last+1, 0, "", ErrMalformed, fmt.Sprintf("file ends after line %d without the footer (\"Bron: CBS\") that ends every StatLine export; expected the complete file (was it cut off?)", r.last))
	}
	if len(rows) == 0 && r.probs.Len() == 0 {
		r.bad(r.last, 0, "", ErrMalformed, "no data rows after the header block; expected at least one region")
	}
	if p.titleYear != 0 && p.fixed.period != 0 && p.fixed.period != p.titleYear {
		fl := h.filters[dimPerioden]
		r.bad(fl.line, 0, dimPerioden, ErrInvalidValue, fmt.Sprintf("Perioden %d differs from the year the title ends with (%d); expected the title's year", p.fixed.period, p.titleYear))
	}
	return rows, nil
}

// rowKey reads the dimension columns of a data row (but Regio's, which
// needs the division).
func (r *exportReader) rowKey(h *exportHeader, p *exportPlan, rec []string, line int) (exportKey, bool) {
	if len(rec) != h.width {
		r.bad(line, 0, "", ErrMalformed, fmt.Sprintf("row has %d fields, the header %d; expected the %d row dimension(s) and %d values", len(rec), h.width, len(h.dims), len(h.topics)))
		return exportKey{}, false
	}
	k := p.fixed
	ok := true
	for i, dim := range h.dims {
		if dim == dimRegio {
			continue
		}
		if msg := dimValue(dim, rec[i], &k); msg != "" {
			r.bad(line, i+1, dim, ErrInvalidValue, msg)
			ok = false
		}
	}
	if ok && p.titleYear != 0 && k.period != p.titleYear {
		col := slices.Index(h.dims, dimPerioden) + 1
		r.bad(line, col, dimPerioden, ErrInvalidValue, fmt.Sprintf("period %d differs from the year the title ends with (%d); expected the title's year", k.period, p.titleYear))
		ok = false
	}
	return k, ok
}

// values resolves each row's region and adds its values to b. It returns
// the age groups and the provisional periods it met, for the note.
func (r *exportReader) values(h *exportHeader, p *exportPlan, rows []exportRow, b *DatasetBuilder) (ages map[string]bool, prelim map[int]bool) {
	regions := newExportRegions(p.division)
	iRegio := slices.Index(h.dims, dimRegio)
	ages, prelim = map[string]bool{}, map[int]bool{}
	for _, rw := range rows {
		regio, col, line := "", iRegio+1, rw.line
		if iRegio >= 0 {
			regio = rw.rec[iRegio]
		} else {
			fl := h.filters[dimRegio]
			regio, col, line = fl.value, 0, fl.line
		}
		code, level, problem := regions.resolve(regio)
		if problem != "" {
			r.bad(line, col, dimRegio, ErrInvalidValue, problem)
			continue
		}
		age := cmp.Or(rw.key.age, p.titleAge, AgeAll)
		ages[age] = true
		sex := cmp.Or(rw.key.sex, SexTotal)
		if rw.key.prelim != "" {
			prelim[rw.key.period] = true
		}
		if ri, dup := b.RowOf(code, rw.key.period, age, sex); dup {
			first := b.Dataset().Rows[ri].Line
			r.bad(rw.line, col, dimRegio, ErrDuplicateKey, fmt.Sprintf("second row for %s (%s), period %d, age group %s, sex %s (first on line %d); expected one row per region, period, age group and sex", regio, code, rw.key.period, age, sex, first))
			continue
		}
		r.cells(h, rw, b, b.Row(code, level, rw.key.period, age, sex, rw.line))
	}
	return ages, prelim
}

// cells adds the values of a data row to row ri.
func (r *exportReader) cells(h *exportHeader, rw exportRow, b *DatasetBuilder, ri int32) {
	for _, tp := range h.topics {
		raw := rw.rec[tp.col]
		switch raw {
		case "":
			continue // not published: not a row
		case ".":
			b.Suppressed(ri, tp.ind)
			continue
		}
		v, ok := ParseDecimalComma(raw)
		if !ok {
			r.bad(rw.line, tp.col+1, tp.text, ErrInvalidValue, NumberProblem(raw, true)+", \".\" for suppressed, or empty")
			continue
		}
		if tp.unit == "%" && (v < 0 || v > 100) {
			r.bad(rw.line, tp.col+1, tp.text, ErrInvalidValue, fmt.Sprintf("value %s is outside 0-100; expected a percentage (unit %%)", raw))
			continue
		}
		b.Value(ri, tp.ind, v)
	}
}

// catalogueUnit is the unit of a catalogue indicator, "" when the key is
// not in the catalogue.
func catalogueUnit(key string) string {
	for _, ind := range LoadReference().Catalogue {
		if ind.Key == key {
			return ind.Unit
		}
	}
	return ""
}

// exportNote is the loads.message of an export: what lpa read from where,
// and the units of topics that are no percentages (values are stored as
// published, so 25,8 in "1 000 euro" is 25.8).
func exportNote(h *exportHeader, d *Dataset, periodFrom, divisionFrom string, ages map[string]bool, prelim map[int]bool) string {
	var parts []string
	parts = append(parts, fmt.Sprintf("StatLine export %q, source %s", h.title, d.Source))
	periods := map[int]bool{}
	for _, r := range d.Rows {
		periods[r.Period] = true
	}
	var ps []string
	for _, y := range slices.Sorted(maps.Keys(periods)) {
		p := strconv.Itoa(y)
		if prelim[y] {
			p += "* (provisional at CBS)"
		}
		ps = append(ps, p)
	}
	parts = append(parts, fmt.Sprintf("period %s %s", strings.Join(ps, ", "), periodFrom))
	var as []string
	for _, a := range slices.Sorted(maps.Keys(ages)) {
		switch {
		case a == AgeAdults:
			a += " (18 jaar of ouder)"
		case a == AgeAll:
			a += " (all ages: neither the title nor a Leeftijd names one)"
		case strings.HasSuffix(a, "+"):
			a += " (" + strings.TrimSuffix(a, "+") + " jaar of ouder; lpa's code, StatLine's 20300 is 18 and older)"
		}
		as = append(as, a)
	}
	parts = append(parts, "age group "+strings.Join(as, ", "))
	parts = append(parts, fmt.Sprintf("regions by name in the municipal division of %d, %s", d.Division, divisionFrom))
	byUnit := map[string][]string{}
	for _, tp := range h.topics {
		if tp.unit != "%" {
			byUnit[tp.unit] = append(byUnit[tp.unit], tp.key)
		}
	}
	if len(byUnit) > 0 {
		var us []string
		for _, u := range slices.Sorted(maps.Keys(byUnit)) {
			us = append(us, fmt.Sprintf("%s in %q", strings.Join(byUnit[u], ", "), u))
		}
		parts = append(parts, "units (values stored as published): "+strings.Join(us, "; "))
	}
	if len(h.extra) > 0 {
		var fs []string
		for _, f := range h.extra {
			fs = append(fs, f.key+": "+f.value)
		}
		parts = append(parts, "filters lpa does not read, kept apart by the source id's suffix: "+strings.Join(fs, "; "))
	}
	return strings.Join(parts, "; ")
}
