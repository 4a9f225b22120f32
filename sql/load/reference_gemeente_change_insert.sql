-- Writes the reference rows lpa ships into store.gemeente_change (Arrow view
-- lpa_ingest_reference).
INSERT INTO store.gemeente_change (effective_date, old_code, old_name, new_code, new_name, kind, note, share)
SELECT effective_date, old_code, old_name, new_code, new_name, kind, note, share FROM lpa_ingest_reference
