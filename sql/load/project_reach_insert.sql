-- Writes the staged template rows into store.project_reach. Parameter: load id.
INSERT INTO store.project_reach (accord_id, intervention_id, quarter, quarter_start, planned_participants, reached_participants, note, example_data, load_id)
SELECT accord_id, intervention_id, quarter, quarter_start, planned_participants, reached_participants, note, example_data, ? FROM lpa_template
