-- Writes an accord's goals (Arrow view lpa_ingest_goals). Parameters:
-- accord id, example data, load id.
INSERT INTO store.accord_goal (accord_id, goal_no, goal, theme, indicator, baseline_period, baseline_value,
    target_value, deadline, deadline_year, owner, example_data, load_id)
SELECT ?, goal_no, goal, theme, indicator, baseline_period, baseline_value,
       target_value, deadline, deadline_year, owner, ?, ?
FROM lpa_ingest_goals
