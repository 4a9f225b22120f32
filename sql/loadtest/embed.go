// Package loadtest holds the queries scripts/loadtest sends to lpa serve:
// aggregate_*.sql, the aggregates an analyst's dashboard runs, and the
// point lookups (point_*.sql) with the queries that find their keys. They
// are kept apart from the package sql, whose files the program runs.
package loadtest

import "embed"

// FS holds the .sql files of this folder.
//
//go:embed *.sql
var FS embed.FS
