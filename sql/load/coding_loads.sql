-- The loads whose rows an accord's coding holds. Parameter: the accord id.
SELECT load_id FROM store.accord_coding WHERE accord_id = $1
UNION
SELECT load_id FROM store.accord_coding_item WHERE accord_id = $1
UNION
SELECT load_id FROM store.accord_party WHERE accord_id = $1
UNION
SELECT load_id FROM store.accord_goal WHERE accord_id = $1
ORDER BY 1
