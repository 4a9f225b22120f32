-- Writes the reference rows lpa ships into store.reference_goal (Arrow view
-- lpa_ingest_reference).
INSERT INTO store.reference_goal (goal_set, indicator, target_value, deadline_year, label_nl, source)
SELECT goal_set, indicator, target_value, deadline_year, label_nl, source FROM lpa_ingest_reference
