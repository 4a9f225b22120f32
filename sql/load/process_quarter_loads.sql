-- The loads whose rows of store.process_quarter the staged template holds the keys of
-- (accord_id, quarter).
SELECT DISTINCT t.load_id FROM store.process_quarter t
WHERE EXISTS (SELECT 1 FROM lpa_template s WHERE t.accord_id = s.accord_id AND t.quarter = s.quarter)
ORDER BY 1
