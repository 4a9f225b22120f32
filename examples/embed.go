// Package examples bundles the demo data that `lpa run` loads when it is
// given no paths: a slice of RIVM StatLine 50090NED (gemeenten and
// Nederland, 2012/2016/2020, 18+), the CBS region references of 2020 and
// 2023, and the registry of the 14 accords of RIVM's November 2020
// factsheet. Sources and licences: examples/README.md.
package examples

import "embed"

// FS holds data/* and accords/*.yaml, with those paths, and the example
// data of the VNG status and the process and project templates (status/,
// proces/, project/: invented, marked example_data; see examples/gen).
//
//go:embed data/*.csv accords/*.yaml status/*.csv proces/*.csv project/*.xlsx
var FS embed.FS
