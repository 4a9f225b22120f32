-- DuckDB reads and writes no file outside the warehouse from here on (an
-- instance that opened with file access on: tests that read source files).
SET GLOBAL enable_external_access = false
