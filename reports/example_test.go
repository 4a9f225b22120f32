package reports_test

import (
	"fmt"
	"time"

	"lpa/indicators"
	"lpa/reports"
)

func ExampleFormatPercent() {
	fmt.Println(reports.FormatPercent(indicators.Value{V: 17.94, Status: indicators.Measured}))
	fmt.Println(reports.FormatPercent(indicators.Value{V: 42, Status: indicators.Suppressed}))
	fmt.Println(reports.FormatPercent(indicators.Value{Status: indicators.Incomplete}))
	// Output:
	// 17,9 %
	// onderdrukt
	// onvolledig
}

func ExampleFormatNumber() {
	fmt.Println(reports.FormatNumber(651157, 0))
	fmt.Println(reports.FormatNumber(1234.56, 1))
	// Output:
	// 651.157
	// 1.234,6
}

func ExampleFormatDate() {
	// Late on 31 October in UTC is already 1 November in Amsterdam.
	fmt.Println(reports.FormatDate(time.Date(2020, 10, 31, 23, 30, 0, 0, time.UTC)))
	// Output: 1 november 2020
}
