package store

import (
	"strconv"
	"strings"
)

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
// keys: the key values, the partition's key for LakePartitionSQL, its rows
// and the checksum of their content. With no keys: the rows and the
// checksum of the whole view.
func LakePartitionsSQL(view string, keys []string) string {
	if len(keys) == 0 {
		return withView(stmt("query/lake_view_sum.sql"), view)
	}
	q := withView(stmt("query/lake_partitions.sql"), view)
	return strings.ReplaceAll(q, `"partition_columns"`, quoteIdents(keys))
}

// LakePartitionSQL is the query of the rows of the partition of view whose
// columns keys hash to key (no keys: every row of the view). One partition
// at a time: the guarded read path holds a whole result in memory.
func LakePartitionSQL(view string, keys []string, key uint64) string {
	if len(keys) == 0 {
		return ViewRowsSQL(view)
	}
	q := withView(stmt("query/lake_partition_rows.sql"), view)
	q = strings.Replace(q, `"partition_columns"`, quoteIdents(keys), 1)
	return strings.Replace(q, `"lake_key"`, strconv.FormatUint(key, 10), 1)
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
