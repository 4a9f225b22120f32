// Package sql holds lpa's SQL as files: the warehouse schema, applied in
// order as numbered migrations (schema/NNN_*.sql), and one statement per
// metric (metrics/<slug>.sql). It has no logic; pipeline/store is its only
// importer, as sqlfiles.
package sql

import "embed"

// FS holds schema/*.sql and metrics/*.sql.
//
//go:embed schema/*.sql metrics/*.sql
var FS embed.FS
