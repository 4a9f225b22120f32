// Package sql holds lpa's SQL as files, one statement each, so that every
// statement can be read, diffed and run in the duckdb CLI:
//
//	schema/NNN_*.sql   migrations of the warehouse, applied in order
//	metrics/<slug>.sql one query per metric (golden-tested in testdata/)
//	compute/           keeping a round's metrics
//	load/              writing loads
//	query/             what lpa reads back (reports, rounds, the registry)
//	migrate/, session/ the migration log and the settings of a session
//
// Each file starts with a comment: what it does, its parameters, its
// columns. The package has no logic; pipeline/store is its only importer,
// as sqlfiles.
package sql

import "embed"

// FS holds every .sql file of the folders above.
//
//go:embed schema/*.sql metrics/*.sql compute/*.sql load/*.sql query/*.sql migrate/*.sql session/*.sql
var FS embed.FS
