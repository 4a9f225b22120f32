package indicators

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Dataset is one StatLine table file in long form, compactly: one SourceRow
// per data line and one Cell per published or suppressed value.
type Dataset struct {
	Source     string   // table id, e.g. "50090NED"
	Division   int      // municipal division the region codes belong to
	Indicators []string // catalogue keys; Cell.Indicator indexes this
	Rows       []SourceRow
	Cells      []Cell
	// Notes holds the source's significance texts; Cell.Note indexes it
	// (0 is "no note", so Notes[0] is "").
	Notes []string
}

// SourceRow is the key part of one data line.
type SourceRow struct {
	RegionCode  string
	RegionLevel string
	Period      int
	AgeGroup    string
	Sex         string // "totaal" (or "") , "man", "vrouw"
	Line        int
}

// Cell is one value of one SourceRow.
type Cell struct {
	Row        int32
	Indicator  uint16
	Note       uint16 // index into Dataset.Notes; 0: none
	Suppressed bool
	HasCI      bool // Lo and Hi hold the 95 % interval
	Value      float64
	Lo, Hi     float64
}

// AddNote returns the index of text in d.Notes, adding it when new.
func (d *Dataset) AddNote(text string) uint16 {
	if text == "" {
		return 0
	}
	if len(d.Notes) == 0 {
		d.Notes = append(d.Notes, "")
	}
	for i, n := range d.Notes {
		if n == text {
			return uint16(i)
		}
	}
	d.Notes = append(d.Notes, text)
	return uint16(len(d.Notes) - 1)
}

// Slice is the unit a load replaces: all cells of one source, edition, age
// group and region level.
type Slice struct {
	Source      string
	Period      int
	AgeGroup    string
	RegionLevel string
}

// Slices lists the slices the dataset covers, sorted.
func (d *Dataset) Slices() []Slice {
	seen := map[Slice]bool{}
	for _, r := range d.Rows {
		seen[Slice{d.Source, r.Period, r.AgeGroup, r.RegionLevel}] = true
	}
	out := make([]Slice, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b Slice) int {
		return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
	})
	return out
}

// SliceCells counts the dataset's cells per slice.
func (d *Dataset) SliceCells() map[Slice]int {
	out := map[Slice]int{}
	for _, c := range d.Cells {
		r := d.Rows[c.Row]
		out[Slice{d.Source, r.Period, r.AgeGroup, r.RegionLevel}]++
	}
	return out
}

// SliceRegions lists the region codes the dataset holds in slice sl, sorted.
func (d *Dataset) SliceRegions(sl Slice) []string {
	seen := map[string]bool{}
	for _, r := range d.Rows {
		if r.Period == sl.Period && r.AgeGroup == sl.AgeGroup && r.RegionLevel == sl.RegionLevel {
			seen[r.RegionCode] = true
		}
	}
	out := make([]string, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// Without returns a copy of the dataset without the cells of the slices in
// drop (rows stay, so row indices keep their meaning).
func (d *Dataset) Without(drop map[Slice]bool) *Dataset {
	out := *d
	out.Cells = make([]Cell, 0, len(d.Cells))
	for _, c := range d.Cells {
		r := d.Rows[c.Row]
		if !drop[Slice{d.Source, r.Period, r.AgeGroup, r.RegionLevel}] {
			out.Cells = append(out.Cells, c)
		}
	}
	return &out
}

// Observation returns cell i in long form.
func (d *Dataset) Observation(i int) Observation {
	c := d.Cells[i]
	r := d.Rows[c.Row]
	o := Observation{RegionCode: r.RegionCode, RegionLevel: r.RegionLevel, Period: r.Period,
		AgeGroup: r.AgeGroup, Indicator: d.Indicators[c.Indicator], Value: c.Value, Status: Measured}
	if c.HasCI {
		o.CILower, o.CIUpper, o.HasCI = c.Lo, c.Hi, true
	}
	if c.Suppressed {
		o.Status, o.Value = Suppressed, 0
	}
	return o
}

// The key columns of StatLine table 50090NED (UntypedDataSet).
var cols50090 = []string{"ID", "Leeftijd", "Marges", "WijkenEnBuurten", "Perioden", "Gemeentenaam_1", "SoortRegio_2", "Codering_3"}

// 50090NED is published in the municipal division of 2020 ("indeling 2020")
// for all its editions.
const division50090 = 2020

var (
	reStatLineKey = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9]*)_[0-9]+$`)
	rePeriod      = regexp.MustCompile(`^([0-9]{4})JJ00$`)
	reAgeGroup    = regexp.MustCompile(`^[0-9]{5}$`)
)

var soortRegio = map[string]string{
	"Land": LevelLand, "Gemeente": LevelGemeente, "Wijk": LevelWijk, "Buurt": LevelBuurt,
}

// SoortRegio returns the level of a CBS region kind as StatLine names it
// (the column SoortRegio: Land, Gemeente, Wijk or Buurt).
func SoortRegio(soort string) (level string, ok bool) {
	level, ok = soortRegio[soort]
	return level, ok
}

// RegionCodeOK reports whether code is a CBS code of the level.
func RegionCodeOK(code, level string) bool {
	digits := func(s string, n int) bool {
		if len(s) != n {
			return false
		}
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	alnum := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if (s[i] < '0' || s[i] > '9') && (s[i] < 'A' || s[i] > 'Z') {
				return false
			}
		}
		return true
	}
	switch level {
	case LevelLand:
		return strings.HasPrefix(code, "NL") && digits(code[2:], 2)
	case LevelGemeente:
		return strings.HasPrefix(code, "GM") && digits(code[2:], 4)
	case LevelWijk: // since 2022 Amsterdam numbers wijken with letters: WK0363AF
		return len(code) == 8 && strings.HasPrefix(code, "WK") && digits(code[2:6], 4) && alnum(code[6:])
	case LevelBuurt: // BU0363AF01
		return len(code) == 10 && strings.HasPrefix(code, "BU") && digits(code[2:6], 4) && alnum(code[6:])
	case LevelGGDRegio:
		return strings.HasPrefix(code, "GG") && digits(code[2:], 4)
	case LevelProvincie:
		return strings.HasPrefix(code, "PV") && digits(code[2:], 2)
	}
	return false
}

// ExpectedCode says what a code of the level looks like, for messages.
func ExpectedCode(level string) string { return codeExpect[level] }

var codeExpect = map[string]string{
	LevelLand: "NL + 2 digits", LevelGemeente: "GM + 4 digits", LevelWijk: "WK + 4-digit gemeente number + 2 digits or capitals",
	LevelBuurt: "BU + 4-digit gemeente number + 4 digits or capitals", LevelGGDRegio: "GG + 4 digits", LevelProvincie: "PV + 2 digits",
}

// GemeenteOf returns the gemeente code a gemeente, wijk or buurt code lies in.
func GemeenteOf(code, level string) string {
	switch level {
	case LevelGemeente:
		return code
	case LevelWijk, LevelBuurt:
		return "GM" + code[2:6]
	}
	return ""
}

// IsStatLineKey reports whether col is a StatLine column key: a CamelCase
// name and a number (Roker_11).
func IsStatLineKey(col string) bool { return reStatLineKey.MatchString(col) }

// IndicatorKey turns a StatLine column key into a catalogue key: the numeric
// suffix goes and CamelCase becomes snake_case ("Roker_11" -> "roker",
// "HeelVeelStressInAfgelopen4Weken_26" -> "heel_veel_stress_in_afgelopen_4_weken").
func IndicatorKey(statlineKey string) string {
	s := statlineKey
	if m := reStatLineKey.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	var b strings.Builder
	isUpper := func(c byte) bool { return c >= 'A' && c <= 'Z' }
	isLower := func(c byte) bool { return c >= 'a' && c <= 'z' }
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i > 0 {
			p := s[i-1]
			switch {
			case isUpper(c) && (isLower(p) || isDigit(p)):
				b.WriteByte('_')
			case isUpper(c) && isUpper(p) && i+1 < len(s) && isLower(s[i+1]):
				b.WriteByte('_')
			case isDigit(c) && !isDigit(p):
				b.WriteByte('_')
			}
		}
		if isUpper(c) {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// ParseDecimal parses a StatLine number: optional minus, digits, optional
// point and digits. No exponents, no thousands separators, no comma.
func ParseDecimal(s string) (float64, bool) {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == start {
		return 0, false
	}
	if i < len(s) && s[i] == '.' {
		i++
		frac := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == frac {
			return 0, false
		}
	}
	if i != len(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

type rowKey struct {
	code   string
	period int
	age    string
}

func parse50090(ctx context.Context, name string, t Table) (*Dataset, error) {
	hdr := t.Header()
	idx, probs := headerIndex(name, t)
	for _, c := range cols50090 {
		if _, ok := idx[c]; !ok {
			e := &ParseError{File: name, Err: ErrMissingColumn,
				Msg: fmt.Sprintf("header has no column %q; expected the StatLine 50090NED columns %s followed by indicator columns such as Roker_11",
					c, strings.Join(cols50090, ", "))}
			t.Locate(e, 1, 0)
			e.Column, e.Cell = 0, ""
			probs.Add(e)
		}
	}
	if err := probs.Err(name); err != nil {
		return nil, err
	}
	d := &Dataset{Source: "50090NED", Division: division50090}
	gemeenten := LoadReference().Gemeenten(d.Division)
	type indCol struct {
		col int
		ind uint16
	}
	var inds []indCol
	for i, h := range hdr {
		if slices.Contains(cols50090, h) {
			continue
		}
		if !IsStatLineKey(h) {
			e := &ParseError{File: name, Field: h, Err: ErrInvalidValue,
				Msg: fmt.Sprintf("column %q is not a StatLine indicator key; expected a name like Roker_11", h)}
			t.Locate(e, 1, i)
			probs.Add(e)
			continue
		}
		key := IndicatorKey(h)
		if j := slices.Index(d.Indicators, key); j >= 0 {
			e := &ParseError{File: name, Field: h, Err: ErrDuplicateKey,
				Msg: fmt.Sprintf("column %q is indicator %s again (column %d); expected each indicator once", h, key, inds[j].col+1)}
			t.Locate(e, 1, i)
			probs.Add(e)
			continue
		}
		inds = append(inds, indCol{i, uint16(len(d.Indicators))})
		d.Indicators = append(d.Indicators, key)
	}
	if len(inds) == 0 {
		probs.Add(&ParseError{File: name, Line: 1, Err: ErrMissingColumn,
			Msg: "header has no indicator columns; expected columns such as Roker_11 after the key columns"})
	}
	if err := probs.Err(name); err != nil {
		return nil, err
	}
	iAge, iMarges, iCode, iPeriod, iSoort, iCodering :=
		idx["Leeftijd"], idx["Marges"], idx["WijkenEnBuurten"], idx["Perioden"], idx["SoortRegio_2"], idx["Codering_3"]

	bad := func(line, col int, msg string) {
		e := &ParseError{File: name, Field: hdr[col], Err: ErrInvalidValue, Msg: msg}
		t.Locate(e, line, col)
		probs.Add(e)
	}
	seen := map[rowKey]int{}
	// Interned age group strings: there are only a handful.
	ages := map[string]string{}
	d.Cells = make([]Cell, 0, 1<<10)
	if err := EachRecord(ctx, name, t, &probs, func(rec []string, line int) {
		code := strings.TrimSpace(rec[iCode])
		soort := strings.TrimSpace(rec[iSoort])
		level, ok := SoortRegio(soort)
		if !ok {
			bad(line, iSoort, fmt.Sprintf("region kind %q unknown; expected Land, Gemeente, Wijk or Buurt", soort))
			return
		}
		if !RegionCodeOK(code, level) {
			bad(line, iCode, fmt.Sprintf("region code %q is not a CBS %s code; expected %s", code, level, ExpectedCode(level)))
			return
		}
		if g := GemeenteOf(code, level); g != "" && gemeenten[g] == "" {
			bad(line, iCode, fmt.Sprintf("region code %q: gemeente %s does not exist in the municipal division of %d; expected a code of that division (50090NED is published in it)", code, g, d.Division))
			return
		}
		if c3 := strings.TrimSpace(rec[iCodering]); c3 != code {
			bad(line, iCodering, fmt.Sprintf("Codering_3 %q differs from WijkenEnBuurten %q; expected the same code", c3, code))
			return
		}
		pm := rePeriod.FindStringSubmatch(strings.TrimSpace(rec[iPeriod]))
		if pm == nil {
			bad(line, iPeriod, fmt.Sprintf("period %q; expected a StatLine year code like 2020JJ00", strings.TrimSpace(rec[iPeriod])))
			return
		}
		period, _ := strconv.Atoi(pm[1])
		if period < 1900 || period > 2100 {
			bad(line, iPeriod, fmt.Sprintf("period %d; expected an edition year from 1900 to 2100", period))
			return
		}
		ageRaw := strings.TrimSpace(rec[iAge])
		if !reAgeGroup.MatchString(ageRaw) {
			bad(line, iAge, fmt.Sprintf("age group %q; expected a 5-digit StatLine Leeftijd code like 20300", ageRaw))
			return
		}
		age, ok := ages[ageRaw]
		if !ok {
			age = strings.Clone(ageRaw)
			ages[age] = age
		}
		if m := strings.TrimSpace(rec[iMarges]); m != "MW00000" {
			bad(line, iMarges, fmt.Sprintf("Marges %q; expected MW00000 (waarde): files with confidence bounds are not supported yet", m))
			return
		}
		key := rowKey{code, period, age}
		if first, dup := seen[key]; dup {
			e := &ParseError{File: name, Err: ErrDuplicateKey,
				Msg: fmt.Sprintf("second row for region %s, period %d, age group %s (first on line %d); expected one row per region, period and age group", code, period, age, first)}
			t.Locate(e, line, iCode)
			probs.Add(e)
			return
		}
		code = strings.Clone(code) // rec may be reused
		seen[key] = line
		row := int32(len(d.Rows))
		d.Rows = append(d.Rows, SourceRow{RegionCode: code, RegionLevel: level, Period: period, AgeGroup: age, Line: line})
		for _, ic := range inds {
			raw := strings.TrimSpace(rec[ic.col])
			switch raw {
			case "":
				continue // not measured in this edition
			case ".":
				d.Cells = append(d.Cells, Cell{Row: row, Indicator: ic.ind, Suppressed: true})
				continue
			}
			v, ok := ParseDecimal(raw)
			if !ok {
				bad(line, ic.col, fmt.Sprintf("value %q is not a number; expected a decimal with a point (76.1), \".\" for suppressed, or empty", raw))
				continue
			}
			if v < 0 || v > 100 {
				bad(line, ic.col, fmt.Sprintf("value %s is outside 0-100; expected a percentage", raw))
				continue
			}
			d.Cells = append(d.Cells, Cell{Row: row, Indicator: ic.ind, Value: v + 0}) // + 0: no negative zero
		}
	}); err != nil {
		return nil, err
	}
	if err := probs.Err(name); err != nil {
		return nil, err
	}
	if len(d.Rows) == 0 {
		return nil, &ParseError{File: name, Line: 2, Err: ErrMalformed, Msg: "no data rows after the header; expected at least one region"}
	}
	if len(d.Cells) == 0 {
		// Loading it would empty every slice it covers.
		return nil, &ParseError{File: name, Line: 2, Err: ErrMalformed,
			Msg: "no values: every indicator cell is empty; expected at least one value or \".\""}
	}
	return d, nil
}
