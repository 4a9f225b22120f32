-- Folders DuckDB's own readers may open although file access is off (tests
-- only): those of session/read_dirs_variable.sql.
SET GLOBAL allowed_directories = getvariable('lpa_read_dirs')
