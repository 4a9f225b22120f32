-- The loads whose rows of store.project_reach the staged template holds the keys of
-- (accord_id, intervention_id, quarter).
SELECT DISTINCT t.load_id FROM store.project_reach t
WHERE EXISTS (SELECT 1 FROM lpa_template s WHERE t.accord_id = s.accord_id AND t.intervention_id = s.intervention_id AND t.quarter = s.quarter)
ORDER BY 1
