package reports

import (
	"math"
	"testing"
	"time"

	"lpa/indicators"
)

func TestFormatPercent(t *testing.T) {
	tests := []struct {
		name string
		in   indicators.Value
		want string
	}{
		{"measured", measured(17.9), "17,9 %"},
		{"rounds half up", measured(17.85), "17,9 %"},
		{"one decimal always", measured(20), "20,0 %"},
		{"zero", measured(0), "0,0 %"},
		{"hundred", measured(100), "100,0 %"},
		{"suppressed never a number", suppressed(42.4242), "onderdrukt"},
		{"incomplete never a number", incomplete(33.3333), "onvolledig"},
		{"no status", indicators.Value{V: 12}, "–"},
		{"measured NaN", measured(math.NaN()), "–"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := FormatPercent(tc.in); got != tc.want {
				t.Errorf("FormatPercent(%+v) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		x    float64
		dec  int
		want string
	}{
		{651157, 0, "651.157"},
		{1234.5, 1, "1.234,5"},
		{1234567.891, 2, "1.234.567,89"},
		{999.96, 1, "1.000,0"},
		{12, 0, "12"},
		{100, 0, "100"},
		{1000, 0, "1.000"},
		{0, 1, "0,0"},
		{-1234.5, 1, "-1.234,5"},
		{-0.04, 1, "0,0"},
		{2.5, 1, "2,5"},
		{17.9, -1, "18"},
		{math.NaN(), 1, "–"},
		{math.Inf(1), 0, "–"},
	}
	for _, tc := range tests {
		if got := FormatNumber(tc.x, tc.dec); got != tc.want {
			t.Errorf("FormatNumber(%v, %d) = %q, want %q", tc.x, tc.dec, got, tc.want)
		}
	}
}

func TestFormatDate(t *testing.T) {
	tests := []struct {
		name string
		in   time.Time
		want string
	}{
		{"utc midday", time.Date(2020, 11, 1, 12, 0, 0, 0, time.UTC), "1 november 2020"},
		{"utc evening is next day in Amsterdam (CET)", time.Date(2020, 10, 31, 23, 30, 0, 0, time.UTC), "1 november 2020"},
		{"summer time (CEST, +02:00)", time.Date(2021, 6, 30, 22, 15, 0, 0, time.UTC), "1 juli 2021"},
		{"new year", time.Date(2022, 12, 31, 23, 0, 0, 0, time.UTC), "1 januari 2023"},
		{"other zone", time.Date(2020, 3, 5, 8, 0, 0, 0, time.FixedZone("EST", -5*3600)), "5 maart 2020"},
		{"single digit day", time.Date(2024, 5, 9, 9, 0, 0, 0, time.UTC), "9 mei 2024"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := FormatDate(tc.in); got != tc.want {
				t.Errorf("FormatDate(%v) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
