package sources_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"lpa/indicators"
	"lpa/indicators/indicatorstest"
	"lpa/indicators/sources"
)

// Problems carry the file, the line and a sentinel callers branch on.
func TestParseErrors(t *testing.T) {
	sample := string(indicatorstest.Testdata(t, "50090NED_sample.csv"))
	tests := []struct {
		name, file, data string
		want             []problem
	}{
		{"value with comma", "f.csv", strings.Replace(sample, "    80.5", `"    80,5"`, 1),
			[]problem{{File: "f.csv", Line: 3, Column: 9, Err: indicators.ErrInvalidValue}}},
		{"every bad cell is reported", "f.csv", strings.NewReplacer("    80.5", "   180.5", "    47.3", "     1e5").Replace(sample),
			[]problem{{File: "f.csv", Line: 3, Column: 9, Err: indicators.ErrInvalidValue}, {File: "f.csv", Line: 3, Column: 10, Err: indicators.ErrInvalidValue}}},
		{"duplicate key", "f.csv", sample + strings.Split(sample, "\n")[2] + "\n",
			[]problem{{File: "f.csv", Line: 5, Column: 4, Err: indicators.ErrDuplicateKey}}},
		{"missing column", "f.csv", strings.Replace(sample, "Marges", "Marge", 1),
			[]problem{{File: "f.csv", Line: 1, Err: indicators.ErrMissingColumn}}},
		{"header only", "f.csv", strings.Split(sample, "\n")[0] + "\n",
			[]problem{{File: "f.csv", Line: 2, Err: indicators.ErrMalformed}}},
		{"unknown kind", "f.csv", "Gemeentecode,Naam,Indicator,Percentage\nGM0518,Den Haag,Overgewicht,47.5\n",
			[]problem{{File: "f.csv", Line: 1, Err: indicators.ErrUnknownKind}}},
		{"broken quote", "f.csv", strings.Replace(sample, "    80.5", `"    80.5`, 1),
			// The quote opens on line 3; encoding/csv notices on line 4. The
			// message names line 3, where the row starts, and says it runs on.
			[]problem{{File: "f.csv", Line: 3, Column: 0, Err: indicators.ErrMalformed}}},
		{"empty", "f.csv", "", []problem{{File: "f.csv", Line: 1, Err: indicators.ErrMalformed}}},
		{"a document", "notes.md", "# notes\n", []problem{{File: "notes.md", Line: 1, Err: indicators.ErrUnknownKind}}},
		{"an OpenDocument workbook", "budget.ods", "PK\x03\x04", []problem{{File: "budget.ods", Line: 1, Err: indicators.ErrUnknownKind}}},
		{"yaml empty", "x.yaml", "", []problem{{File: "x.yaml", Line: 1, Err: indicators.ErrMalformed}}},
		{"yaml id differs from file name", "x.yaml", "id: y\nname: Y\nkind: lokaal\nsigned: 2020\ndivision: 2020\nmembers: [GM0363]\n",
			[]problem{{File: "x.yaml", Line: 1, Err: indicators.ErrInvalidValue}}},
		{"yaml key missing", "x.yaml", "id: x\nname: X\nkind: lokaal\nsigned: 2020\ndivision: 2020\n",
			[]problem{{File: "x.yaml", Line: 1, Err: indicators.ErrMissingColumn}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sources.Parse(t.Context(), tc.file, []byte(tc.data))
			if err == nil {
				t.Fatal("Parse accepted the file")
			}
			var got []problem
			for _, e := range indicatorstest.FlattenErrors(err) {
				var pe *indicators.ParseError
				if !errors.As(e, &pe) {
					t.Fatalf("problem %v (%T) is not a *ParseError", e, e)
				}
				got = append(got, problem{File: pe.File, Line: pe.Line, Column: pe.Column, Cell: pe.Cell, Err: pe.Err})
				if pe.Msg == "" || !strings.Contains(pe.Msg, "expected") {
					t.Errorf("message %q does not say what was expected", pe.Msg)
				}
			}
			if diff := cmp.Diff(tc.want, got, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
				t.Errorf("problems (-want +got):\n%s\nerror: %v", diff, err)
			}
		})
	}
}

// problem is the part of a *ParseError a test compares; it is no error
// itself, so cmp compares its Err (a sentinel) by identity.
type problem struct {
	File         string
	Line, Column int
	Cell         string
	Err          error
}
