-- The loads whose rows an accord's entry and members hold. Parameter: the
-- accord id (twice).
SELECT load_id FROM store.accord WHERE accord_id = ?
UNION
SELECT load_id FROM store.accord_member WHERE accord_id = ?
ORDER BY 1
