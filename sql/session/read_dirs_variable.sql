-- The folders DuckDB's own readers may open (tests only), as a variable that
-- session/read_dirs.sql reads. Parameter: the folders, each ending in a separator.
SET VARIABLE lpa_read_dirs = ?::VARCHAR[]
