-- Stages a template table's rows (Arrow view lpa_ingest_template): three
-- statements read them.
CREATE OR REPLACE TEMP TABLE lpa_template AS SELECT * FROM lpa_ingest_template
