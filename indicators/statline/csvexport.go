package statline

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"lpa/indicators"
)

// sourcePrefixExport starts the source id of every StatLine export: the
// files do not name their table (82166NED...), so the id is derived from
// the title (exportSourceID).
const sourcePrefixExport = "statline_"

// exportSniffLines is how far sniffExport looks for the "Onderwerp"
// line: a title and a handful of filter lines come before it.
const exportSniffLines = 40

// exportFile is a file recognised as a StatLine export: its text (gzip
// undone, BOM removed) and its separator.
type exportFile struct {
	text []byte
	sep  rune
}

// AboutExport describes the kind of file (sources.KnownKinds).
const AboutExport = "StatLine \"CSV export\" of a table per region (a title line, filter lines such as \"Perioden: 2020\", the \"\";\"Onderwerp\" header block, a units row, the \"Bron: CBS\" footer)"

// IsExport reports whether data (gzip undone) is a StatLine export
// (sniffExport).
func IsExport(data []byte) bool {
	_, ok := sniffExport(data)
	return ok
}

// ParseExport parses a StatLine export (data: gzip undone) into a dataset;
// see parseExport.
func ParseExport(ctx context.Context, name string, data []byte) (*indicators.Parsed, error) {
	f, ok := sniffExport(data)
	if !ok {
		return nil, &indicators.ParseError{File: name, Line: 1, Err: indicators.ErrUnknownKind,
			Msg: "not a StatLine export; expected a title line and the \"\";\"Onderwerp\" header block"}
	}
	return parseExport(ctx, name, f)
}

// sniffExport reports whether data (gzip already undone) is a
// StatLine export: a first line that is one quoted field (the title) and,
// within the next lines, the "Onderwerp" line that opens the header block
// ("";"Onderwerp" with one empty field per row dimension). Everything in
// between is checked by the parser, so a damaged file of this layout gets
// precise messages instead of "unknown kind".
func sniffExport(data []byte) (*exportFile, bool) {
	head := indicators.TrimBOM(data[:min(len(data), 16<<10)])
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
	return &exportFile{text: indicators.TrimBOM(data), sep: sep}, true
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

// parseExport parses a StatLine export (see the package comment)
// into a dataset, catalogue entries for the topics lpa's catalogue does
// not know (with the file's unit), and a note on what lpa decided: source
// id, period, age group, division, units and the filters it does not read.
func parseExport(ctx context.Context, name string, f *exportFile) (*indicators.Parsed, error) {
	d, h, note, err := readExport(ctx, name, f)
	if err != nil {
		return nil, err
	}
	p := &indicators.Parsed{Kind: indicators.KindStatLineExport, Dataset: d, Note: note}
	for i, tp := range h.topics {
		if catalogueUnit(tp.key) != "" {
			continue
		}
		levels := strings.Split(tp.text, "|")
		p.LocalIndicators = append(p.LocalIndicators, indicators.Indicator{Key: tp.key, Label: strings.TrimSpace(levels[len(levels)-1]),
			Unit: tp.unit, Theme: exportTheme, Direction: "neutraal", Order: 2000 + i,
			Note: fmt.Sprintf("onderwerp %q van de StatLine-export %q; zonder plaats in lpa's catalogus", tp.text, h.title)})
	}
	return p, nil
}

// exportTheme is the theme of the catalogue entries an export brings.
const exportTheme = "statline"

// readExport reads an export: its header block, then the rows, then their
// regions, which need the division the title, the filters or the periods
// give.
func readExport(ctx context.Context, name string, f *exportFile) (*indicators.Dataset, *exportHeader, string, error) {
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
	b := indicators.NewDatasetBuilder(p.slug, 0)
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

// catalogueUnit is the unit of a catalogue indicator, "" when the key is
// not in the catalogue.
func catalogueUnit(key string) string {
	for _, ind := range indicators.LoadReference().Catalogue {
		if ind.Key == key {
			return ind.Unit
		}
	}
	return ""
}

// exportNote is the loads.message of an export: what lpa read from where,
// and the units of topics that are no percentages (values are stored as
// published, so 25,8 in "1 000 euro" is 25.8).
func exportNote(h *exportHeader, d *indicators.Dataset, periodFrom, divisionFrom string, ages map[string]bool, prelim map[int]bool) string {
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
		case a == indicators.AgeAdults:
			a += " (18 jaar of ouder)"
		case a == indicators.AgeAll:
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
