package store

import "strings"

// The queries of the Parquet lake (lpa export --parquet). They run on the
// guarded read path like any user's query; the lake puts the view's name
// and its partition columns, quoted as identifiers, into the text. Both
// come from the warehouse's own list of public views and lpa's list of
// partition columns, never from a user.

// ViewColumnsSQL is the query of no rows whose result has the columns of
// the public view name.
func ViewColumnsSQL(name string) string {
	return withView(stmt("query/lake_columns.sql"), name)
}

// LakePartitionsSQL is the query of the partitions of view by the columns
// keys (none: the whole view is one): the key values, the rows and the
// checksum of their content.
func LakePartitionsSQL(view string, keys []string) string {
	q := withView(stmt("query/lake_partitions.sql"), view)
	if len(keys) == 0 {
		return strings.Replace(q, `"partition_columns", `, "", 1)
	}
	return strings.Replace(q, `"partition_columns"`, quoteIdents(keys), 1)
}

// LakeRowsSQL is the query of every row of view ordered by the columns
// keys, in the order of LakePartitionsSQL (no keys: ViewRowsSQL).
func LakeRowsSQL(view string, keys []string) string {
	if len(keys) == 0 {
		return ViewRowsSQL(view)
	}
	q := withView(stmt("query/lake_rows.sql"), view)
	return strings.Replace(q, `"partition_columns"`, quoteIdents(keys), 1)
}

func withView(q, name string) string {
	return strings.Replace(q, `"view_name"`, quoteIdent(name), 1)
}

func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

func quoteIdents(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quoteIdent(n)
	}
	return strings.Join(q, ", ")
}
