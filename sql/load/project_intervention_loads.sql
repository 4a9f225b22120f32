-- The loads whose rows of store.project_intervention the staged template holds the keys of
-- (accord_id, intervention_id).
SELECT DISTINCT t.load_id FROM store.project_intervention t
WHERE EXISTS (SELECT 1 FROM lpa_template s WHERE t.accord_id = s.accord_id AND t.intervention_id = s.intervention_id)
ORDER BY 1
