-- Writes the reference rows lpa ships into store.ggd_exception (Arrow view
-- lpa_ingest_reference).
INSERT INTO store.ggd_exception (division, gemeente_code, ggd_region_code, note)
SELECT division, gemeente_code, ggd_region_code, note FROM lpa_ingest_reference
