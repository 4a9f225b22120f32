package store

import (
	"io/fs"
	"strings"
	"sync"

	sqlfiles "lpa/sql"
)

// statements are the embedded SQL files (sql/…), read once.
var statements = sync.OnceValue(func() map[string]string {
	out := map[string]string{}
	err := fs.WalkDir(sqlfiles.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".sql") {
			return err
		}
		b, err := sqlfiles.FS.ReadFile(p)
		out[p] = string(b)
		return err
	})
	if err != nil {
		panic(err) // the embedded files are part of the binary
	}
	return out
})

// stmt returns the statement in sql/<name>, e.g. "load/slice_count.sql".
// A name without a file is a programmer error (TestStatementsUsed finds it
// before anyone runs it).
func stmt(name string) string {
	q, ok := statements()[name]
	if !ok {
		panic("store: no embedded SQL file sql/" + name)
	}
	return q
}

// TablesSQL is the query behind the SQL prompt's .tables: the warehouse's
// public views and tables.
func TablesSQL() string { return stmt("query/tables.sql") }

// SchemaSQL is the query behind the SQL prompt's .schema: the columns of
// the warehouse's public views and tables.
func SchemaSQL() string { return stmt("query/schema.sql") }

// CatalogSQL is the query behind Flight SQL's catalog calls: the catalog,
// schema, name and type of every public view and table.
func CatalogSQL() string { return stmt("query/flight_tables.sql") }

// ResultSchemaSQL wraps the query q (one SELECT-like statement) so that it
// gives its result's columns and no rows: q takes the place of the line
// of query/result_schema.sql marked lpa:statement.
func ResultSchemaSQL(q string) string {
	lines := strings.Split(stmt("query/result_schema.sql"), "\n")
	for i, l := range lines {
		if strings.HasSuffix(l, "-- lpa:statement") {
			lines[i] = q
		}
	}
	return strings.Join(lines, "\n")
}
