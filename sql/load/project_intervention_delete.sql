-- Deletes the rows of store.project_intervention whose keys (accord_id, intervention_id) the staged template holds.
DELETE FROM store.project_intervention t
WHERE EXISTS (SELECT 1 FROM lpa_template s WHERE t.accord_id = s.accord_id AND t.intervention_id = s.intervention_id)
