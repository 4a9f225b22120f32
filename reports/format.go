package reports

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"lpa/indicators"
)

// Words shown instead of a number.
const (
	textSuppressed = "onderdrukt"
	textIncomplete = "onvolledig"
	textNoValue    = "–" // en dash: no value and no status known
)

// FormatPercent formats a percentage the Dutch way, with one decimal, a
// decimal comma and a space before the sign: "17,9 %". A suppressed value is
// "onderdrukt" and an incomplete one "onvolledig", never a number. A value
// without a known status, or a measured NaN, is an en dash.
func FormatPercent(v indicators.Value) string {
	switch v.Status {
	case indicators.Measured:
		if math.IsNaN(v.V) || math.IsInf(v.V, 0) {
			return textNoValue
		}
		return FormatNumber(v.V, 1) + " %"
	case indicators.Suppressed:
		return textSuppressed
	case indicators.Incomplete:
		return textIncomplete
	default:
		return textNoValue
	}
}

// FormatNumber formats x with the given number of decimals, a decimal comma
// and "." between thousands: FormatNumber(651157, 0) is "651.157" and
// FormatNumber(1234.5, 1) is "1.234,5". Negative decimals count as zero. A
// value that rounds to zero has no minus sign; NaN and infinities are an en
// dash.
func FormatNumber(x float64, decimals int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return textNoValue
	}
	decimals = max(decimals, 0)
	s := strconv.FormatFloat(math.Abs(x), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")

	var b strings.Builder
	if x < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

var dutchMonths = [...]string{
	"januari", "februari", "maart", "april", "mei", "juni",
	"juli", "augustus", "september", "oktober", "november", "december",
}

// FormatDate formats the calendar day of t in Europe/Amsterdam time, in
// Dutch: "1 november 2020".
func FormatDate(t time.Time) string {
	t = t.In(indicators.Amsterdam)
	return fmt.Sprintf("%d %s %d", t.Day(), dutchMonths[t.Month()-1], t.Year())
}
