package indicators

import (
	"strconv"
	"strings"
	"testing"
)

// FuzzParseDecimal: what ParseDecimal accepts is a plain decimal that
// formats and parses back to the same number.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"76.1", "0", "-2.5", "100", "12,3", "1e5", ".5", "5.", " 5", "+5", "0x10", "Inf", "NaN", "1_000", "-0", "007"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := ParseDecimal(s)
		if !ok {
			return
		}
		if strings.Trim(s, "-0123456789.") != "" {
			t.Errorf("ParseDecimal(%q) accepted characters other than -, digits and a point", s)
		}
		formatted := strconv.FormatFloat(v, 'f', -1, 64)
		back, ok := ParseDecimal(formatted)
		if !ok || back != v {
			t.Errorf("ParseDecimal(%q) = %v; formatted %q parses back to %v, %v", s, v, formatted, back, ok)
		}
	})
}

func TestParseDecimal(t *testing.T) {
	accept := []struct {
		in   string
		want float64
	}{
		{"76.1", 76.1}, {"0", 0}, {"-2.5", -2.5}, {"100", 100}, {"0.0", 0}, {"15.0", 15}, {"007", 7},
	}
	for _, tc := range accept {
		got, ok := ParseDecimal(tc.in)
		if !ok || got != tc.want {
			t.Errorf("ParseDecimal(%q) = %v, %v; want %v, true", tc.in, got, ok, tc.want)
		}
	}
	refuse := []string{
		"12,3", "12,3,4", "1e5", "1E5", ".5", "5.", " 5", "5 ", "+5", "0x10", "Inf", "-Inf", "NaN", "1_000",
		"", "-", "--1", "1.2.3", "1,000", ".", "١٢", "５",
	}
	for _, in := range refuse {
		if got, ok := ParseDecimal(in); ok {
			t.Errorf("ParseDecimal(%q) = %v, true; want refused", in, got)
		}
	}
}
