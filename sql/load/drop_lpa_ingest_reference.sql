-- Drops the Arrow view lpa_ingest_reference once its statement has read it: a view of a
-- Go-held stream must not outlive the load (DuckDB keeps it in the catalog).
DROP VIEW IF EXISTS lpa_ingest_reference
