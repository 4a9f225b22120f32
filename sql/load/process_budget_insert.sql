-- Writes the staged template rows into store.process_budget. Parameter: load id.
INSERT INTO store.process_budget (accord_id, quarter, quarter_start, budget_line, planned_eur, spent_eur, note, example_data, load_id)
SELECT accord_id, quarter, quarter_start, budget_line, planned_eur, spent_eur, note, example_data, ? FROM lpa_template
