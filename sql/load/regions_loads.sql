-- The loads whose rows one kind of region file in one division holds.
-- Parameters: the kind of region file, the division.
SELECT DISTINCT load_id FROM store.region WHERE source = ? AND division = ? ORDER BY 1
