//go:build !duckdb_arrow

package store

// lpa writes loads and answers --format arrow through the DuckDB driver's
// Arrow interface, which the driver compiles only with the build tag
// duckdb_arrow. Build, vet and test with: -tags duckdb_arrow
var _ = lpa_needs_build_tag_duckdb_arrow__use_go_build_tags_duckdb_arrow
