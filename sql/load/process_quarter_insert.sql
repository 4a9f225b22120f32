-- Writes the staged template rows into store.process_quarter. Parameter: load id.
INSERT INTO store.process_quarter (accord_id, quarter, quarter_start, parties_active, steering_meetings, working_group_meetings, residents_involved, note, example_data, load_id)
SELECT accord_id, quarter, quarter_start, parties_active, steering_meetings, working_group_meetings, residents_involved, note, example_data, ? FROM lpa_template
