-- No statement may change DuckDB's configuration from here on.
SET GLOBAL lock_configuration = true
