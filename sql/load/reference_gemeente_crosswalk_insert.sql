-- Writes the reference rows lpa ships into store.gemeente_crosswalk (Arrow view
-- lpa_ingest_reference).
INSERT INTO store.gemeente_crosswalk (from_division, from_code, to_division, to_code, share)
SELECT from_division, from_code, to_division, to_code, share FROM lpa_ingest_reference
