-- Writes the reference rows lpa ships into store.gemeente_division (Arrow view
-- lpa_ingest_reference).
INSERT INTO store.gemeente_division (division, gemeente_code, gemeente_name)
SELECT division, gemeente_code, gemeente_name FROM lpa_ingest_reference
