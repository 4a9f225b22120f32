-- The loads whose rows a data year of care costs holds. Parameter: the year.
SELECT DISTINCT load_id FROM store.care_cost WHERE period = ? ORDER BY 1
