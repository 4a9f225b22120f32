package vektis_test

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"lpa/indicators"
	"lpa/indicators/indicatorstest"
	"lpa/indicators/sources"
)

// sampleVektisFirst is the first gemeente row of
// testdata/vektis_2011_gemeente_sample.csv (line 3 of the real 2011 file).
var sampleVektisFirst = indicators.CareCostRow{GemeenteCode: "GM1680", Sex: indicators.SexMale, AgeClass: "0 t/m 4 jaar", AgeFrom: 0,
	BSNCount: 552, InsuredYears: 504.91, Line: 3}

func TestParseVektisSample(t *testing.T) {
	p, err := sources.Parse(t.Context(), "vektis_2011_gemeente_sample.csv", indicatorstest.Testdata(t, "vektis_2011_gemeente_sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	c := p.CareCosts
	if p.Kind != indicators.KindVektisZvw || c == nil || p.Dataset != nil {
		t.Fatalf("kind %s, care costs %v", p.Kind, c != nil)
	}
	if c.Period != 2011 || c.Division != 2020 {
		t.Errorf("period %d, division %d; want 2011, 2020", c.Period, c.Division)
	}
	if len(c.Rows) != 115 || len(c.Columns) != 18 || len(c.Costs) != 115*18 || p.Rows() != 115*18 {
		t.Fatalf("%d rows, %d columns, %d costs; want 115, 18, 115*18", len(c.Rows), len(c.Columns), len(c.Costs))
	}
	rest := indicators.CareCostRow{Rest: true, AgeFrom: -1, BSNCount: 271167, InsuredYears: 170530.86, Line: 2}
	if diff := cmp.Diff(rest, c.Rows[0]); diff != "" {
		t.Errorf("rest row (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(sampleVektisFirst, c.Rows[1]); diff != "" {
		t.Errorf("first gemeente row (-want +got):\n%s", diff)
	}
	if got := c.Columns[0]; got != (indicators.CostColumn{Source: "KOSTEN_MEDISCH_SPECIALISTISCHE_ZORG", Category: "medisch_specialistische_zorg", Family: "medisch_specialistische_zorg"}) {
		t.Errorf("first cost column %+v", got)
	}
	if c.Cost(0, 0) != 45049552.97 || c.Cost(1, 0) != 526875.73 || c.Cost(1, 17) != 21.04 {
		t.Errorf("costs %v %v %v", c.Cost(0, 0), c.Cost(1, 0), c.Cost(1, 17))
	}
	codes := map[string]int{}
	for _, r := range c.Rows {
		codes[r.GemeenteCode]++
	}
	if diff := cmp.Diff(map[string]int{"": 1, "GM1680": 38, "GM0893": 38, "GM0518": 38}, codes); diff != "" {
		t.Errorf("rows per gemeente (-want +got):\n%s", diff)
	}

	// 2023: lower-case columns cut to 32 characters, the rest row last.
	p, err = sources.Parse(t.Context(), "vektis_2023_gemeente_sample.csv", indicatorstest.Testdata(t, "vektis_2023_gemeente_sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	c = p.CareCosts
	if c.Period != 2023 || len(c.Rows) != 77 || len(c.Columns) != 26 {
		t.Fatalf("period %d, %d rows, %d columns; want 2023, 77, 26", c.Period, len(c.Rows), len(c.Columns))
	}
	if last := c.Rows[len(c.Rows)-1]; !last.Rest || last.Line != 78 || last.GemeenteCode != "" {
		t.Errorf("last row %+v, want the rest category on line 78", last)
	}
	if got := c.Columns[0]; got.Source != "kosten_medisch_specialistische_z" || got.Category != "medisch_specialistische_zorg" {
		t.Errorf("first cost column %+v", got)
	}
	if r := c.Rows[0]; r.Sex != indicators.SexFemale || r.AgeClass != "5 t/m 9 jaar" || r.AgeFrom != 5 || r.GemeenteCode != "GM0307" {
		t.Errorf("first row %+v, want V 5 t/m 9 jaar Amersfoort", r)
	}
}

// vektisEdit returns the 2011 sample with line n (1-based) changed by fn,
// which gets the fields of that line.
func vektisEdit(t *testing.T, n int, fn func(f []string) []string) []byte {
	t.Helper()
	lines := strings.Split(string(indicatorstest.Testdata(t, "vektis_2011_gemeente_sample.csv")), "\n")
	lines[n-1] = strings.Join(fn(strings.Split(lines[n-1], ";")), ";")
	return []byte(strings.Join(lines, "\n"))
}

func vektisSet(i int, v string) func([]string) []string {
	return func(f []string) []string { f[i] = v; return f }
}

func TestParseVektisErrors(t *testing.T) {
	sample := indicatorstest.Testdata(t, "vektis_2011_gemeente_sample.csv")
	lines := strings.Split(string(sample), "\n")
	type want struct {
		line, col int
		field     string
		err       error
		msg       []string
	}
	tests := []struct {
		name string
		file string // default vektis_2011_gemeente.csv
		data []byte
		want []want
	}{
		{name: "sex X", data: vektisEdit(t, 3, vektisSet(0, "X")),
			want: []want{{3, 1, "GESLACHT", indicators.ErrInvalidValue, []string{`sex "X"; expected M or V`}}}},
		{name: "age class", data: vektisEdit(t, 4, vektisSet(1, "5 tot 9 jaar")),
			want: []want{{4, 2, "LEEFTIJDSKLASSE", indicators.ErrInvalidValue, []string{`age class "5 tot 9 jaar"; expected one of the 19 Vektis classes "0 t/m 4 jaar"`}}}},
		{name: "unknown gemeente", data: vektisEdit(t, 5, vektisSet(2, "HAREN")),
			want: []want{{5, 3, "GEMEENTENAAM", indicators.ErrInvalidValue, []string{`gemeente name "HAREN" is not in lpa's list`, "vektis_gemeenten.csv"}}}},
		{name: "latin-1 name", data: vektisEdit(t, 5, vektisSet(2, "AA EN H\xdcNZE")),
			want: []want{{5, 3, "GEMEENTENAAM", indicators.ErrInvalidValue, []string{`"AA EN H\xdcNZE" is not valid UTF-8`}}}},
		{name: "negative count", data: vektisEdit(t, 6, vektisSet(3, "-552")),
			want: []want{{6, 4, "AANTAL_BSN", indicators.ErrInvalidValue, []string{"count -552 is negative"}}}},
		{name: "count with decimals", data: vektisEdit(t, 6, vektisSet(3, "552.5")),
			want: []want{{6, 4, "AANTAL_BSN", indicators.ErrInvalidValue, []string{`count "552.5" is not a whole number`}}}},
		{name: "negative insured years", data: vektisEdit(t, 6, vektisSet(4, "-1.5")),
			want: []want{{6, 5, "AANTAL_VERZEKERDEJAREN", indicators.ErrInvalidValue, []string{"insured years -1.5 is negative"}}}},
		{name: "comma decimal", data: vektisEdit(t, 7, vektisSet(6, "35758,49")),
			want: []want{{7, 7, "KOSTEN_FARMACIE", indicators.ErrInvalidValue, []string{`cost "35758,49" is not a number; expected euros as a decimal with a point`}}}},
		{name: "empty cost", data: vektisEdit(t, 7, vektisSet(6, "")),
			want: []want{{7, 7, "KOSTEN_FARMACIE", indicators.ErrInvalidValue, []string{`cost "" is not a number`, "Vektis writes 0 for no costs"}}}},
		{name: "duplicate key", data: vektisEdit(t, 8, func([]string) []string { return strings.Split(lines[2], ";") }),
			want: []want{{8, 3, "", indicators.ErrDuplicateKey, []string{"second row for AA EN HUNZE (GM1680), sex M, age class 0 t/m 4 jaar (first on line 3)"}}}},
		{name: "second rest row", data: vektisEdit(t, 9, func(f []string) []string { f[0], f[1], f[2] = "", "", ""; return f }),
			want: []want{{9, 1, "", indicators.ErrDuplicateKey, []string{"second row without sex, age class and gemeente (first on line 2)"}}}},
		{name: "half a rest row", data: vektisEdit(t, 2, vektisSet(2, "AA EN HUNZE")),
			want: []want{{2, 0, "", indicators.ErrInvalidValue, []string{`geslacht "", leeftijdsklasse "" and gemeentenaam "AA EN HUNZE"; expected all three filled`}}}},
		{name: "unknown cost column", data: vektisEdit(t, 1, vektisSet(22, "KOSTEN_ZORGTOESLAG")),
			want: []want{{1, 23, "KOSTEN_ZORGTOESLAG", indicators.ErrInvalidValue, []string{`cost column "KOSTEN_ZORGTOESLAG" is not in lpa's list`, "vektis_categories.csv"}}}},
		{name: "not a Vektis column", data: vektisEdit(t, 1, vektisSet(22, "POSTCODE")),
			want: []want{{1, 23, "POSTCODE", indicators.ErrInvalidValue, []string{`column "POSTCODE" is not a Vektis column`}}}},
		{name: "one category twice", data: vektisEdit(t, 1, vektisSet(22, "kosten_medisch_specialistische_z")),
			want: []want{{1, 23, "kosten_medisch_specialistische_z", indicators.ErrDuplicateKey,
				[]string{"is cost category medisch_specialistische_zorg again (column 6"}}}},
		{name: "column twice in another case", data: vektisEdit(t, 1, vektisSet(22, "kosten_farmacie")),
			want: []want{{1, 23, "kosten_farmacie", indicators.ErrDuplicateKey, []string{`column "kosten_farmacie" occurs twice (also column 7)`}}}},
		{name: "missing column", data: []byte(strings.ReplaceAll(string(sample), "AANTAL_BSN", "AANTAL_PERSONEN")),
			want: []want{
				{1, 4, "AANTAL_PERSONEN", indicators.ErrInvalidValue, []string{`column "AANTAL_PERSONEN" is not a Vektis column`}},
				{1, 0, "", indicators.ErrMissingColumn, []string{`header has no column "AANTAL_BSN"`}},
			}},
		{name: "comma separator", data: []byte(strings.ReplaceAll(string(sample), ";", ",")),
			want: []want{{1, 0, "", indicators.ErrMalformed, []string{`fields are separated by ','; expected ";"`}}}},
		{name: "no year in the name", file: "zorgkosten_gemeente.csv", data: sample,
			want: []want{{0, 0, "", indicators.ErrInvalidValue, []string{"cannot tell the data year", "expected the data year in the file name"}}}},
		{name: "all problems of a file", data: vektisEdit(t, 10, func(f []string) []string { f[0], f[3] = "F", "-1"; return f }),
			want: []want{
				{10, 1, "GESLACHT", indicators.ErrInvalidValue, []string{`sex "F"`}},
				{10, 4, "AANTAL_BSN", indicators.ErrInvalidValue, []string{"count -1 is negative"}},
			}},
	}
	// Eemsdelta (2021) and Appingedam (merged into it) cannot share a division.
	mixed := []byte(strings.Replace(string(vektisEdit(t, 5, vektisSet(2, "EEMSDELTA"))), ";BERGEN LB;", ";APPINGEDAM;", 1))
	tests = append(tests, struct {
		name string
		file string
		data []byte
		want []want
	}{name: "codes of no single division", data: mixed, want: []want{{5, 0, "", indicators.ErrInvalidValue, []string{
		"fit no single municipal division 2020-2025", "the closest, 2020, lacks GM1979 EEMSDELTA (line 5)", "expected the gemeenten of one division"}}}})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.file
			if file == "" {
				file = "vektis_2011_gemeente.csv"
			}
			p, err := sources.Parse(t.Context(), file, tc.data)
			if err == nil {
				t.Fatalf("Parse accepted the file: %d rows", p.Rows())
			}
			indicatorstest.CheckParseErr(t, file, err)
			errs := indicatorstest.FlattenErrors(err)
			if len(errs) != len(tc.want) {
				t.Fatalf("%d problems, want %d:\n%v", len(errs), len(tc.want), err)
			}
			for i, w := range tc.want {
				var pe *indicators.ParseError
				errors.As(errs[i], &pe)
				if pe.Line != w.line || pe.Column != w.col || pe.Field != w.field || !errors.Is(pe, w.err) {
					t.Errorf("problem %d at line %d, column %d, field %q (%v); want %d, %d, %q (%v): %v",
						i, pe.Line, pe.Column, pe.Field, pe.Err, w.line, w.col, w.field, w.err, pe)
				}
				for _, m := range w.msg {
					if !strings.Contains(pe.Error(), m) {
						t.Errorf("problem %d lacks %q: %v", i, m, pe)
					}
				}
			}
		})
	}
}

// The division is the earliest in which every gemeente of the file exists.
func TestVektisDivision(t *testing.T) {
	tests := []struct {
		name   string // replaces S GRAVENHAGE on line 5
		want   int
		absent int
	}{
		{"S GRAVENHAGE", 2020, 355 - 3},
		{"APPINGEDAM", 2020, 355 - 4}, // merged into Eemsdelta in 2021
		{"EEMSDELTA", 2021, 352 - 4},
		{"DIJK EN WAARD", 2022, 345 - 4},
		{"VOORNE AAN ZEE", 2023, 342 - 4},
	}
	for _, tc := range tests {
		p, err := sources.Parse(t.Context(), "vektis_2011_gemeente.csv", vektisEdit(t, 5, vektisSet(2, tc.name)))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if c := p.CareCosts; c.Division != tc.want || len(c.Absent) != tc.absent {
			t.Errorf("with %s: division %d, %d gemeenten absent; want %d, %d", tc.name, c.Division, len(c.Absent), tc.want, tc.absent)
		}
	}
}

// vektisShared yields every real Vektis file by data year, or skips.
func vektisShared(t *testing.T) map[int]string {
	t.Helper()
	out := map[int]string{}
	for y := 2011; y <= 2023; y++ {
		out[y] = indicatorstest.SharedData(t, fmt.Sprintf("vektis_zvw_gemeente/vektis_%d_gemeente.csv.gz", y))
	}
	return out
}

// The 13 real files parse; rows, columns, gemeenten and divisions are what
// PROVENANCE.md and a plain read of the file say.
func TestParseVektisShared(t *testing.T) {
	files := vektisShared(t)
	wantRows := map[int]int{2011: 13475, 2012: 13476, 2013: 13478, 2014: 13479, 2015: 13482, 2016: 13479, 2017: 13482,
		2018: 13483, 2019: 13369, 2020: 13063, 2021: 13065, 2022: 12989, 2023: 12989}
	wantCols := map[int]int{2011: 23, 2012: 23, 2013: 24, 2014: 24, 2015: 27, 2016: 27, 2017: 27, 2018: 28, 2019: 28,
		2020: 29, 2021: 31, 2022: 31, 2023: 31}
	for y := 2011; y <= 2023; y++ {
		t.Run(strconv.Itoa(y), func(t *testing.T) {
			b, err := os.ReadFile(files[y])
			if err != nil {
				t.Fatal(err)
			}
			p, err := sources.Parse(t.Context(), files[y], b)
			if err != nil {
				t.Fatal(err)
			}
			c := p.CareCosts
			indicatorstest.CheckCareCosts(t, c)
			if c.Period != y || len(c.Rows) != wantRows[y] || len(c.Columns) != wantCols[y]-5 {
				t.Errorf("period %d, %d rows, %d cost columns; want %d, %d, %d", c.Period, len(c.Rows), len(c.Columns), y, wantRows[y], wantCols[y]-5)
			}
			gem := map[string]bool{}
			for _, r := range c.Rows {
				if !r.Rest {
					gem[r.GemeenteCode] = true
				}
			}
			var wantDiv, wantGem int
			var wantAbsent []string
			switch {
			case y <= 2018:
				wantDiv, wantGem = 2020, 355
			case y == 2019:
				wantDiv, wantGem = 2021, 352
			case y <= 2021: // after Weesp joined Amsterdam (24 March 2022)
				wantDiv, wantGem, wantAbsent = 2022, 344, []string{"GM0457"}
			default:
				wantDiv, wantGem = 2023, 342
			}
			if c.Division != wantDiv || len(gem) != wantGem {
				t.Errorf("division %d with %d gemeenten; want %d with %d", c.Division, len(gem), wantDiv, wantGem)
			}
			if diff := cmp.Diff(wantAbsent, c.Absent); diff != "" {
				t.Errorf("absent gemeenten (-want +got):\n%s", diff)
			}
			// Column sums by a plain read of the file, not the parser.
			want := plainColumnSums(t, b)
			for j, col := range c.Columns {
				var got float64
				for i := range c.Rows {
					got += c.Cost(i, j)
				}
				if math.Abs(got-want[strings.ToLower(col.Source)]) > 0.01 {
					t.Errorf("%s: sum %.2f, file %.2f", col.Source, got, want[strings.ToLower(col.Source)])
				}
			}
		})
	}
}

// plainColumnSums sums every numeric column of a gzipped Vektis file with
// encoding/csv and strconv, keyed by the lower-cased column name.
func plainColumnSums(t *testing.T, gz []byte) map[string]float64 {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(zr)
	r.Comma = ';'
	hdr, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	sums := map[string]float64{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		for i := 3; i < len(rec); i++ {
			v, err := strconv.ParseFloat(rec[i], 64)
			if err != nil {
				t.Fatal(err)
			}
			sums[strings.ToLower(hdr[i])] += v
		}
	}
	return sums
}

// FuzzParseVektis feeds arbitrary bytes to Parse as a Vektis file: a file
// that parses holds valid care costs, one that does not is refused with
// located ParseErrors.
func FuzzParseVektis(f *testing.F) {
	indicatorstest.FuzzSeeds(f, "../testdata/vektis_*.csv", "../../cmd/lpa/testdata/bad/vektis_*")
	const name = "vektis_2011_gemeente.csv"
	indicatorstest.FuzzParsed(f, name, func(t *testing.T, p *indicators.Parsed) {
		if p.CareCosts != nil {
			indicatorstest.CheckCareCosts(t, p.CareCosts)
			if p.CareCosts.Period != 2011 {
				t.Errorf("period %d, want 2011 from the name", p.CareCosts.Period)
			}
		}
	})
}
