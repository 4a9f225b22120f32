-- Writes the reference rows lpa ships into store.indicator_catalogue (Arrow view
-- lpa_ingest_reference).
INSERT INTO store.indicator_catalogue (indicator, label_nl, unit, theme, direction, triple_aim, npa_core, sort_order, note)
SELECT indicator, label_nl, unit, theme, direction, triple_aim, npa_core, sort_order, note FROM lpa_ingest_reference
