package indicators

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

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

// ParseDecimalComma parses a number as Dutch exports write it: optional
// minus, digits, optionally a comma and digits ("21,5", "70").
func ParseDecimalComma(s string) (float64, bool) {
	if strings.Contains(s, ".") {
		return 0, false
	}
	return ParseDecimal(strings.Replace(s, ",", ".", 1))
}

// decimalExpect says what a number of a file should look like.
func decimalExpect(comma bool) string {
	if comma {
		return "a decimal with a comma as the rest of this file (21,5)"
	}
	return "a decimal with a point as the rest of this file (21.5)"
}

// NumberProblem explains why s is not a number of the file's style.
func NumberProblem(s string, comma bool) string {
	switch {
	case comma && strings.Contains(s, "."):
		return fmt.Sprintf("value %q has a decimal point; expected %s", s, decimalExpect(comma))
	case !comma && strings.Contains(s, ","):
		return fmt.Sprintf("value %q has a decimal comma; expected %s", s, decimalExpect(comma))
	}
	return fmt.Sprintf("value %q is not a number; expected %s", s, decimalExpect(comma))
}

// Percentage reads a value in 0-100 as a file writes its numbers (comma: a
// decimal comma). problem says what is wrong, "" when nothing is: a cell
// that is no number of the file's style gets NumberProblem and also, what
// else the cell may hold (", or empty for suppressed").
func Percentage(raw string, comma bool, also string) (v float64, problem string) {
	ok := false
	if comma {
		v, ok = ParseDecimalComma(raw)
	} else {
		v, ok = ParseDecimal(raw)
	}
	switch {
	case !ok:
		return 0, NumberProblem(raw, comma) + also
	case v < 0 || v > 100:
		return 0, fmt.Sprintf("value %s is outside 0-100; expected a percentage", raw)
	}
	return v, ""
}

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
