package indicators

import (
	"fmt"
	"slices"
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
	HasCI      bool  // Lo and Hi hold the 95 % interval
	Line       int32 // the cell's line in the source file; 0: its row's line
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

// DatasetBuilder assembles a Dataset row by row, one row per region,
// period, age group and sex (what every parser but 50090NED's uses).
type DatasetBuilder struct {
	ds   *Dataset
	inds map[string]uint16
	rows map[builderKey]int32
	line int // of the last Row call: the line the next cells stand on
}

// builderKey is what one SourceRow stands for.
type builderKey struct {
	code   string
	period int
	age    string
	sex    string
}

// NewDatasetBuilder starts a dataset of the source, on the municipal
// division (0 when it is not known yet: see Dataset).
func NewDatasetBuilder(source string, division int) *DatasetBuilder {
	return &DatasetBuilder{ds: &Dataset{Source: source, Division: division}, inds: map[string]uint16{}, rows: map[builderKey]int32{}}
}

// Dataset is the dataset being built.
func (b *DatasetBuilder) Dataset() *Dataset { return b.ds }

// RowOf returns the row of a region, period, age group and sex, if there is one.
func (b *DatasetBuilder) RowOf(code string, period int, age, sex string) (int32, bool) {
	r, ok := b.rows[builderKey{code, period, age, sex}]
	return r, ok
}

// Indicator returns the index of key, adding it when new.
func (b *DatasetBuilder) Indicator(key string) uint16 {
	if i, ok := b.inds[key]; ok {
		return i
	}
	i := uint16(len(b.ds.Indicators))
	b.inds[key] = i
	b.ds.Indicators = append(b.ds.Indicators, key)
	return i
}

// Row returns the Row of a region, period, age group and sex, adding it
// (on line) when new. The cells added after it stand on line (a file in
// long form has a row's cells on several lines).
func (b *DatasetBuilder) Row(code, level string, period int, age, sex string, line int) int32 {
	b.line = line
	k := builderKey{code, period, age, sex}
	if r, ok := b.rows[k]; ok {
		return r
	}
	r := int32(len(b.ds.Rows))
	b.rows[k] = r
	b.ds.Rows = append(b.ds.Rows, SourceRow{RegionCode: code, RegionLevel: level, Period: period, AgeGroup: age, Sex: sex, Line: line})
	return r
}

// Value adds the value v of indicator ind to row.
func (b *DatasetBuilder) Value(row int32, ind uint16, v float64) {
	b.ds.Cells = append(b.ds.Cells, Cell{Row: row, Indicator: ind, Value: v + 0, Line: int32(b.line)})
}

// Add adds a cell as it is.
func (b *DatasetBuilder) Add(c Cell) {
	if c.Line == 0 {
		c.Line = int32(b.line)
	}
	b.ds.Cells = append(b.ds.Cells, c)
}

// Suppressed adds a suppressed cell of indicator ind to row.
func (b *DatasetBuilder) Suppressed(row int32, ind uint16) {
	b.ds.Cells = append(b.ds.Cells, Cell{Row: row, Indicator: ind, Suppressed: true, Line: int32(b.line)})
}

// Done checks that the dataset holds something: an empty one would empty
// the slices it covers.
func (b *DatasetBuilder) Done(name string) (*Dataset, error) {
	if len(b.ds.Cells) == 0 {
		return nil, &ParseError{File: name, Line: 2, Err: ErrMalformed, Msg: "no data rows after the header; expected at least one region with values"}
	}
	return b.ds, nil
}
