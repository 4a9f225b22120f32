-- The transaction every guarded statement runs in: DuckDB refuses any write.
BEGIN TRANSACTION READ ONLY
