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

var reStatLineKey = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9]*)_[0-9]+$`)

var rePeriod = regexp.MustCompile(`^([0-9]{4})JJ00$`)

// StatLineYear reads a StatLine period code of a year (2020JJ00).
func StatLineYear(code string) (int, bool) {
	m := rePeriod.FindStringSubmatch(code)
	if m == nil {
		return 0, false
	}
	y, _ := strconv.Atoi(m[1])
	return y, true
}

// reAgeGroup is a StatLine Leeftijd code.
var reAgeGroup = regexp.MustCompile(`^[0-9]{5}$`)

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

// parse50090 reads RIVM StatLine 50090NED (UntypedDataSet): the key columns
// cols50090, then one column per indicator (Roker_11); one row per region,
// period and age group.
func parse50090(ctx context.Context, name string, t Table) (*Parsed, error) {
	r, err := newReader50090(name, t)
	if err != nil {
		return nil, err
	}
	if err := EachRecord(ctx, name, t, &r.probs, r.row); err != nil {
		return nil, err
	}
	if err := r.probs.Err(name); err != nil {
		return nil, err
	}
	d := r.d
	if len(d.Rows) == 0 {
		return nil, &ParseError{File: name, Line: 2, Err: ErrMalformed, Msg: "no data rows after the header; expected at least one region"}
	}
	if len(d.Cells) == 0 {
		// Loading it would empty every slice it covers.
		return nil, &ParseError{File: name, Line: 2, Err: ErrMalformed,
			Msg: "no values: every indicator cell is empty; expected at least one value or \".\""}
	}
	return &Parsed{Kind: KindStatLine50090, Dataset: d}, nil
}

// reader50090 reads the rows of a 50090NED file into d.
type reader50090 struct {
	name  string
	t     Table
	hdr   []string
	probs Problems
	d     *Dataset
	inds  []IndicatorColumn // Key indexes d.Indicators in order
	// The key columns.
	iAge, iMarges, iCode, iPeriod, iSoort, iCodering int
	gemeenten                                        map[string]string // of the division
	seen                                             map[rowKey]int    // line of each key
	ages                                             map[string]string // interned age groups: there are only a handful
}

// newReader50090 checks the header: the key columns and at least one
// indicator column, each once.
func newReader50090(name string, t Table) (*reader50090, error) {
	idx, err := RequireColumns(name, t, cols50090,
		"expected the StatLine 50090NED columns "+strings.Join(cols50090, ", ")+" followed by indicator columns such as Roker_11")
	if err != nil {
		return nil, err
	}
	r := &reader50090{name: name, t: t, hdr: t.Header(), d: &Dataset{Source: "50090NED", Division: division50090},
		seen: map[rowKey]int{}, ages: map[string]string{}}
	r.inds = IndicatorColumns(name, t, &r.probs,
		func(_ int, h string) bool { return slices.Contains(cols50090, h) },
		func(h string) (string, string) {
			if !IsStatLineKey(h) {
				return "", fmt.Sprintf("column %q is not a StatLine indicator key; expected a name like Roker_11", h)
			}
			return IndicatorKey(h), ""
		})
	for _, c := range r.inds {
		r.d.Indicators = append(r.d.Indicators, c.Key)
	}
	if len(r.inds) == 0 {
		r.probs.Add(&ParseError{File: name, Line: 1, Err: ErrMissingColumn,
			Msg: "header has no indicator columns; expected columns such as Roker_11 after the key columns"})
	}
	if err := r.probs.Err(name); err != nil {
		return nil, err
	}
	r.iAge, r.iMarges, r.iCode, r.iPeriod, r.iSoort, r.iCodering =
		idx["Leeftijd"], idx["Marges"], idx["WijkenEnBuurten"], idx["Perioden"], idx["SoortRegio_2"], idx["Codering_3"]
	r.gemeenten = LoadReference().Gemeenten(r.d.Division)
	r.d.Cells = make([]Cell, 0, 1<<10)
	return r, nil
}

func (r *reader50090) bad(line, col int, msg string) {
	e := &ParseError{File: r.name, Field: r.hdr[col], Err: ErrInvalidValue, Msg: msg}
	r.t.Locate(e, line, col)
	r.probs.Add(e)
}

// row reads one data line: its key, then its values.
func (r *reader50090) row(rec []string, line int) {
	key, level, ok := r.key(rec, line)
	if !ok {
		return
	}
	if first, dup := r.seen[key]; dup {
		e := &ParseError{File: r.name, Err: ErrDuplicateKey,
			Msg: fmt.Sprintf("second row for region %s, period %d, age group %s (first on line %d); expected one row per region, period and age group", key.code, key.period, key.age, first)}
		r.t.Locate(e, line, r.iCode)
		r.probs.Add(e)
		return
	}
	key.code = strings.Clone(key.code) // rec may be reused
	r.seen[key] = line
	row := int32(len(r.d.Rows))
	r.d.Rows = append(r.d.Rows, SourceRow{RegionCode: key.code, RegionLevel: level, Period: key.period, AgeGroup: key.age, Line: line})
	for i, ic := range r.inds {
		raw := strings.TrimSpace(rec[ic.Col])
		switch raw {
		case "":
			continue // not measured in this edition
		case ".":
			r.d.Cells = append(r.d.Cells, Cell{Row: row, Indicator: uint16(i), Suppressed: true})
			continue
		}
		v, ok := ParseDecimal(raw)
		if !ok {
			r.bad(line, ic.Col, fmt.Sprintf("value %q is not a number; expected a decimal with a point (76.1), \".\" for suppressed, or empty", raw))
			continue
		}
		if v < 0 || v > 100 {
			r.bad(line, ic.Col, fmt.Sprintf("value %s is outside 0-100; expected a percentage", raw))
			continue
		}
		r.d.Cells = append(r.d.Cells, Cell{Row: row, Indicator: uint16(i), Value: v + 0}) // + 0: no negative zero
	}
}

// key reads and checks the key columns of a data line.
func (r *reader50090) key(rec []string, line int) (rowKey, string, bool) {
	code := strings.TrimSpace(rec[r.iCode])
	soort := strings.TrimSpace(rec[r.iSoort])
	level, ok := SoortRegio(soort)
	if !ok {
		r.bad(line, r.iSoort, fmt.Sprintf("region kind %q unknown; expected Land, Gemeente, Wijk or Buurt", soort))
		return rowKey{}, "", false
	}
	if !RegionCodeOK(code, level) {
		r.bad(line, r.iCode, fmt.Sprintf("region code %q is not a CBS %s code; expected %s", code, level, ExpectedCode(level)))
		return rowKey{}, "", false
	}
	if g := GemeenteOf(code, level); g != "" && r.gemeenten[g] == "" {
		r.bad(line, r.iCode, fmt.Sprintf("region code %q: gemeente %s does not exist in the municipal division of %d; expected a code of that division (50090NED is published in it)", code, g, r.d.Division))
		return rowKey{}, "", false
	}
	if c3 := strings.TrimSpace(rec[r.iCodering]); c3 != code {
		r.bad(line, r.iCodering, fmt.Sprintf("Codering_3 %q differs from WijkenEnBuurten %q; expected the same code", c3, code))
		return rowKey{}, "", false
	}
	period, ok := StatLineYear(strings.TrimSpace(rec[r.iPeriod]))
	if !ok {
		r.bad(line, r.iPeriod, fmt.Sprintf("period %q; expected a StatLine year code like 2020JJ00", strings.TrimSpace(rec[r.iPeriod])))
		return rowKey{}, "", false
	}
	if period < 1900 || period > 2100 {
		r.bad(line, r.iPeriod, fmt.Sprintf("period %d; expected an edition year from 1900 to 2100", period))
		return rowKey{}, "", false
	}
	ageRaw := strings.TrimSpace(rec[r.iAge])
	if !reAgeGroup.MatchString(ageRaw) {
		r.bad(line, r.iAge, fmt.Sprintf("age group %q; expected a 5-digit StatLine Leeftijd code like 20300", ageRaw))
		return rowKey{}, "", false
	}
	age, ok := r.ages[ageRaw]
	if !ok {
		age = strings.Clone(ageRaw)
		r.ages[age] = age
	}
	if m := strings.TrimSpace(rec[r.iMarges]); m != "MW00000" {
		r.bad(line, r.iMarges, fmt.Sprintf("Marges %q; expected MW00000 (waarde): files with confidence bounds are not supported yet", m))
		return rowKey{}, "", false
	}
	return rowKey{code, period, age}, level, true
}
