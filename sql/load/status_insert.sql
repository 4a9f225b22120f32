-- Writes VNG status rows (Arrow view lpa_ingest_status). Parameter: load id.
INSERT INTO store.accord_status (peildatum, gemeente_code, division, status, example_data, load_id)
SELECT peildatum, gemeente_code, division, status, example_data, ? FROM lpa_ingest_status
