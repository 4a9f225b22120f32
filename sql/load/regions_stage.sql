-- Stages the regions of the Arrow view lpa_ingest_regions: two statements read
-- them (an Arrow view is read once).
CREATE OR REPLACE TEMP TABLE lpa_regions AS SELECT * FROM lpa_ingest_regions
