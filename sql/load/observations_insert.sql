-- Writes a dataset's cells. The cells travel as compact (row, indicator,
-- value) triples in the Arrow views lpa_ingest_cells, lpa_ingest_rows and
-- lpa_ingest_indicators (kind 'i': indicator names, 'n': notes) and are
-- joined here. Parameters: source, division, load id.
WITH lookup AS MATERIALIZED (SELECT * FROM lpa_ingest_indicators), -- an Arrow view is read once
inds AS (SELECT idx, text FROM lookup WHERE kind = 'i'),
notes AS (SELECT idx, text FROM lookup WHERE kind = 'n' AND idx > 0)
INSERT INTO store.observation (source, division, region_code, region_level, period, age_group, indicator,
    value, status, load_id, ci_lower, ci_upper, sex, significance, source_line)
SELECT ?::VARCHAR, ?::INTEGER, r.region_code, r.region_level, r.period, r.age_group, i.text,
       c.value, CASE WHEN c.value IS NULL THEN 'suppressed' ELSE 'measured' END, ?::INTEGER,
       c.ci_lower, c.ci_upper, r.sex, n.text, nullif(c.line, 0)
FROM lpa_ingest_cells c
JOIN lpa_ingest_rows r USING (row_idx)
JOIN inds i ON i.idx = c.ind_idx
LEFT JOIN notes n ON n.idx = c.note_idx
-- Stored in key order: DuckDB's zone maps then skip the row groups of other
-- regions, so a lookup of one region's values reads a row group, not the table.
ORDER BY r.region_code, i.text, r.period, r.age_group, r.sex
