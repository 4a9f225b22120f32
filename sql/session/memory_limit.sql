-- DuckDB's memory limit as it states it, e.g. '6.0 GiB'.
SELECT current_setting('memory_limit')
