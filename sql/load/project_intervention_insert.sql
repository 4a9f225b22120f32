-- Writes the staged template rows into store.project_intervention. Parameter: load id.
INSERT INTO store.project_intervention (accord_id, intervention_id, name, theme, loketgezondleven, target_group, status, note, example_data, load_id)
SELECT accord_id, intervention_id, name, theme, loketgezondleven, target_group, status, note, example_data, ? FROM lpa_template
