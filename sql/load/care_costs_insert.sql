-- Writes a Vektis file: its costs (Arrow view lpa_ingest_care_costs), joined
-- to its rows (lpa_ingest_care_rows) and cost columns (lpa_ingest_care_columns).
-- Parameters: data year, division, load id.
INSERT INTO store.care_cost (period, division, gemeente_code, sex, age_class, age_from, rest_category,
    bsn_count, insured_years, cost_category, cost_family, source_column, cost_eur, load_id)
SELECT ?::INTEGER, ?::INTEGER, r.gemeente_code, r.sex, r.age_class, r.age_from, r.rest_category,
       r.bsn_count, r.insured_years, k.cost_category, k.cost_family, k.source_column, c.cost_eur, ?::INTEGER
FROM lpa_ingest_care_costs c
JOIN lpa_ingest_care_rows r USING (row_idx)
JOIN lpa_ingest_care_columns k USING (col_idx)
