-- Deletes the rows of store.process_budget whose keys (accord_id, quarter) the staged template holds.
DELETE FROM store.process_budget t
WHERE EXISTS (SELECT 1 FROM lpa_template s WHERE t.accord_id = s.accord_id AND t.quarter = s.quarter)
