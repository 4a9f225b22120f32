-- Writes the cost categories lpa ships (Arrow view lpa_ingest_categories).
INSERT INTO store.care_cost_category (source_column, cost_category, label_nl, cost_family, family_label_nl, note)
SELECT source_column, cost_category, label_nl, cost_family, family_label_nl, note
FROM lpa_ingest_categories
