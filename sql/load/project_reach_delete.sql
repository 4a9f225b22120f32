-- Deletes the rows of store.project_reach whose keys (accord_id, intervention_id, quarter) the staged template holds.
DELETE FROM store.project_reach t
WHERE EXISTS (SELECT 1 FROM lpa_template s WHERE t.accord_id = s.accord_id AND t.intervention_id = s.intervention_id AND t.quarter = s.quarter)
